"""Imports: speeches from text, Word and PDF files, action-item progress from spreadsheets.

The command `import_speech` and the admin's "Import speech" and "Import progress" pages
call these functions. A speech is saved whole or not at all; a progress file is
previewed, and then all its valid rows are saved together, or none.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache

import reversion
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from .countries import country_iso3_for_city, country_name, english_city
from .deadlines import due_date_in
from .exports import FORMULA_STARTS, iso_time
from .history import kept_comment
from .languages import written_in
from .models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Organization,
    OrganizationKind,
    Person,
    Speech,
    Status,
)
from .speech_files import parse_speech_bytes
from .speech_matching import Matches, find_matches, find_organization, find_person
from .speech_parser import ParsedSpeech, SpeechParseError


class _DryRun(Exception):
    """Raised to roll back everything a dry run wrote."""


@dataclass
class SpeechChoices:
    """What a speech is saved with: read from the file and matched with the site, then perhaps
    changed by an editor in the preview. None for a record means "create one from the name"."""

    conference: Conference | None
    conference_title: str
    date: dt.date | None  # None until the editor gives it, when the file has no date line
    city: str
    speech_title: str
    speaker: Person | None
    speaker_name: str
    honorific: str
    speaker_role: str
    organization: Organization | None
    organization_name: str  # used only when `organization` is None; empty for none
    language: str
    keep: frozenset[int] | None = None  # the numbers of the proposals to keep; None keeps them all
    end_date: dt.date | None = None  # a new conference's last day, from a date line such as "3-4 March"

    @classmethod
    def read(cls, parsed: ParsedSpeech, matches: Matches) -> SpeechChoices:
        # A name cut off at a line's end is no organisation to create: the editor picks one.
        truncated = bool(parsed.warning("organization"))
        return cls(
            conference=matches.conference, conference_title=parsed.conference_title, date=parsed.date,
            city=parsed.city, speech_title=parsed.speech_title, speaker=matches.person,
            speaker_name=parsed.speaker_name, honorific=parsed.honorific, speaker_role=parsed.speaker_role,
            organization=matches.organization,
            organization_name="" if truncated else parsed.organization,
            language=parsed.language, end_date=parsed.end_date,
        )


@dataclass
class SpeechImport:
    """What importing one file did, or would do."""

    name: str
    parsed: ParsedSpeech | None = None
    matches: Matches | None = None
    choices: SpeechChoices | None = None
    error: str = ""
    speech: Speech | None = None
    already_imported: bool = False
    other_text: bool = False  # imported before, with another text (a revised file): not replaced by an import
    created: list[str] = field(default_factory=list)  # "Conference “Tashkent 2022” (new, draft)", ...
    found: list[str] = field(default_factory=list)
    refused: dict | None = None  # the preview's values the site refused, with why (None: not such an error)

    @property
    def correctable(self) -> bool:
        """Whether the error is in a value the editor can change in the preview."""
        return self.refused is not None

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def kept(self) -> list:
        keep = self.choices.keep if self.choices else None
        return [item for number, item in enumerate(self.parsed.action_items) if keep is None or number in keep]


def read_speech(data: bytes, *, name: str) -> SpeechImport:
    """The file read, and matched with what the site has, without saving anything."""
    result = SpeechImport(name)
    try:
        result.parsed = parse_speech_bytes(data)
    except SpeechParseError as error:
        result.error = f"{name}: {error}"
        return result
    result.matches = find_matches(result.parsed)
    result.choices = SpeechChoices.read(result.parsed, result.matches)
    return result


def import_speech(data: bytes, *, name: str, user=None, dry_run: bool = False,
                  choices: SpeechChoices | None = None, read: SpeechImport | None = None) -> SpeechImport:
    """Read one speech file and save it, with what it names, as drafts for an editor to review.

    Uses the conference, person and organisation the site already has (speech_matching.py),
    or creates them, with the host country; creates the speech and one draft action item per
    proposal kept. `choices` are an editor's changes to what was read; `read`, the file already
    read by read_speech(). Importing the same file again changes nothing. With dry_run, nothing
    is saved; otherwise all of it or none.
    """
    result = read_speech(data, name=name) if read is None else replace(read, created=[], found=[])
    if not result.ok:
        return result
    if choices is not None:
        result.choices = choices
    if not result.choices.speaker_name and result.choices.speaker is None:
        result.error = f"{name}: " + _("The file names no speaker: import it in the admin, where the preview "
                                       "lets you choose one.")
        return result
    if result.choices.date is None:
        result.error = f"{name}: " + _("The file gives no date: import it in the admin, where the preview "
                                       "lets you give one.")
        return result
    try:
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(kept_comment(gettext_noop("Imported from %(file)s."), file=name))
            _save_speech(result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except Refused as error:  # e.g. a speaker line longer than any title the site keeps
        problems = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        result.error, result.created, result.found, result.speech = f"{name}: {problems}", [], [], None
        result.refused = error.by_choice
    except DatabaseError as error:
        # PostgreSQL indexes the text for search, up to a size that depends on how many different
        # words it has, not on the file's size; "program limit exceeded" is that limit.
        if getattr(error.__cause__, "sqlstate", None) != "54000":
            raise
        result.error = f"{name}: " + _("The text has too many different words for the site's search index; "
                                       "a speech is much shorter.")
        result.created, result.found, result.speech = [], [], None
    return result


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


# Which value of the preview each refused field came from, so the preview can show the refusal beside it.
CHOICE_OF_FIELD = {
    (Speech, "delivered_on"): "date", (Speech, "title_en"): "speech_title", (Speech, "title_ru"): "speech_title",
    (Speech, "speaker_role_en"): "speaker_role", (Speech, "speaker_role_ru"): "speaker_role",
    (Person, "name_en"): "speaker_name", (Person, "name_ru"): "speaker_name", (Person, "title_en"): "speaker_role",
    (Person, "title_ru"): "speaker_role", (Person, "honorific_en"): "honorific", (Person, "honorific_ru"): "honorific",
    (Conference, "title_en"): "conference_title", (Conference, "title_ru"): "conference_title",
    (Conference, "city_en"): "city", (Conference, "city_ru"): "city",
    (Organization, "name_en"): "organization_name", (Organization, "name_ru"): "organization_name",
}  # fmt: skip


class Refused(ValidationError):
    """A value the site refuses, named by the model's field and by the preview's value it came from."""

    def __init__(self, model, error: ValidationError) -> None:
        # "person current title", not just "title"
        super().__init__({f"{model._meta.verbose_name} {_field_label(model, name)}": messages
                          for name, messages in error.message_dict.items()})
        self.by_choice = {}
        for name, messages in error.message_dict.items():
            self.by_choice.setdefault(CHOICE_OF_FIELD.get((model, name)), []).extend(messages)


def _create(model, **fields):
    """A new row, checked as a form would check it, so that bad values are an error, not a crash."""
    obj = model(**fields)
    try:
        obj.full_clean(exclude=["slug"], validate_unique=False)
    except ValidationError as error:
        raise Refused(model, error) from None
    obj.save()
    return obj


def _new_conference(chosen: SpeechChoices, country: Country | None) -> dict:
    """A new conference's fields. Russian text goes in the Russian fields; the English ones, which
    slugs and lists need, get the city's English name where it is known, and the Russian title
    until a translator writes one."""
    city_en = english_city(chosen.city)
    fields = {"title_en": chosen.conference_title, "city_en": city_en[:100],
              "short_title_en": f"{city_en} {chosen.date.year}".strip()[:100],
              "start_date": chosen.date, "end_date": chosen.end_date, "country": country}
    if chosen.language == "ru":
        fields.update(title_ru=chosen.conference_title, city_ru=chosen.city[:100],
                      # As Russian writes a meeting's place and year: "Ташкент, 2022".
                      short_title_ru=f"{chosen.city}, {chosen.date.year}".strip()[:100])
    return fields


def _host_country(result: SpeechImport, city: str) -> Country | None:
    """The country of a known city, for a new conference: the site's, or created from ISO 3166."""
    iso3 = country_iso3_for_city(city)
    if not iso3:
        return None
    country = Country.objects.filter(iso3=iso3).first()
    if country is not None:
        return _used(result, country)
    name = country_name(iso3)
    return _created(result, _create(Country, iso3=iso3, name_en=name, name_ru=country_name(iso3, "ru")), name)


