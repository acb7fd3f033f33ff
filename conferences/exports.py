"""CSV exports: one column spec per model and one streaming writer, for the public lists, the admin
and the complete download.

Each column is an SQL expression, so that the database computes every cell, neutralised and
blank where it must be: on PostgreSQL it writes the whole file itself (COPY of the filtered
queryset's own SQL), on SQLite it writes each line and Python only joins them. Names of many
related records (partners, countries, themes) are read from lists the database keeps beside
each record (conferences/name_lists.py), not looked up row by row.

Format, for Excel: UTF-8 with a byte-order mark, one header row of human column names,
ISO dates, several values in one cell joined with "; ", and any cell that a spreadsheet
would run as a formula prefixed with an apostrophe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Model, OuterRef, Q, QuerySet, Subquery, TextField, Value, When
from django.db.models.functions import Cast, Concat
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _

from . import site_address, visibility
from .languages import in_file_names, shown_sql
from .models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Document,
    DocumentVersion,
    Language,
    Organization,
    Person,
    Plan,
    Session,
    Speech,
    SpeechTranslation,
    Status,
    Theme,
)
from .name_lists import names_sql

BOM = "\ufeff"
JOIN = "; "
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FLUSH_BYTES = 64 * 1024
FETCH_ROWS = 2000


def csv_line(values: Iterable[str | None]) -> str:
    """One CSV line, quoted as PostgreSQL's COPY quotes (where a comma, quote, CR or LF asks for it)."""
    cells = []
    for value in values:
        if value and any(c in value for c in ',"\r\n'):
            value = '"' + value.replace('"', '""') + '"'
        cells.append(value or "")
    return ",".join(cells) + "\n"


# As code points: comparing the first character's number costs a third of cutting it out as text.
FORMULA_CODE_POINTS = ", ".join(str(ord(start)) for start in FORMULA_STARTS)


def neutralised_sql(cell: str) -> str:
    """Text a spreadsheet shows as written (an apostrophe in front of anything it would evaluate), and
    empty text as NULL (an empty cell). It reads `cell` three times, so
    `cell` is a column of the statement beneath, never an expression to work out again."""
    first = "ascii" if connection.vendor == "postgresql" else "unicode"  # the first character's code point
    return f"NULLIF(CASE WHEN {first}({cell}) IN ({FORMULA_CODE_POINTS}) THEN '''' || {cell} ELSE {cell} END, '')"


class IsoDate(Func):
    """A date as YYYY-MM-DD."""

    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps dates as that text already; as text, the driver does not read it back as a date.
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS text)", **extra)


class IsoTime(Func):
    """A moment in UTC as YYYY-MM-DDThh:mm:ss.ffffffZ.

    SQLite keeps moments as UTC text, "YYYY-MM-DD hh:mm:ss", with ".ffffff" only when there are microseconds.
    """

    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = self.as_sql(compiler, connection, template="%(expressions)s", **extra)
        return (f"(replace({sql}, ' ', 'T') || CASE WHEN instr({sql}, '.') THEN 'Z' ELSE '.000000Z' END)",
                [*params, *params])


