"""Turn a plain-text speech file, as UN offices publish them, into structured data.

The module is pure Python (no database, no Django) so that an import command, the
admin and the tests can share it; what it proposes is reviewed by a person before
anything is saved. The layout it reads, parts separated by blank lines:

    HIGH-LEVEL CONFERENCE ON          <- conference title, one or more lines
    Regional Cooperation ...

    3 March 2022, Tashkent            <- date and city

    Opening remarks by Mr. Name,      <- speech title, speaker, role and organisation,
    Role, Organisation                   possibly wrapped

    Body paragraphs ...
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .countries import CITY_COUNTRIES


@dataclass(frozen=True)
class ProposedActionItem:
    """A commitment found in the speech, to be confirmed by a person before it becomes an ActionItem."""

    title: str
    excerpt: str  # the whole sentence word for word, so the site can find the paragraph that holds it
    paragraph: int  # 1-based number of the body paragraph


@dataclass(frozen=True)
class ParsedSpeech:
    """Everything read from one speech file."""

    conference_title: str
    date: datetime.date
    city: str
    speech_title: str
    honorific: str
    speaker_name: str
    speaker_role: str  # the full role line as written, e.g. "Under-Secretary-General, United Nations Office of ..."
    role: str
    organization: str  # empty when the last part of the role line does not look like an organisation
    paragraphs: tuple[str, ...]
    language: str  # "en" or "ru", guessed from the body's letters
    action_items: tuple[ProposedActionItem, ...]

    @property
    def body(self) -> str:
        """The text as Speech.body stores it: paragraphs separated by an empty line."""
        return "\n\n".join(self.paragraphs)


class SpeechParseError(ValueError):
    """The file cannot be read as a speech; `line` (1-based) says where, None for encoding problems."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        # "line 9: ..." so that a caller can put the file name in front.
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


_CITY_KEYS = {name.casefold(): iso3 for name, iso3 in CITY_COUNTRIES.items()}


