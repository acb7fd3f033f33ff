"""CSV exports: one column spec per model and one streaming writer, for the public lists and the admin.

Each column says how to compute its text twice: in Python, for any database, a chunk of
rows at a time; and as an SQL expression, so that on PostgreSQL the database itself
writes the rows (COPY of the filtered queryset's own SQL). Both give the same bytes:
tests/test_exports.py compares them.

Format, for Excel: UTF-8 with a byte-order mark, one header row of human column names,
ISO dates, several values in one cell joined with "; ", and any cell that a spreadsheet
would run as a formula prefixed with an apostrophe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.contrib.postgres.aggregates import StringAgg
from django.db import connection, transaction
from django.db.models import Case, F, Func, Model, OuterRef, Q, QuerySet, Subquery, TextField, Value, When
from django.db.models.functions import Cast, Collate, Concat
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .languages import shown_sql
from .models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Document,
    DocumentVersion,
    Organization,
    Person,
    Plan,
    Session,
    Speech,
    Status,
    Theme,
)

BOM = "\ufeff"
JOIN = "; "
# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SQL_FORMULA_STARTS = "'=', '+', '-', '@', chr(9), chr(13)"  # FORMULA_STARTS, in SQL
CHUNK_ROWS = 2000
FLUSH_BYTES = 64 * 1024


def neutralise(text: str) -> str:
    """Text a spreadsheet shows as written: an apostrophe in front of anything it would evaluate."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: str) -> str:
    # PostgreSQL's COPY quoting (a comma, quote, CR or LF forces quotes), so both paths agree.
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_line(values: Iterable[str | None]) -> str:
    return ",".join(csv_cell(value) if value else "" for value in values) + "\n"


# Column kinds: how a value becomes text, in Python and in SQL.

