import csv
import datetime as dt
import html
import io
import zipfile
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from conferences.admin_imports import MAX_UPLOAD_BYTES
from conferences.corpus import corpus_dir
from conferences.imports import import_speech
from conferences.models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Organization,
    PendingUpload,
    Person,
    Speech,
)
from conferences.speech_matching import find_conference, find_organization, find_person
from conferences.speech_parser import NO_TEXT

from .factories import (
    ActionItemFactory,
    ConferenceFactory,
    CountryFactory,
    OrganizationFactory,
    PersonFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

SPEECH = """\


HIGH-LEVEL REGIONAL MEETING ON
Border Cooperation among Central Asian States within the
Framework of the Joint Plan of Action (JPoA) for the
Implementation of the United Nations Global Counter-
Terrorism Strategy

12 May 2023, Almaty

Keynote address by Ms. Dana Example,
Director, United Nations Office of
Counter-Terrorism

Excellencies,
Ladies and gentlemen,

Border services meet the same risks on both sides of a frontier.

We will continue to train border officers in risk analysis. We are exploring a shared register of lost passports.

This includes support in regional exercises; exchange of liaison officers; and joint patrols.

I thank our hosts for their welcome.
"""

RUSSIAN = """\
СОВЕЩАНИЕ ПО ПОГРАНИЧНОМУ СОТРУДНИЧЕСТВУ

12 мая 2023 г., Бишкек

Вступительное слово г-на Азиза Примерова, Директор, Министерство иностранных дел

Уважаемые коллеги,

Мы продолжим обучение пограничников. Благодарим хозяев встречи.
"""

MODELS = [Conference, Speech, ActionItem, Person, Organization, Country]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_a_speech_file_becomes_drafts_with_proposed_action_items():
    CountryFactory(name="Kazakhstan", iso3="KAZ")
    result = import_speech(SPEECH.encode(), name="almaty.txt")
    assert result.ok and not result.already_imported
    speech = result.speech
    assert (speech.title, speech.speaker.name, speech.speaker.honorific) == ("Keynote address", "Dana Example", "Ms.")
    assert speech.speaker_role == "Director, United Nations Office of Counter-Terrorism"
    assert speech.speaker_organization.name == "United Nations Office of Counter-Terrorism"
    assert speech.delivered_on == dt.date(2023, 5, 12)
    conference = speech.conference
    assert conference.title.startswith("High-Level Regional Meeting on Border Cooperation among Central Asian States")
    assert (conference.start_date, conference.city, conference.country.iso3) == (dt.date(2023, 5, 12), "Almaty", "KAZ")
    assert not conference.is_published and not speech.is_published
    assert speech.paragraphs[0] == "Excellencies, Ladies and gentlemen,"
    items = list(speech.action_items.order_by("pk"))
    assert [item.title for item in items] == [
        "Train border officers in risk analysis",
        "Shared register of lost passports",
        "Regional exercises",
        "Exchange of liaison officers",
        "Joint patrols",
    ]
    assert all(not item.is_published and item.status == "proposed" for item in items)
    assert [speech.paragraph_number(item.excerpt) for item in items] == [3, 3, 4, 4, 4]
    assert items[0].conference == conference


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1251"])
def test_a_russian_speech_in_either_encoding(encoding):
    result = import_speech(RUSSIAN.encode(encoding), name="bishkek.txt")
    assert result.ok, result.error
    speech = result.speech
    assert (speech.language, speech.title) == ("ru", "Вступительное слово")
    # The city in both languages, and the short title each list shows.
    conference = speech.conference
    assert (conference.city_en, conference.city_ru) == ("Bishkek", "Бишкек")
    assert (conference.short_title_en, conference.short_title_ru) == ("Bishkek 2023", "Бишкек, 2023")
    assert [item.title for item in speech.action_items.all()] == ["Продолжить обучение пограничников"]
    assert Country.objects.get(iso3="KGZ").name == "Kyrgyzstan"


def test_a_russian_speech_gives_its_role_to_english_pages_too_until_it_is_translated():
    result = import_speech(RUSSIAN.encode(), name="bishkek.txt")
    speech = result.speech
    # As its title: an English page shows the role as given, not nothing.
    role = "Директор, Министерство иностранных дел"
    assert (speech.speaker_role_en, speech.speaker_role_ru) == (role, role)
    assert (speech.speaker.title_en, speech.speaker.title_ru) == (role, role)
    assert (speech.speaker.honorific_en, speech.speaker.honorific_ru) == ("", "г-н")


def test_an_imported_commitment_takes_the_deadline_its_sentence_gives(client):
    text = SPEECH.replace("risk analysis.", "risk analysis by June 2024.").replace(
        "lost passports.", "lost passports, as we first did in 2021.")
    staff(client, "Editors")
    preview = client.post(reverse("admin:conferences_speech_import"), {"text": text}).content.decode()
    assert "Due date read from it: 30 June 2024." in preview
    speech = import_speech(text.encode(), name="almaty.txt").speech
    due = dict(speech.action_items.values_list("title_en", "due_date"))
    assert due["Train border officers in risk analysis by June 2024"] == dt.date(2024, 6, 30)
    # A year before the speech is something it looks back on, not a deadline.
    assert due["Shared register of lost passports, as we first did in 2021"] is None


def test_a_deadline_counted_from_the_speech_counts_from_the_day_the_editor_gives(client):
    text = SPEECH.replace("in risk analysis.", "in risk analysis within six months.").replace("12 May 2023, ", "")
    staff(client, "Editors")
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": text})
    assert "Due date read from it" not in preview.content.decode()  # no day yet to count from
    data = confirmation(preview)
    data.update(date="2023-05-12", speaker_name="Dana Example")
    data.pop("confirm", None)
    rechecked = client.post(url, {**data, "recheck": "1"}).content.decode()
    assert "Due date read from it: 12 November 2023." in rechecked
    assert client.post(url, {**data, "confirm": "1"}).status_code == 302
    item = ActionItem.objects.get(title_en="Train border officers in risk analysis within six months")
    assert item.due_date == dt.date(2023, 11, 12)


def test_an_imported_commitment_concerns_the_states_its_sentence_names(client):
    """So that it is found under those countries once published, in either language's wording."""
    tajikistan = CountryFactory(name="Tajikistan", iso3="TJK")
    uzbekistan = CountryFactory(name="Uzbekistan", iso3="UZB")
    text = SPEECH.replace("in risk analysis.", "of Tajikistan and the Republic of Uzbekistan in risk analysis.")
    text = text.replace("This includes support", "The Turkmen side will host a meeting. This includes support")
    staff(client, "Editors")
    preview = client.post(reverse("admin:conferences_speech_import"), {"text": text}).content.decode()
    assert "Countries read from it: Tajikistan, Uzbekistan." in preview
    speech = import_speech(text.encode(), name="almaty.txt").speech
    concerns = {item.title: sorted(country.name for country in item.countries.all())
                for item in speech.action_items.all()}
    assert concerns["Train border officers of Tajikistan and the Republic of Uzbekistan in risk analysis"] == [
        "Tajikistan", "Uzbekistan"]
    assert concerns["Host a meeting"] == []  # Turkmenistan is not on the site: nothing is made up
    assert concerns["Regional exercises"] == []
    russian = import_speech(RUSSIAN.replace("обучение пограничников.", "обучение пограничников Таджикистана.").encode(),
                            name="bishkek.txt").speech
    assert list(russian.action_items.get().countries.all()) == [tajikistan]
    assert uzbekistan.action_items.count() == 1


def test_importing_the_same_file_again_changes_nothing():
    import_speech(SPEECH.encode(), name="almaty.txt")
    before = counts()
    again = import_speech(SPEECH.encode(), name="almaty-again.txt")
    assert again.ok and again.already_imported
    assert counts() == before


def test_a_dry_run_saves_nothing_but_says_what_it_would_do():
    before = counts()
    result = import_speech(SPEECH.encode(), name="almaty.txt", dry_run=True)
    assert counts() == before
    assert "5 proposed action items (drafts)" in result.created
    assert any(line.startswith("Speech “Keynote address") for line in result.created)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "bad.txt: line 1: The file is empty."),
        ("TITLE\n\nOpening remarks by Mr. X, Role\n\nText.",
         "bad.txt: The file gives no date: import it in the admin, where the preview lets you give one."),
        ("TITLE\n\n31 February 2022, Tashkent\n\nOpening remarks by Mr. X, Role\n\nText.",
         "bad.txt: line 3: There is no such date as “31 February 2022”."),
        ("TITLE\n\n3 March 2022, Tashkent\n\nSome words without a speaker\n\nText.",
         "bad.txt: The file names no speaker: import it in the admin, where the preview lets you choose one."),
        ("TITLE\n\n3 March 2022, Tashkent\n\nOpening remarks by Mr. X, Role\n", "bad.txt: line 5: No speech text"),
    ],
)
def test_a_malformed_file_names_file_and_line_and_saves_nothing(text, message):
    before = counts()
    result = import_speech(text.encode(), name="bad.txt")
    assert result.error.startswith(message), result.error
    assert counts() == before


