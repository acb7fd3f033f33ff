"""The site's own endpoints: the open data page, robots.txt, the favicon, the health check, and the pages
for requests refused before a view reads them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext, ngettext_lazy
from django.views import defaults
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from .. import open_data, site_address
from ..db_reconnect import reconnecting
from ..exports import EXPORTS
from ..filters import FILTERSETS
from ..request_checks import ControlCharacters
from .sections import url_of


class DataView(TemplateView):
    """The open data: the complete download, the API, the feeds, and what each CSV column means, so
    that a file opened months later still explains itself."""

    template_name = "conferences/data.html"  # not kept by the page cache: it says whether the download is built

    def get_context_data(self, **kwargs):
        public = [(EXPORTS[model], url_of(model, "export")) for model in FILTERSETS]
        others = [table.export for table in open_data.TABLES if table.export.model not in FILTERSETS
                  and table.export.numbered]
        links = [table.export for table in open_data.TABLES if not table.export.numbered]
        return super().get_context_data(public_exports=public, other_exports=others, link_exports=links,
                                        archive=open_data.built(site_address.of(self.request)),
                                        archive_filename=open_data.filename(),
                                        license=settings.OPEN_DATA_LICENSE, api_rate=api_rate(), **kwargs)


# How often, in the words of the sentence that gives the API's rate ("120 requests a minute").
RATE_PERIODS = {
    "s": ngettext_lazy("%(count)s request a second", "%(count)s requests a second", "count"),
    "m": ngettext_lazy("%(count)s request a minute", "%(count)s requests a minute", "count"),
    "h": ngettext_lazy("%(count)s request an hour", "%(count)s requests an hour", "count"),
    "d": ngettext_lazy("%(count)s request a day", "%(count)s requests a day", "count"),
}


def api_rate() -> str:
    """The rate the API allows an anonymous client, in words (the setting reads "120/minute")."""
    count, period = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"].split("/")
    return RATE_PERIODS[period[0]] % {"count": int(count)}


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    disallowed = []
    for code, _name in settings.LANGUAGES:  # the same pages under each language's addresses
        with translation.override(code):
            following = reverse("conferences:follow", args=["kind", "slug"]).removesuffix("kind/slug/")
            disallowed += [reverse("admin:index"), reverse("conferences:search"), following,
                           *(url_of(model, "export") for model in FILTERSETS)]
    lines = ["User-agent: *", *(f"Disallow: {url}" for url in disallowed), f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon, the admin's among them."""
    return redirect(static("img/favicon.svg"), permanent=True)


@require_safe
def english_prefix(request: HttpRequest, rest: str = "") -> HttpResponse:
    """/en/<page> is the English page, whose address has no prefix (/ru/ is the Russian one's)."""
    # Never "//host", which would leave the site.
    address = get_script_prefix() + escape_uri_path(rest.lstrip("/\\"))
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{address}?{query}" if query else address, permanent=True)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form that came back without its security check (cookies cleared or blocked, or another
    browser): said in the reader's language on a page of the site, with what to do. (Settings:
    CSRF_FAILURE_VIEW; Django's own page is in English and says to turn on DEBUG.)"""
    return render(request, "403_csrf.html", status=403)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request Django refuses before any view reads it (too many parameters, a malformed header): the
    site's page in the reader's language, or JSON under the API, whose clients read JSON. (Settings:
    handler400 in the root URLconf; Django's own page is a bare English line.)"""
    if request.path.startswith(tuple(settings.API_PREFIXES)):
        if isinstance(exception, ControlCharacters):
            return JsonResponse({"detail": gettext("The address holds a control character (such as %00 or %01), "
                                                   "which no address should: remove it.")}, status=400)
        return JsonResponse({"detail": gettext("The request could not be read: the address or a header is too long, "
                                               "holds too many parameters, or is not well formed.")}, status=400)
    if isinstance(exception, DisallowedHost):  # rendered without the request, whose Host is what was refused
        return HttpResponseBadRequest(loader.render_to_string("400.html"))
    return defaults.bad_request(request, exception)


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    def ask():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()

    try:
        reconnecting(ask)  # after a restart, as pages do: a balancer must not drop every node at once
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
