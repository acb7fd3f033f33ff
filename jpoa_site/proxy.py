"""The client's address when the site runs behind trusted proxies (DJANGO_BEHIND_PROXY)."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address the outermost of PROXY_COUNT trusted proxies saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so
    the entry PROXY_COUNT from the end is the client's; entries before it can be forged.
    """
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) >= settings.PROXY_COUNT:
        return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")


def client_address(request: HttpRequest) -> str:
    """Who is asking, for counting their requests: behind the site's proxies, the client they saw;
    otherwise the connection's own address (a client could write any X-Forwarded-For it liked)."""
    return (client_ip(request) if settings.BEHIND_PROXY else request.META.get("REMOTE_ADDR")) or ""