@pytest.mark.parametrize("data", ["Déclaration de la réunion".encode("latin-1"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                                  b"\x00\x01\x02binary"])
def test_an_unknown_encoding_is_refused(data):
    result = import_speech(data, name="odd.txt")
    assert result.error == ("odd.txt: The file is not text (UTF-8, UTF-16 or Windows-1251), a Word file (.docx) "
                            "or a PDF.")
    assert not Speech.objects.exists()


def test_the_command_imports_a_batch_and_reports_the_bad_files(tmp_path, capsys):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(SPEECH, encoding="utf-8")
    bad.write_text("Only a title\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 of 2 files could not be imported"):
        call_command("import_speech", str(bad), str(good))
    output = capsys.readouterr()
    assert f"{bad}: line 1: {NO_TEXT}" in output.err
    assert f"{good}: created" in output.out
    assert Speech.objects.count() == 1


def test_the_command_dry_run(tmp_path, capsys):
    path = tmp_path / "good.txt"
    path.write_text(SPEECH, encoding="utf-8")
    call_command("import_speech", "--dry-run", str(path))
    assert "would create" in capsys.readouterr().out
    assert not Speech.objects.exists()


# The admin pages.

def staff(client, group, username=""):
    user = get_user_model().objects.create_user(username or group.lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


class _FormFields(HTMLParser):
    """The values a browser would send for the page's form: inputs, ticked boxes, chosen options."""

    def __init__(self):
        super().__init__()
        self.fields, self.select, self.textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.setdefault(name, []).append(attrs.get("value", "on"))
            else:
                self.fields[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self.select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def confirmation(preview, **changes) -> dict:
    """What the preview page's confirmation button sends, as a browser would, with `changes` made."""
    parser = _FormFields()
    parser.feed(preview.content.decode())
    fields = {name: value for name, value in parser.fields.items() if name != "csrfmiddlewaretoken"}
    return {**fields, **changes, "confirm": "1"}


def test_the_admin_previews_then_imports_a_pasted_speech(client):
    staff(client, "Editors")
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": SPEECH})
    page = preview.content.decode()
    assert "Preview: nothing is saved yet" in page
    assert "Train border officers in risk analysis" in page
    assert not Speech.objects.exists()
    response = client.post(url, confirmation(preview))
    speech = Speech.objects.get()
    assert response["Location"] == reverse("admin:conferences_speech_change", args=[speech.pk])
    assert speech.action_items.count() == 5


def test_a_preview_names_the_one_conference_held_that_day_where_no_title_matches(client):
    # A press release opens with the speech's heading, not the meeting's: the day and the city still
    # point at the meeting the site has, for the editor to choose (not chosen for them).
    held = ConferenceFactory(title="Tashkent conference", title_ru="Ташкентская конференция", city="Tashkent",
                             city_ru="Ташкент", start_date=dt.date(2023, 5, 12))
    staff(client, "Editors")
    release = RUSSIAN.replace("СОВЕЩАНИЕ ПО ПОГРАНИЧНОМУ СОТРУДНИЧЕСТВУ", "ВЫСТУПЛЕНИЕ МИНИСТРА").replace(
        "Бишкек", "Ташкент")
    page = html.unescape(client.post(reverse("admin:conferences_speech_import"), {"text": release}).content.decode())
    assert "One was held that day: “Tashkent conference”. If the speech was given there, choose it above." in page
    assert f'<option value="{held.pk}" selected>' not in page
    elsewhere = html.unescape(
        client.post(reverse("admin:conferences_speech_import"), {"text": RUSSIAN}).content.decode())
    assert "One was held that day" not in elsewhere  # in Bishkek, not Tashkent
    # Made from an English speech, the conference has its city in English only: «Ташкент» is still it.
    Conference.objects.filter(pk=held.pk).update(city_ru="")
    page = html.unescape(client.post(reverse("admin:conferences_speech_import"), {"text": release}).content.decode())
    assert "One was held that day: “Tashkent conference”." in page


def long_speech(size: int) -> tuple[bytes, int]:
    """A speech file of at least `size` bytes, as a long verbatim record would be, and its number of paragraphs."""
    paragraph = ("Border services meet the same risks on both sides of a frontier, and they meet them better\n"
                 "together. Officers from five countries trained side by side this year.\n")
    count = size // len(paragraph) + 1
    return (SPEECH + "\n" + "\n".join([paragraph] * count)).encode(), 5 + count


def test_a_speech_file_larger_than_a_form_may_be_is_previewed_then_imported(client):
    staff(client, "Editors")
    data, paragraphs = long_speech(3 * 1024 * 1024)
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < len(data) <= MAX_UPLOAD_BYTES
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"file": SimpleUploadedFile("record.txt", data, "text/plain")})
    assert "Preview: nothing is saved yet" in preview.content.decode()
    response = client.post(url, confirmation(preview))
    assert response.status_code == 302
    speech = Speech.objects.get()
    assert response["Location"] == reverse("admin:conferences_speech_change", args=[speech.pk])
    assert len(speech.paragraphs) == paragraphs and speech.action_items.count() == 5


def test_a_file_over_the_limit_is_refused_with_the_limit_named(client):
    staff(client, "Editors")
    url = reverse("admin:conferences_speech_import")
    limit = "5.0\N{NO-BREAK SPACE}MB"
    assert f"At most {limit}." in client.get(url).content.decode()
    data, _ = long_speech(MAX_UPLOAD_BYTES)
    page = client.post(url, {"file": SimpleUploadedFile("record.txt", data, "text/plain")})
    assert page.status_code == 200
    assert f"This is larger than {limit}; a speech is much smaller." in page.content.decode()
    assert "preview" not in page.context and not Speech.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search index that limits the text is PostgreSQL's")
def test_a_text_too_rich_for_the_search_index_is_refused_at_the_preview(client):
    staff(client, "Editors")
    # 150,000 different made-up words in 1 MB of text: a search document over the 1 MB PostgreSQL keeps.
    words = ["".join("bcdfghjklm"[int(digit)] for digit in f"{n:06d}") for n in range(150_000)]
    lines = [" ".join(words[start : start + 12]) + "." for start in range(0, len(words), 12)]
    data = (SPEECH + "\n" + "\n".join(lines)).encode()
    page = client.post(reverse("admin:conferences_speech_import"),
                       {"file": SimpleUploadedFile("glossary.txt", data, "text/plain")})
    assert page.status_code == 200
    assert ("glossary.txt: The text has too many different words for the site&#x27;s search index"
            in page.content.decode())
    assert "preview" not in page.context and not Speech.objects.exists()


NO_LONGER_KEPT = "The file of this preview is no longer kept"


def test_a_preview_is_confirmed_once_and_only_by_the_person_who_made_it(client):
    staff(client, "Editors")
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"file": SimpleUploadedFile("almaty.txt", SPEECH.encode(), "text/plain")})

    someone_else = Client()
    staff(someone_else, "Editors", "another-editor")
    page = someone_else.post(url, confirmation(preview)).content.decode()
    assert NO_LONGER_KEPT in page and "Nothing was saved." in page
    assert not Speech.objects.exists()

    assert client.post(url, confirmation(preview)).status_code == 302
    assert Speech.objects.count() == 1
    again = client.post(url, confirmation(preview))
    assert NO_LONGER_KEPT in again.content.decode()
    assert Speech.objects.count() == 1


