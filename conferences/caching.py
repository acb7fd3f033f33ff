"""Everything the public site keeps in Django's cache, and the one scheme its keys follow.

Every key is made by key(): the release (a digest of the code, templates and
translations), the *content version*, the language, then the kind of thing kept, the day
and its own parts. (Rate counters and the mark of the one request doing a piece of work, which
must outlive content versions, are within_rate()'s and only_one()'s.) The day, because what is
overdue changes at midnight with no write to
the content (a row's "overdue" mark, a plan's figures, the overdue list and its CSV).
The content version is a token in one database row (ContentVersion) that database
triggers replace on every write to any content table (migration 0013), in the
same transaction, whoever writes: the ORM, `.update()`, `bulk_create`, raw SQL or COPY.
Once a change is committed, every process on every machine files and looks up under the
new token, so nothing cached before it is served again. A scheduled publication is a
change too: the row says when the next scheduled item goes live, and the first request
after that moment draws a new token.

The cache itself is local memory by default, Redis (REDIS_URL) to share it between
processes and machines; either way the token comes from the database, so processes never
disagree about what is current. Readers with a session cookie (staff) always get freshly
rendered pages.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Min
from django.db.models.functions import Now
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from .db_reconnect import reconnecting
from .models import ActionItem, Conference, ContentVersion, Document, Speech

TIMEOUT = 24 * 3600  # a fallback only: a new content version makes everything stale at once

_NOW_IN_SECONDS = {
    "postgresql": "EXTRACT(EPOCH FROM STATEMENT_TIMESTAMP())",
    "sqlite": "(JULIANDAY('now') - 2440587.5) * 86400.0",
}
# (token, whether the next scheduled publication has come)
VERSION_SQL = {
    vendor: f"SELECT token, COALESCE(next_publication <= {now}, FALSE) FROM {ContentVersion._meta.db_table} "
    "WHERE id = 1"
    for vendor, now in _NOW_IN_SECONDS.items()
}

# The version, and what per_request() worked out, once per request (one_request() opens this memo).
_request_memo: ContextVar[dict | None] = ContextVar("content_version_memo", default=None)


def key(kind: str, *parts) -> str:
    """The cache key of a `kind` of thing (page, row, figure, dropdown, ...) named by `parts`.

    The parts (text, numbers, lists of them) may hold any text a reader typed (a search, a slug):
    hashed, they make a plain key.
    """
    return _prefix(kind) + _digest(parts)


def address_of(request) -> str:
    """The address a request asked for, as it was sent: what a page or an answer is kept under.
    (build_absolute_uri() resolves "." and "..", so /speeches/../conferences/, which is no page,
    was answered with the conference list whenever that was kept.)"""
    return f"{request.scheme}://{request.get_host()}{request.get_full_path()}"


def _prefix(kind: str) -> str:
    return f"jpoa:{settings.RELEASE}:{content_version()}:{get_language()}:{kind}:{timezone.localdate().isoformat()}:"


def _digest(parts) -> str:
    # As text (lazy translations too), never a repr that could hold a memory address.
    return hashlib.sha1(json.dumps(parts, default=str).encode()).hexdigest()


def per_version(kind: str, *parts, compute: Callable):
    """compute(), worked out once per content version and language: for what only the content changes.

    A None from compute() is not kept (it is asked again next time).
    """
    name = key(kind, *parts)
    value = cache.get(name)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(name, value, TIMEOUT)
    return value


def per_version_many(kind: str, names: Iterable, compute: Callable[[list], dict]) -> dict:
    """{name: value} for each of `names`, those not kept yet from compute(missing) in one go."""
    prefix = _prefix(kind)  # once for the lot: a list page asks for twenty rows at a time
    keys = {name: prefix + _digest((name,)) for name in names}
    found = cache.get_many(list(keys.values()))
    values = {name: found[k] for name, k in keys.items() if k in found}
    missing = [name for name in keys if name not in values]
    if missing:
        fresh = compute(missing)
        cache.set_many({keys[name]: value for name, value in fresh.items()}, TIMEOUT)
        values.update(fresh)
    return values


def recalled(kind: str, *parts):
    """What remember() kept for the present content version, or None."""
    return cache.get(key(kind, *parts))


def remember(kind: str, *parts, value) -> None:
    """Keep `value` until the content changes."""
    cache.set(key(kind, *parts), value, TIMEOUT)


@contextmanager
def one_request() -> Iterator[None]:
    """Opens the memo that content_version() and per_request() keep their answers in for one request:
    every request files all it keeps under the version it first reads, before it reads any content,
    so what it works out is never filed under a newer version than its data."""
    memo = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(memo)


def per_request(name: str, compute: Callable):
    """compute(), worked out once per request: for lookups that several parts of a page repeat."""
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if name not in memo:
        memo[name] = compute()
    return memo[name]


def within_rate(kind: str, who: str, limit: int, seconds: int) -> bool:
    """Whether `who` (a client's address, an email address) may do `kind` once more: at most `limit`
    times in each window of `seconds` (counted from the epoch, so that a refusal can say when the
    next window starts). Counted in the cache under a key of its own, as it outlives content versions."""
    name = _rate_key(kind, who, seconds)
    try:
        count = cache.incr(name)
    except ValueError:  # the window's first request, or two of them at once
        count = 1 if cache.add(name, 1, seconds) else cache.incr(name)
    return count <= limit


def give_back(kind: str, who: str, seconds: int) -> None:
    """Uncount `who`'s last `kind` (within_rate()): for an attempt that did nothing through no fault
    of theirs, such as a mail the server would not take."""
    try:
        cache.decr(_rate_key(kind, who, seconds))
    except ValueError:  # the window has closed meanwhile: nothing is counted against them any more
        pass


def _rate_key(kind: str, who: str, seconds: int) -> str:
    return f"jpoa:rate:{kind}:{int(time.time() // seconds)}:{_digest((who,))}"


@contextmanager
def only_one(kind: str, name: str, seconds: int) -> Iterator[bool]:
    """Whether this request is the one that does `kind` of work on `name` (building a download that
    several want at once), for up to `seconds`. Let go after it, unless it outlived its time and
    another took it over (the cache cannot compare and delete in one step: the gap is a moment)."""
    lock, mine = f"jpoa:only-one:{kind}:{_digest((name,))}", secrets.token_hex(8)
    if not cache.add(lock, mine, seconds):
        yield False
        return
    try:
        yield True
    finally:
        if cache.get(lock) == mine:
            cache.delete(lock)


def export_etag(request: HttpRequest) -> str:
    """An ETag for an export: the same as long as neither the content, the day nor the address changes."""
    return f'"{hashlib.sha1(key("export", request.get_full_path()).encode()).hexdigest()[:20]}"'


def content_version() -> str:
    """The token of the present content: one query by primary key, once per request."""
    memo = _request_memo.get()
    if memo and "version" in memo:
        return memo["version"]
    row = reconnecting(_read_version)  # the first query of every public page
    token = new_content_version(if_due=True) if row is None or row[1] else row[0]
    if memo is not None:
        memo["version"] = token
    return token


def new_content_version(if_due: bool = False) -> str:
    """A new token, and when the next scheduled item goes live.

    With `if_due`, only while the row says the next publication has come (or there is no row):
    readers that see it come together wait here for the first, then take its token. The row is
    locked before the next publication is worked out, so a publisher's transaction that changed
    it has committed and its scheduled items are counted.
    """
    with transaction.atomic():
        row = _read_version(lock=True)
        if if_due and row is not None and not row[1]:
            return row[0]
        upcoming = [  # by the database's clock, which decides what is public
            model.objects.filter(is_published=True, published_at__gt=Now()).aggregate(next=Min("published_at"))["next"]
            for model in (Conference, Speech, ActionItem, Document)
        ]
        token = secrets.token_hex(8)
        upcoming = min(filter(None, upcoming), default=None)
        ContentVersion.objects.update_or_create(
            pk=1, defaults={"token": token, "next_publication": upcoming.timestamp() if upcoming else None,
                            "changed_at": timezone.now()}
        )
    return token


def _read_version(lock: bool = False) -> tuple | None:
    # Plain SQL, as this runs for every cached page; the database's clock says whether the next
    # scheduled publication has come, as it decides what is public.
    sql = VERSION_SQL[connection.vendor]
    if lock and connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()
