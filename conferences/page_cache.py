"""The middleware that keeps whole public pages in the cache, under the key scheme of caching.py."""

from __future__ import annotations

from collections.abc import Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag

from .caching import address_of, key, one_request


def reads(request: HttpRequest, names: Iterable[str]) -> None:
    """Tells the page cache which parameters of its address the page for `request` reads (a list, its
    filters and page number; a speech, the language of its text). Called by the view that reads them."""
    request.page_parameters = getattr(request, "page_parameters", frozenset()) | frozenset(names)


def reading(*names: str):
    """reads() for a view that does not call it itself (Django's sitemap reads "p"; a feed its filters)."""
    def decorate(view):
        @wraps(view)
        def view_that_reads(request: HttpRequest, *args, **kwargs):
            reads(request, names)
            return view(request, *args, **kwargs)
        return view_that_reads
    return decorate


def keepable(request: HttpRequest) -> bool:
    """Whether the page answered is kept: only if each parameter of its address is one its view read,
    given once. Any other (a campaign's utm_source, a name made up, a list's filter on a page that has
    no list) makes a new address of the same page; kept, addresses made up one after another would
    push the pages readers ask for out of the cache."""
    query, read = request.GET, getattr(request, "page_parameters", frozenset())
    return all(name in read and len(query.getlist(name)) == 1 for name in query)


def not_kept(response: HttpResponse) -> None:
    """Marks a page that is not what its address names (a page past the end, a filter refused, a text
    in a language the speech lacks): answered, but never kept (nor by browsers and proxies), so that
    values made up one after another cannot fill the cache either."""
    patch_cache_control(response, no_store=True)


class PublicPageCacheMiddleware:
    """Serves anonymous GET requests for public pages from the cache, under key("page", address).

    It comes after LocaleMiddleware, so the language is known and is part of the key.
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
        with one_request():  # every request's, staff's too
            return self.respond(request) if self.cacheable(request) else self.get_response(request)

    def respond(self, request: HttpRequest) -> HttpResponse:
        # Looked up at any address; kept (store()) only where the view read every parameter given.
        name = key("page", address_of(request)) if self.timeout else None
        if name is not None and (stored := cache.get(name)) is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            patch_cache_control(response, no_cache=True)
            if hasattr(response, "add_post_render_callback") and not response.is_rendered:
                response.add_post_render_callback(lambda rendered: self.store(request, rendered, name))
            else:
                self.store(request, response, name)
        return response

    def store(self, request: HttpRequest, response: HttpResponse, name: str | None) -> None:
        set_response_etag(response)
        # A HEAD is answered from what a GET stored.
        if (name is not None and request.method == "GET" and keepable(request)
                and "no-store" not in response.get("Cache-Control", "")):
            # The body and headers alone: quicker to store and to read back than the response object.
            cache.set(name, (response.content, dict(response.items())), self.timeout)