def test_a_preview_left_for_too_long_is_not_confirmed(client):
    staff(client, "Editors")
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": SPEECH})
    PendingUpload.objects.filter(token=confirmation(preview)["upload"]).update(expires_at=timezone.now())
    assert NO_LONGER_KEPT in client.post(url, confirmation(preview)).content.decode()
    assert not Speech.objects.exists()


def test_the_admin_shows_what_is_wrong_with_a_file(client):
    staff(client, "Editors")
    page = client.post(reverse("admin:conferences_speech_import"), {"text": "Just a line"})
    assert f"pasted text: line 1: {NO_TEXT}" in html.unescape(page.content.decode())
    assert not Speech.objects.exists()


def test_a_file_with_no_date_waits_for_the_editor_to_give_it(client):
    staff(client, "Editors")
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": SPEECH.replace("12 May 2023, Almaty\n", "")})
    assert "No date line was found: give the date the speech was delivered." in preview.content.decode()
    refused = client.post(url, confirmation(preview))
    assert "This field is required." in refused.content.decode() and not Speech.objects.exists()
    assert client.post(url, confirmation(refused, date="12/05/2023", city="Almaty")).status_code == 302
    speech = Speech.objects.get()
    assert (speech.delivered_on, speech.conference.city) == (dt.date(2023, 5, 12), "Almaty")


