"""The text of a speech file as it arrives: plain text in any common encoding, Word or PDF.

Plain text may be UTF-8 (with or without a byte order mark), Windows-1251 or UTF-16 (what
Notepad saves as "Unicode"), with any line endings. Word files are read with python-docx,
their bulleted paragraphs marked "•"; PDF files with pypdf, keeping the page's layout so that
gaps between paragraphs stay blank lines, then without running headers, page numbers and
the line breaks that pages and hyphens put inside words and sentences.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

from django.utils.translation import gettext_lazy as _

from .document_files import pdf_damage
from .speech_parser import ENDS_SENTENCE, ParsedSpeech, SpeechParseError, parse_speech_text

NOT_TEXT = _("The file is not text (UTF-8, UTF-16 or Windows-1251), a Word file (.docx) or a PDF.")
NOT_WORD = _("The Word file cannot be read: %(reason)s.")
NOT_PDF = _("The PDF file cannot be read: %(reason)s.")
NO_TEXT_IN_PDF = _("The PDF has no text to read (a scan?): the speech has to be typed or copied in.")

# C0 controls other than tab and line breaks, DEL and C1 controls: never in a typed speech, always in
# binary data or in UTF-16 read byte by byte.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


# Kinds of file that arrive and are not read, each with what to do instead (matched on their first bytes).
SAVE_AS = [
    (b"\xd0\xcf\x11\xe0", _("This is an old Word file (.doc): save it as .docx (Word: File, Save As) and upload "
                            "that.")),
    (b"{\\rtf", _("This is a Rich Text file (.rtf): save it as .docx or as plain text and upload that.")),
]
_HTML = re.compile(rb"\s*(?:<!doctype html|<html)", re.IGNORECASE)
NOT_HTML = _("This is a web page (HTML): copy the speech's text from the browser and paste it instead.")


def speech_text(data: bytes) -> str:
    """The text of a speech file, with \\n line endings; raises SpeechParseError if it has none."""
    if data.startswith(b"%PDF-"):
        return pdf_text(data)
    if data.startswith(b"PK\x03\x04"):
        return docx_text(data)
    for start, message in SAVE_AS:
        if data.startswith(start):
            raise SpeechParseError(message)
    if _HTML.match(data[:200]):
        raise SpeechParseError(NOT_HTML)
    return decode_text(data)


def decode_text(data: bytes) -> str:
    """Plain text in UTF-8, UTF-16 or Windows-1251, each with or without a byte order mark."""
    text = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        text = _decode(data, "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else _utf16_order(data))
    else:
        text = _decode(data, "utf-8-sig")
        if text is None:
            text = _decode(data, "cp1251")
            # Any 8-bit text decodes as cp1251, but Latin-1 French or German turns into Latin words
            # with stray Cyrillic letters inside them ("Dйclaration"); Russian has whole Cyrillic words.
            if text is not None and not _mostly_whole_cyrillic_words(text):
                text = None
    if text is None or _CONTROL.search(text):
        raise SpeechParseError(NOT_TEXT)
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


_CYRILLIC_WORD = re.compile(r"\b[\u0400-\u04ff]{2,}\b")
_MIXED_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04ff])\w+")


def _mostly_whole_cyrillic_words(text: str) -> bool:
    """Russian in Windows-1251, or English whose only other characters are punctuation (“ ” –)."""
    cyrillic, mixed = len(_CYRILLIC_WORD.findall(text)), len(_MIXED_WORD.findall(text))
    if cyrillic == 0:
        return not any(char.isalpha() and not char.isascii() for char in text)
    return mixed < cyrillic


def _decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_like_utf16(data: bytes) -> bool:
    # UTF-16 without a byte order mark: in Latin or Cyrillic text every other byte is 0x00 or 0x04
    # (the high byte of each letter); 8-bit text has no zeros at all.
    sample = data[:2000]
    if len(sample) < 4 or sample.count(0) == 0:
        return False
    return any(sum(byte in (0, 4) for byte in half) >= 0.9 * len(half) for half in (sample[0::2], sample[1::2]))


def _utf16_order(data: bytes) -> str:
    sample = data[:2000]
    high_second = sum(byte in (0, 4) for byte in sample[1::2])
    return "utf-16-le" if high_second >= sum(byte in (0, 4) for byte in sample[0::2]) else "utf-16-be"


# --- Word ----------------------------------------------------------------------------------


MAX_UNPACKED = 50 * 1024 * 1024  # a Word speech unpacks to a few megabytes; more is no speech


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word file, a blank line between them; list paragraphs start with "•"."""
    # Imported here: python-docx and lxml take about 16 MB, which only an import needs, not every
    # process that serves pages.
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        document = docx.Document(io.BytesIO(data)) if unpacked <= MAX_UNPACKED else None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise SpeechParseError(NOT_WORD % {"reason": _("it is damaged, or not a .docx file")}) from None
    if document is None:
        raise SpeechParseError(NOT_WORD % {"reason": _("it unpacks to more than 50 MB")})
    lines = []
    for paragraph in document.paragraphs:
        # A bullet is list formatting, not a character of the text: put one back so the list shows.
        in_list = paragraph.style is not None and paragraph.style.name.startswith("List")
        # A line break inside a paragraph (Shift+Enter) separates lines, as in a text file.
        parts = [" ".join(part.split()) for part in paragraph.text.split("\n")]
        text = "\n".join(part for part in parts if part)
        if text:
            lines.append(f"• {text}" if in_list else text)
    return _join_list_items(lines)


