"""Downloads streamed from the private storage: outcome documents' files while the document is public,
and the complete open data download.

The storage (local disk or an object store) is never reachable from outside; this view is the
only way to a file, and it asks the same question as every public page: is the document public?
Staff who may view documents also download drafts' files, as they preview their pages.
"""

from __future__ import annotations

import logging

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .. import open_data, site_address, visibility
from ..models import Document, DocumentVersion
from ..publishing import may_preview

log = logging.getLogger(__name__)


@require_safe
def document_file(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    previewing = may_preview(request, Document)
    documents = Document.objects.all() if previewing else Document.objects.published()
    version = (DocumentVersion.objects.filter(document__in=documents.filter(slug=slug), language=language)
               .exclude(file="").select_related("document").first())
    if version is None or version.kind is None:
        raise Http404(visibility.NOT_PUBLIC)
    # Readers' copies are checked with the site on every use (no-cache), so that an unpublished
    # document's file stops being served at once, by browsers and by any cache on the way.
    etag = f'"{version.pk}-{version.updated_at.timestamp():.0f}-{version.file_size}"'
    last_modified = version.updated_at.timestamp()
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        try:
            # An object store opens lazily: ask first, so that a missing file is a 404, not a broken download.
            if not version.file.storage.exists(version.file.name):
                raise FileNotFoundError(version.file.name)
            stream = version.file.open("rb")
        except OSError:
            log.error("The file of %s (%s) cannot be read from storage.", version, version.file.name)
            raise Http404(_("This file cannot be found.")) from None
        response = FileResponse(stream, as_attachment=True, filename=version.download_name(),
                                content_type=version.kind.content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    if previewing and not version.document.is_public:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, no_cache=True)
    return response


@require_safe
def open_data_zip(request: HttpRequest) -> HttpResponse:
    """The complete download of the present content, built on the first request for it (open_data.py)."""
    site = site_address.of(request)
    etag = open_data.etag(open_data.archive_name(site))
    response = get_conditional_response(request, etag=etag)
    if response is not None:
        response["ETag"] = etag
        return response
    # Never the previous archive while another request builds this one: it may hold what has
    # since been unpublished or deleted.
    archive = open_data.current(site)
    if archive is None:
        response = HttpResponse(_("The complete download is being prepared. Please try again in a minute."),
                                status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "60"
        return response
    try:
        stream = default_storage.open(archive.stored, "rb")
    except OSError:
        log.error("The complete download %s cannot be read from storage.", archive.stored)
        raise Http404(_("This file cannot be found.")) from None
    response = FileResponse(stream, as_attachment=True, filename=open_data.filename(), content_type="application/zip")
    response["Content-Length"] = archive.size
    response["ETag"] = open_data.etag(archive.name)
    response["Last-Modified"] = http_date(archive.built_at.timestamp())  # the content's moment, for a reader's tools
    patch_cache_control(response, no_cache=True)
    return response
