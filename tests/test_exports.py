import csv
import datetime as dt
import html
import io
import re
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from conferences.exports import ACTION_ITEM_EXPORT, CONFERENCE_EXPORT, EXPORTS, SPEECH_EXPORT
from conferences.models import ActionItem, Conference, Country, Document, Organization, Plan, Speech, Theme

from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    ConferenceFactory,
    CountryFactory,
    OrganizationFactory,
    PersonFactory,
    SpeechFactory,
    ThemeFactory,
)
from .pages import row_links

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def slugs(rows) -> list[str]:
    return [urlsplit(row["URL"]).path.strip("/").split("/")[-1] for row in rows]


def list_page_slugs(client, url, params) -> list[str]:
    """Every row of a list page, across all its pages, in order."""
    found, page = [], 1
    while True:
        response = client.get(url, {**params, "page": page})
        found += [urlsplit(url).path.strip("/").split("/")[-1] for url, _ in row_links(response)]
        if not response.context["page_obj"].has_next():
            return found
        page += 1


@pytest.fixture
def catalogue():
    """Enough varied published content for filters to bite, plus drafts that must never show."""
    kazakhstan, tajikistan = (CountryFactory(name="Kazakhstan", iso3="KAZ"),
                              CountryFactory(name="Tajikistan", iso3="TJK"))
    border, warning = ThemeFactory(name="Border security"), ThemeFactory(name="Early warning")
    osce, unoct = OrganizationFactory(name="OSCE secretariat", acronym="OSCE"), OrganizationFactory(acronym="UNOCT")
    for year in (2017, 2022):
        conference = ConferenceFactory(title=f"Meeting {year}", start_date=dt.date(year, 6, 1), country=tajikistan)
        conference.countries.set([kazakhstan])
        conference.organizers.set([osce] if year == 2022 else [unoct])
        conference.themes.set([border])
        for n in range(13):
            speech = SpeechFactory(conference=conference, delivered_on=dt.date(year, 6, 1),
                                   language="ru" if n % 3 == 0 else "en", speaker_organization=osce if n % 2 else unoct)
            speech.themes.set([warning if n % 2 else border])
            item = ActionItemFactory(speech=speech, status=["planned", "in_progress", "completed"][n % 3],
                                     lead_organization=unoct, due_date=dt.date(year + 2, 1 + n % 12, 1))
            item.countries.set([tajikistan] if n % 2 else [kazakhstan, tajikistan])
            item.partners.set([osce] if n % 4 == 0 else [])
            item.themes.set([border])
    ConferenceFactory(title="Hidden draft meeting", draft=True)
    SpeechFactory(title="Hidden draft speech", draft=True)
    ActionItemFactory(title="Hidden draft item", draft=True, status="planned")
    ActionItemFactory(title="Hidden scheduled item", scheduled=True, status="planned")


FILTER_CASES = [
    ("conference", {}),
    ("conference", {"year": "2022"}),
    ("conference", {"country": "kazakhstan", "sort": "title"}),
    ("speech", {}),
    ("speech", {"language": "ru", "year": "2017"}),
    ("speech", {"organization": "osce-secretariat", "sort": "title"}),
    ("actionitem", {}),
    ("actionitem", {"status": "planned"}),
    ("actionitem", {"country": "kazakhstan", "theme": "border-security", "sort": "due"}),
    ("actionitem", {"organization": "osce-secretariat", "due_after": "2024-03-01", "sort": "-progress"}),
]


@pytest.mark.parametrize("kind, params", FILTER_CASES)
def test_export_holds_exactly_the_rows_of_the_list_page_in_its_order(client, catalogue, kind, params):
    rows = read_csv(client.get(reverse(f"conferences:{kind}_export"), params))
    expected = list_page_slugs(client, reverse(f"conferences:{kind}_list"), params)
    assert expected  # each case selects something
    assert slugs(rows) == expected


