"""The complete download: every public table, a data package that describes them exactly and validates,
the licence and a readme; built once per content version and served with an ETag."""

import csv
import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_http_date
from frictionless import validate

from conferences import caching, open_data
from conferences.exports import EXPORTS, LINK_EXPORTS
from conferences.models import ActionItem, OpenDataArchive

from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    ConferenceFactory,
    CountryFactory,
    DocumentFactory,
    DocumentVersionFactory,
    PlanFactory,
    SessionFactory,
    SpeechFactory,
    ThemeFactory,
)
from .pages import links as page_links

pytestmark = pytest.mark.django_db
ZIP = "/data/jpoa-open-data.zip"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def download(client, address=ZIP, **headers) -> zipfile.ZipFile:
    response = client.get(address, headers=headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    saved_as = "jpoa-open-data-ru.zip" if address.startswith("/ru/") else "jpoa-open-data.zip"
    assert response["Content-Disposition"] == f'attachment; filename="{saved_as}"'
    data = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(data)
    return zipfile.ZipFile(io.BytesIO(data))


def rows(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"), newline="")))


def test_the_download_holds_every_public_table_its_data_package_a_readme_and_the_licence(client, demo):
    archive = download(client)
    tables = [f"{table.export.name}.csv" for table in open_data.TABLES]
    assert sorted(archive.namelist()) == sorted([*tables, "datapackage.json", "README.md", "LICENSE.txt"])
    assert {export.name for export in [*EXPORTS.values(), *LINK_EXPORTS]} == {
        table.export.name for table in open_data.TABLES}
    assert len(rows(archive, "action-items.csv")) == ActionItem.objects.published().count()
    assert "A/76/751" in {row["UN symbol"] for row in rows(archive, "documents.csv")}
    readme = archive.read("README.md").decode()
    assert "`action-items.csv` | " + str(ActionItem.objects.published().count()) in readme
    assert "https://creativecommons.org/licenses/by/4.0/" in archive.read("LICENSE.txt").decode()


def test_the_data_package_validates_and_matches_every_files_header(client, demo, tmp_path, monkeypatch):
    archive = download(client)
    archive.extractall(tmp_path)
    package = json.loads(archive.read("datapackage.json"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO(archive.read(resource["path"]).decode("utf-8-sig"))))
        assert [field["name"] for field in resource["schema"]["fields"]] == header
        assert all(field["description"] for field in resource["schema"]["fields"])
    # A code from a fixed list is checked against it, as a status is.
    [speeches] = [resource for resource in package["resources"] if resource["path"] == "speeches.csv"]
    [language] = [field for field in speeches["schema"]["fields"] if field["name"] == "Language"]
    assert {"en", "ru"} <= set(language["constraints"]["enum"])
    monkeypatch.chdir(tmp_path)  # Frictionless reads a package's files relative to it, as a reader would
    report = validate("datapackage.json")
    assert report.stats["tasks"] == len(open_data.TABLES)
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_the_files_join_by_id_and_never_by_the_id_of_a_draft(client, tmp_path, monkeypatch):
    """A researcher joins an action item to its speech, conference, document, plan and lead by the IDs
    in its row, and a speech to its speaker; a draft they point at is named by neither name nor ID."""
    speech = SpeechFactory()
    plan = PlanFactory(conference=ConferenceFactory(draft=True), document=DocumentFactory(title="Plan of action"))
    joined = ActionItemFactory(speech=speech, conference=speech.conference, plan=plan,
                               document=DocumentFactory(conference=speech.conference))
    # A plan's pillar with nothing public under it has no row of its own to join: it is not named.
    pillar = ThemeFactory(name="Pillar I")
    joined.themes.add(pillar)
    plan.pillars.add(pillar, ThemeFactory(name="Pillar without content"))
    draft_document = DocumentFactory(draft=True)
    drafted = ActionItemFactory(draft=True)
    drafted.countries.set([CountryFactory(name="Named by a draft alone")])
    drafted.themes.add(pillar)
    ActionItemFactory(speech=SpeechFactory(draft=True), conference=ConferenceFactory(draft=True),
                      document=draft_document)
    # Each language of a public document, with the address of the file the site keeps, if any.
    DocumentVersionFactory(document=joined.document, language="ru", is_original=True)
    DocumentVersionFactory(document=joined.document, language="en", file="", url="https://undocs.org/en/A/1")
    DocumentVersionFactory(document=draft_document)
    session = SessionFactory(conference=speech.conference, title="Border management")
    speech.session = session
    speech.save()
    session.themes.add(pillar, ThemeFactory(name="On an agenda alone"))  # the second has no public page
    update = ActionItemUpdateFactory(action_item=joined, note="Training held.")
    # A speech's translation, as its page shows it; a draft speech's is nowhere.
    speech.translations.create(language="ru", body="Перевод.\n\nВторой абзац.", source_url="https://example.org/ru")
    SpeechFactory(draft=True).translations.create(language="ru", body="Черновик.")
    archive = download(client)
    tables = {table.export.name: {row["ID"]: row for row in rows(archive, table.path)} for table in open_data.TABLES
              if table.export.numbered}
    item = tables["action-items"][str(joined.pk)]
    assert tables["speeches"][item["Source speech ID"]]["Title"] == speech.title
    assert tables["conferences"][item["Conference ID"]]["Title"] == speech.conference.title
    assert tables["documents"][item["Outcome document ID"]]["Title"] == joined.document.title
    assert tables["plans"][item["Plan ID"]]["Name"] == plan.name
    assert tables["organizations"][item["Lead organisation ID"]]["Name"] == joined.lead_organization.name
    assert tables["people"][tables["speeches"][item["Source speech ID"]]["Speaker ID"]]["Name"] == speech.speaker.name
    [other] = [row for key, row in tables["action-items"].items() if key != str(joined.pk)]
    assert [other[column] for column in ("Source speech ID", "Conference ID", "Outcome document ID")] == ["", "", ""]
    assert tables["plans"][str(plan.pk)]["Conference ID"] == ""  # adopted at a draft conference
    versions = {row["Language"]: row for row in tables["document-versions"].values()}
    assert set(versions) == {"en", "ru"}  # none of the draft's
    assert {row["Document ID"] for row in versions.values()} == {item["Outcome document ID"]}
    russian = versions["ru"]
    assert (russian["Original"], russian["File type"], versions["en"]["Original"]) == ("true", "pdf", "false")
    assert russian["URL"] == f"http://testserver/documents/{joined.document.slug}/ru/download/"
    assert client.get(russian["URL"]).status_code == 200
    assert (versions["en"]["URL"], versions["en"]["Link"]) == ("", "https://undocs.org/en/A/1")  # no file here
    assert tables["documents"][tables["plans"][str(plan.pk)]["Outcome document ID"]]["Title"] == "Plan of action"
    [translation] = tables["speech-translations"].values()
    assert tables["speeches"][translation["Speech ID"]]["Title"] == speech.title
    assert (translation["Language"], translation["Text"], translation["Source"]) == (
        "ru", "Перевод.\n\nВторой абзац.", "https://example.org/ru")
    # A session has no page of its own: its address is its place on its conference's page.
    on_agenda = tables["sessions"][str(session.pk)]
    assert on_agenda["URL"] == f"http://testserver/conferences/{speech.conference.slug}/#session-{session.pk}"
    page, anchor = on_agenda["URL"].split("#")
    assert f'id="{anchor}"' in client.get(page).content.decode()
    assert on_agenda["Themes"] == "Pillar I"
    given_in = tables["speeches"][str(speech.pk)]
    assert (given_in["Session"], given_in["Session ID"]) == ("Border management", str(session.pk))
    # Nor has a progress update: its address is its place on its action item's page.
    step = tables["progress-updates"][str(update.pk)]
    assert step["URL"] == f"http://testserver/action-items/{joined.slug}/#update-{update.pk}"
    page, anchor = step["URL"].split("#")
    assert f'id="{anchor}"' in client.get(page).content.decode()
    assert tables["plans"][str(plan.pk)]["Pillars"] == "Pillar I" and "Pillar I" in {
        row["Name"] for row in tables["themes"].values()}
    # The names of a many-to-many relation join by the IDs in a file of their links, public ones only.
    assert [(row["Plan ID"], row["Theme ID"]) for row in rows(archive, "plans-pillars.csv")] == [
        (str(plan.pk), str(pillar.pk))]
    assert (str(joined.pk), str(pillar.pk)) in {(row["Action item ID"], row["Theme ID"])
                                                for row in rows(archive, "action-items-themes.csv")}
    # Never a draft's links, nor a link to a record its file does not hold.
    for links in LINK_EXPORTS:
        for row in rows(archive, f"{links.name}.csv"):
            assert all(row[end.header] in tables[EXPORTS[end.refers_to].name] for end in links.columns), links.name
    assert str(drafted.pk) not in {row["Action item ID"] for row in rows(archive, "action-items-countries.csv")}
    # The data package says which column joins which file, and Frictionless finds each ID's row.
    package = json.loads(archive.read("datapackage.json"))
    keys = {(resource["name"], key["fields"][0], key["reference"]["resource"])
            for resource in package["resources"] for key in resource["schema"].get("foreignKeys", [])}
    assert {("action-items", "Source speech ID", "speeches"), ("speeches", "Speaker ID", "people"),
            ("progress-updates", "Action item ID", "action-items"), ("plans", "Conference ID", "conferences"),
            ("speech-translations", "Speech ID", "speeches"), ("action-items-countries", "Country ID", "countries"),
            ("speeches", "Session ID", "sessions"),
            ("action-items-countries", "Action item ID", "action-items")} <= keys
    archive.extractall(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert validate("datapackage.json").valid


@pytest.mark.parametrize("language", ["", "/ru"])
def test_each_list_links_to_what_its_csv_columns_mean(client, language):
    ConferenceFactory()
    ActionItemFactory()
    data = client.get(f"{language}/data/").content.decode()
    for address in ["/conferences/", "/speeches/", "/action-items/"]:
        page = client.get(f"{language}{address}")
        [target] = [href for href, _text in page_links(page) if href.startswith(f"{language}/data/#")]
        assert f'id="{target.split("#")[1]}"' in data, address
    if language:  # a Russian reader is told before opening the file that its headers are English
        assert "заголовки\u00a0— на английском" in client.get("/ru/action-items/").content.decode()


def test_the_data_page_and_the_readme_say_when_an_item_is_overdue(client):
    """No file has an "overdue" column: a researcher works it out from the due date and status, on the
    site's days, as overdue=1 does."""
    ActionItemFactory()
    definition = ("An action item is overdue once its due date has passed (days as in the UTC time zone) "
                  "and it is neither completed nor cancelled.")
    assert definition in client.get("/data/").content.decode()
    assert definition in download(client).read("README.md").decode()
    assert "по часовому поясу UTC" in client.get("/ru/data/").content.decode()


def test_drafts_and_what_only_they_name_are_not_in_the_download(client):
    public = ActionItemFactory(title="Visible commitment")
    ActionItemUpdateFactory(action_item=public, note="Visible step")
    hidden = ActionItemFactory(title="Hidden commitment", draft=True)
    ActionItemUpdateFactory(action_item=hidden, note="Hidden step")
    ConferenceFactory(title="Hidden meeting", draft=True)
    archive = download(client)
    everything = " ".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    assert "Visible commitment" in everything and "Visible step" in everything
    assert "Hidden" not in everything


def test_it_is_built_once_per_content_version_and_revalidated_with_its_etag(client, demo, monkeypatch):
    built = []
    real_build = open_data.build
    monkeypatch.setattr(open_data, "build", lambda *args: built.append(args) or real_build(*args))
    first = client.get(ZIP)
    b"".join(first.streaming_content)
    again = client.get(ZIP)
    b"".join(again.streaming_content)
    assert len(built) == 1 and first["ETag"] == again["ETag"]
    # When its content was taken, as its readme says, for a reader's download tools.
    assert parse_http_date(first["Last-Modified"]) == int(OpenDataArchive.objects.get().built_at.timestamp())
    assert client.get(ZIP, headers={"if-none-match": first["ETag"]}).status_code == 304
    stored = OpenDataArchive.objects.get().stored
    ActionItem.objects.filter(pk=ActionItem.objects.published().first().pk).update(progress=99)  # new content
    changed = client.get(ZIP, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    b"".join(changed.streaming_content)
    assert len(built) == 2
    assert OpenDataArchive.objects.count() == 1 and not default_storage.exists(stored)  # the older one is gone


def test_each_language_has_its_own_download(client, demo):
    english, russian = download(client), download(client, "/ru" + ZIP)
    titles = {row["Title"] for row in rows(english, "conferences.csv")}
    russian_titles = {row["Title"] for row in rows(russian, "conferences.csv")}
    assert titles != russian_titles
    assert rows(english, "conferences.csv")[0].keys() == rows(russian, "conferences.csv")[0].keys()
    assert "Всё опубликованное" in russian.read("README.md").decode()
    # The licence goes by its official Russian name there, in every file that names it.
    russian_title = "Creative Commons «Атрибуция 4.0 Всемирная»"
    assert json.loads(russian.read("datapackage.json"))["licenses"][0]["title"] == russian_title
    assert russian_title in russian.read("LICENSE.txt").decode()
    assert json.loads(english.read("datapackage.json"))["licenses"][0]["title"] == (
        "Creative Commons Attribution 4.0 International")


@override_settings(PAGE_CACHE_SECONDS=600, TIME_ZONE="Asia/Tashkent")
def test_the_data_page_tells_of_the_download_a_reader_gets_now_with_its_size_and_time(demo):
    client = Client()  # one that reads the page cache's setting
    cache.clear()
    page = client.get(reverse("conferences:data")).content.decode()
    assert 'href="/data/jpoa-open-data.zip"' in page and "when it is first asked for" in page  # not built yet
    with zipfile.ZipFile(io.BytesIO(b"".join(client.get(ZIP).streaming_content))) as archive:
        built = re.search(r"as of (\d{4}-\d\d-\d\d \d\d:\d\d) UTC", archive.read("README.md").decode()).group(1)
    page = client.get(reverse("conferences:data")).content.decode()
    when = OpenDataArchive.objects.get(language="en").built_at.astimezone(dt.UTC)
    assert when.strftime("%Y-%m-%d %H:%M") == built  # the readme's time is in UTC, whatever the site's zone
    assert f"KB, built from the present content on {when:%-d %B %Y} at {when:%H:%M} UTC" in page
    data_address = reverse("conferences:data")
    b"".join(client.get("/ru" + ZIP).streaming_content)
    russian = client.get("/ru" + data_address).content.decode()
    when = OpenDataArchive.objects.get(language="ru").built_at.astimezone(dt.UTC)
    assert f" в {when:%H:%M} (UTC)" in russian  # a time of day, with its leading zero, as the readme writes it
    ActionItemFactory()  # a change: the next download is built anew
    assert "when it is first asked for" in client.get(data_address).content.decode()
    cache.clear()


def test_the_data_page_names_the_download_as_it_is_saved_in_each_language(client, demo):
    # The name the file is saved under, which differs by language so that both can be kept.
    assert "<code>jpoa-open-data.zip</code>" in client.get(reverse("conferences:data")).content.decode()
    assert "<code>jpoa-open-data-ru.zip</code>" in client.get("/ru" + reverse("conferences:data")).content.decode()
    # And each list's CSV, as the list page's link saves it today.
    today = timezone.localdate().isoformat()
    assert f"<code>speeches-{today}.csv</code>" in client.get("/data/").content.decode()
    assert f"<code>speeches-ru-{today}.csv</code>" in client.get("/ru/data/").content.decode()


def test_the_command_builds_every_language_ahead_of_readers(client, demo, capsys):
    call_command("build_open_data", "--site", "https://jpoa.example.org")
    assert sorted(OpenDataArchive.objects.values_list("language", flat=True)) == ["en", "ru"]
    assert "en:" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--site must be the site's address"):
        call_command("build_open_data", "--site", "jpoa")


def test_while_one_request_builds_the_present_archive_others_come_back_later_never_get_the_last_one(client, demo):
    first = client.get(ZIP)
    b"".join(first.streaming_content)
    withdrawn = ActionItem.objects.published().first()
    ActionItem.objects.filter(pk=withdrawn.pk).update(is_published=False)  # the last archive still holds it
    # Another request is building the new one.
    with caching.only_one(open_data.BUILDING, open_data.archive_name("http://testserver"), 600) as building:
        assert building
        meanwhile = client.get(ZIP)
        assert meanwhile.status_code == 503 and meanwhile["Retry-After"] == "60"
        assert "prepared" in meanwhile.content.decode()
    now = download(client)
    assert withdrawn.slug not in now.read("action-items.csv").decode()


def test_unpacked_files_are_readable_by_everyone(client, demo):
    archive = download(client)
    assert {info.external_attr >> 16 for info in archive.infolist()} == {0o644}


def test_the_data_page_and_the_readme_name_each_file_of_links(client):
    ActionItemFactory()
    for page in [client.get("/data/").content.decode(), download(client).read("README.md").decode()]:
        assert all(f"{links.name}.csv" in page for links in LINK_EXPORTS)
    assert "<code>action-items-countries.csv</code>: Обязательства: страны, по ID" in client.get(
        "/ru/data/").content.decode()
