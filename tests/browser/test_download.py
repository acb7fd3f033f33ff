"""A reader filters a list and downloads exactly what is on screen."""

import csv
import io

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_filtered_list_downloads_as_the_same_rows(page: Page, live_server, demo):
    page.goto(live_server.url + "/action-items/")
    page.get_by_label("Status").select_option("in_progress")  # by value: the label carries its count
    page.get_by_label("Country").select_option("tajikistan")
    page.get_by_role("button", name="Apply").click()
    on_screen = page.locator(".rows .row__title").all_inner_texts()
    assert on_screen  # the demo has some

    link = page.get_by_role("link", name=f"Download CSV ({len(on_screen)} rows)")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.startswith("action-items-")
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [row["Title"] for row in rows] == on_screen
    assert {row["Status"] for row in rows} == {"In progress"}
    assert all("Tajikistan" in row["Countries"].split("; ") for row in rows)
    expect(page.locator(".results-count")).to_have_text(f"{len(on_screen)} action items")
