"""A reader who reads Russian: switches language on a speech, searches in Russian and downloads
a list whose titles are Russian."""

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SPEECH = "/speeches/opening-remarks-vladimir-voronkov-2022/"


def test_a_reader_switches_to_russian_searches_and_downloads(page: Page, live_server, demo):
    page.goto(live_server.url + SPEECH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Opening remarks")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(live_server.url + "/ru" + SPEECH)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text("Вступительное слово")
    expect(page.get_by_role("navigation", name="Язык").get_by_role("link", name="English")).to_have_attribute(
        "href", SPEECH)

    search = page.get_by_role("search")
    search.get_by_role("searchbox").fill("границ")
    search.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/ru/search/\?q="))
    found = "Содействие государствам-членам в обеспечении безопасности границ и управлении ими"
    expect(page.get_by_role("link", name=found)).to_be_visible()

    page.goto(live_server.url + "/ru/action-items/")
    on_screen = page.locator(".rows .row__title").all_inner_texts()
    link = page.locator("a.download").first
    with page.expect_download() as download_info:
        link.click()
    data = download_info.value.path().read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row["Title"] for row in rows][: len(on_screen)] == on_screen
    assert all(re.search("[А-Яа-я]", row["Title"]) for row in rows)  # the headers stay English, the titles Russian
