"""axe-core, in a real browser, on every kind of public page in both languages: no violation."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page

from conferences.models import ActionItem, Conference, Country, Document, Organization, Person, Plan, Speech, Theme

pytestmark = pytest.mark.browser


def page_types() -> list[str]:
    """One address of each kind of public page, with the states a reader meets on lists and search."""
    with translation.override("en"):
        records = [model.objects.published().order_by("pk").first().get_absolute_url()
                   for model in (Conference, Speech, ActionItem, Document, Plan, Person, Organization, Country, Theme)]
        lists = [reverse(f"conferences:{name}_list") for name in (
            "conference", "speech", "actionitem", "document", "plan", "person", "organization", "country", "theme")]
        return [
            "/", *lists, *records,
            reverse("conferences:actionitem_list") + "?country=uzbekistan&overdue=1",  # chips, a filtered list
            reverse("conferences:actionitem_list") + "?status=nope",  # a filter's error
            reverse("conferences:search") + "?q=border",
            reverse("conferences:search") + "?q=Kyrgystan",  # nothing found, a suggestion
            reverse("conferences:data"),
            "/api/v1/docs/",
            "/no-such-page/",
        ]


@pytest.mark.parametrize("width", [1366, 390])
def test_no_public_page_has_an_accessibility_violation(page: Page, live_server, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    axe, found = Axe(), {}
    for address in page_types():
        for prefix in ("", "/ru"):
            page.goto(live_server.url + prefix + address)
            violations = axe.run(page).response["violations"]
            if violations:
                found[prefix + address] = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in violations]
    assert found == {}


def test_no_public_page_scrolls_sideways_on_a_phone(page: Page, live_server, demo):
    page.set_viewport_size({"width": 320, "height": 640})  # the narrowest phones still in use
    wider = {}
    for address in [*page_types(), reverse("conferences:search") + "?q=" + "x" * 300]:
        for prefix in ("", "/ru"):
            page.goto(live_server.url + prefix + address)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wider[prefix + address[:60]] = width
    assert wider == {}


def test_on_a_phone_each_section_reached_with_tab_shows_clear_of_the_fading_edges(page: Page, live_server, demo):
    """The sections scroll sideways in one line whose edges fade: a keyboard user sees the focus ring of
    each section they reach, and a voice-control user says the language link's visible "RU"."""
    page.set_viewport_size({"width": 390, "height": 844})
    fade, fade_before = 40, 12  # 2.5rem at the end, 0.75rem at the start
    for prefix in ("/ru", ""):
        page.goto(f"{live_server.url}{prefix}/action-items/")
        other = "EN" if prefix else "RU"
        assert other in page.locator(".languages").get_by_role("link", name=other).inner_text()
        page.locator(".languages a").focus()  # the last tab stop before the sections
        sections = page.locator(".site-nav a").count()
        for _ in range(sections):
            page.keyboard.press("Tab")
            gaps = page.evaluate("""() => {
                const link = document.activeElement, line = link.closest('.site-nav ul');
                const a = link.getBoundingClientRect(), b = line.getBoundingClientRect();
                return [a.left - b.left, b.right - a.right,
                        line.hasAttribute('data-more-before'), line.hasAttribute('data-more-after')];
            }""")
            before, after, faded_before, faded_after = gaps
            assert before >= (fade_before if faded_before else 0) - 1, gaps
            assert after >= (fade if faded_after else 0) - 1, gaps


def test_links_that_lead_to_different_places_have_different_names(page: Page, live_server, demo):
    """A screen reader's list of links, or a voice command, tells "See them as a list", "Download CSV" or
    "Open at undocs.org" of one section or language version from another's."""
    with translation.override("en"):
        addresses = [model.objects.published().order_by("pk").first().get_absolute_url()
                     for model in (Conference, Document, Plan, Organization, Country, Theme)]
    same = {}
    for address in addresses:
        for prefix in ("", "/ru"):
            page.goto(live_server.url + prefix + address)
            names = {}
            for name, url in re.findall(r'link "((?:[^"\\]|\\.)*)".*\n\s+- /url: (\S+)',
                                        page.locator("main").aria_snapshot()):
                names.setdefault(name, set()).add(url)
            same.update({(prefix + address, name): urls for name, urls in names.items() if len(urls) > 1})
    assert same == {}


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two colours given as CSS rgb() or rgba() values."""
    def luminance(colour: str) -> float:
        channels = [int(part) / 255 for part in re.findall(r"\d+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_links_look_like_links_and_are_big_enough_to_tap(page: Page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/ru/")
    label = page.locator(".status-chart__label").first
    assert "underline" in label.evaluate("e => getComputedStyle(e).textDecorationLine")
    for count in page.locator(".country-progress .number a").all():
        assert count.bounding_box()["height"] >= 24 and count.bounding_box()["width"] >= 24
    with translation.override("en"):
        speech = ActionItem.objects.published().filter(speech__isnull=False).first().speech.get_absolute_url()
    page.goto(live_server.url + speech)
    underline = page.locator(".commitment a").first.evaluate("e => getComputedStyle(e).textDecorationColor")
    assert contrast(underline, "rgb(255, 255, 255)") >= 3