def _join_list_items(paragraphs: list[str]) -> str:
    # A list and the line that introduces it are one paragraph, as in a text file.
    text = ""
    for paragraph in paragraphs:
        if text:
            text += "\n" if paragraph.startswith("• ") else "\n\n"
        text += paragraph
    return text


# --- PDF -----------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"(?i:page|стр\.?|страница)?[\s\-–—]*\d{1,4}[\s\-–—]*(?:(?i:of|из|/)\s?\d{1,4})?")
NOT_PDF_PROTECTED = _("The PDF is protected: save it again without protection, or copy its text in.")


def _is_page_number(line: str) -> bool:
    return len(line) <= 30 and _PAGE_NUMBER.fullmatch(line) is not None


def pdf_text(data: bytes) -> str:
    """The text of a text-based PDF, page after page, without what the pages add to it."""
    # Imported here, as python-docx above: pypdf takes about 20 MB.
    import pypdf

    damaged = SpeechParseError(NOT_PDF % {"reason": _("it is damaged")})
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        protected = reader.is_encrypted
        pages = [] if protected else [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except pdf_damage():
        raise damaged from None
    if protected:
        raise SpeechParseError(NOT_PDF_PROTECTED)
    pages = [[line.strip() for line in page.splitlines()] for page in pages]
    if not any(any(page) for page in pages):
        raise SpeechParseError(NO_TEXT_IN_PDF)
    running = _running_lines(pages)
    text, last_line = "", ""
    for page in pages:
        lines = _without_edges(page, running)
        if not lines:
            continue
        if text:
            # A page break inside a sentence is no paragraph break.
            text += "\n\n" if ENDS_SENTENCE.search(last_line) else "\n"
        text += "\n".join(_squeeze_blank_lines(lines))
        last_line = lines[-1]
    return text


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines at the top or bottom of more than one page, the same each time: running headers."""
    if len(pages) < 2:
        return set()
    edges = Counter()
    for page in pages:
        text_lines = [line for line in page if line]
        edges.update(set(text_lines[:2] + text_lines[-2:]))
    return {line for line, count in edges.items() if count > 1 and not _is_page_number(line)}


def _without_edges(lines: list[str], running: set[str]) -> list[str]:
    """The page's lines without the blank lines, running headers and page numbers at its top and bottom."""
    def edge(line: str) -> bool:
        return not line or line in running or _is_page_number(line)

    end = len(lines)
    while end and edge(lines[end - 1]):
        end -= 1
    start = 0
    while start < end and edge(lines[start]):
        start += 1
    return lines[start:end]


def _squeeze_blank_lines(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return kept


def parse_speech_bytes(data: bytes) -> ParsedSpeech:
    """Read a speech file of any of the kinds above."""
    return parse_speech_text(speech_text(data))
