"""Real-browser tests: Playwright drives Chromium from Debian's packages against a live server."""

import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from conferences.roles import create_groups

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# tests themselves are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            "The browser tests need Chromium: install Debian's chromium package "
            "(apt install chromium) or set CHROMIUM_PATH to a Chromium binary.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    # A live server needs committed data, so these tests empty the tables afterwards, the
    # editorial groups that a migration wrote included: write them again first.
    create_groups(apps)
    call_command("load_demo", verbosity=0)


@pytest.fixture
def screenshot_dir() -> Path:
    """Where screenshots go: test-results/ normally, docs/ with `make screenshots`."""
    path = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "test-results"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sign_in(browser, live_server, username: str, group: str):
    """A new browser session of a staff member of `group`, signed in to the admin."""
    from playwright.sync_api import expect

    user = get_user_model().objects.create_user(username, password="a-long-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))).to_be_visible()
    return page
