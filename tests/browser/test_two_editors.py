"""Two staff members edit the same speech at once, in two real browser sessions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from conferences.models import Speech

pytestmark = pytest.mark.browser


def signed_in(browser, live_server, username) -> Page:
    user = get_user_model().objects.create_user(username, password="a-long-password", is_staff=True,
                                                first_name=username.capitalize())
    user.groups.add(Group.objects.get(name="Editors"))
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Site administration").or_(page.get_by_role("heading", name="Content"))).to_be_visible()
    return page


def test_the_second_save_is_refused_and_keeps_the_typed_text(browser, live_server, demo):
    speech = Speech.objects.get(slug="opening-remarks-vladimir-voronkov-2022")
    url = f"{live_server.url}/admin/conferences/speech/{speech.pk}/change/"
    first, second = signed_in(browser, live_server, "aigerim"), signed_in(browser, live_server, "timur")
    first.goto(url)
    second.goto(url)

    first.get_by_label("Title [en]:").fill("Opening statement")
    first.get_by_role("button", name="Save", exact=True).click()
    expect(first.locator(".messagelist")).to_contain_text("was changed successfully")

    second.get_by_label("Speaker's role [en]:").fill("Under-Secretary-General (typed by Timur)")
    second.get_by_role("button", name="Save", exact=True).click()
    expect(second.locator(".edit-conflict")).to_contain_text("Aigerim saved this speech on")
    expect(second.locator(".edit-conflict table")).to_contain_text("Opening statement")
    expect(second.get_by_label("Speaker's role [en]:")).to_have_value("Under-Secretary-General (typed by Timur)")
    expect(second.get_by_label("Title [en]:")).to_have_value("Opening statement")  # their change, taken in
    speech.refresh_from_db()
    assert (speech.title, speech.speaker_role) == (
        "Opening statement", "Under-Secretary-General, United Nations Office of Counter-Terrorism")

    second.goto(url)  # reload: the form now shows Aigerim's title
    expect(second.get_by_label("Title [en]:")).to_have_value("Opening statement")
    second.get_by_label("Speaker's role [en]:").fill("Under-Secretary-General (typed by Timur)")
    second.get_by_role("button", name="Save", exact=True).click()
    expect(second.locator(".messagelist")).to_contain_text("was changed successfully")
    speech.refresh_from_db()
    assert (speech.title, speech.speaker_role) == ("Opening statement", "Under-Secretary-General (typed by Timur)")