def _follow(obj, path: str):
    for name in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _iso_time(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if value else None


def _sql_date(path: str):
    return Func(F(path), Value("YYYY-MM-DD"), function="to_char", output_field=TextField())


def _sql_time(path: str):
    return Func(
        F(path),
        template="to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
        output_field=TextField(),
    )


def _org_name(org: Organization | None) -> str | None:
    return org.display_name if org else None


def _conference_name(conference: Conference | None) -> str | None:
    return conference.display_name if conference else None


@dataclass(frozen=True)
class Column:
    """One column: its header, what it means, and its text from an object or as SQL.

    Both take `public`: whether names of unpublished related content must be left out.
    """

    header: str
    description: str
    python: Callable[[Model, bool], str | None]
    sql: Callable[[bool], object]
    text: bool = True  # free text, which may need neutralising
    prefetch: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    values: tuple[str, ...] = ()  # the only values it can hold (in English in every file), for the data dictionary


def text(path: str, header: str, description: str) -> Column:
    select = (path.rsplit("__", 1)[0],) if "__" in path else ()
    return Column(header, description, lambda obj, public: _follow(obj, path), lambda public: F(path), select=select)


def translated(path: str, header: str, description: str) -> Column:
    """A translated field: in the language of the address the file comes from, else in English."""
    prefix, _sep, name = path.rpartition("__")
    select = (prefix,) if prefix else ()
    return Column(header, description, lambda obj, public: _follow(obj, path),
                  lambda public: shown_sql(name, prefix=f"{prefix}__" if prefix else ""), select=select)


def number(path: str, header: str, description: str) -> Column:
    return Column(
        header,
        description,
        lambda obj, public: str(_follow(obj, path)),
        lambda public: Cast(F(path), TextField()),
        text=False,
    )


def date(path: str, header: str, description: str) -> Column:
    return Column(
        header, description, lambda obj, public: _iso_date(_follow(obj, path)), lambda public: _sql_date(path),
        text=False,
    )


def timestamp(path: str, header: str, description: str) -> Column:
    return Column(
        header, description, lambda obj, public: _iso_time(_follow(obj, path)), lambda public: _sql_time(path),
        text=False,
    )


def choice(path: str, choices, header: str, description: str) -> Column:
    # The values stay English in every language's file, as the headers do, so that files import back.
    with translation.override("en"):
        labels = {value: str(label) for value, label in choices}
    return Column(
        header,
        description,
        lambda obj, public: labels.get(_follow(obj, path)),
        lambda public: Case(
            *(When(**{path: value}, then=Value(label)) for value, label in labels.items()), output_field=TextField()
        ),
        text=False,
        values=tuple(labels.values()),
    )


def organization(path: str, header: str, description: str) -> Column:
    return Column(
        header,
        description,
        lambda obj, public: _org_name(getattr(obj, path)),
        lambda public: Organization.display_name_sql(f"{path}__"),
        select=(path,),
    )


def many(model: type[Model], relation: str, header: str, description: str) -> Column:
    """Names of a many-to-many relation, sorted, joined with "; "."""
    m2m = model._meta.get_field(relation)
    target = m2m.related_model
    display = _org_name if target is Organization else str

    def python(obj, public):
        return JOIN.join(sorted(display(related) for related in getattr(obj, relation).all())) or None

    def sql(public):
        through = m2m.remote_field.through
        source, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        name = (Organization.display_name_sql(f"{other}__") if target is Organization
                else shown_sql("name", prefix=f"{other}__"))
        aggregated = (
            through.objects.filter(**{source: OuterRef("pk")})
            .values(source)
            .annotate(names=StringAgg(name, JOIN, order_by=Collate(name, "C")))
            .values("names")
        )
        return Subquery(aggregated, output_field=TextField())

    return Column(header, description, python, sql, prefetch=(relation,))


def linked_if_public(path: str, header: str, description: str, name: Callable, sql_name: Callable,
                     model: type[Model] = ActionItem) -> Column:
    """An action item's or document's conference or speech, named in public exports only where it is public itself."""
    related_model = model._meta.get_field(path).related_model

    def python(obj, public):
        related = getattr(obj, path)
        return name(related) if related and (related.is_public or not public) else None

    def sql(public):
        # NULL without one, as in Python: SQL's concatenation would otherwise write the bare separator.
        named = Q(**{f"{path}__isnull": False})
        if public:
            named &= related_model.public_q(f"{path}__")
        return Case(When(named, then=sql_name(f"{path}__")), output_field=TextField())

    select = ("speech__conference", "speech__speaker") if path == "speech" else (path,)
    return Column(header, description, python, sql, select=select)


def languages(header: str, description: str) -> Column:
    """The codes of a document's language versions, sorted, joined with "; "."""
    def python(obj, public):
        return JOIN.join(sorted(version.language for version in obj.versions.all())) or None

    def sql(public):
        codes = (DocumentVersion.objects.filter(document=OuterRef("pk")).values("document")
                 .annotate(codes=StringAgg("language", JOIN, order_by=Collate(F("language"), "C"))).values("codes"))
        return Subquery(codes, output_field=TextField())

    return Column(header, description, python, sql, text=False, prefetch=("versions",))


def original_language(header: str, description: str) -> Column:
    def python(obj, public):
        return next((version.language for version in obj.versions.all() if version.is_original), None)

    def sql(public):
        original = DocumentVersion.objects.filter(document=OuterRef("pk"), is_original=True).values("language")
        return Subquery(original[:1], output_field=TextField())

    return Column(header, description, python, sql, text=False, prefetch=("versions",))


def _sql_document_name(prefix: str):
    """Document.__str__ in SQL: the title, with the UN symbol in brackets where there is one."""
    title, symbol = shown_sql("title", prefix=prefix), F(f"{prefix}symbol")
    return Case(When(**{f"{prefix}symbol": ""}, then=title),
                default=Concat(title, Value(" ("), symbol, Value(")"), output_field=TextField()),
                output_field=TextField())


def _speech_name(speech: Speech) -> str:
    return f"{speech.title}, {speech.speaker.name}"


def _sql_speech_name(prefix: str):
    return Concat(shown_sql("title", prefix=prefix), Value(", "), shown_sql("name", prefix=f"{prefix}speaker__"),
                  output_field=TextField())


ID = number("pk", "ID", _("The record's permanent number on this site; it never changes."))
# Filled in by Export, which knows the site's address and the record's page.
URL = Column("URL", _("The record's public page on this site."), python=None, sql=None,  # type: ignore[arg-type]
             text=False)
PUBLISHED_AT = timestamp("published_at", "Published at",
                         _("When it was (or will be) published, in UTC; empty if it never was."))
LAST_CHANGED = timestamp("updated_at", "Last changed", _("When the record was last saved, in UTC."))


@dataclass
class Export:
    model: type[Model]
    name: str  # the file name's start, e.g. "action-items"
    title: str
    url_name: str | None  # the public detail page, if there is one
    columns: list[Column]
    public: bool = False  # offered to everyone, for published rows

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.all_columns]

    @property
    def all_columns(self) -> list[Column]:
        return [ID, *([URL] if self.url_name else []), *self.columns]

    def filename(self) -> str:
        return f"{self.name}-{timezone.localdate().isoformat()}.csv"

    # The two ways to produce the rows.

    def python_lines(self, queryset: QuerySet, site: str, public: bool) -> Iterator[str]:
        """Rows read a chunk at a time; related names are fetched once per chunk, not per row."""
        url = self._url_parts(site)
        select = {name for column in self.columns for name in column.select}
        prefetch = {name for column in self.columns for name in column.prefetch}
        rows = queryset.select_related(*sorted(select)).prefetch_related(*sorted(prefetch))
        for obj in rows.iterator(chunk_size=CHUNK_ROWS):
            values = [str(obj.pk)]
            if url:
                values.append(f"{url[0]}{obj.slug}{url[1]}")
            for column in self.columns:
                value = column.python(obj, public)
                values.append(neutralise(value) if value and column.text else value)
            yield csv_line(values)

    def copy_sql(self, queryset: QuerySet, site: str, public: bool) -> str:
        """A COPY statement that makes PostgreSQL write the CSV rows of `queryset` itself.

        The queryset's own SQL, with every column computed, runs as a subquery; the outer
        query neutralises and blanks the cells, so that each value is computed once.
        """
        expressions = {"c_id": Cast(F("pk"), TextField())}
        url = self._url_parts(site)
        if url:
            expressions["c_url"] = Concat(Value(url[0]), F("slug"), Value(url[1]), output_field=TextField())
        texts = set()
        for position, column in enumerate(self.columns):
            expressions[f"c_{position}"] = column.sql(public)
            if column.text:
                texts.add(f"c_{position}")
        inner, params = queryset.annotate(**expressions).values_list(*expressions).query.sql_with_params()
        cells = []
        for alias in expressions:
            cell = f't."{alias}"'
            if alias in texts:
                cell = f"CASE WHEN left({cell}, 1) IN ({SQL_FORMULA_STARTS}) THEN '''' || {cell} ELSE {cell} END"
            # Empty text becomes NULL, which COPY writes as an empty cell, as the Python path does.
            cells.append(f"NULLIF({cell}, '')")
        # OFFSET 0 keeps the subquery whole, so the outer query does not compute its columns again.
        select = f"SELECT {', '.join(cells)} FROM ({connection.ops.compose_sql(inner, params)} OFFSET 0) AS t"
        return f"COPY ({select}) TO STDOUT WITH (FORMAT csv)"

    def _url_parts(self, site: str) -> tuple[str, str] | None:
        if not self.url_name:
            return None
        prefix, suffix = reverse(self.url_name, args=["SLUG"]).split("SLUG")
        return site + prefix, suffix

    def stream(self, queryset: QuerySet, site: str, public: bool) -> Iterator[bytes]:
        yield (BOM + csv_line(self.headers)).encode()
        if connection.vendor == "postgresql":
            yield from _copy_out(self.copy_sql(queryset, site, public))
        else:
            yield from _buffered(line.encode() for line in self.python_lines(queryset, site, public))

    def response(self, queryset: QuerySet, request: HttpRequest, public: bool) -> StreamingHttpResponse:
        site = request.build_absolute_uri("/").rstrip("/")
        response = StreamingHttpResponse(self.stream(queryset, site, public), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename()}"'
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
    with transaction.atomic(), connection.cursor() as cursor:
        # Compiling this query just in time costs seconds and saves nothing on string work.
        cursor.execute("SET LOCAL jit = off")
        with cursor.cursor.copy(sql) as copy:
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
        Column(
            "Conference", _("The conference it was delivered at (its short title)."),
            lambda obj, public: _conference_name(obj.conference),
            lambda public: Conference.display_name_sql("conference__"),
            select=("conference",),
        ),
        date("delivered_on", "Delivered on", _("The day it was delivered, as YYYY-MM-DD.")),
        translated("speaker__name", "Speaker", _("Who delivered it.")),
        translated("speaker_role", "Speaker's role", _("The title the speaker held that day.")),
        organization("speaker_organization", "Speaker's organisation", _("The organisation the speaker spoke for.")),
        text("language", "Language", _("ISO 639-1 code of the text's language, e.g. en or ru.")),
        many(Speech, "themes", "Themes", _("Strategy pillars and work areas it addressed.")),
        text("source_url", "Source", _("Where the text was published first.")),
        text("body", "Text", _("The full text; paragraphs are separated by a blank line.")),
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
        many(ActionItem, "partners", "Partners", _("Organisations working on it with the lead.")),
        many(ActionItem, "countries", "Countries", _("Countries it concerns.")),
        many(ActionItem, "themes", "Themes", _("Strategy pillars and work areas it belongs to.")),
        linked_if_public("conference", "Conference", _("The conference where it was announced."),
                         _conference_name, Conference.display_name_sql),
        linked_if_public("speech", "Source speech", _("The speech that announced it: title, speaker."),
                         _speech_name, _sql_speech_name),
        text("excerpt", "Excerpt", _("The sentence of the speech that announced it, word for word.")),
        translated("plan__name", "Plan", _("The version of the Joint Plan of Action it belongs to.")),
        linked_if_public("document", "Outcome document", _("The outcome document that records it."),
                         str, _sql_document_name),
        translated("description", "Description", _("More about the commitment.")),
        PUBLISHED_AT,
        LAST_CHANGED,
    ],
    public=True,
)

