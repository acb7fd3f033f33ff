"""The complete download: every public table as CSV, a Frictionless Data Package that describes
them, the licence and a readme, in one zip file.

Its tables are the CSV exports (exports.py) over what the public sees, and its data package
is generated from the same column specs, so the description cannot drift from the files.
It is built once per content version, language, site address and day, from one snapshot of
the database, kept in the private file storage (shared by every machine), and recorded in the
database only once complete. While one request builds it (a lock in the cache, shared by every
process with REDIS_URL), others are asked to come back in a minute rather than building it
again; never given the previous archive, which may hold what has since been unpublished.
Older archives are removed once a newer one is complete.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from . import caching
from .exports import (
    ACTION_ITEM_EXPORT,
    ACTION_ITEM_UPDATE_EXPORT,
    CONFERENCE_EXPORT,
    COUNTRY_EXPORT,
    DOCUMENT_EXPORT,
    DOCUMENT_VERSION_EXPORT,
    EXPORTS,
    ID,
    LINK_EXPORTS,
    ORGANIZATION_EXPORT,
    PERSON_EXPORT,
    PLAN_EXPORT,
    SESSION_EXPORT,
    SPEECH_EXPORT,
    SPEECH_TRANSLATION_EXPORT,
    THEME_EXPORT,
    Export,
)
from .languages import in_file_names
from .models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Document,
    DocumentVersion,
    OpenDataArchive,
    Organization,
    Person,
    Plan,
    Session,
    Speech,
    SpeechTranslation,
    Theme,
)

FILENAME = "jpoa-open-data.zip"
FOLDER = "open-data"  # in the private file storage
BUILD_SECONDS = 600  # how long a build may hold its lock before another request tries
BUILDING = "open-data-build"  # the work only one request does at a time (caching.only_one())


@dataclass(frozen=True)
class Table:
    export: Export
    rows: Callable[[], models.QuerySet]  # what the public sees, by key

    @property
    def path(self) -> str:
        return f"{self.export.name}.csv"


TABLES = [
    Table(CONFERENCE_EXPORT, lambda: Conference.objects.published()),
    Table(SPEECH_EXPORT, lambda: Speech.objects.published()),
    Table(SPEECH_TRANSLATION_EXPORT, lambda: SpeechTranslation.objects.published()),
    Table(ACTION_ITEM_EXPORT, lambda: ActionItem.objects.published()),
    Table(ACTION_ITEM_UPDATE_EXPORT, lambda: ActionItemUpdate.objects.published()),
    Table(DOCUMENT_EXPORT, lambda: Document.objects.published()),
    Table(DOCUMENT_VERSION_EXPORT, lambda: DocumentVersion.objects.published()),
    Table(SESSION_EXPORT, lambda: Session.objects.published()),
    Table(PLAN_EXPORT, lambda: Plan.objects.published()),
    Table(PERSON_EXPORT, lambda: Person.objects.published()),
    Table(ORGANIZATION_EXPORT, lambda: Organization.objects.published()),
    Table(COUNTRY_EXPORT, lambda: Country.objects.published()),
    Table(THEME_EXPORT, lambda: Theme.objects.published()),
    # And the links that the files' columns of names list, between public records only.
    *(Table(links, lambda links=links: links.model.objects.filter(**{
        f"{end.field}__in": end.refers_to.objects.published() for end in links.columns})) for links in LINK_EXPORTS),
]


def field(column) -> dict:
    """A column as a Frictionless Table Schema field."""
    described = {"name": column.header, "type": column.type, "description": str(column.description)}
    if column.type == "datetime":
        described["format"] = "%Y-%m-%dT%H:%M:%S.%fZ"
    if column.format:
        described["format"] = column.format
    constraints = {}
    if column is ID:
        constraints.update(required=True, unique=True)
    if column.values:
        constraints["enum"] = list(column.values)
    if constraints:
        described["constraints"] = constraints
    return described


def data_package(site: str, built_at: dt.datetime) -> dict:
    """The descriptor (datapackage.json) of the files of the download."""
    resources = []
    for table in TABLES:
        schema = {"fields": [field(column) for column in table.export.all_columns], "primaryKey": table.export.key,
                  "missingValues": [""]}
        keys = [{"fields": [column.header], "reference": {"resource": EXPORTS[column.refers_to].name, "fields": ["ID"]}}
                for column in table.export.columns if column.refers_to]
        if keys:
            schema["foreignKeys"] = keys
        resources.append({
            "name": table.export.name,
            "path": table.path,
            "title": str(table.export.title),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",  # with a byte-order mark, for spreadsheets
            "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
            "schema": schema,
        })
    return {
        "profile": "tabular-data-package",
        "name": "jpoa-open-data",
        "title": str(render_to_string("conferences/open_data/title.txt").strip()),
        "homepage": site + reverse("conferences:data"),
        "created": built_at.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "licenses": [{key: str(value) for key, value in settings.OPEN_DATA_LICENSE.items()}],
        "resources": resources,
    }


def build(target, site: str, built_at: dt.datetime) -> dict[str, int]:
    """Write the zip file to `target` (a binary file); returns the rows of each table."""
    counts = {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            rows = table.rows().order_by("pk")
            counts[table.export.name] = rows.count()
            with archive.open(_entry(table.path, built_at), "w", force_zip64=True) as out:
                for chunk in table.export.stream(rows, site, public=True):
                    out.write(chunk)
        package = data_package(site, built_at)
        archive.writestr(_entry("datapackage.json", built_at), json.dumps(package, ensure_ascii=False, indent=2))
        context = {"package": package, "tables": [(table, counts[table.export.name]) for table in TABLES],
                   "site": site, "built_at": built_at, "license": settings.OPEN_DATA_LICENSE,
                   "api_url": site + reverse("api:api-root")}
        archive.writestr(_entry("README.md", built_at),
                         render_to_string("conferences/open_data/README.md.txt", context))
        archive.writestr(_entry("LICENSE.txt", built_at),
                         render_to_string("conferences/open_data/LICENSE.txt", context))
    return counts


def _entry(name: str, built_at: dt.datetime) -> zipfile.ZipInfo:
    """A file of the archive, dated when it was built, readable by everyone once unpacked."""
    entry = zipfile.ZipInfo(name, date_time=built_at.timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def filename() -> str:
    """What a reader's browser saves it as: one name per language, so that both can be kept."""
    return FILENAME.replace(".zip", f"{in_file_names()}.zip")