@pytest.mark.parametrize("export", [CONFERENCE_EXPORT, SPEECH_EXPORT, ACTION_ITEM_EXPORT])
def test_export_header_names_every_column(client, catalogue, export):
    response = client.get(reverse(f"conferences:{export.model._meta.model_name}_export"))
    data = b"".join(response.streaming_content).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(data))) == export.headers
    assert response["Content-Disposition"] == f'attachment; filename="{export.name}-{dt.date.today().isoformat()}.csv"'


def test_a_filtered_export_is_named_after_its_filters(client, catalogue):
    today = dt.date.today().isoformat()
    address = reverse("conferences:actionitem_export")
    response = client.get(address + "?country=kazakhstan&overdue=0&sort=due&status=")
    assert response["Content-Disposition"] == (
        f'attachment; filename="action-items-country-kazakhstan-overdue-0-sort-due-{today}.csv"')
    russian = client.get(address, {"q": "Граница"})["Content-Disposition"]
    # Cyrillic reaches the reader's disk as typed (RFC 6266's filename*).
    assert "filename*=utf-8''action-items-q-%D0%B3%D1%80%D0%B0%D0%BD%D0%B8%D1%86%D0%B0-" in russian
    # The same list from the Russian pages (Russian names and titles) is kept beside the English one.
    assert client.get("/ru" + address + "?status=completed")["Content-Disposition"] == (
        f'attachment; filename="action-items-status-completed-ru-{today}.csv"')


def test_public_exports_never_hold_drafts(client, catalogue):
    for kind in ["conference", "speech", "actionitem"]:
        data = b"".join(client.get(reverse(f"conferences:{kind}_export")).streaming_content).decode("utf-8-sig")
        assert "Hidden" not in data


def test_public_export_leaves_out_a_draft_source_speech(client):
    ActionItemFactory(title="Visible item", speech=SpeechFactory(title="Secret remarks", draft=True))
    [row] = read_csv(client.get(reverse("conferences:actionitem_export")))
    assert (row["Title"], row["Source speech"]) == ("Visible item", "")


@pytest.mark.parametrize("words", ["a", "1.5", "%", "😀"])
def test_a_search_for_no_word_downloads_the_header_and_no_rows(client, words):
    """Words of which nothing can be looked for match nothing, as on the list page: the file is whole."""
    ActionItemFactory(title="Border training")
    for kind in ["conference", "speech", "actionitem", "document"]:
        response = client.get(reverse(f"conferences:{kind}_export"), {"q": words})
        assert response.status_code == 200
        assert read_csv(response) == [], (kind, words)