def country_iso3_for_city(city: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a known city's country; accepts "tashkent", "г. Ташкент", "Osh, Kyrgyzstan"."""
    name = re.sub(r"^г\.\s*", "", " ".join(city.split()).casefold())
    return _CITY_KEYS.get(name.split(",")[0].strip().rstrip("."))


# --- Encoding -------------------------------------------------------------------------------

NOT_TEXT = "The file is not UTF-8 or Windows-1251 text."
# C0 controls other than tab and line breaks, DEL and C1 controls: never in a typed speech, always in
# binary data or in UTF-16 read byte by byte.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def _count(letters: re.Pattern[str], text: str) -> int:
    # subn counts without making a list of every letter, as findall would.
    return letters.subn("", text)[1]


def decode_speech_bytes(data: bytes) -> str:
    """The file's text with \\n line endings; UTF-8 (with or without BOM) or Windows-1251 Cyrillic."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            raise SpeechParseError(NOT_TEXT) from None
        # Any 8-bit text decodes as cp1251, but Latin-1 French or German turns into Latin words
        # with a few stray Cyrillic letters (é -> й); Russian text is mostly Cyrillic letters.
        cyrillic, letters = _count(_CYRILLIC, text), sum(map(str.isalpha, text))
        if not cyrillic or cyrillic < 0.3 * letters:
            raise SpeechParseError(NOT_TEXT) from None
    if _CONTROL.search(text):
        raise SpeechParseError(NOT_TEXT)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- Title ----------------------------------------------------------------------------------

# Lower case inside a title-cased line, unless first in the title.
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
                "with", "within", "among", "against", "via"}  # fmt: skip
# Acronyms an all-caps line may hold; anything else in it gets title case (or lower case in Russian).
_ACRONYMS = {word.upper(): word for word in ("UN", "UNOCT", "UNODC", "UNRCCA", "UNDP", "OSCE", "EU", "CIS", "SCO",
             "CSTO", "CTED", "JPoA", "ООН", "ОБСЕ", "СНГ", "ШОС", "ОДКБ", "ЕС", "УНП", "СПД")}  # fmt: skip


_PART_START = re.compile(r"(^|[-(\"«“/])([^\W\d_])")
_FIRST_LETTER = re.compile(r"()([^\W\d_])")


def _capitalize(word: str, every_part: bool = True) -> str:
    """Lower case with a capital at the start (and, for every_part, after a hyphen or quote)."""
    pattern = _PART_START if every_part else _FIRST_LETTER
    return pattern.sub(lambda m: m[1] + m[2].upper(), word.lower(), count=0 if every_part else 1)


def _outside_parentheses(line: str) -> str:
    """The line without its parts in parentheses; an opening one that is never closed is kept."""
    # str.find rather than a regex: r"\([^)]*\)" rescans the rest of the line after every unclosed "(".
    kept, start = [], 0
    while (opening := line.find("(", start)) >= 0 and (closing := line.find(")", opening)) >= 0:
        kept.append(line[start:opening])
        start = closing + 1
    return "".join(kept) + line[start:]


def _normalise_title_line(line: str, first: bool) -> str:
    """An all-caps line in title case (Russian: sentence case, as Russian titles are written); others unchanged."""
    letters = [c for c in _outside_parentheses(line) if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return line  # mixed case is how the author wanted it
    russian = _count(_CYRILLIC, line) > _count(_LATIN, line)
    words, depth = [], 0
    for index, word in enumerate(line.split(" ")):
        in_parentheses = depth > 0 or word.startswith("(")  # "(JPoA)" is kept as written
        depth += word.count("(") - word.count(")")
        core = word.strip("()[]\"'«»“”,.;:")
        title_start = first and index == 0
        if in_parentheses:
            words.append(word)
        elif core.upper() in _ACRONYMS:
            words.append(word.replace(core, _ACRONYMS[core.upper()]))
        elif russian or core.lower() in _SMALL_WORDS:
            words.append(_capitalize(word, every_part=False) if title_start else word.lower())
        else:
            words.append(_capitalize(word))
    return " ".join(words)


_SPLIT_WORD = re.compile(r"[^\W\d_]-")


def _join_lines(lines: list[str]) -> str:
    """Wrapped lines as one; "Counter-" + "Terrorism" gives "Counter-Terrorism", as the hyphen splits a word."""
    # Joined once at the end, and only each line's last two characters looked at: a paragraph can
    # have thousands of lines, and growing one string or searching all of it per line is quadratic.
    parts: list[str] = []
    for line in lines:
        if parts and not _SPLIT_WORD.fullmatch(parts[-1][-2:]):
            parts.append(" ")
        parts.append(line)
    return "".join(parts).strip()


# --- Date line ------------------------------------------------------------------------------

_MONTH_NAMES = (
    ("january jan", "января"), ("february feb", "февраля"), ("march mar", "марта"), ("april apr", "апреля"),
    ("may", "мая"), ("june jun", "июня"), ("july jul", "июля"), ("august aug", "августа"),
    ("september sept sep", "сентября"), ("october oct", "октября"), ("november nov", "ноября"),
    ("december dec", "декабря"),
)  # fmt: skip
_MONTHS = {name: number for number, (en, ru) in enumerate(_MONTH_NAMES, 1) for name in [*en.split(), ru]}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_LINE = re.compile(
    rf"(?P<date>(?:(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?|(?P<month2>{_MONTH})\.?\s+(?P<day2>\d{{1,2}}),?)"
    rf"\s+(?P<year>\d{{4}}))(?:\s*(?:года|г\.?))?\s*(?:,\s*(?P<city>.+?))?\s*\.?",
    re.IGNORECASE,
)
NO_DATE = 'No date line such as "3 March 2022, Tashkent" after the title'


def _parse_date(match: re.Match[str], line: int) -> datetime.date:
    day, month = int(match["day"] or match["day2"]), _MONTHS[(match["month"] or match["month2"]).lower()]
    try:
        return datetime.date(int(match["year"]), month, day)
    except ValueError:
        raise SpeechParseError(f'Invalid date "{match["date"]}"', line) from None


# --- Speaker line ---------------------------------------------------------------------------

_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|H\.\s?E)\.|Ambassador|[Гг]-(?:на|н|жа|жи)(?=\s))"
# "<title> by <honorific> <Name>, <role>", or the Russian "<title> г-на <Name>, <role>" with no "by".
_SPEAKER_WITH_HONORIFIC = re.compile(
    rf"(?P<title>[^,]+?)(?:\s+(?i:by))?\s+(?P<honorific>{_HONORIFIC}(?:\s+{_HONORIFIC})*)\s+"
    r"(?P<name>[^,]+?)\s*(?:,\s*(?P<role>.*?))?[\s,]*"
)
_SPEAKER_WITHOUT_HONORIFIC = re.compile(
    r"(?P<title>[^,]+?)\s+(?i:by)\s+(?P<name>[^,]+?)\s*(?:,\s*(?P<role>.*?))?[\s,]*"
)
NO_SPEAKER = 'No speaker line such as "Opening remarks by Mr. Name, Role" after the date'
_ORGANIZATION_WORDS = re.compile(
    r"\b(?:United Nations|Office|Organi[sz]ation|Ministry|Cent(?:re|er)|Institute|Committee|Agency|Commission"
    r"|Council|Union|Mission|Programme|Program|Bureau|Service|Secretariat|Government|Embassy|Republic)s?\b"
    r"|(?i:\b(?:организаци|объедин[её]нных\s+наций|ООН\b|управлени|министерств|центр(?:а|е|ом|у)?\b|институт"
    r"|комитет|агентств|комисси|совет(?:а|е|ом|у)?\b|союз(?:а|е|ом|у)?\b|мисси|программ|бюро|служб|секретариат"
    r"|правительств|посольств|республик))"
)


def _split_role(speaker_role: str) -> tuple[str, str]:
    """(role, organisation): the organisation is the last comma-separated part, if it looks like one."""
    role, _, last = speaker_role.rpartition(",")
    last = last.strip()
    if role and (_ORGANIZATION_WORDS.search(last) or re.fullmatch(r"[A-ZА-ЯЁ]{2,}", last)):
        return role.strip(), last
    return speaker_role, ""


# --- Body -----------------------------------------------------------------------------------


def _paragraph(lines: list[str]) -> str:
    """One block of lines as a paragraph, wrapped lines joined with a space."""
    # "Excellencies,\nLadies and gentlemen," keeps its line break: these are separate addresses.
    if all(line.endswith(",") and len(line.split()) <= 6 for line in lines):
        return "\n".join(lines)
    return _join_lines(lines)


# Tried only where a run of end marks begins: from inside a long run of periods it would fail again
# after scanning the rest of the run, once per period.
_SENTENCE_END = re.compile(r"(?<![.!?…])([.!?…]+[\"'»”’)\]]*)\s+(?=[\"'«“(\[]?[A-ZА-ЯЁ\d])")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "vs", "cf", "jr", "sr", "art", "para", "fig", "vol", "pp",
                  "approx", "им", "ул", "стр", "см", "проф"}  # fmt: skip
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # "U.N", "e.g", "i.e", "т.е", "J" (before the final period)


# Matched on the reversed text, from the period backwards: the word before it ("N.U" for "U.N") and,
# when that word is "г", whether a year comes before it ("2024 г."). Searching forwards for
# r"[\w.-]*$" tries every position of the text before the period, which is quadratic.
_BEFORE_PERIOD = re.compile(r"([\w.-]*)(\s*\d)?")


def _last_token(text: str) -> str:
    return _BEFORE_PERIOD.match(text[::-1])[1][::-1]


def _is_abbreviation(token: str) -> bool:
    return token.lower() in _ABBREVIATIONS or bool(_INITIALS.fullmatch(token))


def _ends_sentence(backwards: str, period: int, after: str) -> bool:
    """Whether a period ends a sentence rather than an abbreviation ("Mr.", "U.N.", "No. 5", "г. Ташкент").

    `backwards` is the paragraph reversed and `period` where the period is in it; `after` what follows it.
    """
    before = _BEFORE_PERIOD.match(backwards, period + 1)
    token = before[1][::-1]
    if token.lower() in ("no", "nos"):
        return not after[:1].isdigit()  # "No. 5" is a number, "the answer is no." an ending
    if token == "г" and before[2]:
        return True  # "в 2024 г." (a year) ends a sentence, unlike "г. Ташкент" (a city)
    return not _is_abbreviation(token)


def _sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, each exactly as written so that an excerpt can be found again."""
    sentences, start, backwards = [], 0, paragraph[::-1]
    for match in _SENTENCE_END.finditer(paragraph):
        # The text around a period is passed without copying it: a paragraph can hold thousands of periods.
        period = len(paragraph) - 1 - match.start()
        if match[1] == "." and not _ends_sentence(backwards, period, paragraph[match.end()]):
            continue
        sentences.append(paragraph[start : match.end(1)])
        start = match.end()
    return [*sentences, paragraph[start:]] if paragraph[start:] else sentences


# A commitment: an optional short lead-in ("In 2024, "), then a trigger; the title is what follows it.
_COMMITMENT = re.compile(
    r"[\"'«“(]?(?:[^,;:]{1,60},\s+)?(?:(?:and|и)\s+)?(?:"
    r"we(?:['’]ll|\s+(?:also\s+)?will)\s+(?:also\s+)?(?:continue\s+to\s+)?"
    r"|we\s+are\s+(?:also\s+)?(?:exploring|committed\s+to|working(?:\s+(?:on|to|towards?))?)\s+"
    r"|we\s+(?:also\s+)?(?:plan|intend)\s+to\s+"
    r"|we\s+(?:also\s+)?(?:support|help)\s+"
    r"|this\s+includes\s+support\s+(?:in|for)\s+"
    r"|(?:[^\s,;:]+\s+){1,8}?(?:also\s+)?will\s+(?:also\s+)?ramp\s+up\s+"  # "UNOCT will ramp up ..."
    r"|мы\s+(?:также\s+)?(?:будем|продолжим|поддержим|поддерживаем)\s+"
    r")",
    re.IGNORECASE,
)
TITLE_LENGTH = 100
_LEADING_AND = re.compile(r"^(?:[Aa]nd|и)\s+")
_LEADING_ARTICLE = re.compile(r"^(?:[Tt]he|[Aa]n?)\s+(?=[a-z])")  # "the development of X" -> "Development of X"


def _action_title(text: str) -> str:
    """A short title: "and " and a leading article dropped, capitalised, cut on a word boundary."""
    text = " ".join(text.split()).strip(" ,;:")
    if text.endswith(".") and not _is_abbreviation(_last_token(text[:-1])):
        text = text[:-1]
    text = _LEADING_ARTICLE.sub("", _LEADING_AND.sub("", text))
    text = text[:1].upper() + text[1:]
    if len(text) > TITLE_LENGTH:
        text = text[: TITLE_LENGTH + 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—") + "…"
    return text


def _propose_action_items(paragraphs: tuple[str, ...]) -> tuple[ProposedActionItem, ...]:
    """One proposal per commitment sentence, or per item of a semicolon list ("support in X; Y; and Z")."""
    items = []
    for number, paragraph in enumerate(paragraphs, 1):
        for sentence in _sentences(paragraph):
            if match := _COMMITMENT.match(sentence):
                for part in sentence[match.end() :].split(";"):
                    if title := _action_title(part):
                        items.append(ProposedActionItem(title=title, excerpt=sentence, paragraph=number))
    return tuple(items)


# --- Whole file -----------------------------------------------------------------------------


def parse_speech_bytes(data: bytes) -> ParsedSpeech:
    """Parse a speech file's bytes (UTF-8 or Windows-1251)."""
    return parse_speech_text(decode_speech_bytes(data))


def parse_speech_text(text: str) -> ParsedSpeech:
    """Parse a speech file's text; raises SpeechParseError naming the line at fault."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]  # whitespace runs and tabs become one space
    while lines and not lines[-1]:
        lines.pop()
    count = len(lines)

    def skip_blank(index: int) -> int:
        while index < count and not lines[index]:
            index += 1
        return index

    def block(index: int) -> tuple[list[str], int]:
        """The non-blank lines from `index` on, and the index after them."""
        end = index
        while end < count and lines[end]:
            end += 1
        return lines[index:end], end

    i = skip_blank(0)
    if i == count:
        raise SpeechParseError("The file is empty.", 1)
    title_lines = []
    while i < count and lines[i] and not _DATE_LINE.fullmatch(lines[i]):
        title_lines.append(lines[i])
        i += 1
    i = skip_blank(i)
    date_match = _DATE_LINE.fullmatch(lines[i]) if i < count else None
    if date_match is None:
        raise SpeechParseError(NO_DATE, min(i + 1, count))
    if not title_lines:
        raise SpeechParseError("No conference title before the date line", i + 1)
    date = _parse_date(date_match, i + 1)

    i = skip_blank(i + 1)
    speaker_lines, i = block(i)
    speaker_text = _join_lines(speaker_lines)
    speaker = _SPEAKER_WITH_HONORIFIC.fullmatch(speaker_text) or _SPEAKER_WITHOUT_HONORIFIC.fullmatch(speaker_text)
    if speaker is None:
        raise SpeechParseError(NO_SPEAKER, min(i - len(speaker_lines) + 1, count))

    paragraphs = []
    while (i := skip_blank(i)) < count:
        paragraph_lines, i = block(i)
        paragraphs.append(_paragraph(paragraph_lines))
    if not paragraphs:
        raise SpeechParseError("No speech text after the speaker line", count)

    speaker_role = speaker["role"] or ""
    role, organization = _split_role(speaker_role)
    body_letters = "".join(paragraphs)
    return ParsedSpeech(
        conference_title=_join_lines([_normalise_title_line(line, n == 0) for n, line in enumerate(title_lines)]),
        date=date,
        city=date_match["city"] or "",
        speech_title=speaker["title"],
        honorific=speaker.groupdict().get("honorific") or "",
        speaker_name=speaker["name"],
        speaker_role=speaker_role,
        role=role,
        organization=organization,
        paragraphs=tuple(paragraphs),
        language="ru" if _count(_CYRILLIC, body_letters) > _count(_LATIN, body_letters) else "en",
        action_items=_propose_action_items(tuple(paragraphs)),
    )
