"""API answers kept in the cache per content version and language, as pages are, and the
middleware that sends a kept one before the address is even resolved.

A kept answer is the bytes and ETag the first reader got. Sending it through URL resolution,
the view set and Django REST framework's request handling would only repeat that work, so the
middleware sends it as soon as the throttle has counted the request. Anything else (the first
reader, an error, a refusal, a client that takes no JSON) goes the whole way and is answered
there as it would be the first time.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, set_response_etag
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.utils.mediatypes import media_type_matches

from ..caching import address_of, per_version, recalled


def keep(request: HttpRequest, answer: Callable[[], bytes]) -> HttpResponse:
    """The answer for this address (its JSON from answer()) with its ETag, worked out once per
    content version and language (every time when the page cache is off).

    Errors (a 400 or a 404) raise out of answer(), so they are never kept.
    """
    def compute() -> tuple[bytes, str]:
        response = HttpResponse(answer())
        set_response_etag(response)
        return response.content, response["ETag"]

    if not settings.PAGE_CACHE_SECONDS:
        return json_response(*compute())
    return json_response(*per_version("api", address_of(request), compute=compute))


def json_response(content: bytes, etag: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/json",
                            headers={"ETag": etag, "Content-Length": str(len(content))})
    # As the pages: a copy may be kept, but is checked (its ETag) before each use.
    patch_cache_control(response, no_cache=True)
    return response


def takes_json(request: HttpRequest) -> bool:
    """Whether the client accepts what the API renders, as Django REST framework's content negotiation
    decides it (its own matching; "application/vnd.api+json" is not JSON to it)."""
    accepted = request.headers.get("Accept", "*/*").split(",")
    return any(media_type_matches(JSONRenderer.media_type, media_type.strip()) for media_type in accepted)


class KeptAnswerMiddleware:
    """Sends a kept API answer to an anonymous GET, once the API's throttles have counted it.

    It comes after LocaleMiddleware (the language from /ru/ is part of the key) and right after the
    page cache's middleware, which reads the content version once for the request. (Inside the rest
    of the middleware, a kept answer measured a tenth slower.)
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.API_PREFIXES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kept = self.kept(request) if request.path.startswith(self.prefixes) else None
        return kept if kept is not None else self.get_response(request)

    def kept(self, request: HttpRequest) -> HttpResponse | None:
        if (not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD")
                or settings.SESSION_COOKIE_NAME in request.COOKIES or not takes_json(request)):
            return None  # where content negotiation answers 406 as it did the first time
        lang = request.GET.get("lang", translation.get_language())
        if lang not in dict(settings.LANGUAGES):
            return None  # a 400 that names the languages
        # Looked up in the language asked for, as the view set filed it. Only a kept answer is sent in
        # it: the address is resolved in the language of its prefix.
        with translation.override(lang):
            stored = recalled("api", address_of(request))
        if stored is None:
            return None
        # The same throttles as the view set's (its settings), so a kept answer counts as the first did.
        # They are asked without a view or a user: right for the anonymous throttle the API uses, and
        # for any throttle that counts a client by its address alone.
        if not all(throttle().allow_request(request, None) for throttle in api_settings.DEFAULT_THROTTLE_CLASSES):
            return None  # refused the whole way, with its 429 and Retry-After
        translation.activate(lang)  # for the Content-Language header, as the first answer had
        return json_response(*stored)
