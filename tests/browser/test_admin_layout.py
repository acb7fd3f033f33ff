"""The admin's change forms fit a laptop's screen and read on a phone, in both languages."""

import pytest
from django.urls import reverse

from conferences.models import ActionItem, Conference

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_change_forms_fit_the_screen_and_keep_a_fields_two_languages_together(browser, live_server, demo):
    page = sign_in(browser, live_server, "aigerim", "Publishers")
    conference = max(Conference.objects.all(), key=lambda conference: conference.speeches.count())
    item = ActionItem.objects.order_by("pk").first()
    for prefix in ("", "/ru"):
        # A conference with its speeches inline: the inline may scroll in its box, the page may not.
        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto(live_server.url + prefix + reverse("admin:conferences_conference_change", args=[conference.pk]))
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366, prefix
        # On a phone a title's English and Russian boxes stack one under the other, with no gap between.
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(live_server.url + prefix + reverse("admin:conferences_actionitem_change", args=[item.pk]))
        gap = page.evaluate("document.querySelector('#id_title_ru').getBoundingClientRect().top"
                            " - document.querySelector('#id_title_en').getBoundingClientRect().bottom")
        assert 0 < gap < 100, (prefix, gap)
        # A conference's agenda, stacked: no field runs past the right edge of its session's box.
        page.goto(live_server.url + prefix + reverse("admin:conferences_conference_change", args=[conference.pk]))
        cut = page.evaluate("Array.from(document.querySelectorAll('.inline-related:not(.empty-form) .form-row'))"
                            ".filter(row => row.scrollWidth > row.clientWidth).map(row => row.className)")
        assert cut == [], (prefix, cut)


def test_every_column_of_a_change_list_shows_on_a_laptop_screen_in_both_languages(browser, live_server, demo):
    # Beside the menu and the filters; Russian words are the longest.
    page = sign_in(browser, live_server, "aigerim", "Publishers")
    page.set_viewport_size({"width": 1280, "height": 800})
    for prefix in ("", "/ru"):
        for model in ("actionitem", "actionitemupdate", "conference", "document", "organization", "plan", "session",
                      "speech"):
            page.goto(live_server.url + prefix + reverse(f"admin:conferences_{model}_changelist"))
            hidden = page.evaluate("(() => { const box = document.querySelector('#changelist .results');"
                                   " return box.scrollWidth - box.clientWidth; })()")
            assert hidden <= 0, (prefix, model, hidden)