def _used(result: SpeechImport, obj):
    result.found.append(f"{obj._meta.verbose_name.capitalize()} “{obj}”")
    return obj


def _created(result: SpeechImport, obj, label: str = ""):
    result.created.append(f"{obj._meta.verbose_name.capitalize()} “{label or obj}”")
    return obj


def site_countries(proposals) -> dict[str, Country]:
    """The site's countries among the States the proposals' sentences name, by code: those an imported
    commitment concerns (a State the site has no country for is left out)."""
    return {country.iso3: country for country in Country.objects.filter(
        iso3__in={iso3 for proposal in proposals for iso3 in proposal.countries})}


def _save_speech(result: SpeechImport) -> None:
    parsed, chosen = result.parsed, result.choices
    russian = chosen.language == "ru"

    def original(field: str, value: str) -> dict:
        # The English field holds the original until it is translated, so that an English page shows a
        # Russian speech's title or role as given rather than nothing; the Russian one holds it if Russian.
        return {f"{field}_en": value, **({f"{field}_ru": value} if russian else {})}

    conference = chosen.conference
    # A name typed in the preview may be of someone the site has already.
    speaker = chosen.speaker or find_person(chosen.speaker_name)
    existing = Speech.objects.filter(delivered_on=chosen.date, body=parsed.body).first()
    if existing is None and conference is not None and speaker is not None:
        existing = Speech.objects.filter(conference=conference, title_en__iexact=chosen.speech_title,
                                         speaker=speaker, delivered_on=chosen.date).first()
    # Imported before (its text, or its conference, speaker, title and day): nothing is created.
    if existing is not None:
        result.speech, result.already_imported = existing, True
        result.other_text = existing.body != parsed.body
        return
    if conference is not None:
        _used(result, conference)
    else:
        conference = _created(result,
                              _create(Conference, **_new_conference(chosen, _host_country(result, chosen.city))),
                              chosen.conference_title)
    organization = chosen.organization
    if organization is None and chosen.organization_name:
        organization, _by_start = find_organization(chosen.organization_name)
    if organization is not None:
        _used(result, organization)
    elif chosen.organization_name:
        kind = OrganizationKind.UN if "united nations" in chosen.organization_name.lower() else OrganizationKind.OTHER
        organization = _created(result, _create(Organization, kind=kind, **original("name", chosen.organization_name)),
                                chosen.organization_name)
    if speaker is not None:
        _used(result, speaker)
    else:
        # An honorific in its own language only: «г-н» would read oddly before a name on an English page.
        speaker = _created(result, _create(
            Person, organization=organization, **original("name", chosen.speaker_name),
            **original("title", chosen.speaker_role),
            **{"honorific_ru" if russian else "honorific_en": chosen.honorific},
        ), chosen.speaker_name)
    result.speech = _create(
        Speech,
        conference=conference,
        **original("title", chosen.speech_title),
        **original("speaker_role", chosen.speaker_role),
        speaker=speaker,
        speaker_organization=organization,
        delivered_on=chosen.date,
        language=chosen.language,
        body=parsed.body,
    )
    result.created.append(_("Speech “%(title)s” (draft)") % {"title": result.speech})
    kept = result.kept
    states = site_countries(kept)
    for proposal in kept:
        item = _create(
            ActionItem,
            title_en=proposal.title,
            **({"title_ru": proposal.title} if russian else {}),
            speech=result.speech,
            excerpt=proposal.excerpt,
            due_date=due_date_in(proposal.excerpt, chosen.date),  # the day an editor may have given
            status=Status.PROPOSED,
            # No description: a note to editors there would reach the public page when published as it is.
            # The status "proposed" and the excerpt say where it came from.
            lead_organization=organization,
        )
        item.countries.set([states[iso3] for iso3 in proposal.countries if iso3 in states])
    result.created.append(ngettext("%(count)d proposed action item (draft)", "%(count)d proposed action items (drafts)",
                                   len(kept)) % {"count": len(kept)})


