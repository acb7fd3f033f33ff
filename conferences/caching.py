"""Caching public pages for anonymous readers, with invalidation that cannot miss.

Everything cached (pages, counts) is filed under the *content version*, a token in one
database row (ContentVersion). Any save or delete of content writes a new token in the
same transaction, so once the change is committed, every process, on every machine,
files and looks up under the new token, and nothing cached before is served again. A
scheduled publication is a change too: the row says when the next scheduled item goes
live, and the first request after that moment draws a new token.

The pages themselves go to Django's cache: local memory by default, Redis (REDIS_URL)
to share them between processes and machines. Either way the token comes from the
database, so processes never disagree about what is current. Readers with a session
cookie (staff) always get freshly rendered pages.
"""

from __future__ import annotations

import hashlib
import secrets
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Min, Model
from django.db.models.functions import Now
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_cache_key, learn_cache_key, patch_cache_control, set_response_etag

from .models import ActionItem, Conference, ContentVersion, Speech

FIGURE_TIMEOUT = 24 * 3600
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

# The version, and what per_request() worked out, once per request (the middleware opens this memo).
_request_memo: ContextVar[dict | None] = ContextVar("content_version_memo", default=None)


def new_content_version(if_due: bool = False) -> str:
    """Record that the content changed: a new token, and when the next scheduled item goes live.

    With `if_due`, only while the row says the next publication has come (or there is no row):
    readers that see it come together wait here for the first, then take its token.
    The row is locked before the next publication is worked out: a publisher's transaction
    that changed it has then committed, so its scheduled items are counted, rather than
    overwritten by a time worked out before they existed.
    """
    with transaction.atomic():
        row = _read_version(lock=True)
        if if_due and row is not None and not row[1]:
            _remember(row[0])
            return row[0]
        upcoming = [  # by the database's clock, which decides what is public
            model.objects.filter(is_published=True, published_at__gt=Now()).aggregate(next=Min("published_at"))["next"]
            for model in (Conference, Speech, ActionItem)
        ]
        token = secrets.token_hex(8)
        upcoming = min(filter(None, upcoming), default=None)
        ContentVersion.objects.update_or_create(
            pk=1, defaults={"token": token, "next_publication": upcoming.timestamp() if upcoming else None,
                            "changed_at": timezone.now()}
        )
    _remember(token)
    return token


def _remember(token: str, changed: bool = True) -> None:
    if (memo := _request_memo.get()) is not None:
        if changed:
            memo.clear()  # what was worked out before the change may no longer hold
        memo["version"] = token


def per_request(key: str, compute):
    """compute(), worked out once per request: for lookups that several parts of a page repeat."""
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def _read_version(lock: bool = False) -> tuple | None:
    # Plain SQL, as this runs for every cached page; the database's clock says whether the next
    # scheduled publication has come, as it decides what is public.
    sql = VERSION_SQL[connection.vendor]
    if lock and connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def content_version() -> str:
    """The token of the present content: one query by primary key, once per request."""
    memo = _request_memo.get()
    if memo and "version" in memo:
        return memo["version"]
    try:
        row = _read_version()
    except (InterfaceError, OperationalError):
        # A kept connection that the database dropped (a restart, a fail-over). This is the first
        # query of every public page, so it reconnects here, rather than every request paying a
        # query of its own to test the connection first (Django's CONN_HEALTH_CHECKS).
        if connection.in_atomic_block:
            raise
        connection.close()
        row = _read_version()
    if row is None or row[1]:
        return new_content_version(if_due=True)
    _remember(row[0], changed=False)
    return row[0]


def content_changed(sender, **kwargs) -> None:
    """A new token, in the same transaction as the change: one UPDATE.

    The next publication time is set to the past, so that the next reader works it out
    again (this change may have scheduled, moved or withdrawn an item) with a token of its own.
    """
    if kwargs.get("action", "post_").startswith("pre_"):  # many-to-many: act once, after the change
        return
    token = secrets.token_hex(8)
    if ContentVersion.objects.filter(pk=1).update(token=token, next_publication=0, changed_at=timezone.now()):
        _remember(token)
    else:
        new_content_version()


def connect_signals(models: list[type[Model]]) -> None:
    for model in models:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"cache-save-{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"cache-delete-{model.__name__}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(content_changed, sender=field.remote_field.through,
                                dispatch_uid=f"cache-m2m-{model.__name__}-{field.name}")


def per_version(name: str, compute):
    """compute(), worked out once per content version: for figures over whole tables on busy pages."""
    value = recalled(name)
    if value is None:
        value = compute()
        remember(name, value)
    return value


def recalled(name: str):
    """What remember() kept under `name` for the present content version, or None."""
    return cache.get(_figure_key(name))


def remember(name: str, value) -> None:
    """Keep `value` under `name` until the content changes."""
    cache.set(_figure_key(name), value, FIGURE_TIMEOUT)


def _figure_key(name: str) -> str:
    # Names may hold any text a reader typed (a search, a slug): hashed, they make plain cache keys.
    return f"figure:{content_version()}:{hashlib.sha1(name.encode()).hexdigest()}"


def export_etag(request: HttpRequest) -> str:
    """An ETag for an export: the same as long as neither the content nor the address changes."""
    digest = hashlib.sha1(f"{content_version()}|{request.get_full_path()}".encode()).hexdigest()[:20]
    return f'"{digest}"'


class PublicPageCacheMiddleware:
    """Serves anonymous GET requests for public pages from the cache, filed under the content version.

    Responses get an ETag (so a browser's or a CDN's copy is revalidated with a 304) and
    `Cache-Control: no-cache` (so that copy is never used without asking).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS
        self.skip = tuple(settings.PAGE_CACHE_SKIP_PREFIXES)

    def cacheable(self, request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(self.skip)
            and not request.path.endswith(".csv")
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        memo = _request_memo.set({})
        try:
            return self.respond(request)
        finally:
            _request_memo.reset(memo)

    def respond(self, request: HttpRequest) -> HttpResponse:
        if not self.cacheable(request):
            return self.get_response(request)
        version = content_version() if self.timeout else ""
        key = get_cache_key(request, version, "GET", cache=cache) if self.timeout else None
        if key is not None and (stored := cache.get(key)) is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            patch_cache_control(response, no_cache=True)
            if hasattr(response, "add_post_render_callback") and not response.is_rendered:
                response.add_post_render_callback(lambda rendered: self.store(request, rendered, version))
            else:
                self.store(request, response, version)
        return response

    def store(self, request: HttpRequest, response: HttpResponse, version: str) -> None:
        set_response_etag(response)
        if self.timeout and request.method == "GET":  # a HEAD is answered from what a GET stored
            # The body and headers alone: quicker to store and to read back than the response object.
            key = learn_cache_key(request, response, self.timeout, version, cache=cache)
            cache.set(key, (response.content, dict(response.items())), self.timeout)