ACTION_ITEM_UPDATE_EXPORT = Export(
    ActionItemUpdate,
    "progress-updates",
    _("Progress updates (staff only)"),
    None,
    [
        translated("action_item__title", "Action item", _("The action item this update belongs to.")),
        number("action_item_id", "Action item ID", _("The action item's ID, as in the action items export.")),
        date("date", "Date", _("The day of the update, as YYYY-MM-DD.")),
        choice("status", Status.choices, "Status", _("The status it recorded.")),
        number("progress", "Progress (%)", _("The progress it recorded, 0 to 100.")),
        text("note", "Note", _("What happened.")),
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
        date("adopted_on", "Adopted on", _("The day it was adopted, as YYYY-MM-DD.")),
        linked_if_public("conference", "Conference", _("The meeting that adopted it."),
                         _conference_name, Conference.display_name_sql, model=Document),
        many(Document, "countries", "Countries", _("Countries adopting or endorsing it.")),
        many(Document, "themes", "Themes", _("Strategy pillars and work areas it covers.")),
        languages("Languages", _("ISO 639-1 codes of the languages it can be read in on this site.")),
        original_language("Original language", _("The language it was written in, if known.")),
        translated("summary", "Summary", _("A short description.")),
        PUBLISHED_AT,
        LAST_CHANGED,
    ],
    public=True,
)

