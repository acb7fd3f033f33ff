"""The Content-Security-Policy blocks nothing the site needs: its pages and the admin look and work as before."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from conferences.models import Speech

pytestmark = pytest.mark.browser


def policy_reports(page: Page) -> list[str]:
    """What the browser reports blocking under the policy, from now on."""
    reports = []
    page.on("console", lambda message: reports.append(message.text)
            if "Content Security Policy" in message.text else None)
    return reports


def test_pages_and_the_admin_work_and_nothing_is_blocked(page: Page, live_server, demo):
    reports = policy_reports(page)
    speech = Speech.objects.get(slug="opening-remarks-vladimir-voronkov-2022")
    for path in ["/", speech.get_absolute_url()]:
        assert page.goto(live_server.url + path).status == 200
    expect(page.locator(".speech__body")).to_be_visible()

    # The site's script: on a wide screen the filters are open and their heading is no tab stop...
    page.goto(live_server.url + "/action-items/")
    filters = page.locator("details.filters")
    expect(filters.locator("summary")).to_have_attribute("tabindex", "-1")
    # ...on a narrow one they start folded, and empty fields are left out of the address.
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("() => !document.querySelector('details.filters').open")
    filters.locator("summary").click()
    page.get_by_label("Status").select_option("in_progress")  # by value: the label carries its count
    page.get_by_role("button", name="Show the results").click()
    expect(page).to_have_url(re.compile(r"/action-items/\?status=in_progress(&sort=[a-z]+)?$"))
    expect(page.locator(".progress").first).to_be_visible()

    # The admin's scripts: the speech's change form and its speaker's autocomplete.
    get_user_model().objects.create_superuser("chief", "chief@example.org", "a-long-test-password")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/conferences/speech/{speech.pk}/change/")
    page.locator("#select2-id_speaker-container").click()
    page.locator(".select2-dropdown .select2-search__field").fill("Voronkov")
    expect(page.locator(".select2-results__option")).to_have_text(["Vladimir Voronkov"])

    assert reports == []

    # The policy is in force: a script written into the page is refused, and reported.
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text, timeout=5_000):
        ran = page.evaluate("""() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
            return window.injected === true;
        }""")
    assert not ran