# Progress from a spreadsheet ---------------------------------------------------------------

REQUIRED_COLUMNS = ["ID", "Last changed"]
EXTRA_CELLS = "\x00cells beyond the header"  # where csv puts the cells of a row longer than its header
EDITABLE_COLUMNS = ["Status", "Progress (%)", "Due date", "Note"]


@cache
def statuses_by_name() -> dict[str, str]:
    """Each status by its code and by its name in every language of the site ("In progress",
    "Выполняется"): exported files hold the English names, editors may type either."""
    names = {value: value for value in Status.values}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.update({str(label).casefold(): value for value, label in Status.choices})
    return names


def english_statuses() -> str:
    with translation.override("en"):
        return ", ".join(str(label) for _value, label in Status.choices)


class ProgressFileError(ValueError):
    """The file as a whole cannot be used; nothing is saved."""


@dataclass
class RowChange:
    row: int
    item: ActionItem
    changes: list[tuple[str, str, str]]  # (column, old, new)
    status: str
    progress: int
    due_date: dt.date | None
    note: str


@dataclass
class ProgressPreview:
    changes: list[RowChange] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (row, reason)
    unchanged: int = 0


def read_progress_file(data: bytes) -> list[dict[str, str]]:
    """The rows of an edited action-item export: UTF-8 (with or without BOM) or Windows-1251, comma or semicolon."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # a zip (.xlsx, .ods) or an old Office file (.xls)
        raise ProgressFileError(_("This is a spreadsheet workbook, not a CSV file. In the spreadsheet, save it as "
                                  "“CSV UTF-8” (or plain CSV), then import that file."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # what a spreadsheet saves as "Unicode text"
        raise ProgressFileError(_("This file is UTF-16 text (“Unicode text”), not CSV. In the spreadsheet, save it as "
                                  "“CSV UTF-8”, then import that file."))
    if data.startswith(b"%PDF") or b"\x00" in data[:4096]:  # no text a spreadsheet saves as CSV holds a NUL byte
        raise ProgressFileError(_("This is not a CSV file (it may be a PDF or a picture). Start from a fresh "
                                  "action-item export, edit it in a spreadsheet, save it as “CSV UTF-8” and import "
                                  "that file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1251")  # what Excel writes in a Russian locale; anything else fails here
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    # Strict: a quote opened and never closed is an error, where it would swallow the rows after it.
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, restkey=EXTRA_CELLS, strict=True)
    headers, rows = None, []
    try:
        headers = [h.strip() for h in reader.fieldnames or []]
        rows.extend(reader)
    except csv.Error:
        raise ProgressFileError(_(
            "The file cannot be read as CSV from row %(row)d on: a quotation mark there may never be closed. "
            "Save the sheet again as “CSV UTF-8” and import that file."
        ) % {"row": 1 if headers is None else len(rows) + 2}) from None  # numbered as the sheet numbers them
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if missing:
        raise ProgressFileError(
            ngettext("The file has no %(columns)s column, so its rows cannot be matched to action items. "
                     "Start from a fresh action-item export and edit Status, Progress (%%), Due date or Note.",
                     "The file has no %(columns)s columns, so its rows cannot be matched to action items. "
                     "Start from a fresh action-item export and edit Status, Progress (%%), Due date or Note.",
                     len(missing))
            % {"columns": get_text_list([_("“%(name)s”") % {"name": column} for column in missing], _("or"))}
        )
    if not any(column in headers for column in EDITABLE_COLUMNS):
        raise ProgressFileError(_("The file has none of the columns that can be imported: %(columns)s.")
                                % {"columns": ", ".join(EDITABLE_COLUMNS)})
    return [{k.strip(): v.strip() if isinstance(v, str) else v for k, v in row.items() if k} for row in rows]


def _plain(text: str) -> str:
    """A cell as it was before the export's formula guard put an apostrophe in front."""
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_STARTS else text