class Joined(Subquery):
    """The values ("v") a subquery finds, joined with "; " in code-point order.

    The subquery must sort them: SQLite joins them in the order it reads them.
    """

    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        joined = f'(SELECT string_agg(j.v, \'{JOIN}\' ORDER BY j.v COLLATE "C") FROM (%(subquery)s) AS j)'
        return self.as_sql(compiler, connection, template=joined, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        joined = f"(SELECT group_concat(j.v, '{JOIN}') FROM (%(subquery)s) AS j)"
        return self.as_sql(compiler, connection, template=joined, **extra)


@dataclass(frozen=True)
class Column:
    """One column: its header, what it means, its cell as SQL, and its type for the data package.

    `sql(public)` is an expression on the exported model; `public` says whether names of
    unpublished related content must be left out.
    """

    header: str
    description: str
    sql: object = None
    text: bool = True  # free text, which may need neutralising
    type: str = "string"  # its Frictionless Data field type
    values: tuple[str, ...] = ()  # the only values it can hold (in English in every file), for the data dictionary
    refers_to: type[Model] | None = None  # the model whose file's ID it holds, for joining the files
    field: str = ""  # the model field it gives as it is, whose meaning the API reference takes from here
    format: str = ""  # its Frictionless Data format, where its type has several (an address: "uri")
    meanings: tuple = ()  # each value's label in the reader's language (lazy), beside `values`

    def glossed(self) -> list[tuple[str, str]]:
        """Each value it can hold, with its label in the present language where that differs
        (("Proposed", "предложено"), …): a Russian reader meets the English values in the file."""
        pairs = []
        for value, meaning in zip(self.values, self.meanings or self.values, strict=True):
            meaning = str(meaning)
            pairs.append((value, "" if meaning == value else meaning[:1].lower() + meaning[1:]))
        return pairs


def text(path: str, header: str, description: str) -> Column:
    return Column(header, description, lambda public: F(path), field=path)


def translated(path: str, header: str, description: str) -> Column:
    """A translated field: in the language of the address the file comes from, else in English."""
    prefix, _sep, name = path.rpartition("__")
    return Column(header, description, lambda public: shown_sql(name, prefix=f"{prefix}__" if prefix else ""),
                  field=path)


def code(path: str, codes, header: str, description: str) -> Column:
    """A code from a fixed list (a language's): written bare, as a status is, with nothing to neutralise."""
    return Column(header, description, lambda public: F(path), text=False, values=tuple(codes), field=path)


def number(path: str, header: str, description: str) -> Column:
    return Column(header, description, lambda public: Cast(F(path), TextField()), text=False, type="integer",
                  field="id" if path == "pk" else path)


def date(path: str, header: str, description: str) -> Column:
    return Column(header, description, lambda public: IsoDate(F(path)), text=False, type="date", field=path)


def timestamp(path: str, header: str, description: str) -> Column:
    return Column(header, description, lambda public: IsoTime(F(path)), text=False, type="datetime", field=path)


def choice(path: str, choices, header: str, description: str) -> Column:
    # The values stay English in every language's file, as the headers do, so that files import back.
    with translation.override("en"):
        labels = {value: str(label) for value, label in choices}
    return Column(
        header,
        description,
        lambda public: Case(
            *(When(**{path: value}, then=Value(label)) for value, label in labels.items()), output_field=TextField()
        ),
        text=False,
        values=tuple(labels.values()),
        meanings=tuple(label for _value, label in choices),
        field=path,
    )


def organization(path: str, header: str, description: str) -> Column:
    return Column(header, description, lambda public: Organization.display_name_sql(f"{path}__"))


def conference(header: str, description: str) -> Column:
    """The conference a record belongs to, by its display name."""
    return Column(header, description, lambda public: Conference.display_name_sql("conference__"))


def many(model: type[Model], relation: str, header: str, description: str, public_only: bool = False) -> Column:
    """Names of a many-to-many relation, sorted by code point, joined with "; ".

    `public_only` where the related records may have no public page (a plan's pillars): a public file
    then names only those in their own file, as the API links only those."""
    if model is ActionItem:  # a list of a million: read the names the database keeps with each item
        return Column(header, description, lambda public: names_sql(relation))
    m2m = model._meta.get_field(relation)
    source, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()

    def sql(public):
        name = (Organization.display_name_sql(f"{other}__") if m2m.related_model is Organization
                else shown_sql("name", prefix=f"{other}__"))
        through = m2m.remote_field.through.objects.filter(**{source: OuterRef("pk")})
        if public and public_only:
            through = through.filter(**{f"{other}__in": m2m.related_model.objects.published()})
        return Joined(through.values(v=name).order_by("v"))

    return Column(header, description, sql)


def _named(path: str, model: type[Model], public: bool) -> Q:
    """Whether a row names the record at `path`: where it has one and, in a public export, that one is public too."""
    named = Q(**{f"{path}__isnull": False})  # without one, a concatenation would write the bare separator
    if public:
        named &= model._meta.get_field(path).related_model.public_q(f"{path}__")
    return named


def linked_if_public(path: str, header: str, description: str, sql_name, model: type[Model] = ActionItem) -> Column:
    """A record's conference, speech or document, named in public exports only where that is public itself."""
    def sql(public):
        return Case(When(_named(path, model, public), then=sql_name(f"{path}__")), output_field=TextField())

    return Column(header, description, sql)


EXCERPT = Column("Excerpt", _("The sentence of the speech that announced it, word for word; empty while that speech "
                              "is not public."),
                 lambda public: visibility.public_excerpt_sql() if public else F("excerpt"), field="excerpt")


def reference(path: str, header: str, description: str, model: type[Model], if_public: bool = False) -> Column:
    """The ID of the record at `path`, as in that record's own file, so that the files can be joined.

    `if_public` where that record may be a draft while this one is public: then, as its name, it is
    left out of public files, and an ID in a file always finds its row in the other file. The number
    is written as the database keeps it: cast to text first, it cost the export several times as much
    (docs/performance.md, "The ID columns").
    """
    def sql(public):
        number = F(f"{path}_id")
        if not if_public:
            return number
        return Case(When(_named(path, model, public), then=number), output_field=IntegerField())

    return Column(header, description, sql, text=False, type="integer",
                  refers_to=model._meta.get_field(path).related_model)


def version_languages(header: str, description: str, versions: QuerySet) -> Column:
    """The codes of some of a document's language versions, sorted, joined with "; "."""
    return Column(header, description, lambda public: Joined(
        versions.filter(document=OuterRef("pk")).values(v=F("language")).order_by("v")), text=False)


def _sql_document_name(prefix: str):
    """Document.__str__ in SQL: the title, with the UN symbol in brackets where there is one."""
    title, symbol = shown_sql("title", prefix=prefix), F(f"{prefix}symbol")
    return Case(When(**{f"{prefix}symbol": ""}, then=title),
                default=Concat(title, Value(" ("), symbol, Value(")"), output_field=TextField()),
                output_field=TextField())


def _sql_speech_name(prefix: str):
    return Concat(shown_sql("title", prefix=prefix), Value(", "), shown_sql("name", prefix=f"{prefix}speaker__"),
                  output_field=TextField())


ID = number("pk", "ID", _("The record's permanent number on this site; it never changes."))
CONFERENCE_ID = _("The ID of the conference in the column before, as in the conferences file.")
DOCUMENT_ID = _("The ID of the document in the column before, as in the documents file.")
ORGANIZATION_ID = _("The ID of the organisation in the column before, as in the organisations file.")
COUNTRY_ID = _("The ID of the country in the column before, as in the countries file.")
URL = Column("URL", _("The record's public page on this site."), text=False, format="uri")  # Export knows it
PUBLISHED_AT = timestamp("published_at", "Published at",
                         _("When it was published, in UTC."))
LAST_CHANGED = timestamp("updated_at", "Last changed", _("When the record was last saved, in UTC."))


def iso_time(moment: dt.datetime) -> str:
    """A moment as its cell reads (LAST_CHANGED): what a progress file is checked against."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class Export:
    model: type[Model]
    name: str  # the file name's start, e.g. "action-items"
    title: str
    url_name: str | None  # the public detail page, if there is one
    columns: list[Column]
    public: bool = False  # offered to everyone, for published rows
    url_fields: tuple[str, ...] = ("slug",)  # what the address is made of, in the order url_name takes them
    url_column: Column = URL  # what the address column is called and means
    url_if: Q | None = None  # the rows that have an address, where not all do
    url_anchor: str = ""  # a record with no page of its own: its place on its parent's, this and its ID
    numbered: bool = True  # each row a record with an ID; else a link between two, keyed by both IDs

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.all_columns]

    @property
    def all_columns(self) -> list[Column]:
        return [*([ID] if self.numbered else []), *([self.url_column] if self.url_name else []), *self.columns]

    @property
    def key(self) -> list[str]:
        """The headers of the columns that tell its rows apart."""
        return [ID.header] if self.numbered else [column.header for column in self.columns]

    def filename(self, filters: dict[str, str] | None = None) -> str:
        """The list, the filters it was cut by, the language where it is not English, and the day:
        action-items-country-uzbekistan-overdue-1-2026-11-30.csv, …-ru-2026-11-30.csv, so that a
        reader who takes both languages keeps both files."""
        parts = [self.name]
        for name, value in (filters or {}).items():
            if value:
                parts += [slugify(name), slugify(value, allow_unicode=True)[:40]]
        stem = "-".join(part for part in parts if part)[:150].rstrip("-")
        return f"{stem}{in_file_names()}-{timezone.localdate().isoformat()}.csv"

    def cells(self, queryset: QuerySet, site: str, public: bool) -> tuple[str, list, list[tuple[str, bool]]]:
        """`queryset`'s cells, each worked out once, in its order: the SQL to select them from, its
        parameters, and each cell as a column of it, finished (text neutralised, empty text NULL),
        with whether it is text, which the file always quotes.

        The cells are finished in a statement over the one that works them out: neutralising reads a
        cell three times, and a cell such as a display name would otherwise be worked out each time.
        """
        expressions = {"c_id": Cast(F("pk"), TextField())} if self.numbered else {}
        url = self._url_parts(site)
        if url:
            pieces = [Value(url[0])]
            for name, after in zip(self.url_fields, url[1:], strict=True):
                pieces += [F(name), Value(after)]
            if self.url_anchor:
                pieces += [Value(f"#{self.url_anchor}"), Cast(F("pk"), TextField())]
            address = Concat(*pieces, output_field=TextField())
            expressions["c_url"] = (address if self.url_if is None
                                    else Case(When(self.url_if, then=address), output_field=TextField()))
        texts = set()
        for position, column in enumerate(self.columns):
            expressions[f"c_{position}"] = column.sql(public)
            if column.text:
                texts.add(f"c_{position}")
        inner, params = queryset.annotate(**expressions).values_list(*expressions).query.sql_with_params()
        # An OFFSET keeps the statement whole: neither database then folds its cells into the one
        # over it, which would work each out again wherever it is read. The outer statement reads its
        # rows in their order: it has no join, grouping or sort of its own (the export tests check it).
        fence = "OFFSET 0" if connection.vendor == "postgresql" else "LIMIT -1 OFFSET 0"
        columns = [(neutralised_sql(f"c.{name}"), True) if name in texts else (f"c.{name}", False)
                   for name in expressions]
        return f"({inner} {fence}) AS c", params, columns

    def copy_sql(self, queryset: QuerySet, site: str, public: bool) -> str:
        """A COPY statement that makes PostgreSQL write the CSV rows of `queryset` itself."""
        cells, params, columns = self.cells(queryset, site, public)
        select = ", ".join(f"{column} AS f_{position}" for position, (column, _text) in enumerate(columns))
        quoted = ", ".join(f"f_{position}" for position, (_column, text) in enumerate(columns) if text)
        return (f"COPY (SELECT {select} FROM {connection.ops.compose_sql(cells, params)}) TO STDOUT WITH "
                f"(FORMAT csv{f', FORCE_QUOTE ({quoted})' if quoted else ''})")

    def lines(self, queryset: QuerySet, site: str, public: bool) -> Iterator[str]:
        """The CSV lines, each one written by the database (SQLite's path; it has no COPY)."""
        cells, params, columns = self.cells(queryset, site, public)
        line = [f"""coalesce('"' || replace({column}, '"', '""') || '"', '')""" if text else f"coalesce({column}, '')"
                for column, text in columns]
        joined = " || ',' || ".join(line)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {joined} || char(10) FROM {cells}", params)
            while rows := cursor.fetchmany(FETCH_ROWS):
                for (text,) in rows:
                    yield text

    def _url_parts(self, site: str) -> list[str] | None:
        """The address's fixed text around its fields: ["https://…/documents/", "/", "/download/"]."""
        if not self.url_name:
            return None
        marks = [f"field{position}mark" for position in range(len(self.url_fields))]
        parts, rest = [], reverse(self.url_name, args=marks)
        for mark in marks:
            before, rest = rest.split(mark, 1)
            parts.append(before)
        parts.append(rest)
        parts[0] = site + parts[0]
        return parts

    def stream(self, queryset: QuerySet, site: str, public: bool) -> Iterator[bytes]:
        yield (BOM + csv_line(self.headers)).encode()
        try:
            if connection.vendor == "postgresql":
                body = _copy_out(self.copy_sql(queryset, site, public))
            else:
                body = _buffered(line.encode() for line in self.lines(queryset, site, public))
            first = next(body, None)
        except EmptyResultSet:  # filters known to match nothing (a search for no word): the header alone
            return
        if first is not None:
            yield first
            yield from body

    def response(self, queryset: QuerySet, request: HttpRequest, public: bool,
                 filters: dict[str, str] | None = None) -> StreamingHttpResponse:
        site = site_address.of(request)
        response = StreamingHttpResponse(self.stream(queryset, site, public), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, self.filename(filters))
        return response


def _buffered(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Fewer, larger writes: whole rows, about FLUSH_BYTES at a time."""
    buffer, size = [], 0
    for chunk in chunks:
        buffer.append(chunk)
        size += len(chunk)
        if size >= FLUSH_BYTES:
            yield b"".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield b"".join(buffer)


def _copy_out(sql: str) -> Iterator[bytes]:
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        yield from _buffered(bytes(block) for block in copy)


CONFERENCE_EXPORT = Export(
    Conference,
    "conferences",
    _("Conferences"),
    "conferences:conference_detail",
    [
        translated("title", "Title", _("The conference's full title.")),
        translated("short_title", "Short title", _("The name used in lists, e.g. “Tashkent 2022”.")),
        date("start_date", "Start date", _("First day, as YYYY-MM-DD.")),
        date("end_date", "End date", _("Last day, as YYYY-MM-DD; empty for a one-day meeting.")),
        translated("city", "City", _("Where it was held.")),
        translated("country__name", "Host country", _("The country that hosted it.")),
        reference("country", "Host country ID", COUNTRY_ID, Conference),
        many(Conference, "countries", "Participating countries", _("Countries taking part.")),
        many(Conference, "organizers", "Organisers", _("Organisations that organised it.")),
        many(Conference, "themes", "Themes", _("Strategy pillars and work areas it covered.")),
        translated("summary", "Summary", _("A short description.")),
        text("website", "Website", _("Its own website, if any.")),
        PUBLISHED_AT,
        LAST_CHANGED,
    ],
    public=True,
)

SPEECH_EXPORT = Export(
    Speech,
    "speeches",
    _("Speeches"),
    "conferences:speech_detail",
    [
        translated("title", "Title", _("What the statement was, e.g. “Opening remarks”.")),
        conference("Conference", _("The conference it was delivered at (its short title).")),
        reference("conference", "Conference ID", CONFERENCE_ID, Speech),
        translated("session__title", "Session", _("The session of the conference's agenda it was given in, if known.")),
        reference("session", "Session ID", _("The ID of the session in the column before, as in the sessions file."),
                  Speech),
        date("delivered_on", "Delivered on", _("The day it was delivered, as YYYY-MM-DD.")),
        translated("speaker__name", "Speaker", _("Who delivered it.")),
        reference("speaker", "Speaker ID", _("The ID of the speaker in the column before, as in the people file."),
                  Speech),
        translated("speaker_role", "Speaker's role", _("The title the speaker held that day.")),
        organization("speaker_organization", "Speaker's organisation", _("The organisation the speaker spoke for.")),
        reference("speaker_organization", "Speaker's organisation ID", ORGANIZATION_ID, Speech),
        code("language", Language.values, "Language", _("ISO 639-1 code of the text's language, e.g. en or ru.")),
        many(Speech, "themes", "Themes", _("Strategy pillars and work areas it addressed.")),
        text("source_url", "Source", _("Where the text was published first.")),
        text("body", "Text", _("The full text as delivered, in its original language (see the language code), "
                               "even in a file from the Russian pages; paragraphs are separated by a blank line. "
                               "Its translations are in their own file.")),
        PUBLISHED_AT,
        LAST_CHANGED,
    ],
    public=True,
)

ACTION_ITEM_EXPORT = Export(
    ActionItem,
    "action-items",
    _("Action items"),
    "conferences:actionitem_detail",
    [
        translated("title", "Title", _("The commitment, in a few words.")),
        choice("status", Status.choices, "Status", _("Where it stands.")),
        number("progress", "Progress (%)", _("How far it has come, 0 to 100.")),
        date("due_date", "Due date", _("When it is due, as YYYY-MM-DD; empty if no date is set.")),
        organization("lead_organization", "Lead organisation", _("The organisation responsible for it.")),
        reference("lead_organization", "Lead organisation ID", ORGANIZATION_ID, ActionItem),
        many(ActionItem, "partners", "Partners", _("Organisations working on it with the lead.")),
        many(ActionItem, "countries", "Countries", _("Countries it concerns.")),
        many(ActionItem, "themes", "Themes", _("Strategy pillars and work areas it belongs to.")),
        linked_if_public("conference", "Conference", _("The conference where it was announced."),
                         Conference.display_name_sql),
        reference("conference", "Conference ID", CONFERENCE_ID, ActionItem, if_public=True),
        linked_if_public("speech", "Source speech", _("The speech that announced it: title, speaker."),
                         _sql_speech_name),
        reference("speech", "Source speech ID",
                  _("The ID of the speech in the column before, as in the speeches file."), ActionItem, if_public=True),
        EXCERPT,
        translated("plan__name", "Plan", _("The version of the Joint Plan of Action it belongs to.")),
        reference("plan", "Plan ID", _("The ID of the plan in the column before, as in the plans file."), ActionItem),
        linked_if_public("document", "Outcome document", _("The outcome document that records it."),
                         _sql_document_name),
        reference("document", "Outcome document ID", DOCUMENT_ID, ActionItem, if_public=True),
        translated("description", "Description", _("More about the commitment.")),
        PUBLISHED_AT,
        LAST_CHANGED,
    ],
    public=True,
)

ACTION_ITEM_UPDATE_EXPORT = Export(
    ActionItemUpdate,
    "progress-updates",
    _("Progress updates"),
    "conferences:actionitem_detail",
    [
        translated("action_item__title", "Action item", _("The action item this update belongs to.")),
        reference("action_item", "Action item ID",
                  _("The ID of the action item in the column before, as in the action items file."),
                  ActionItemUpdate),
        date("date", "Date", _("The day of the update, as YYYY-MM-DD.")),
        choice("status", Status.choices, "Status", _("The status it recorded.")),
        number("progress", "Progress (%)", _("The progress it recorded, 0 to 100.")),
        translated("note", "Note", _("What happened.")),
        LAST_CHANGED,
    ],
    url_fields=("action_item__slug",),
    url_column=Column("URL", _("Its place on its action item's public page."), text=False, format="uri"),
    url_anchor=ActionItemUpdate.anchor_prefix,
)

SPEECH_TRANSLATION_EXPORT = Export(
    SpeechTranslation,
    "speech-translations",
    _("Speech translations"),
    None,
    [
        translated("speech__title", "Speech", _("The speech it translates.")),
        reference("speech", "Speech ID", _("The ID of the speech in the column before, as in the speeches file."),
                  SpeechTranslation),
        code("language", Language.values, "Language",
             _("ISO 639-1 code of the translation's language, e.g. en or ru.")),
        text("source_url", "Source", _("Where this translation was published, if known.")),
        text("body", "Text", _("The full text in that language; paragraphs are separated by a blank line.")),
        LAST_CHANGED,
    ],
)

DOCUMENT_EXPORT = Export(
    Document,
    "documents",
    _("Documents"),
    "conferences:document_detail",
    [
        translated("title", "Title", _("The document's title.")),
        choice("kind", Document.Kind.choices, "Kind", _("What kind of document it is.")),
        text("symbol", "UN symbol", _("Its United Nations document symbol, e.g. A/76/751, if it has one.")),
        date("adopted_on", "Adopted on", _("The day it was adopted (a summary or a report: issued), as YYYY-MM-DD.")),
        linked_if_public("conference", "Conference", _("The meeting that adopted it."),
                         Conference.display_name_sql, model=Document),
        reference("conference", "Conference ID", CONFERENCE_ID, Document, if_public=True),
        many(Document, "countries", "Countries", _("Countries adopting or endorsing it.")),
        many(Document, "themes", "Themes", _("Strategy pillars and work areas it covers.")),
        version_languages("Languages", _("ISO 639-1 codes of the languages it can be read in on this site."),
                          DocumentVersion.objects.all()),
        version_languages("Original language", _("The language it was written in, if known."),
                          DocumentVersion.objects.filter(is_original=True)),
        translated("summary", "Summary", _("A short description.")),
        PUBLISHED_AT,
        LAST_CHANGED,
    ],
    public=True,
)

DOCUMENT_VERSION_EXPORT = Export(
    DocumentVersion,
    "document-versions",
    _("Document versions"),
    "conferences:document_file",
    [
        translated("document__title", "Document", _("The document it is a version of.")),
        reference("document", "Document ID", DOCUMENT_ID, DocumentVersion),
        code("language", Language.values, "Language", _("ISO 639-1 code of this version's language, e.g. en or ru.")),
        Column("Original", _("true for the language the document was written in, else false."),
               lambda public: Case(When(is_original=True, then=Value("true")), default=Value("false"),
                                   output_field=TextField()), text=False, type="boolean", field="is_original"),
        text("file_kind", "File type", _("The format of the file this site keeps, e.g. pdf; empty if it keeps none.")),
        number("file_size", "File size", _("The size of that file in bytes; empty if it keeps none.")),
        text("url", "Link", _("Where it is published elsewhere, if known.")),
        translated("note", "Note", _("Anything a reader should know about this version.")),
        LAST_CHANGED,
    ],
    url_fields=("document__slug", "language"),
    url_column=Column("URL", _("Where to download the file this site keeps; empty if it keeps none."), text=False,
                      format="uri"),
    url_if=~Q(file=""),
)

SESSION_EXPORT = Export(
    Session,
    "sessions",
    _("Agenda sessions"),
    "conferences:conference_detail",
    [
        conference("Conference", _("The conference whose agenda it is on (its short title).")),
        reference("conference", "Conference ID", CONFERENCE_ID, Session),
        number("position", "Position", _("Its place on the agenda.")),
        choice("kind", Session.Kind.choices, "Kind", _("Opening, plenary, thematic, closing or side event.")),
        translated("title", "Title", _("The session's title.")),
        timestamp("starts_at", "Starts at", _("When it starts, in UTC.")),
        timestamp("ends_at", "Ends at", _("When it ends, in UTC.")),
        translated("room", "Room", _("Where it is held.")),
        many(Session, "chairs", "Chairs", _("Who chairs it.")),
        many(Session, "themes", "Themes", _("Strategy pillars and work areas it covers."), public_only=True),
        LAST_CHANGED,
    ],
    url_fields=("conference__slug",),
    url_column=Column("URL", _("Its place on its conference's public page."), text=False, format="uri"),
    url_anchor=Session.anchor_prefix,
)

PLAN_EXPORT = Export(
    Plan,
    "plans",
    _("Plans"),
    "conferences:plan_detail",
    [
        translated("name", "Name", _("The plan's name.")),
        date("adopted_on", "Adopted on", _("The day it was adopted, as YYYY-MM-DD.")),
        linked_if_public("conference", "Conference", _("The conference that adopted it."),
                         Conference.display_name_sql, model=Plan),
        reference("conference", "Conference ID", CONFERENCE_ID, Plan, if_public=True),
        linked_if_public("document", "Outcome document", _("The outcome document that holds the plan."),
                         _sql_document_name, model=Plan),
        reference("document", "Outcome document ID", DOCUMENT_ID, Plan, if_public=True),
        many(Plan, "pillars", "Pillars", _("The themes its action items are grouped under."), public_only=True),
        translated("summary", "Summary", _("A short description.")),
        LAST_CHANGED,
    ],
)

PERSON_EXPORT = Export(
    Person,
    "people",
    _("People"),
    "conferences:person_detail",
    [
        translated("name", "Name", _("The person's name.")),
        translated("honorific", "Honorific", _("Mr., Ms., Dr., H.E. and so on.")),
        translated("title", "Current title", _("Their current position.")),
        organization("organization", "Organisation", _("The organisation they belong to.")),
        reference("organization", "Organisation ID", ORGANIZATION_ID, Person),
        LAST_CHANGED,
    ],
)

ORGANIZATION_EXPORT = Export(
    Organization,
    "organizations",
    _("Organisations"),
    "conferences:organization_detail",
    [
        translated("name", "Name", _("The organisation's name.")),
        translated("acronym", "Acronym", _("Its short name, e.g. OSCE.")),
        choice("kind", Organization.Kind.choices, "Kind", _("What kind of organisation it is.")),
        translated("country__name", "Country", _("For a government body or national institution, the State it "
                                                  "belongs to.")),
        reference("country", "Country ID", COUNTRY_ID, Organization),
        text("website", "Website", _("Its website.")),
        LAST_CHANGED,
    ],
)

COUNTRY_EXPORT = Export(
    Country,
    "countries",
    _("Countries"),
    "conferences:country_detail",
    [
        translated("name", "Name", _("The country's name.")),
        text("iso3", "ISO code", _("ISO 3166-1 alpha-3 code.")),
        LAST_CHANGED,
    ],
)

THEME_EXPORT = Export(
    Theme,
    "themes",
    _("Themes"),
    "conferences:theme_detail",
    [
        translated("name", "Name", _("The theme's name.")),
        translated("description", "Description", _("What it covers.")),
        number("position", "Position", _("Themes are listed by this number.")),
        LAST_CHANGED,
    ],
)

EXPORTS: dict[type[Model], Export] = {
    export.model: export
    for export in [
        CONFERENCE_EXPORT,
        SPEECH_EXPORT,
        SPEECH_TRANSLATION_EXPORT,
        ACTION_ITEM_EXPORT,
        DOCUMENT_EXPORT,
        DOCUMENT_VERSION_EXPORT,
        ACTION_ITEM_UPDATE_EXPORT,
        SESSION_EXPORT,
        PLAN_EXPORT,
        PERSON_EXPORT,
        ORGANIZATION_EXPORT,
        COUNTRY_EXPORT,
        THEME_EXPORT,
    ]
}

# What an ID column of a link file is called after: "Action item ID", as "Conference ID" elsewhere.
ID_HEADERS = {Conference: "Conference", Speech: "Speech", ActionItem: "Action item", Document: "Document",
              Session: "Session", Plan: "Plan", Person: "Person", Organization: "Organisation", Country: "Country",
              Theme: "Theme"}


def links(export: Export, relation: str, name: str, label=None) -> Export:
    """The links of a many-to-many relation whose names `export`'s column lists ("Countries"), as pairs
    of IDs, a row a link: the files join on them where names cannot (they differ in each language).
    Each column's `field` is its end of the link, which open_data reads to keep public links only."""
    m2m = export.model._meta.get_field(relation)
    both = [(m2m.m2m_field_name(), export.model), (m2m.m2m_reverse_field_name(), m2m.related_model)]
    ends = [Column(f"{ID_HEADERS[model]} ID", format_lazy(_("An ID of {file}."), file=f"{EXPORTS[model].name}.csv"),
                   lambda public, path=path: F(f"{path}_id"), text=False, type="integer", refers_to=model, field=path)
            for path, model in both]
    return Export(m2m.remote_field.through, f"{export.name}-{name}",
                  format_lazy(_("{records}: {relation}, by ID"), records=export.title,
                              relation=label or m2m.verbose_name),
                  None, ends, public=True, numbered=False)


# The complete download's files of links, one for each column above that names countries, organisations or
# themes. (A session's chairs are named only: one who has spoken nowhere public has no row in people.csv.)
LINK_EXPORTS = [
    links(CONFERENCE_EXPORT, "countries", "countries"),
    links(CONFERENCE_EXPORT, "organizers", "organisers"),
    links(CONFERENCE_EXPORT, "themes", "themes"),
    links(SPEECH_EXPORT, "themes", "themes"),
    links(ACTION_ITEM_EXPORT, "partners", "partners"),
    links(ACTION_ITEM_EXPORT, "countries", "countries"),
    links(ACTION_ITEM_EXPORT, "themes", "themes"),
    links(DOCUMENT_EXPORT, "countries", "countries", Country._meta.verbose_name_plural),
    links(DOCUMENT_EXPORT, "themes", "themes"),
    links(PLAN_EXPORT, "pillars", "pillars"),
]
