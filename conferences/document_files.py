"""The files of outcome documents: what kind a file really is, and whether the site accepts it.

A file is judged by its content, never by its name or the type a browser claims: a PDF
starts with its own marker and can be read to its last page, a Word file is a zip package
holding a Word document. Anything else (a renamed program, a web page, an old binary .doc, a
PDF cut short) is refused with what to do instead.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from slugify import slugify


@dataclass(frozen=True)
class FileKind:
    code: str  # kept on the language version, for the page and the download
    label: str
    content_type: str
    extension: str


PDF = FileKind("pdf", "PDF", "application/pdf", ".pdf")
DOCX = FileKind("docx", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
KINDS = {kind.code: kind for kind in (PDF, DOCX)}

OLE_MARKER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary Office files (.doc)
# A PDF starts with its marker, perhaps after a byte-order mark or a blank line some producers write.
HEAD_BYTES = 1024


def max_bytes() -> int:
    return settings.DOCUMENT_FILE_MAX_BYTES


def kind_of(upload) -> FileKind:
    """What `upload` (an open file) really is, or a ValidationError saying why it is not accepted."""
    size = upload.size
    if size is not None and size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s; files of up to %(limit)s are accepted."),
            code="too_large", params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes())})
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if not head:
        raise ValidationError(_("The file is empty."), code="empty")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        if not opens_as_pdf(upload):
            raise ValidationError(
                _("This PDF is damaged or incomplete: it cannot be opened. Save or export it again, then upload "
                  "the new file."), code="damaged")
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        finally:
            upload.seek(0)
        if any(name.endswith("vbaProject.bin") for name in names):
            raise ValidationError(_("This Word file holds macros. Save it as .docx (without macros) or as PDF."),
                                  code="macros")
        if "word/document.xml" in names:
            return DOCX
    if head.startswith(OLE_MARKER):
        raise ValidationError(
            _("This is an old Word (.doc) file. Open it in Word or LibreOffice and save it as .docx or PDF."),
            code="old_word")
    raise ValidationError(_("This is not a PDF or Word (.docx) file, whatever its name says."), code="not_document")


def pdf_damage() -> tuple[type[Exception], ...]:
    """What pypdf raises on a damaged file. Imported when needed: pypdf takes about 20 MB."""
    from pypdf.errors import PyPdfError

    return PyPdfError, ValueError, KeyError, TypeError, IndexError, ZeroDivisionError, RecursionError


def opens_as_pdf(upload) -> bool:
    """Whether a PDF's cross-reference table and page tree can be read to the last page (a file cut
    short loses the table, kept at its end); a file protected by a password is taken as it is.
    Reading the page tree takes about a second for a file of thousands of pages, within the size limit."""
    import pypdf

    upload.seek(0)
    try:
        reader = pypdf.PdfReader(upload)
        if not reader.is_encrypted:
            _ = reader.pages[-1].mediabox
        return True
    except pdf_damage():
        return False
    finally:
        upload.seek(0)


def download_name(document_slug: str, symbol: str, language: str, kind: FileKind) -> str:
    """The name a download is saved under: the UN symbol where there is one (A_76_751-ru.pdf), else the slug."""
    stem = slugify(symbol.replace("/", "_"), separator="_", lowercase=False) if symbol else document_slug
    return f"{stem}-{language}{kind.extension}"


def upload_to(version, filename: str) -> str:
    """Where an uploaded file is stored: by document and language, under a name of the site's own.

    The stored name is never an address anyone can open: files are served only through the
    document's download view, which checks publication first.
    """
    stem = slugify(posixpath.splitext(filename)[0], max_length=60) or "file"
    extension = KINDS[version.file_kind].extension if version.file_kind in KINDS else ""
    return f"documents/{version.document_id}/{version.language}-{stem}{extension}"