def archive_name(site: str) -> str:
    """The stored name of the archive of the present content, language, site and day."""
    digest = hashlib.sha1(caching.key("open-data", site).encode()).hexdigest()[:24]
    return f"{FOLDER}/jpoa-open-data-{get_language()}-{digest}.zip"


def etag(archive_name: str) -> str:
    return f'"{archive_name.rsplit("-", 1)[-1].removesuffix(".zip")}"'


def current(site: str) -> OpenDataArchive | None:
    """The archive of the present content, built now if no request has built it yet; None while
    another request builds it."""
    name = archive_name(site)
    found = OpenDataArchive.objects.filter(name=name).first()
    if found is not None:
        return found
    with caching.only_one(BUILDING, name, BUILD_SECONDS) as mine:
        return _build_and_keep(name, site) if mine else None


def _build_and_keep(name: str, site: str) -> OpenDataArchive:
    built_at = timezone.now()
    outermost = not connection.in_atomic_block
    with tempfile.TemporaryFile() as scratch, transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table, so that no row names another the download lacks
            # (SQLite's transaction is one snapshot already).
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        build(scratch, site, built_at)
        size = scratch.tell()
        scratch.seek(0)
        stored = default_storage.save(f"{name}.partial-{built_at.timestamp():.0f}", File(scratch))
    # The record says it is complete; the file it names is never written again.
    try:
        archive = OpenDataArchive.objects.create(name=name, stored=stored, language=get_language(), site=site,
                                                 size=size, built_at=built_at)
    except IntegrityError:  # another machine finished first: keep its archive
        default_storage.delete(stored)
        return OpenDataArchive.objects.get(name=name)
    older_ones = OpenDataArchive.objects.filter(language=archive.language, site=site, built_at__lt=built_at)
    for older in older_ones:  # never a newer one, which a quicker build may have recorded meanwhile
        default_storage.delete(older.stored)
        older.delete()
    return archive


def built(site: str) -> OpenDataArchive | None:
    """The archive of the present content, if a request has built it already (for the data page)."""
    return OpenDataArchive.objects.filter(name=archive_name(site)).first()
