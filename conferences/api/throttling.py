"""The API's throttle for anonymous clients, and how its refusal reads."""

from __future__ import annotations

import math
import time

from django.utils.translation import gettext, ngettext
from rest_framework.exceptions import Throttled
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import exception_handler

from jpoa_site.proxy import client_address

from ..caching import within_rate


class AnonWindowThrottle(AnonRateThrottle):
    """Django REST framework's anonymous throttle, counted per client in fixed windows as long as
    the rate's period (a minute for "120/minute").

    Django REST framework's own reads and writes back the time of every request in the period,
    on every request: more than serving a kept answer costs. A counter is one small write.
    """

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        return within_rate("api", self.get_ident(request), self.num_requests, self.duration)

    def get_ident(self, request) -> str:
        # Counted per client as sign-ins and requests to follow are (DJANGO_BEHIND_PROXY, DJANGO_PROXY_COUNT).
        return client_address(request)

    def wait(self) -> float:
        # Until the window ends, when the count starts again.
        return self.duration - time.time() % self.duration


def handle_exception(exc, context):
    """Django REST framework's handler (REST_FRAMEWORK["EXCEPTION_HANDLER"]), for every API address, with
    a refused request told in one sentence of the address's language: Django REST framework looks
    its "Expected available in N seconds" up with the number already in it, which no catalogue has."""
    if isinstance(exc, Throttled):
        wait = None if exc.wait is None else math.ceil(exc.wait)
        if wait is None:
            detail = gettext("Too many requests from your address: try again later.")
        else:
            detail = ngettext("Too many requests from your address: try again in %(wait)d second.",
                              "Too many requests from your address: try again in %(wait)d seconds.",
                              wait) % {"wait": wait}
        refusal = Throttled(detail=detail)
        refusal.wait = wait  # for its Retry-After header
        exc = refusal
    return exception_handler(exc, context)