# Progress from a spreadsheet.

def export_rows(client) -> tuple[list[str], list[dict]]:
    data = b"".join(client.get(reverse("admin:conferences_actionitem_export")).streaming_content).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(data, newline=""))
    return reader.fieldnames, list(reader)


def spreadsheet(headers, rows, delimiter=",", encoding="utf-8-sig") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=headers, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def upload(client, data: bytes, **extra):
    return client.post(reverse("admin:conferences_actionitem_import_progress"),
                       {"file": SimpleUploadedFile("progress.csv", data, "text/csv"), **extra})


def confirm(client, preview):
    return client.post(reverse("admin:conferences_actionitem_import_progress"), confirmation(preview))


@pytest.mark.parametrize("delimiter, encoding", [(",", "utf-8-sig"), (";", "utf-8-sig"), (";", "cp1251")])
def test_an_edited_export_changes_exactly_the_edited_items(client, delimiter, encoding):
    user = staff(client, "Editors")
    items = [ActionItemFactory(title=f"Commitment {n}", status="planned", progress=10) for n in range(4)]
    headers, rows = export_rows(client)
    headers.append("Note")
    by_id = {int(row["ID"]): row for row in rows}
    by_id[items[0].pk].update({"Status": "In progress", "Progress (%)": "40", "Note": "Курс проведён в Оше."})
    by_id[items[1].pk].update({"Due date": "31.03.2027"})
    preview = upload(client, spreadsheet(headers, rows, delimiter, encoding))
    assert [change.item for change in preview.context["preview"].changes] == [items[0], items[1]]
    assert not ActionItemUpdate.objects.exists()  # nothing saved before the confirmation

    confirmed = confirm(client, preview)
    assert confirmed.status_code == 302
    said = [str(message) for message in get_messages(confirmed.wsgi_request)]
    assert said == ["2 action items updated, each with a progress update."]
    for item in items:
        item.refresh_from_db()
    assert (items[0].status, items[0].progress) == ("in_progress", 40)
    assert items[1].due_date == dt.date(2027, 3, 31)
    assert [(u.action_item, u.recorded_by, u.note) for u in ActionItemUpdate.objects.order_by("pk")] == [
        (items[0], user, "Курс проведён в Оше."),
        (items[1], user, "Due date set to 31 March 2027."),  # public text: no dash for a date there was not
    ]
    assert (items[2].status, items[3].status) == ("planned", "planned")


def test_a_file_of_one_change_says_so_in_the_singular(client):
    staff(client, "Editors")
    ActionItemFactory(status="planned", progress=10)
    headers, rows = export_rows(client)
    rows[0]["Progress (%)"] = "20"
    confirmed = confirm(client, upload(client, spreadsheet(headers, rows)))
    said = [str(message) for message in get_messages(confirmed.wsgi_request)]
    assert said == ["1 action item updated, with a progress update."]


def test_a_row_left_as_exported_is_no_change_even_where_it_breaks_a_later_rule(client):
    staff(client, "Editors")
    legacy = ActionItemFactory(status="planned", progress=10)
    ActionItem.objects.filter(pk=legacy.pk).update(status="completed", progress=20)  # saved before the rule
    headers, rows = export_rows(client)
    preview = upload(client, spreadsheet(headers, rows)).context["preview"]
    assert (preview.rejected, preview.changes) == ([], [])


def test_each_bad_row_is_refused_with_its_row_number(client):
    staff(client, "Editors")
    good, stale = ActionItemFactory(status="planned"), ActionItemFactory(status="planned")
    extra = ActionItemFactory(status="planned")
    headers, rows = export_rows(client)
    by_id = {int(row["ID"]): row for row in rows}
    by_id[good.pk]["Progress (%)"] = "55"
    by_id[extra.pk]["Status"] = "Finished-ish"
    stale.title = "Changed meanwhile"  # someone edits it after the export
    stale.save()
    by_id[stale.pk]["Progress (%)"] = "80"
    rows += [{**rows[0], "ID": "999999"}, {**by_id[good.pk], "Progress (%)": "150"},
             {**by_id[good.pk], "Status": "Completed", "Progress (%)": "20"}, {**rows[0], "ID": " "}]
    preview = upload(client, spreadsheet(headers, rows)).context["preview"]
    reasons = dict(preview.rejected)
    row_of = {int(row["ID"]): number for number, row in enumerate(rows, start=2) if row["ID"].isdigit()}
    assert "is not a status" in reasons[row_of[extra.pk]]
    stale.refresh_from_db()
    when = date_format(timezone.localtime(stale.updated_at), "DATETIME_FORMAT")
    assert reasons[row_of[stale.pk]] == (f"“Changed meanwhile” was changed on this site after the file was exported "
                                         f"(on {when}): export it again and redo this row.")
    # Spreadsheet rows: the header is row 1, so the last four rows added are rows len(rows) - 2 to len(rows) + 1.
    assert reasons[len(rows) - 2] == "No action item has the ID “999999”."
    assert reasons[len(rows) - 1] == "Progress must be a whole number from 0 to 100, not “150”."
    assert reasons[len(rows)] == ("A completed action item is at 100% progress: set the progress to 100, "
                                  "or pick another status.")
    assert reasons[len(rows) + 1] == "The row has no ID: the ID column says which action item a row updates."
    assert [change.item for change in preview.changes] == [good]


