"""What every request is checked for before any view reads it."""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse

# Control characters (C0 other than tab and line breaks, DEL, C1): no form sends them, and a page that
# showed a value back as typed ("There is no page …", a filter's box) would not be valid HTML with them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ControlCharacters(BadRequest):
    """An address holding a control character: the 400 answer can say so (views.site.bad_request)."""


class ControlCharactersMiddleware:
    """Refuses an address whose path or parameters hold control characters, with the site's 400 page (or
    the API's JSON), before anything is read, kept in the cache or shown back (or, as a NUL, sent to
    PostgreSQL, which refuses it in text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if CONTROL.search(request.path):
            raise ControlCharacters("control characters in the path")
        for name, values in request.GET.lists():
            if CONTROL.search(name) or any(CONTROL.search(value) for value in values):
                raise ControlCharacters("control characters in the query string")
        return self.get_response(request)
