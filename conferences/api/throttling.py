"""The API's throttle for anonymous clients."""

from __future__ import annotations

import time

from rest_framework.throttling import AnonRateThrottle

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