def test_an_id_in_two_rows_is_refused_at_the_preview_naming_both_rows(client):
    staff(client, "Editors")
    twice, other = ActionItemFactory(status="planned", progress=10), ActionItemFactory(status="planned", progress=10)
    headers, rows = export_rows(client)
    by_id = {int(row["ID"]): row for row in rows}
    by_id[other.pk]["Progress (%)"] = "30"
    by_id[twice.pk]["Progress (%)"] = "40"
    rows.append({**by_id[twice.pk], "Progress (%)": "60"})  # the same item again further down, with another figure
    preview = upload(client, spreadsheet(headers, rows))
    first, last = rows.index(by_id[twice.pk]) + 2, len(rows) + 1
    reason = f"ID {twice.pk} appears in rows {first} and {last}: keep only one of them."
    assert preview.context["preview"].rejected == [(first, reason), (last, reason)]
    assert reason in preview.content.decode()
    assert [change.item for change in preview.context["preview"].changes] == [other]

    assert confirm(client, preview).status_code == 302
    twice.refresh_from_db()
    other.refresh_from_db()
    assert (twice.progress, other.progress) == (10, 30)
    assert [update.action_item for update in ActionItemUpdate.objects.all()] == [other]


def test_a_file_without_the_export_columns_is_refused_whole(client):
    staff(client, "Editors")
    page = upload(client, b"Title,Status\nSomething,Completed\n")
    assert "The file has no “ID” or “Last changed” columns" in html.unescape(page.content.decode())
    page = upload(client, b"ID,Title,Status\n1,Something,Completed\n")
    assert "The file has no “Last changed” column," in html.unescape(page.content.decode())
    assert not ActionItemUpdate.objects.exists()


