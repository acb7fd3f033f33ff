"""An editor imports a speech in the admin, corrects the preview and keeps two proposals; a
publisher publishes it."""

import pytest
from playwright.sync_api import expect

from conferences.models import ActionItem, Speech

from ..test_imports import SPEECH
from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_editor_imports_reviews_and_a_publisher_publishes(browser, live_server, demo):
    editor = sign_in(browser, live_server, "dilnoza", "Editors")
    editor.goto(live_server.url + "/admin/conferences/speech/")
    editor.get_by_role("link", name="Import speech").click()
    editor.get_by_label("Or paste the text:").fill(SPEECH)
    editor.get_by_role("button", name="Preview").click()
    expect(editor.get_by_role("heading", name="Preview: nothing is saved yet")).to_be_visible()
    expect(editor.locator(".import-proposals li")).to_have_count(5)
    # The speaker is chosen among the people on the site by typing part of the name.
    editor.locator(".form-row").filter(has_text="Speaker:").locator(".select2-selection").click()
    editor.locator(".select2-search__field").fill("Voronkov")
    editor.locator(".select2-results__option").filter(has_text="Vladimir Voronkov").click()
    # Two proposals dropped in the preview never become drafts.
    boxes = editor.locator(".import-proposals input[type=checkbox]")
    boxes.nth(3).uncheck()
    boxes.nth(4).uncheck()
    editor.get_by_role("button", name="Import as drafts").click()
    expect(editor.locator(".messagelist")).to_contain_text("Imported as a draft, with 3 proposed action items")

    # Keep the first two proposals, delete the third.
    rows = editor.locator("#action_items-group tr.form-row.has_original")
    expect(rows).to_have_count(3)
    rows.nth(2).locator("input[name$='-DELETE']").check()
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    speech = Speech.objects.get(title_en="Keynote address")
    assert speech.speaker.slug == "vladimir-voronkov"
    assert [item.title for item in speech.action_items.order_by("pk")] == [
        "Train border officers in risk analysis", "Shared register of lost passports"]

    publisher = sign_in(browser, live_server, "rustam", "Publishers")
    for model, name in [("conference", speech.conference.title[:40]), ("speech", "Keynote address")]:
        publisher.goto(f"{live_server.url}/admin/conferences/{model}/?is_published__exact=0")
        publisher.locator("#result_list tbody tr").filter(has_text=name).locator("input.action-select").check()
        publisher.get_by_role("combobox", name="Action:").select_option("publish")
        publisher.get_by_role("button", name="Go").click()
        expect(publisher.locator(".messagelist")).to_contain_text("1 item published.")
    publisher.goto(f"{live_server.url}/admin/conferences/actionitem/?status__exact=proposed&is_published__exact=0")
    for item in speech.action_items.all():
        publisher.locator("#result_list tbody tr").filter(has_text=item.title).locator("input.action-select").check()
    publisher.get_by_role("combobox", name="Action:").select_option("publish")
    publisher.get_by_role("button", name="Go").click()
    expect(publisher.locator(".messagelist")).to_contain_text("2 items published.")

    reader = browser.new_context().new_page()
    reader.goto(live_server.url + speech.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text("Keynote address")
    expect(reader.locator(".commitments li")).to_have_count(2)
    expect(reader.locator("mark.commitment")).to_have_count(2)
    assert ActionItem.objects.published().filter(speech=speech).count() == 2