def test_invalid_filter_is_a_400_with_the_reason(client):
    response = client.get(reverse("conferences:actionitem_export"), {"status": "nope", "country": "atlantis"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "No file was made, because some filters are not valid:\n"
        "Status (status): “nope” is not a status. Give one of: proposed, planned, in_progress, completed, on_hold, "
        "cancelled.\n"
        "Country (country): There is no published country “atlantis”. Give the last part of its page's address.\n"
    )
    russian = client.get("/ru" + reverse("conferences:actionitem_export"), {"status": "nope"}).content.decode()
    assert "\nСтатус (status): «nope» не является статусом. Укажите одно из значений: proposed," in russian


def test_a_misspelt_filter_is_a_400_never_a_file_of_everything(client):
    """As the API answers: "countries" for "country" would otherwise give every row, which a reader
    takes for the answer."""
    ActionItemFactory()
    response = client.get(reverse("conferences:actionitem_export"), {"countries": "uzbekistan", "overdue": "1"})
    assert response.status_code == 400
    text = response.content.decode()
    assert text.startswith("No file was made, because some filters are not valid:\n"
                           "countries: “countries” is not a parameter here; this address takes: ")
    assert " country, " in text and "overdue" in text


def test_every_csv_link_the_site_gives_downloads_its_file(client):
    """The download refuses what is not a filter: every link the site builds to one gives only filters
    (a list page's own page number is taken too), on every page that has such links."""
    call_command("load_demo", verbosity=0)
    with translation.override("en"):
        pages = ["/action-items/?country=uzbekistan&overdue=1&page=1&utm_source=newsletter", "/speeches/?page=1"]
        pages += [model.objects.published().order_by("pk").first().get_absolute_url()
                  for model in (Conference, Document, Plan, Organization, Country, Theme)]
    links = set()
    for page in pages:
        links |= {html.unescape(link) for link in re.findall(r'href="([^"]*export\.csv[^"]*)"',
                                                            client.get(page).content.decode())}
    assert len(links) >= 8
    refused = {link: client.get(link).status_code for link in links}
    assert {link: status for link, status in refused.items() if status != 200} == {}
    assert client.get("/action-items/export.csv?country=uzbekistan&page=3").status_code == 200


def test_row_values_are_names_iso_dates_and_joined_lists(client):
    org = OrganizationFactory(name="United Nations Office of Counter-Terrorism", acronym="UNOCT")
    item = ActionItemFactory(title="Secure the borders", status="in_progress", progress=40,
                             due_date=dt.date(2026, 3, 31), lead_organization=org,
                             speech=SpeechFactory(title="Opening remarks",
                                                  speaker=PersonFactory(name="Vladimir Voronkov"),
                                                  conference=ConferenceFactory(short_title="Tashkent 2022")))
    item.countries.set([CountryFactory(name="Uzbekistan", iso3="UZB"), CountryFactory(name="Kazakhstan", iso3="KAZ")])
    [row] = read_csv(client.get(reverse("conferences:actionitem_export")))
    assert row["ID"] == str(item.pk)
    assert row["URL"] == "http://testserver/action-items/secure-the-borders/"
    assert (row["Status"], row["Progress (%)"], row["Due date"]) == ("In progress", "40", "2026-03-31")
    assert row["Lead organisation"] == "United Nations Office of Counter-Terrorism (UNOCT)"
    assert row["Countries"] == "Kazakhstan; Uzbekistan"
    assert (row["Conference"], row["Source speech"]) == ("Tashkent 2022", "Opening remarks, Vladimir Voronkov")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_a_spreadsheet_would_evaluate_are_neutralised_and_keep_their_text(client, start):
    title = f'{start}HYPERLINK("http://example.org","click")'
    # Written straight to the table, as any import could: save() would turn a CR into a line feed.
    ActionItem.objects.filter(pk=ActionItemFactory().pk).update(title_en=title, description_en=f"{start}1+1")
    [row] = read_csv(client.get(reverse("conferences:actionitem_export")))
    assert row["Title"] == "'" + title
    assert row["Description"] == f"'{start}1+1"
    assert row["Title"][1:] == title


def test_cyrillic_and_accented_names_survive_the_round_trip(client):
    speech = SpeechFactory(title="Выступление о сотрудничестве", speaker=PersonFactory(name="Gülnara Şükürova"),
                           body="Уважаемые коллеги,\n\n\"Кавычки\", запятые и переводы строк.")
    [row] = read_csv(client.get(reverse("conferences:speech_export")))
    assert row["Title"] == "Выступление о сотрудничестве"
    assert row["Speaker"] == "Gülnara Şükürova"
    assert row["Text"] == speech.body


def test_export_query_count_does_not_grow_per_row(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            b"".join(client.get(reverse("conferences:actionitem_export")).streaming_content)
        return len(captured)

    def add(count):
        for item in ActionItemFactory.create_batch(count, lead_organization=org):
            item.partners.set([org])
            item.countries.set([country])

    org, country = OrganizationFactory(), CountryFactory()
    add(10)
    with_10 = queries()
    add(490)
    assert queries() == with_10


def neutralise(text: str) -> str:
    """A cell as a spreadsheet must show it: an apostrophe in front of what it would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@pytest.mark.parametrize("public", [True, False])
def test_the_database_writes_every_cell_as_the_format_says(client, public):
    """The database computes the cells (PostgreSQL writes the whole file): quoting, neutralising,
    joined names in code-point order, empty relations and times come out the same on both databases."""
    org = OrganizationFactory(name='Org, with "quotes"', acronym="")
    tricky = ["=cmd|' /C calc'!A0", "line\nbreak", "crlf\r\nline", "-minus", "semi;colon", "  spaced  ", "Ünïcödé ё",
              "", "@at", "\ttab", "+plus", 'say "hi"']
    draft_speech = SpeechFactory(draft=True, title="Draft, hidden")
    # Every nullable relation left empty somewhere: no speech, conference, lead, host country or organisation.
    bare_speech = SpeechFactory(speaker_organization=None, conference=ConferenceFactory(country=None),
                                speaker=PersonFactory(organization=None))
    items = []
    for n, value in enumerate(tricky):
        item = ActionItemFactory(title=f"{value} {n}", description=value, excerpt=value, due_date=None if n % 2 else
                                 dt.date(2025, 1, n + 1), lead_organization=org if n % 3 else None,
                                 speech=draft_speech if n == 4 else None if n % 4 == 3 else
                                 bare_speech if n == 5 else SpeechFactory())
        item.partners.set([org, OrganizationFactory(name=f"Zeta {value}", acronym="")] if n % 2 else [])
        item.countries.set([CountryFactory(name=f"Ω-land {n}"), CountryFactory(name="Ängland " + value)])
        ActionItemUpdateFactory(action_item=item)
        items.append(item)
    ActionItem.objects.filter(pk=items[0].pk).update(
        published_at=dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC))
    items[0].refresh_from_db()  # a moment without microseconds, which SQLite keeps without them
    queryset = ActionItem.objects.all().order_by("pk")
    data = b"".join(ACTION_ITEM_EXPORT.stream(queryset, "https://jpoa.example.org", public)).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert len(rows) == len(tricky)
    for n, (value, item, row) in enumerate(zip(tricky, items, rows, strict=True)):
        assert row["ID"] == str(item.pk)
        assert row["URL"] == f"https://jpoa.example.org/action-items/{item.slug}/"
        assert row["Title"] == neutralise(f"{value} {n}")
        # Long text keeps its paragraphs with plain line feeds (the model saves them so).
        assert row["Description"] == neutralise(value.replace("\r\n", "\n"))
        # A draft speech is quoted to staff only.
        assert row["Excerpt"] == ("" if public and n == 4 else row["Description"])
        assert row["Due date"] == ("" if n % 2 else f"2025-01-{n + 1:02d}")
        assert row["Lead organisation"] == ('Org, with "quotes"' if n % 3 else "")
        assert row["Partners"] == (f'Org, with "quotes"; {neutralise("Zeta " + value)}' if n % 2 else "")
        assert row["Countries"] == neutralise(f"Ängland {value}; Ω-land {n}")
        for header, moment in [("Last changed", item.updated_at), ("Published at", item.published_at)]:
            assert row[header] == moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        assert row["Status"] == item.get_status_display() and row["Progress (%)"] == str(item.progress)
    # Those without a speech or conference name none; a draft speech is named to staff only.
    assert [(row["Conference"], row["Source speech"]) for row in rows[3::4]] == [("", "")] * 3
    named = rows[4]["Source speech"]
    assert named == ("" if public else f"Draft, hidden, {draft_speech.speaker.name}")
    assert rows[5]["Conference"] == bare_speech.conference.display_name
    # Text is always quoted, so that a comma or line break in it never starts a new cell; numbers never are.
    assert '"crlf\r\nline 2"' in data and ',"\'-minus",' in data and f",{items[0].progress}," in data
    # So are codes from a fixed list, as the data page says: a speech's language too.
    speeches = b"".join(EXPORTS[Speech].stream(Speech.objects.all(), "https://jpoa.example.org", public)).decode()
    assert ",en," in speeches and ',"en",' not in speeches
    # Every export runs on this database, drafts left out of the public ones.
    for model, export in EXPORTS.items():
        text = b"".join(export.stream(model.objects.all(), "https://jpoa.example.org", public)).decode("utf-8-sig")
        assert len(list(csv.reader(io.StringIO(text, newline="")))) == model.objects.count() + 1, export.name


# The admin's exports: what the change list shows, drafts included, staff with view permission only.

def staff_with(*codenames):
    user = get_user_model().objects.create_user("staffer", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def test_admin_export_follows_the_change_list_filters_and_search(client, catalogue):
    client.force_login(staff_with("view_actionitem"))
    url = reverse("admin:conferences_actionitem_export")
    rows = read_csv(client.get(url, {"status__exact": "planned", "q": "Hidden"}))
    assert sorted(row["Title"] for row in rows) == ["Hidden draft item", "Hidden scheduled item"]
    everything = read_csv(client.get(url))
    assert len(everything) == ActionItem.objects.count()


def test_admin_change_list_offers_the_export_with_its_query(client, catalogue):
    client.force_login(staff_with("view_actionitem"))
    page = client.get(reverse("admin:conferences_actionitem_changelist"), {"status__exact": "planned"})
    assert 'href="/admin/conferences/actionitem/export/?status__exact=planned"' in page.content.decode()


def test_admin_export_selected_action(client, catalogue):
    client.force_login(staff_with("view_conference"))
    chosen = list(Conference.objects.order_by("pk").values_list("pk", flat=True)[:2])
    response = client.post(
        reverse("admin:conferences_conference_changelist"),
        {"action": "export_selected", "_selected_action": chosen},
    )
    assert sorted(int(row["ID"]) for row in read_csv(response)) == sorted(chosen)


def test_admin_export_needs_view_permission(client, catalogue):
    client.force_login(staff_with("view_speech"))
    assert client.get(reverse("admin:conferences_actionitem_export")).status_code == 403
    response = client.post(
        reverse("admin:conferences_actionitem_changelist"),
        {"action": "export_selected", "_selected_action": [ActionItem.objects.first().pk]},
    )
    assert response.status_code == 403


def test_admin_export_refuses_the_public(client):
    response = client.get(reverse("admin:conferences_actionitem_export"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# Those with a change list of their own: a document's versions are edited, and exported, with it.
@pytest.mark.parametrize("model", [model for model in EXPORTS if admin.site.is_registered(model)])
def test_every_admin_change_list_exports(client, superuser, model):
    client.force_login(superuser)
    response = client.get(reverse(f"admin:conferences_{model._meta.model_name}_export"))
    assert response.status_code == 200
    header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert header == ",".join(EXPORTS[model].headers)


def test_data_page_documents_every_column_of_every_file(client):
    page = client.get(reverse("conferences:data")).content.decode()
    for export in EXPORTS.values():
        for column in export.all_columns:
            assert f"<th scope=\"row\" lang=\"en\">{column.header}</th>" in page.replace("&#x27;", "'")
    # The values a file holds are English in every language; a Russian reader is told what each means.
    assert '<span lang="en">On hold</span>, <span lang="en">Cancelled</span>' in page
    russian = client.get("/ru" + reverse("conferences:data")).content.decode()
    assert '<span lang="en">On hold</span> (приостановлено), <span lang="en">Cancelled</span> (отменено)' in russian


def test_list_pages_offer_the_csv_of_what_is_on_screen(client, catalogue):
    page = client.get(reverse("conferences:actionitem_list"), {"theme": "border-security", "page": "2"})
    assert page.context["page_obj"].number == 2
    # All pages, not just this one: the page number is left out.
    assert 'href="/action-items/export.csv?theme=border-security"' in page.content.decode()
    assert "Download CSV (26 rows)" in page.content.decode()