@pytest.mark.parametrize("data", [pdf_bytes("ID,Last changed,Status"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_a_pdf_or_other_binary_file_is_refused_as_not_a_csv(client, data):
    staff(client, "Editors")
    page = html.unescape(upload(client, data).content.decode())
    assert "This is not a CSV file (it may be a PDF or a picture)." in page and "Nothing was saved." in page
    assert "The file has no" not in page  # not told to look for columns it cannot have


def test_unicode_text_from_a_spreadsheet_is_refused_with_how_to_save_it_as_csv(client):
    staff(client, "Editors")
    page = html.unescape(upload(client, "ID\tLast changed\tStatus\n".encode("utf-16")).content.decode())
    assert "This file is UTF-16 text (“Unicode text”), not CSV." in page and "Nothing was saved." in page


def test_a_spreadsheet_workbook_is_refused_as_not_a_csv(client):
    staff(client, "Editors")
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as archive:  # an .xlsx file is a zip of XML parts
        archive.writestr("[Content_Types].xml", "<Types/>")
    page = upload(client, workbook.getvalue())
    assert "This is a spreadsheet workbook, not a CSV file." in html.unescape(page.content.decode())
    assert not ActionItemUpdate.objects.exists()


def test_a_due_date_changed_by_the_import_is_told_in_both_languages_or_in_the_notes(client):
    # Whatever the admin's language: the site's sentence is public text, read in English and Russian.
    staff(client, "Editors")
    first, second = ActionItemFactory(due_date=dt.date(2026, 6, 30)), ActionItemFactory(due_date=dt.date(2026, 6, 30))
    headers, rows = export_rows(client)
    headers.append("Note")
    by_id = {int(row["ID"]): row for row in rows}
    by_id[first.pk].update({"Due date": "2027-03-31", "Note": ""})
    by_id[second.pk].update({"Due date": "2027-03-31", "Note": "Курс перенесён."})
    with translation.override("ru"):
        assert confirm(client, upload(client, spreadsheet(headers, rows))).status_code == 302
    assert (first.updates.get().note_en, first.updates.get().note_ru) == (
        "Due date changed from 30 June 2026 to 31 March 2027.",
        "Срок выполнения изменён с 30 июня 2026\xa0г. на 31 марта 2027\xa0г.")
    # After a note, in the note's language: one text, as written.
    assert (second.updates.get().note_en, second.updates.get().note_ru) == (
        "Курс перенесён. Срок выполнения изменён с 30 июня 2026\xa0г. на 31 марта 2027\xa0г.", "")


@pytest.mark.parametrize("rows_after", [2, 20_000])  # a short file, and one whose runaway cell outgrows csv's limit
def test_a_quote_never_closed_is_refused_with_its_row_not_read_into_a_note(client, rows_after):
    staff(client, "Editors")
    ActionItemFactory.create_batch(3, status="planned", progress=10)
    headers, rows = export_rows(client)
    headers.append("Note")
    rows[0]["Note"] = "Two lines\nof note"  # a cell over two lines of the file: rows are still counted as rows
    rows[1]["Note"] = "Funding agreed"
    data = spreadsheet(headers, rows).decode("utf-8-sig")
    # A stray quote opens a cell that would run over every row after it.
    data = data.replace("Funding agreed", '"Funding agreed') + "padding\r\n" * rows_after
    page = upload(client, data.encode())
    assert page.status_code == 200
    assert ("The file cannot be read as CSV from row 3 on: a quotation mark there may never be closed."
            in html.unescape(page.content.decode()))
    assert "preview" not in page.context or not page.context["preview"]
    assert not ActionItemUpdate.objects.exists()


def test_a_change_between_preview_and_confirmation_saves_nothing(client):
    staff(client, "Editors")
    item = ActionItemFactory(status="planned", progress=10)
    headers, rows = export_rows(client)
    rows[0]["Progress (%)"] = "70"
    preview = upload(client, spreadsheet(headers, rows))
    item.description = "Edited by someone else"
    item.save()
    response = confirm(client, preview)
    assert "Something changed since the preview; nothing was saved." in response.content.decode()
    item.refresh_from_db()
    assert item.progress == 10 and not ActionItemUpdate.objects.exists()


@pytest.mark.parametrize("data", [b"\xff\xfe\x00\x00binary\x81\x8d", "ID;Статус\n1;x".encode("utf-16")])
def test_a_file_that_is_not_text_is_refused_with_a_message(client, data):
    staff(client, "Editors")
    page = upload(client, data)
    assert page.status_code == 200
    assert "Nothing was saved." in page.content.decode()


def test_an_altered_confirmation_saves_nothing(client):
    staff(client, "Editors")
    ActionItemFactory(status="planned", progress=10)
    headers, rows = export_rows(client)
    rows[0]["Progress (%)"] = "70"
    preview = upload(client, spreadsheet(headers, rows))
    url = reverse("admin:conferences_actionitem_import_progress")
    broken = client.post(url, {**confirmation(preview), "upload": "not-a-file-kept-here"})
    assert NO_LONGER_KEPT in broken.content.decode()
    forged = client.post(url, {**confirmation(preview), "fingerprint": "forged"})
    assert "nothing was saved" in forged.content.decode()
    assert not ActionItemUpdate.objects.exists()


def test_a_speaker_line_too_long_for_the_site_is_an_error_not_a_crash():
    text = SPEECH.replace("Ms. Dana Example,\nDirector", "Ms. Dana Example,\n" + "Director " * 40)
    result = import_speech(text.encode(), name="long.txt")
    assert result.error.startswith("long.txt: person current title: Ensure this value has at most 255 characters")
    assert not Speech.objects.exists() and not Person.objects.exists()


def test_rows_with_odd_ids_or_extra_cells_are_refused_not_a_crash(client):
    staff(client, "Editors")
    ActionItemFactory()
    headers, rows = export_rows(client)
    data = spreadsheet(headers, rows).decode("utf-8-sig")
    data += "²,x\r\n" + "9" * 25 + ",x\r\n" + rows[0]["ID"] + "," + ",".join(["a"] * (len(headers) + 3)) + "\r\n"
    preview = upload(client, data.encode("utf-8-sig")).context["preview"]
    reasons = [reason for _, reason in preview.rejected]
    assert reasons.count("No action item has the ID “²”.") == 1
    assert any(reason.startswith("No action item has the ID “999") for reason in reasons)
    assert "The row has more cells than the header has columns." in reasons


# What a file names that the site already has.

# A speech in the layout of the Tashkent 2022 remarks, in this project's own words: the title has
# "(JPoA)" and a hyphen broken across lines, and the organisation line is cut off.
TASHKENT_SHAPED = """\
HIGH-LEVEL INTERNATIONAL CONFERENCE ON
Regional Cooperation among Central Asian States within the
Framework of the Joint Plan of Action (JPoA) for the
Implementation of the United Nations Global Counter-
Terrorism Strategy

3 March 2022, Tashkent

Opening remarks by Mr. Vladimir Voronkov,
Under-Secretary-General, United Nations Office of

Excellencies,

Our work with the region has grown with every year of the Plan.

This includes support for the return of families from conflict zones; training of prison staff; advice on \
national prevention strategies; and community resilience projects.

We will keep helping interested Member States trace illicit weapons and secure and manage their frontiers. \
We are studying ways to protect crowded places and will step up support against terrorist travel.

We also support a regional early warning network for Central Asia to reduce the risks from Afghanistan.

I thank our partners for their shared commitment.
"""


def test_a_speech_of_a_conference_on_the_site_uses_its_conference_person_and_organisation():
    call_command("load_demo", verbosity=0)
    before = counts()
    # The demo has these remarks already: matched, they are known as imported before.
    again = import_speech(TASHKENT_SHAPED.encode(), name="tashkent.txt")
    assert again.ok and again.already_imported and counts() == before
    result = import_speech(TASHKENT_SHAPED.replace("Opening remarks", "Closing remarks").encode(), name="closing.txt")
    assert result.ok, result.error
    speech = result.speech
    assert (speech.conference.slug, speech.speaker.slug, speech.speaker_organization.slug) == (
        "tashkent-2022", "vladimir-voronkov", "unoct")
    after = counts()
    assert {name: after[name] - before[name] for name in after} == {
        "Conference": 0, "Speech": 1, "ActionItem": 9, "Person": 0, "Organization": 0, "Country": 0}
    assert result.parsed.warning("organization")
    assert [item.title for item in speech.action_items.order_by("pk")] == [
        "Return of families from conflict zones",
        "Training of prison staff",
        "Advice on national prevention strategies",
        "Community resilience projects",
        "Keep helping interested Member States trace illicit weapons",
        "Keep helping interested Member States secure and manage their frontiers",
        "Ways to protect crowded places",
        "Step up support against terrorist travel",
        "Support a regional early warning network for Central Asia to reduce the risks from Afghanistan",
    ]


def test_names_match_in_any_case_form_or_language():
    unoct = OrganizationFactory(name="United Nations Office of Counter-Terrorism", acronym="UNOCT")
    OrganizationFactory(name="United Nations Office on Drugs and Crime", acronym="UNODC")
    person = PersonFactory(name="Timur Sadykov", name_ru="Тимур Садыков", organization=unoct)
    assert find_person("TIMUR SADYKOV") == find_person("Тимур Садыков") == person
    assert find_person("Timur Sadykova") is None
    assert find_organization("UNOCT") == find_organization("united nations office of counter-terrorism") == (
        unoct, False)
    # Cut off at a line's end: the only organisation whose name starts so, said to be found by its start.
    assert find_organization("United Nations Office of", cut_off=True) == (unoct, True)
    assert find_organization("United Nations Office", cut_off=True) == (None, False)  # two start so: no guess
    assert find_organization("United Nations Office of") == (None, False)  # a whole name is not a start


def test_a_russian_heading_in_the_genitive_finds_the_person_by_their_russian_name():
    person = PersonFactory(name="Akmal Rashidov", name_ru="Акмаль Рашидов")
    text = ("КОНФЕРЕНЦИЯ\n\n6 июля 2024 года, Ашхабад\n\n"
            "Выступление Министра иностранных дел Республики Узбекистан Акмаля Рашидова\n\nМы продолжим работу.\n")
    result = import_speech(text.encode(), name="ashgabat.txt")
    assert result.ok, result.error
    assert result.speech.speaker == person


def test_a_conference_matches_on_its_day_with_a_near_identical_title_only():
    conference = ConferenceFactory(title="Regional Meeting on Border Security (BSM) in Central-Asia",
                                   start_date=dt.date(2023, 5, 12), end_date=dt.date(2023, 5, 13))
    assert find_conference("REGIONAL MEETING ON BORDER SECURITY IN CENTRAL ASIA", dt.date(2023, 5, 13)) == conference
    assert find_conference("Regional Meeting on Border Security in Central Asia", dt.date(2023, 5, 14)) is None
    assert find_conference("Regional Meeting on Water Security", dt.date(2023, 5, 12)) is None


def test_a_conference_matches_on_its_day_by_its_title_cut_short():
    conference = ConferenceFactory(
        title="High-level conference on regional cooperation among Central Asian States within the Joint Plan",
        title_ru="Конференция высокого уровня по региональному сотрудничеству государств Центральной Азии в "
                 "рамках Совместного плана", city="Tashkent", city_ru="Ташкент", start_date=dt.date(2022, 3, 3))
    side_event = ConferenceFactory(title="Side event on water", city="Tashkent", start_date=dt.date(2022, 3, 3))
    day = dt.date(2022, 3, 3)
    assert find_conference("Конференция высокого уровня по региональному сотрудничеству государств", day) == conference
    assert find_conference("High-level conference on regional cooperation", day) == conference
    assert find_conference("Conference on regional cooperation", day) is None  # too little in common
    assert find_conference("Международная конференция", day) is None  # the same city and day are not enough
    assert find_conference("Side event on water", day) == side_event
    # Two conferences that begin alike: the file does not say which.
    ConferenceFactory(title="High-level conference on regional cooperation in water management",
                      start_date=dt.date(2022, 3, 3))
    assert find_conference("High-level conference on regional cooperation", day) is None


# The preview an editor corrects.

def test_the_editor_corrects_the_preview_and_keeps_some_proposals(client):
    staff(client, "Editors")
    conference = ConferenceFactory(title="Border cooperation meeting", start_date=dt.date(2023, 5, 12))
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": SPEECH})
    page = preview.content.decode()
    assert "No conference on the site was held that day under the same title, or the same title cut short" in page
    assert 'name="keep"' in page and page.count('type="checkbox" name="keep"') == 5
    response = client.post(url, confirmation(preview, conference=str(conference.pk), speaker_name="Dana Exemplar",
                                             keep=["0", "4"]))
    assert response.status_code == 302
    speech = Speech.objects.get()
    assert (speech.conference, speech.speaker.name) == (conference, "Dana Exemplar")
    assert [item.title for item in speech.action_items.order_by("pk")] == [
        "Train border officers in risk analysis", "Joint patrols"]
    assert Conference.objects.count() == 1


def test_a_file_that_names_no_speaker_waits_for_the_editor_to_choose_one(client):
    staff(client, "Editors")
    person = PersonFactory(name="Dana Example")
    url = reverse("admin:conferences_speech_import")
    text = "REGIONAL MEETING\n\n12 May 2023, Almaty\n\nDistinguished colleagues,\n\nWe will train officers.\n"
    preview = client.post(url, {"text": text})
    assert "The file names no speaker: choose one." in preview.content.decode()
    refused = client.post(url, confirmation(preview))
    assert "Choose the speaker, or give the name of a new person." in refused.content.decode()
    assert not Speech.objects.exists() and not Conference.objects.exists()
    assert client.post(url, confirmation(refused, speaker=str(person.pk))).status_code == 302
    assert Speech.objects.get().speaker == person


def test_a_stale_preview_changes_nothing(client):
    staff(client, "Editors")
    conference = ConferenceFactory(title="Border cooperation meeting", start_date=dt.date(2023, 5, 12))
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": SPEECH})
    chosen = confirmation(preview, conference=str(conference.pk))
    conference.delete()
    page = client.post(url, chosen)
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    assert not Speech.objects.exists() and not Person.objects.exists() and not Organization.objects.exists()


@pytest.mark.parametrize("name", ["12-pdf-statement.pdf", "13-word-statement.docx"])
def test_the_admin_imports_pdf_and_word_files(client, name):
    staff(client, "Editors")
    data = (corpus_dir() / "speeches" / name).read_bytes()
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"file": SimpleUploadedFile(name, data)})
    assert "Preview: nothing is saved yet" in preview.content.decode()
    assert client.post(url, confirmation(preview)).status_code == 302
    speech = Speech.objects.get()
    assert speech.action_items.count() == 3 and not speech.is_published


def test_a_confirmation_the_site_refuses_keeps_the_file_and_the_corrections(client):
    staff(client, "Editors")
    # Held on another day: the speech, dated 12 May 2023, cannot belong to it.
    elsewhere = ConferenceFactory(title="Border cooperation meeting", start_date=dt.date(2023, 6, 1))
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": SPEECH})
    refused = client.post(url, confirmation(preview, conference=str(elsewhere.pk), speaker_name="Dana Exemplar"))
    page = refused.content.decode()
    assert refused.status_code == 200 and "Nothing was saved: correct what is marked below." in page
    # Beside the conference chosen, which is what to change.
    assert refused.context["review"].errors["conference"] == [
        "“Border cooperation meeting” was held on 1 June 2023: the speech must be dated that day."]
    assert not Speech.objects.exists() and not Person.objects.exists()
    # The file is still kept, and the editor's other correction is still there.
    assert 'value="Dana Exemplar"' in page
    assert client.post(url, confirmation(refused, conference="")).status_code == 302
    assert Speech.objects.get().speaker.name == "Dana Exemplar"


def test_a_typed_organisation_the_site_has_is_used_not_created_again(client):
    staff(client, "Editors")
    unoct = OrganizationFactory(name="United Nations Office of Counter-Terrorism", acronym="UNOCT")
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": SPEECH})
    response = client.post(url, confirmation(preview, organization="",
                                             organization_name="united nations office of counter-terrorism"))
    assert response.status_code == 302
    assert Speech.objects.get().speaker_organization == unoct and Organization.objects.count() == 1


def test_a_value_too_long_for_the_site_is_corrected_in_the_preview(client):
    staff(client, "Editors")
    text = SPEECH.replace("Ms. Dana Example,\nDirector", "Ms. Dana Example,\n" + "Director " * 40)
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": text})
    page = preview.content.decode()
    assert "Ensure this value has at most 255 characters" in page and "Correct it below before importing." in page
    assert client.post(url, confirmation(preview, speaker_role="Director")).status_code == 302
    assert Speech.objects.get().speaker_role == "Director"


def test_an_editor_who_may_not_add_people_must_choose_one(client):
    user = get_user_model().objects.create_user("importer", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(
        codename__in=["add_speech", "change_speech", "view_speech", "add_conference", "add_actionitem",
                      "add_organization", "view_person"]))
    client.force_login(user)
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": SPEECH})
    refused = client.post(url, confirmation(preview))
    assert "You may not add a new person: choose one on the site." in refused.content.decode()
    assert not Speech.objects.exists() and not Conference.objects.exists()


def test_the_same_text_imported_again_under_another_title_is_known(client):
    staff(client, "Editors")
    url = reverse("admin:conferences_speech_import")
    first = client.post(url, {"text": SPEECH})
    assert client.post(url, confirmation(first, speech_title="Keynote speech")).status_code == 302
    again = client.post(url, {"text": SPEECH})
    page = again.content.decode()
    speech = Speech.objects.get()
    assert "This speech has been imported before" in page
    assert reverse("admin:conferences_speech_change", args=[speech.pk]) in page
    assert 'name="confirm"' not in page  # nothing to import: no button that would seem to


def test_checking_the_corrections_again_saves_nothing(client):
    staff(client, "Editors")
    url = reverse("admin:conferences_speech_import")
    preview = client.post(url, {"text": SPEECH})
    fields = {name: value for name, value in confirmation(preview, speaker_name="", speaker="").items()
              if name != "confirm"}
    checked = client.post(url, {**fields, "recheck": "1"})
    assert "Choose the speaker, or give the name of a new person." in checked.content.decode()
    assert not Speech.objects.exists() and not Conference.objects.exists()
    assert client.post(url, confirmation(checked, speaker_name="Dana Example")).status_code == 302


def test_a_warning_goes_once_the_editor_has_corrected_what_it_is_about(client):
    staff(client, "Editors")
    url = reverse("admin:conferences_speech_import")
    untitled = SPEECH.replace("Keynote address by Ms. Dana Example,", "Ms. Dana Example,")
    preview = client.post(url, {"text": untitled})
    warning = "No title such as “Opening remarks” was found"
    assert warning in preview.content.decode()
    # The text begins where the file's speech does: a heading line read as a paragraph would show here.
    assert "It begins: “Excellencies, Ladies and gentlemen,”" in preview.content.decode()
    fields = {name: value for name, value in confirmation(preview).items() if name != "confirm"}
    unchanged = client.post(url, {**fields, "recheck": "1"}).content.decode()
    assert warning in unchanged
    corrected = client.post(url, {**fields, "speech_title": "Opening remarks", "recheck": "1"}).content.decode()
    assert warning not in corrected and 'value="Opening remarks"' in corrected


def test_a_revised_text_of_a_speech_on_the_site_is_not_added_twice_and_the_preview_says_why(client):
    staff(client, "Editors")
    import_speech(SPEECH.encode(), name="almaty.txt")
    url = reverse("admin:conferences_speech_import")
    same = client.post(url, {"text": SPEECH}).content.decode()
    assert "importing it again changes nothing" in same
    # Its conference, speaker, title and day are on the site; its text is not what the site has.
    revised = client.post(url, {"text": SPEECH.replace("for their welcome.", "for their warm welcome.")})
    page = revised.content.decode()
    assert "with another text" in page and "open it and replace its text" in page
    assert "importing it again changes nothing" not in page and 'name="confirm"' not in page
    assert Speech.objects.count() == 1


def test_a_date_range_gives_the_new_conference_its_last_day():
    text = SPEECH.replace("12 May 2023, Almaty", "12-13 May 2023, Almaty")
    result = import_speech(text.encode(), name="almaty.txt")
    assert result.ok, result.error
    assert (result.speech.conference.start_date, result.speech.conference.end_date) == (
        dt.date(2023, 5, 12), dt.date(2023, 5, 13))


def test_a_proposal_carries_no_note_to_editors_that_the_public_would_read():
    result = import_speech(SPEECH.encode(), name="almaty.txt")
    assert all(item.description == "" and item.status == "proposed" for item in result.speech.action_items.all())