SESSION_EXPORT = Export(
    Session,
    "sessions",
    _("Agenda sessions (staff only)"),
    None,
    [
        Column("Conference", _("The conference whose agenda it is on (its short title)."),
               lambda obj, public: _conference_name(obj.conference),
               lambda public: Conference.display_name_sql("conference__"), select=("conference",)),
        number("position", "Position", _("Its place on the agenda.")),
        choice("kind", Session.Kind.choices, "Kind", _("Opening, plenary, thematic, closing or side event.")),
        translated("title", "Title", _("The session's title.")),
        timestamp("starts_at", "Starts at", _("When it starts, in UTC.")),
        timestamp("ends_at", "Ends at", _("When it ends, in UTC.")),
        translated("room", "Room", _("Where it is held.")),
        many(Session, "chairs", "Chairs", _("Who chairs it.")),
        LAST_CHANGED,
    ],
)

PLAN_EXPORT = Export(
    Plan,
    "plans",
    _("Plans (staff only)"),
    "conferences:plan_detail",
    [
        translated("name", "Name", _("The plan's name.")),
        date("adopted_on", "Adopted on", _("The day it was adopted, as YYYY-MM-DD.")),
        Column("Adopted at", _("The conference that adopted it."),
               lambda obj, public: _conference_name(obj.conference),
               lambda public: Conference.display_name_sql("conference__"), select=("conference",)),
        translated("summary", "Summary", _("A short description.")),
        LAST_CHANGED,
    ],
)

PERSON_EXPORT = Export(
    Person,
    "people",
    _("People (staff only)"),
    "conferences:person_detail",
    [
        translated("name", "Name", _("The person's name.")),
        translated("honorific", "Honorific", _("Mr., Ms., Dr., H.E. and so on.")),
        translated("title", "Current title", _("Their current position.")),
        organization("organization", "Organisation", _("The organisation they belong to.")),
        LAST_CHANGED,
    ],
)

ORGANIZATION_EXPORT = Export(
    Organization,
    "organizations",
    _("Organisations (staff only)"),
    "conferences:organization_detail",
    [
        translated("name", "Name", _("The organisation's name.")),
        translated("acronym", "Acronym", _("Its short name, e.g. OSCE.")),
        choice("kind", Organization.Kind.choices, "Kind", _("What kind of organisation it is.")),
        text("website", "Website", _("Its website.")),
        LAST_CHANGED,
    ],
)

COUNTRY_EXPORT = Export(
    Country,
    "countries",
    _("Countries (staff only)"),
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
    _("Themes (staff only)"),
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
        ACTION_ITEM_EXPORT,
        DOCUMENT_EXPORT,
        ACTION_ITEM_UPDATE_EXPORT,
        SESSION_EXPORT,
        PLAN_EXPORT,
        PERSON_EXPORT,
        ORGANIZATION_EXPORT,
        COUNTRY_EXPORT,
        THEME_EXPORT,
    ]
}
