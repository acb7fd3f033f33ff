"""The deadline a commitment's sentence gives, as its due date: "by June 2027", "by the end of 2026",
"in the first half of 2027", «до конца 2027 года», «в первой половине 2027 года», «в 2027 году».

A year alone, or a half, is taken to end the period it names; a month, to end that month. Only
the first deadline of a sentence counts. The editor sees it in the import's preview and can
change it, as everything the import proposes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december"]
# The stems of the Russian months, whatever their case ("до конца июня 2027 года").
MONTHS_RU = ["январ", "феврал", "март", "апрел", "ма[йя]", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
             "декабр"]
_YEAR = r"(20\d\d)"
_MONTH_EN = "(" + "|".join(MONTHS_EN) + ")"
_MONTH_RU = "(" + "|".join(f"{stem}[а-я]*" for stem in MONTHS_RU) + ")"

# Each: a pattern, and what its groups give (month, half or none) beside the year.
_PATTERNS = [
    (re.compile(rf"\bby\s+(?:the\s+)?end\s+of\s+{_MONTH_EN}\s+{_YEAR}\b", re.IGNORECASE), "month"),
    (re.compile(rf"\b(?:by|in|before)\s+{_MONTH_EN}\s+{_YEAR}\b", re.IGNORECASE), "month"),
    (re.compile(rf"\b(?:by|in|during)\s+the\s+(first|second)\s+half\s+of\s+{_YEAR}\b", re.IGNORECASE), "half"),
    (re.compile(rf"\b(?:by\s+(?:the\s+)?end\s+of|by|in|during)\s+{_YEAR}\b", re.IGNORECASE), "year"),
    (re.compile(rf"(?:до|к)\s+конц[ау]\s+{_MONTH_RU}\s+{_YEAR}", re.IGNORECASE), "month_ru"),
    (re.compile(rf"во?\s+(первой|второй)\s+половине\s+{_YEAR}", re.IGNORECASE), "half"),
    (re.compile(rf"(?:до|к)\s+конц[ау]\s+{_YEAR}\s+года", re.IGNORECASE), "year"),
    (re.compile(rf"(?:в|в\s+течение)\s+{_YEAR}\s+год", re.IGNORECASE), "year"),
]


# Every deadline above names a year: one scan for it spares a long sentence without one the eight.
_ANY_YEAR = re.compile(_YEAR)


def due_date_in(sentence: str) -> dt.date | None:
    """The last day of the first deadline the sentence gives, or None."""
    if not _ANY_YEAR.search(sentence):
        return None
    found = []
    for pattern, kind in _PATTERNS:
        if match := pattern.search(sentence):
            found.append((match.start(), kind, match.groups()))
    if not found:
        return None
    _start, kind, groups = min(found, key=lambda each: each[0])
    year = int(groups[-1])
    if kind == "year":
        return dt.date(year, 12, 31)
    if kind == "half":
        return dt.date(year, 6, 30) if groups[0].lower() in ("first", "первой") else dt.date(year, 12, 31)
    if kind == "month":
        month = MONTHS_EN.index(groups[0].lower()) + 1
    else:
        month = next(number for number, stem in enumerate(MONTHS_RU, 1) if re.match(stem, groups[0].lower()))
    return dt.date(year, month, calendar.monthrange(year, month)[1])
