"""The deadline a commitment's sentence gives, as its due date: "by June 2027", "by the end of 2026",
"in the first half of 2027", «до конца 2027 года», «в первой половине 2027 года», «в 2027 году»;
and, counted from the day the speech was given, "within six months", "over the next two years",
"by the end of next year", «в течение года», «в ближайшие три месяца», «в следующем году».

A year alone, or a half, is taken to end the period it names; a month, to end that month; a
span, to end that many months after the speech. Only the first deadline of a sentence counts.
The editor sees it in the import's preview and can change it, as everything the import proposes.
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

# Spans counted from the speech: how many, in words or figures, and of what.
NUMBERS_EN = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20,
              "twenty-four": 24, "thirty": 30, "thirty-six": 36}
# Each Russian number in the forms a span takes («в ближайшие три года», «в течение трёх лет»,
# «за один год»); «полутора» is one and a half.
NUMBERS_RU = {
    **dict.fromkeys(("один", "одного", "одну", "одна"), 1), **dict.fromkeys(("два", "две", "двух"), 2),
    **dict.fromkeys(("три", "трёх", "трех"), 3), **dict.fromkeys(("четыре", "четырёх", "четырех"), 4),
    "восемь": 8, "восьми": 8, "полутора": 1.5,
    **{form: value for value, stem in ((5, "пят"), (6, "шест"), (7, "сем"), (9, "девят"), (10, "десят"),
                                        (11, "одиннадцат"), (12, "двенадцат"), (15, "пятнадцат"), (18, "восемнадцат"),
                                        (20, "двадцат"), (30, "тридцат"))
       for form in (stem + "ь", stem + "и")},
}
# Longest first, so that "twenty-four" is not read as "twenty".
_NUMBER_EN = "(" + "|".join([*sorted(NUMBERS_EN, key=len, reverse=True), r"\d{1,2}"]) + ")"
_NUMBER_RU = "(" + "|".join([*sorted(NUMBERS_RU, key=len, reverse=True), r"\d{1,2}"]) + ")"
_UNIT_EN = r"(months?|years?)"
_UNIT_RU = r"(месяц(?:а|ев|ы)?|год(?:а|у|ы|ов)?|лет)(?!\w)"
_RU = r"(?<!\w)"  # a Russian pattern starts a word: «экспертиза года» holds «за» but no span
_RELATIVE = [
    (re.compile(rf"\b(?:within|in|over|during)\s+(?:the\s+)?(?:next|coming|following)\s+(?:{_NUMBER_EN}\s+)?{_UNIT_EN}\b",
                re.IGNORECASE), "span_en"),
    (re.compile(rf"\bwithin\s+(?:the\s+)?{_NUMBER_EN}\s+{_UNIT_EN}\b", re.IGNORECASE), "span_en"),
    (re.compile(r"\b(?:by\s+(?:the\s+)?end\s+of\s+|by\s+|in\s+|during\s+)?next\s+year\b", re.IGNORECASE), "next_year"),
    (re.compile(r"\b(?:by\s+(?:the\s+)?end\s+of|later|before\s+the\s+end\s+of)\s+(?:this|the)\s+year\b",
                re.IGNORECASE), "this_year"),
    (re.compile(rf"{_RU}(?:в\s+течение|в\s+ближайшие|в\s+предстоящие|за)\s+(?:ближайших\s+|следующих\s+)?"
                rf"(?:{_NUMBER_RU}\s+)?{_UNIT_RU}", re.IGNORECASE), "span_ru"),
    (re.compile(rf"{_RU}(?:в\s+течение|в\s+ближайшие|за)\s+(?:ближайших\s+)?полу?года?(?!\w)", re.IGNORECASE),
     "half_year"),
    (re.compile(rf"{_RU}(?:в|до\s+конца|к\s+концу)\s+(?:следующе|будуще)(?:м|го)\s+год[ау]", re.IGNORECASE),
     "next_year"),
    (re.compile(rf"{_RU}(?:в|до\s+конца|к\s+концу)\s+(?:это|текуще|нынешне)(?:м|го)\s+год[ау]", re.IGNORECASE),
     "this_year"),
]


# A word each deadline counted from the speech has: looking for them (as plain text, many times faster
# than a pattern over a long list) spares most sentences the eight patterns.
_SPAN_WORDS = ("within", "next", "coming", "following", "year", "течение", "ближайш", "предстоящ", "за", "следующ",
               "будущ", "текущ", "нынешн", "этом")


def _months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the last of that month where it has no such day."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# A unit with no number before it counts one only in the singular: "within the next year", «в течение
# года»; "in the coming years", «в ближайшие годы» name no end.
_ONE_UNIT = {"month", "year", "месяц", "месяца", "месяцу", "год", "года", "году"}


def _counted(kind: str, groups: tuple, spoken_on: dt.date) -> dt.date | None:
    """The end of a deadline counted from the day of the speech."""
    if kind == "next_year":
        return dt.date(spoken_on.year + 1, 12, 31)
    if kind == "this_year":
        return dt.date(spoken_on.year, 12, 31)
    if kind == "half_year":
        return _months_after(spoken_on, 6)
    number, unit = groups[0], groups[1].lower()
    if number is None:
        if unit not in _ONE_UNIT:
            return None
        count = 1
    elif number.isdigit():
        count = int(number)
    else:
        count = (NUMBERS_EN if kind == "span_en" else NUMBERS_RU)[number.lower()]
    return _months_after(spoken_on, round(count * 12) if unit.startswith(("year", "год", "лет")) else int(count))


def _dated(kind: str, groups: tuple) -> dt.date:
    """The end of a deadline that names its year."""
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


def due_date_in(sentence: str, spoken_on: dt.date | None = None) -> dt.date | None:
    """The last day of the first deadline the sentence gives, or None. Where `spoken_on`, the day the
    speech was given, is known: also one counted from it ("within six months"), and none before it
    ("as we first did in 2021" looks back)."""
    found = []
    if _ANY_YEAR.search(sentence):
        found += [(match.start(), _dated(kind, match.groups()))
                  for pattern, kind in _PATTERNS if (match := pattern.search(sentence))]
    lowered = sentence.lower() if spoken_on is not None else ""
    if any(word in lowered for word in _SPAN_WORDS):
        found += [(match.start(), _counted(kind, match.groups(), spoken_on))
                  for pattern, kind in _RELATIVE if (match := pattern.search(sentence))]
    found = [(start, due) for start, due in found if due is not None and (spoken_on is None or due >= spoken_on)]
    return min(found, key=lambda each: each[0])[1] if found else None