def _moment(moment: dt.datetime) -> str:
    """A moment as staff read it ("1 December 2026, 01:36"), in the site's time."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _parse_date(text: str) -> dt.date | None:
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date: write it as YYYY-MM-DD or DD.MM.YYYY.") % {"value": text})


def preview_progress(data: bytes) -> ProgressPreview:
    """Every change the file would make, and every row it cannot use with the reason. Saves nothing."""
    rows = read_progress_file(data)
    preview = ProgressPreview()
    rows_by_key: dict[int, list[int]] = {}
    for number, row in enumerate(rows, start=2):  # row 1 is the header, as a spreadsheet numbers it
        if (key := _item_key(row)) is not None:
            rows_by_key.setdefault(key, []).append(number)
    items = ActionItem.objects.in_bulk(rows_by_key)
    changes = []
    for number, row in enumerate(rows, start=2):
        try:
            change = _row_change(number, row, items)
        except ValueError as error:
            preview.rejected.append((number, str(error)))
            continue
        if change is None:
            preview.unchanged += 1
        else:
            changes.append(change)
    # Two rows that would both change one item: which one is meant is not for the site to guess,
    # and saving the first would make the second look changed by someone else.
    changing = Counter(change.item.pk for change in changes)
    for change in changes:
        if changing[change.item.pk] > 1:
            where = get_text_list([str(number) for number in rows_by_key[change.item.pk]], _("and"))
            preview.rejected.append(
                (change.row, _("ID %(id)s appears in rows %(rows)s: keep only one of them.")
                 % {"id": change.item.pk, "rows": where})
            )
        else:
            preview.changes.append(change)
    preview.rejected.sort()
    return preview


def _item_key(row: dict) -> int | None:
    text = row.get("ID") or ""
    return int(text) if text.isascii() and text.isdecimal() and len(text) < 19 else None


def _row_change(number: int, row: dict[str, str], items: dict[int, ActionItem]) -> RowChange | None:
    if EXTRA_CELLS in row:
        raise ValueError(_("The row has more cells than the header has columns."))
    item = items.get(_item_key(row))
    if item is None and not (row.get("ID") or "").strip():
        raise ValueError(_("The row has no ID: the ID column says which action item a row updates."))
    if item is None:
        raise ValueError(_("No action item has the ID “%(id)s”.") % {"id": row.get("ID")})
    exported = row.get("Last changed", "")
    if exported != iso_time(item.updated_at):
        raise ValueError(
            _("“%(title)s” was changed on this site after the file was exported (on %(when)s): export it again "
              "and redo this row.") % {"title": item.title, "when": _moment(item.updated_at)}
        )
    status, progress, due_date = item.status, item.progress, item.due_date
    if "Status" in row:
        status = statuses_by_name().get(_plain(row["Status"]).casefold())
        if status is None:
            raise ValueError(_("“%(value)s” is not a status; use one of: %(choices)s.") % {
                "value": row["Status"], "choices": english_statuses()})
    if "Progress (%)" in row:
        text = row["Progress (%)"].rstrip("%").strip()
        if not (text.isascii() and text.isdecimal() and int(text) <= 100):
            raise ValueError(_("Progress must be a whole number from 0 to 100, not “%(value)s”.")
                             % {"value": row["Progress (%)"]})
        progress = int(text)
    changed = (status, progress) != (item.status, item.progress)
    if changed and (disagreement := Status.disagreement(status, progress)):
        raise ValueError(str(disagreement))
    if "Due date" in row:
        due_date = _parse_date(row["Due date"])
    note = _plain(row.get("Note", ""))
    changes = []
    if status != item.status:
        changes.append((_("Status"), item.get_status_display(), dict(Status.choices)[status]))
    if progress != item.progress:
        changes.append((_("Progress (%)"), str(item.progress), str(progress)))
    if due_date != item.due_date:
        changes.append((_("Due date"), str(item.due_date or "—"), str(due_date or "—")))
    if note:
        changes.append((_("Note"), "", note))
    if not changes:
        return None
    changes = [tuple(str(part) for part in change) for change in changes]
    return RowChange(number, item, changes, status, progress, due_date, note)


def due_date_told(old: dt.date | None, new: dt.date | None, language: str) -> str:
    """A changed due date as a progress note tells it: public text, with the dates as its readers write
    them, and no dash for a date there is not."""
    with translation.override(language):
        dates = {"old": old and date_format(old), "new": new and date_format(new)}
        if old is None:
            # Translators: the date ends the sentence; where the date format ends with a full stop
            # (Russian "г."), leave the sentence's own out, here and in the other due-date sentences.
            return _("Due date set to %(new)s.") % dates
        if new is None:
            return _("Due date removed; it was %(old)s.") % dates
        return _("Due date changed from %(old)s to %(new)s.") % dates


@transaction.atomic
def apply_progress(data: bytes, *, user) -> ProgressPreview:
    """Save every valid row of the file, each as a progress update recorded by `user`: all of them, or none."""
    preview = preview_progress(data)
    today = timezone.localdate()
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(gettext_noop("Progress imported from a spreadsheet."))  # worded when read
        for change in preview.changes:
            item = ActionItem.objects.select_for_update().get(pk=change.item.pk)
            if item.updated_at != change.item.updated_at:
                # Changed between the check and the lock: save none of the file.
                raise ProgressFileError(_("“%(title)s” changed while the file was being saved; nothing was saved.")
                                        % {"title": item.title})
            # The file's note as written goes in the English field, which holds an original until someone
            # translates it. A changed due date is told after it in its language, or in each where there is none.
            note_en, note_ru = change.note, ""
            if change.due_date != item.due_date:
                old, new = item.due_date, change.due_date
                if change.note:
                    told = due_date_told(old, new, written_in(change.note) or settings.LANGUAGE_CODE)
                    note_en = f"{change.note} {told}"
                else:
                    note_en, note_ru = due_date_told(old, new, settings.LANGUAGE_CODE), due_date_told(old, new, "ru")
                item.due_date = change.due_date
                item.save(update_fields=["due_date", "updated_at"])
            ActionItemUpdate.objects.create(action_item=item, date=today, status=change.status,
                                            progress=change.progress, note_en=note_en, note_ru=note_ru,
                                            recorded_by=user)
            reversion.add_to_revision(item)
    return preview
