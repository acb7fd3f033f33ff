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

import docx
import pypdf
from django.utils.translation import gettext_lazy as _
from docx.opc.exceptions import PackageNotFoundError
from pypdf.errors import PdfReadError

from .speech_parser import ParsedSpeech, SpeechParseError, parse_speech_text

NOT_TEXT = _("The file is not text (UTF-8, UTF-16 or Windows-1251), a Word file (.docx) or a PDF.")
NOT_WORD = _("The Word file cannot be read: %(reason)s")
NOT_PDF = _("The PDF file cannot be read: %(reason)s")
NO_TEXT_IN_PDF = _("The PDF has no text to read (a scan?): the speech has to be typed or copied in.")

# C0 controls other than tab and line breaks, DEL and C1 controls: never in a typed speech, always in
# binary data or in UTF-16 read byte by byte.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def speech_text(data: bytes) -> str:
    """The text of a speech file, with \\n line endings; raises SpeechParseError if it has none."""
    if data.startswith(b"%PDF-"):
        return pdf_text(data)
    if data.startswith(b"PK\x03\x04"):
        return docx_text(data)
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
    cyrillic, mixed = len(_CYRILLIC_WORD.findall(text)), len(_MIXED_WORD.findall(text))
    return cyrillic > 0 and mixed < cyrillic


def _decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_like_utf16(data: bytes) -> bool:
    # UTF-16 without a byte order mark: text in Latin or Cyrillic letters has a zero or a 0x04
    # in every other byte; no 8-bit text has zeros at all.
    sample = data[:2000]
    return len(sample) >= 4 and sample.count(0) >= len(sample) // 4


def _utf16_order(data: bytes) -> str:
    sample = data[:2000]
    return "utf-16-le" if sample[1::2].count(0) >= sample[0::2].count(0) else "utf-16-be"


# --- Word ----------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word file, a blank line between them; list paragraphs start with "•"."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise SpeechParseError(NOT_WORD % {"reason": error or _("it is not a .docx file")}) from None
    lines = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        # A bullet is list formatting, not a character of the text: put one back so the list shows.
        in_list = paragraph.style is not None and paragraph.style.name.startswith("List")
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

_PAGE_NUMBER = re.compile(
    r"(?i:page|стр\.?|страница)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?i:of|из|/)\s*\d{1,4})?"
)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'»”’)\]]*$")


def pdf_text(data: bytes) -> str:
    """The text of a text-based PDF, page after page, without what the pages add to it."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise SpeechParseError(NOT_PDF % {"reason": error}) from None
    pages = [[line.strip() for line in page.splitlines()] for page in pages]
    if not any(any(page) for page in pages):
        raise SpeechParseError(NO_TEXT_IN_PDF)
    running = _running_lines(pages)
    text = ""
    for page in pages:
        lines = _without_edges([line for line in page if line not in running])
        if not lines:
            continue
        if text:
            # A page break inside a sentence is no paragraph break.
            text += "\n\n" if _SENTENCE_END.search(text) else "\n"
        text += "\n".join(_squeeze_blank_lines(lines))
    return text


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines at the top or bottom of more than one page, the same each time: running headers."""
    if len(pages) < 2:
        return set()
    edges = Counter()
    for page in pages:
        text_lines = [line for line in page if line]
        edges.update(set(text_lines[:2] + text_lines[-2:]))
    return {line for line, count in edges.items() if count > 1 and not _PAGE_NUMBER.fullmatch(line)}


def _without_edges(lines: list[str]) -> list[str]:
    """The page's lines without blank ones around them and without page numbers at top or bottom."""
    while lines and (not lines[-1] or _PAGE_NUMBER.fullmatch(lines[-1])):
        lines.pop()
    start = 0
    while start < len(lines) and (not lines[start] or _PAGE_NUMBER.fullmatch(lines[start])):
        start += 1
    return lines[start:]


def _squeeze_blank_lines(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return kept


def parse_speech_bytes(data: bytes) -> ParsedSpeech:
    """Read a speech file of any of the kinds above."""
    return parse_speech_text(speech_text(data))
