"""Turn the text of a speech, as UN offices, governments and news agencies publish it, into
structured data for an editor to review.

The heading comes first, in whatever order and on however many lines it was written: the
conference's title, a date line ("03.03.2022, Tashkent", "Tashkent, 3 March 2022",
"SAMARKAND, 10-11 November 2017", "(6 июля 2024 года, город Ашхабад)", the city alone on the
line above), and the speaker ("Statement by H.E. (Mr.) Name, Role", "Video message of the
Secretary-General Name", the name and the role on lines of their own, "Выступление Министра
... Акмаля Рашидова", stored in the nominative). Lines such as "CHECK AGAINST DELIVERY" are
skipped. Then the body: paragraphs, rebuilt from line ends and sentence ends where no blank
line separates them. A doubtful or missing field is left for the editor with a warning; only a
file with no title, no date or no text is refused.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import russian_grammar
from .commitments import BULLET, ProposedActionItem, language_of, propose
from .countries import find_city


@dataclass(frozen=True)
class ParsedSpeech:
    """Everything read from one speech file."""

    conference_title: str
    date: datetime.date | None  # None when the file gives none: the editor gives it
    city: str
    speech_title: str
    honorific: str
    speaker_name: str  # empty when the file names no speaker
    # The full role line, in the nominative, e.g. "Under-Secretary-General, United Nations Office of ...".
    speaker_role: str
    role: str
    organization: str  # empty when the last part of the role line does not look like an organisation
    paragraphs: tuple[str, ...]
    language: str  # "en" or "ru", guessed from the body's letters
    action_items: tuple[ProposedActionItem, ...]
    warnings: tuple[tuple[str, str], ...] = ()  # (field, why the editor should look at it)
    end_date: datetime.date | None = None  # the last day, where the date line gives a range

    @property
    def body(self) -> str:
        """The text as Speech.body stores it: paragraphs separated by an empty line."""
        return "\n\n".join(self.paragraphs)

    def warning(self, field: str) -> str:
        return next((str(message) for name, message in self.warnings if name == field), "")


class SpeechParseError(ValueError):
    """The file cannot be read as a speech; `line` (1-based) says where, None for encoding problems."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        # "line 9: ..." so that a caller can put the file name in front.
        if self.line is None:
            return str(self.message)
        return _("line %(number)d: %(message)s") % {"number": self.line, "message": self.message}


# --- Title ----------------------------------------------------------------------------------

# Lower case inside a title-cased line, unless first in the title.
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
                "with", "within", "among", "against", "via"}  # fmt: skip
# A heading's line that begins or ends with one of these goes on from the line before or to the next;
# an organisation's name that ends with one is cut off.
_JOINING_WORDS = _SMALL_WORDS | {"в", "во", "на", "по", "и", "для", "о", "об", "при", "с", "со", "к", "между", "против"}
# Acronyms an all-caps line may hold; anything else in it gets title case (or lower case in Russian).
_ACRONYMS = {word.upper(): word for word in ("UN", "UNOCT", "UNODC", "UNRCCA", "UNDP", "OSCE", "EU", "CIS", "SCO",
             "CSTO", "CTED", "JPoA", "ООН", "ОБСЕ", "СНГ", "ШОС", "ОДКБ", "ЕС", "УНП", "СПД")}  # fmt: skip


_PART_START = re.compile(r"(^|[-(\"«“/])([^\W\d_])")
_FIRST_LETTER = re.compile(r"()([^\W\d_])")


def _capitalize(word: str, every_part: bool = True) -> str:
    """Lower case with a capital at the start (and, for every_part, after a hyphen or quote)."""
    pattern = _PART_START if every_part else _FIRST_LETTER
    return pattern.sub(lambda m: m[1] + m[2].upper(), word.lower(), count=0 if every_part else 1)


def outside_parentheses(line: str) -> str:
    """The line without its parts in parentheses; an opening one that is never closed is kept."""
    # str.find rather than a regex: r"\([^)]*\)" rescans the rest of the line after every unclosed "(".
    kept, start = [], 0
    while (opening := line.find("(", start)) >= 0 and (closing := line.find(")", opening)) >= 0:
        kept.append(line[start:opening])
        start = closing + 1
    return "".join(kept) + line[start:]


def _russian_proper(words: list[str], index: int) -> bool:
    """A place or a name in an all-capitals Russian title, or the word before one that is part of
    it ("ЦЕНТРАЛЬНОЙ АЗИИ", "РЕСПУБЛИКИ УЗБЕКИСТАН"): these keep their capitals."""
    def core(at: int) -> str:
        return words[at].strip("()[]\"'«»“”,.;:").capitalize() if at < len(words) else ""

    word, following = core(index), core(index + 1)
    if len(word) < 3:
        return False
    if russian_grammar.is_proper(word):
        return True
    return len(following) > 2 and russian_grammar.is_proper(following) and russian_grammar.starts_a_name(word)


def _normalise_title_line(line: str, first: bool) -> str:
    """An all-caps line in title case (Russian: sentence case, as Russian titles are written); others unchanged."""
    letters = [c for c in outside_parentheses(line) if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return line  # mixed case is how the author wanted it
    russian = language_of(line) == "ru"
    words, depth = [], 0
    parts = line.split(" ")
    for index, word in enumerate(parts):
        in_parentheses = depth > 0 or word.startswith("(")  # "(JPoA)" is kept as written
        depth += word.count("(") - word.count(")")
        core = word.strip("()[]\"'«»“”,.;:")
        title_start = first and index == 0
        if in_parentheses:
            words.append(word)
        elif re.fullmatch(r"(?:[A-Z]\.)+", core + "." if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", core) else core):
            words.append(word)  # initials: "H.E."
        elif core.upper() in _ACRONYMS:
            words.append(word.replace(core, _ACRONYMS[core.upper()]))
        elif russian and not title_start and _russian_proper(parts, index):
            words.append(_capitalize(word, every_part=False))  # "Центральной Азии" keeps its capitals
        elif russian or core.lower() in _SMALL_WORDS:
            words.append(_capitalize(word, every_part=False) if title_start else word.lower())
        else:
            words.append(_capitalize(word))
    return " ".join(words)


_WORD_BREAK = re.compile(r"[^\W\d_]-")


def _join_lines(lines: list[str]) -> str:
    """Wrapped lines as one. A hyphen at a line's end joins the next line without a space: it is
    dropped where a word was broken ("offi-" + "cials"), kept in "Counter-" + "Terrorism" and
    "2017-" + "2021"."""
    # Joined once at the end, and only each line's last two characters looked at: a paragraph can
    # have thousands of lines, and growing one string or searching all of it per line is quadratic.
    parts: list[str] = []
    for line in lines:
        if parts:
            end = parts[-1][-2:]
            if _WORD_BREAK.fullmatch(end) and line[:1].islower():
                parts[-1] = parts[-1][:-1]
            elif not (end.endswith("-") and end[:1].isalnum()):
                parts.append(" ")
        parts.append(line)
    return "".join(parts).strip()


# --- Lines to skip ----------------------------------------------------------------------------

_SKIP = re.compile(
    r"\(?(?:check\s+against\s+(?:actual\s+)?delivery|as\s+prepared(?:\s+for\s+delivery)?|as\s+delivered"
    r"|unofficial\s+translation|embargoed(?:\s+until\b.*)?|(?:please\s+)?check\s+against\s+delivery"
    r"|проверять\s+(?:по|при)\s+(?:факту\s+)?(?:выступлени|произнесени|оглашени)\w*|сверить\s+с\s+произнесенным"
    r"|неофициальный\s+перевод|(?:только\s+)?для\s+(?:служебного\s+)?пользования)\)?[.!]?",
    re.IGNORECASE,
)


# --- Date line ----------------------------------------------------------------------------

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RANGE = re.compile(r"\b(\d{1,2})\s*[-–—]\s*(\d{1,2})(?=\.?\s+[^\W\d_])")  # "10-11 November": the first day
_TIME = re.compile(r"\b\d{1,2}:\d\d(?:\s*(?:am|pm|a\.m\.|p\.m\.))?")
_CITY_NOISE = re.compile(r"\b(?:года|год|г|city|town|город|гор|в)\b\.?|[().;:–—]", re.IGNORECASE)
_DATE_SETTINGS = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past",
                  "RETURN_AS_TIMEZONE_AWARE": False}
_DATE_LIKE = re.compile(r"\b\d{1,2}\s+[^\W\d_]{3,9}\.?\s+(?:19|20)\d\d\b|\b\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d\b")


@dataclass(frozen=True)
class DateLine:
    date: datetime.date | None  # None when the file has no date line
    city: str
    end_date: datetime.date | None = None  # the last day of a range, "10-11 November"


def read_date_line(line: str) -> DateLine | None:
    """The date (the first day of a range) and city of a line that holds a date and little else."""
    if len(line) > 80 or not _YEAR.search(line):
        return None
    # Imported here: dateparser takes about 18 MB, which only an import needs, not every process
    # that serves pages.
    from dateparser.search import search_dates

    text = line.strip()
    last_day = int(match[2]) if (match := _RANGE.search(text)) else None
    text = _TIME.sub(" ", _RANGE.sub(r"\1", text))
    found = search_dates(text, languages=["en", "ru"], settings=_DATE_SETTINGS)
    if not found:
        return None
    span, moment = found[0]
    rest = text.replace(span, " ", 1)
    # "Almaty, Kazakhstan, 24 May 2022": the city is the first part.
    parts = [part for part in (" ".join(_CITY_NOISE.sub(" ", part).split()) for part in rest.split(",")) if part]
    city = parts[0] if parts else ""
    words = " ".join(parts).split()
    # A sentence that mentions a date is no date line: what is left is a city of a few capitalised words.
    if len(words) > 4 or any(not word[:1].isupper() for word in words if word.lower() not in ("-", "и")):
        return None
    if city.isupper() and len(city) > 3:
        city = " ".join(_capitalize(word) for word in city.split())
    end = None
    if last_day and last_day > moment.day:
        try:
            end = moment.date().replace(day=last_day)
        except ValueError:
            end = None
    return DateLine(moment.date(), city, end)


def _is_lone_city(line: str) -> bool:
    return find_city(line.rstrip(",.")) is not None


# --- Speaker ------------------------------------------------------------------------------

_RU_HONORIFIC = r"(?:[Гг]-(?:на|н|жа|жи)|[Гг]оспо(?:дина|дин|жи|жа))(?=\s)"
_RU_EXCELLENCY = re.compile(r"(?:^|\s)(Е(?:го|ё|е))\s+[Пп]ревосходительства(?=\s|$)")
# Whole words only: "Sir" is not the start of "Sirojiddin".
_HONORIFIC = (r"(?:H\.\s?E\.|Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.|(?:Miss|Professor|Ambassador|Excellency|Sir|Dame)\b"
              r"|\((?:Mr|Mrs|Ms|Dr)\.\)|" + _RU_HONORIFIC + ")")
_HONORIFICS = re.compile(rf"(?:{_HONORIFIC}\s*)+", re.IGNORECASE)
SPEECH_TITLES = {
    "en": ("opening remarks", "closing remarks", "concluding remarks", "introductory remarks", "welcome remarks",
           "welcoming remarks", "keynote address", "keynote speech", "opening statement", "closing statement",
           "video message", "message", "remarks", "statement", "address", "speech", "briefing", "intervention",
           "presentation"),
    "ru": ("приветственное слово", "вступительное слово", "заключительное слово", "выступление", "доклад",
           "обращение", "видеообращение", "заявление", "речь", "послание", "приветствие"),
}
DEFAULT_TITLE = {"en": "Statement", "ru": "Выступление"}
_ROLE_WORDS = set("""
secretary general director minister deputy head chief executive representative ambassador president chair chairman
chairperson chairwoman coordinator officer adviser advisor special permanent assistant commissioner envoy high
senior programme program manager member vice prime under-secretary-general secretary-general co-chair acting
first second foreign affairs principal regional resident national country the of for and on to in
""".split())
_TITLE_BY = re.compile(
    r"(?P<title>[^,]{2,60}?)\s+(?i:by|of|from|delivered\s+by)\s+(?P<rest>.+)", re.DOTALL)
_RU_TITLE = re.compile(
    r"(?P<title>" + "|".join(sorted(SPEECH_TITLES["ru"], key=len, reverse=True)) + r")\s+(?P<rest>.+)",
    re.IGNORECASE | re.DOTALL,
)
_ORGANIZATION_WORDS = re.compile(
    r"\b(?:United Nations|Office|Organi[sz]ation|Ministry|Cent(?:re|er)|Institute|Committee|Agency|Commission"
    r"|Council|Union|Mission|Programme|Program|Bureau|Service|Secretariat|Government|Embassy|Republic)s?\b"
    r"|(?i:\b(?:организаци|объедин[её]нных\s+наций|ООН\b|управлени|министерств|центр(?:а|е|ом|у)?\b|институт"
    r"|комитет|агентств|комисси|совет(?:а|е|ом|у)?\b|союз(?:а|е|ом|у)?\b|мисси|программ|бюро|служб|секретариат"
    r"|правительств|посольств|республик))"
)
_CUT_OFF = re.compile(r"\b(?:" + "|".join(sorted(_JOINING_WORDS)) + r")$", re.IGNORECASE)


@dataclass(frozen=True)
class Speaker:
    title: str = ""
    honorific: str = ""
    name: str = ""
    role: str = ""  # the whole role line: "Role, Organisation"


# A part of a role line that begins so is a person's post, whatever institution it names
# ("Министр иностранных дел Республики Узбекистан", "Head of the Programme Office").
_POST = re.compile(
    r"(?i:(?:minister|deputy|director|head|chief|ambassador|president|chair|chairman|chairperson|chairwoman"
    r"|secretary|under-secretary-general|secretary-general|representative|coordinator|officer|adviser|advisor"
    r"|envoy|commissioner)\b"
    r"|(?:министр|посол|директор|советник|координатор|начальник)(?:а)?\b|глав(?:а|ы)\b"
    r"|(?:заместител|председател|руководител|представител|секретар)(?:ь|я)\b"
    r"|(?:генеральн|специальн|постоянн)(?:ый|ого)\b)")


def _split_role(speaker_role: str) -> tuple[str, str]:
    """(role, organisation): the organisation is the last comma-separated part, if it looks like one."""
    role, _comma, last = speaker_role.rpartition(",")
    last = last.strip()
    first_word = last.split()[0] if last else ""
    if role and not _POST.match(first_word) and (_ORGANIZATION_WORDS.search(last)
                                                 or re.fullmatch(r"[A-ZА-ЯЁ]{2,}", last)):
        return role.strip(), last
    return speaker_role, ""


def _sentence_case(text: str) -> str:
    """A speech title as a sentence: "OPENING REMARKS" and "Opening Remarks" -> "Opening remarks"."""
    known = text.lower() in SPEECH_TITLES["en"] + SPEECH_TITLES["ru"]
    return text[:1].upper() + text[1:].lower() if text.isupper() or known else text


def _unshout(text: str) -> str:
    """An all-capitals line in the capitals a person would write ("MR. TIMUR SADYKOV," -> "Mr. Timur Sadykov,")."""
    return _normalise_title_line(text, first=True) if _is_shouting(text) else text


def _is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


def _looks_like_name(words: list[str]) -> bool:
    return (1 < len(words) <= 4 and all(w[:1].isupper() and not any(c.isdigit() for c in w) for w in words)
            and not any(w.lower().strip(",.") in _ROLE_WORDS for w in words))


def _name_at_end(words: list[str]) -> int | None:
    """Where a person's name starts at the end of "Role words Name Surname", or None."""
    for size in (3, 2):
        # Three words only with an initial or a particle in the middle ("John F. Smith", "Abdullah bin Ali").
        if size == 3 and (len(words) < 4 or not re.fullmatch(r"[A-Z]\.|bin|ibn|van|von|de|al-\w+", words[-2])):
            continue
        if len(words) > size and _looks_like_name(words[-size:]):
            return len(words) - size
    return None


def _russian_speaker(title: str, rest: str) -> Speaker:
    """ "Выступление [г-на] Министра ... Акмаля Рашидова[, роль]": name and role in the nominative."""
    honorific, role_words = "", []
    head, _comma, tail = rest.partition(",")
    # "Его Превосходительства" is a form of address, as "г-на" is, not a role: kept with the honorific.
    excellency = ""
    if found := _RU_EXCELLENCY.search(head):
        excellency = f"{found[1]} Превосходительство"
        head = f"{head[:found.start()]} {head[found.end():]}".strip()
    # "г-на" stands before the name, whether a role comes first ("Министра … г-на Иванова") or not.
    if match := re.search(rf"(?:^|\s)({_RU_HONORIFIC})\s+", head):
        honorific = russian_grammar.nominative(match[1])
        role_words, head = head[:match.start()].split(), head[match.end():]
    honorific = " ".join(part for part in (excellency, honorific) if part)
    words = head.split()
    if honorific:
        # After "г-на": the name, unless a role comes first there too ("г-на Министра … Акмаля Рашидова").
        only_a_name = bool(role_words) or len(words) <= 3
    else:
        only_a_name = (1 < len(words) <= 3 and russian_grammar.is_name(words[0])
                       and all(russian_grammar.is_name(w) or w[:1].isupper() for w in words))
    if only_a_name:
        name_words = words
    else:
        size = 3 if len(words) > 3 and russian_grammar.is_patronymic(words[-2]) else 2
        name_words, role_words = words[-size:], words[:-size]
    name = " ".join(russian_grammar.nominative_name(name_words))
    roles = [" ".join(russian_grammar.nominative_role(role_words))] if role_words else []
    if tail.strip():
        tail_role, organization = _split_role(tail.strip())
        roles.append(" ".join(russian_grammar.nominative_role(tail_role.split())))
        if organization:
            roles.append(organization)
    return Speaker(title=title[:1].upper() + title[1:].lower(), honorific=honorific, name=name,
                   role=", ".join(role for role in roles if role))


def _speaker_after_by(title: str, rest: str) -> Speaker | None:
    """What follows "Statement by", "Video message of the": honorifics, the name, then the role; or
    the role first ("the Under-Secretary-General, Mr. Name"; "the Secretary-General Name")."""
    rest = rest.strip(" ,")
    honorific = ""
    if match := _HONORIFICS.match(rest):
        honorific = " ".join(match[0].replace("(", "").replace(")", "").split())
        rest = rest[match.end():]
    head, _comma, tail = rest.partition(",")
    words = head.split()
    if not honorific and re.match(r"the\s", rest, re.IGNORECASE):
        # The role first: "the Chair, Ambassador of X" (no name), "the Secretary-General Name".
        if (start := _name_at_end(words)) is not None:
            return Speaker(title=title, name=" ".join(words[start:]), role=" ".join(words[1:start]) +
                           (f", {tail.strip()}" if tail.strip() else ""))
        inner = _HONORIFICS.match(tail.strip())
        if inner and _looks_like_name(tail.strip()[inner.end():].split()):
            return Speaker(title=title, honorific=" ".join(inner[0].split()), name=tail.strip()[inner.end():].strip(),
                           role=head.removeprefix("the ").strip())
        return Speaker(title=title, name=head.strip(), role=tail.strip())
    if not words or not words[0][:1].isupper():
        return None
    if not honorific and (start := _name_at_end(words)) is not None and start > 0:
        return Speaker(title=title, name=" ".join(words[start:]), role=" ".join(words[:start]) +
                       (f", {tail.strip()}" if tail.strip() else ""))
    return Speaker(title=title, honorific=honorific, name=head.strip(), role=tail.strip())


def _is_speech_title(match: re.Match[str]) -> bool:
    """Whether what comes before "by" (or "of", after a speech title only) names a speech."""
    title = match["title"]
    if len(title.split()) > 6 or title[-1] in ".!?" or _HONORIFICS.search(title):
        return False
    joined_by = re.search(r"\s(?:by|delivered\s+by)\s*$", match[0][: match.start("rest")], re.IGNORECASE)
    return bool(joined_by) or title.lower() in SPEECH_TITLES["en"]


def read_speaker(lines: list[str]) -> Speaker | None:
    """The speaker named by a block of heading lines, or None if the lines name nobody."""
    if not lines or len(lines) > 6 or any(len(line) > 1000 for line in lines):
        return None
    lines = [_unshout(line) for line in lines]
    text = _join_lines(lines).strip()
    # "Выступление" on a line of its own, then a name on its own ("Лола Каримова,"): the name as written,
    # in the nominative, not the genitive that follows the word in one line ("Выступление Акмаля Рашидова").
    name_apart = (len(lines) > 1 and lines[0].lower().rstrip(":.") in SPEECH_TITLES["ru"]
                  and _looks_like_name(lines[1].rstrip(",").split()))
    if not name_apart and (match := _RU_TITLE.fullmatch(text)):
        return _russian_speaker(match["title"], match["rest"])
    if (match := _TITLE_BY.fullmatch(text)) and _is_speech_title(match):
        if speaker := _speaker_after_by(_sentence_case(match["title"]), re.sub(r"^the\s+(?=\S+\s+\S)", "the ",
                                                                                 match["rest"])):
            return speaker
    # The name and the role on lines of their own, with no "by": "Opening remarks" / "Name" / "Role" / "Org".
    title = ""
    if lines[0].lower().rstrip(":.") in SPEECH_TITLES["en"] + SPEECH_TITLES["ru"]:
        title, lines = _sentence_case(lines[0].rstrip(":.")), lines[1:]
    if not lines or any(line.endswith((".", "!", "?")) and not _HONORIFICS.fullmatch(line) for line in lines):
        return None
    if _HONORIFICS.match(lines[0]) and "," in lines[0].rstrip(","):
        speaker = _speaker_after_by(title, lines[0])
        if speaker is not None:
            extra = [line.rstrip(",") for line in lines[1:]]
            return Speaker(title=title, honorific=speaker.honorific, name=speaker.name,
                           role=", ".join([speaker.role, *extra]) if extra else speaker.role)
    first = lines[0].rstrip(",")
    honorific = ""
    if match := _HONORIFICS.match(first):
        honorific, first = " ".join(match[0].replace("(", "").replace(")", "").split()), first[match.end():]
    words = first.split()
    if _looks_like_name(words):
        return Speaker(title=title, honorific=honorific, name=first,
                       role=", ".join(line.rstrip(",") for line in lines[1:]))
    if (start := _name_at_end(words)) is not None and start > 0:
        return Speaker(title=title, name=" ".join(words[start:]),
                       role=", ".join([" ".join(words[:start]), *(line.rstrip(",") for line in lines[1:])]))
    return None


# --- Body -----------------------------------------------------------------------------------

ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'»”’)\]]*$")  # a line that may end a sentence


_SALUTATION = re.compile(
    r"(?:excellenc|ladies|distinguished|dear|mr\.?\s+(?:president|chair|secretary|minister)|madam|honou?rable|friends"
    r"|colleagues|good\s+(?:morning|afternoon|evening)|all\s+protocol|уважаем|дорог|дамы|господ|коллеги|друзья"
    r"|ваше\s+превосходительство|ассалому|салом)",
    re.IGNORECASE,
)


def _is_address(line: str) -> bool:
    # "Excellencies,", "Ladies and gentlemen," "Уважаемые коллеги!": a line of its own.
    return line.endswith((",", "!")) and len(line.split()) <= 6 and _SALUTATION.match(line) is not None


def block_paragraphs(lines: list[str]) -> list[str]:
    """The paragraphs of lines with no blank line between them.

    A line ends a paragraph where it ends a sentence, unless the lines are wrapped at a width and
    this one runs to it; addresses keep their own lines; a list stays with the line before it.
    """
    if len(lines) == 1:
        return lines
    if all(_is_address(line) for line in lines):
        return ["\n".join(lines)]
    width = max(len(line) for line in lines)
    open_lines = sum(1 for line in lines[:-1] if not ENDS_SENTENCE.search(line) and not _is_address(line))
    wrapped = open_lines * 3 >= len(lines) - 1
    paragraphs: list[str] = []
    current: list[list[str]] = []  # the paragraph's lines, each a list of wrapped pieces

    def close() -> None:
        if current:
            paragraphs.append("\n".join(_join_lines(pieces) for pieces in current))
            current.clear()

    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _is_address(line) and not current or (current and _is_address(current[-1][-1]) and _is_address(line)):
            current.append([line])
            if not _is_address(following):
                close()
            continue
        if current and _is_address(current[-1][-1]):
            close()
        if BULLET.match(line) or not current:
            current.append([line])
        else:
            current[-1].append(line)
        ends = ENDS_SENTENCE.search(line) and not line.endswith((":", ";"))
        if ends and not BULLET.match(following) and (not wrapped or len(line) < 0.8 * width):
            close()
    close()
    return paragraphs


# --- Whole text -----------------------------------------------------------------------------

HEADING_BLOCKS = 6  # the heading is in the first few groups of lines; after them the speech has begun
DATE_CANDIDATES = 40  # lines with a year tried as the date line: the first groups can run long (no blank lines)
MAX_PROPOSALS = 300  # more than any speech has; each is a box to tick in the preview
NO_TITLE = _("No conference title before the date line. A speech's file starts with the conference's title, "
             "then its place and date.")
NO_TEXT = _("No speech text after the heading. The speech's paragraphs follow the conference, the date and the "
            "speaker.")
EMPTY = _("The file is empty.")


def parse_speech_text(text: str) -> ParsedSpeech:
    """Parse a speech's text; raises SpeechParseError naming the line at fault."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # Whitespace runs and tabs become one space; lines such as "CHECK AGAINST DELIVERY" become blank.
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = ["" if _SKIP.fullmatch(line) else line for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    blocks = _blocks(lines)
    if not blocks:
        raise SpeechParseError(EMPTY, 1)

    # Lines with a year, in the first groups: dateparser reads the first few of them (a few ms each).
    heading = [index for start, end in blocks[:HEADING_BLOCKS] for index in range(start, end)
               if _YEAR.search(lines[index])][:DATE_CANDIDATES]
    date_at = next((index for index in heading if read_date_line(lines[index])), None)
    if date_at is None:
        for index in heading:
            # A short line with a date that no calendar has: "31 February 2022".
            if len(lines[index].split()) <= 8 and (match := _DATE_LIKE.search(lines[index])):
                raise SpeechParseError(_("There is no such date as “%(date)s”.") % {"date": match[0]}, index + 1)
        # No date line: the title is the first group of lines, the speaker and the text follow it,
        # and the editor gives the date in the preview.
        date_line, city = DateLine(None, ""), ""
        before = list(range(*blocks[0]))
        date_at = blocks[0][1]
    else:
        date_line = read_date_line(lines[date_at])
        city = date_line.city
        block = next(n for n, (start, end) in enumerate(blocks) if start <= date_at < end)
        before = [index for start, end in blocks[:block + 1] for index in range(start, end) if index < date_at]
        if before and not city and _is_lone_city(lines[before[-1]]):
            city = lines[before.pop()].rstrip(",.")
        if not city and date_at + 1 < blocks[block][1] and _is_lone_city(lines[date_at + 1]):
            city = lines[date_at + 1].rstrip(",.")
            date_at += 1
    if not before:
        raise SpeechParseError(NO_TITLE, date_at + 1)

    # The title is the first group of lines; a speaker may follow it before the date.
    first_end = min(blocks[0][1], date_at)
    title_lines = [lines[index] for index in before if index < first_end]
    between = [lines[index] for index in before if index >= first_end]
    # A title on lines of their own, as Word gives each press of Enter ("REGIONAL CONFERENCE ON ..." /
    # "IN CENTRAL ASIA"), goes on: a speaker's line does not begin with "in", nor follow an "of".
    while between and (between[0].split()[0].lower() in _JOINING_WORDS or
                       title_lines[-1].split()[-1].lower() in _JOINING_WORDS):
        title_lines.append(between.pop(0))
    speaker = read_speaker(between) if between else None
    if between and speaker is None:
        title_lines += between

    body_from = date_at + 1
    if speaker is None:
        after = _next_lines(lines, blocks, body_from)
        # The speaker's lines each a paragraph of their own, as Word gives each press of Enter: "Remarks by
        # Ms. Name," / "Role, Organisation", or "Opening remarks" / "Ms. Name" / "Role".
        while after and len(after) < 6:
            following = _next_lines(lines, blocks, lines.index(after[-1], body_from) + 1)
            if not following or not _heading_line(following[0]):
                break
            read = read_speaker(after)
            # On to the next paragraph only while the speaker's lines are not complete: after a comma, or
            # where no speaker is read yet, or a speaker with no role where the next line is a post.
            if not (after[-1].endswith(",") or read is None and len(following) == 1
                    or read is not None and not read.role and len(following) == 1 and _is_post(following[0])):
                break
            after += following
        for size in range(min(len(after), 6), 0, -1):
            if any(_is_address(line) for line in after[:size]) or (
                    size < len(after) and after[size][:1].islower()):
                continue
            if (speaker := read_speaker(after[:size])) is not None:
                body_from = lines.index(after[size - 1], body_from) + 1
                break
    if speaker is None and len(title_lines) > 1 and (split := _speaker_inside(title_lines)) is not None:
        title_lines, speaker = title_lines[:split], read_speaker(title_lines[split:])

    paragraphs = [paragraph for start, end in blocks if end > body_from
                  for paragraph in block_paragraphs(lines[max(start, body_from):end])]
    if not paragraphs:
        raise SpeechParseError(NO_TEXT, len(lines))
    body_letters = "".join(paragraphs[:50])
    language = language_of(body_letters)
    parsed = _parsed(title_lines, date_line.date, city, speaker or Speaker(), tuple(paragraphs), language)
    return replace(parsed, end_date=date_line.end_date) if date_line.end_date else parsed


def _parsed(title_lines: list[str], date: datetime.date | None, city: str, speaker: Speaker,
            paragraphs: tuple[str, ...], language: str) -> ParsedSpeech:
    warnings = []
    if date is None:
        warnings.append(("date", _("No date line was found: give the date the speech was delivered.")))
    title = speaker.title
    if not title:
        title = DEFAULT_TITLE[language]
        warnings.append(("title", _("No title such as “Opening remarks” was found: “%(title)s” is assumed.")
                         % {"title": title}))
    if not speaker.name:
        warnings.append(("speaker", _("The file names no speaker: choose one.")))
    if not city and date is not None:
        warnings.append(("city", _("No city is given with the date.")))
    proposals = propose(paragraphs, language)
    if len(proposals) > MAX_PROPOSALS:
        proposals = proposals[:MAX_PROPOSALS]
        warnings.append(("proposals", ngettext("Only the first %(count)d commitment is proposed.",
                                                "Only the first %(count)d commitments are proposed.",
                                                MAX_PROPOSALS) % {"count": MAX_PROPOSALS}))
    role, organization = _split_role(speaker.role)
    if not organization and _CUT_OFF.search(role) and "," in role:
        role, organization = role.rpartition(",")[0].strip(), role.rpartition(",")[2].strip()
    if _CUT_OFF.search(organization):
        warnings.append(("organization", _("The organisation’s name looks cut off: check it.")))
    return ParsedSpeech(
        conference_title=_join_lines([_normalise_title_line(line, n == 0) for n, line in enumerate(title_lines)]),
        date=date,
        city=city,
        speech_title=title,
        honorific=speaker.honorific,
        speaker_name=_unshout(speaker.name) if speaker.name.isupper() else speaker.name,
        speaker_role=speaker.role,
        role=role,
        organization=organization,
        paragraphs=paragraphs,
        language=language,
        action_items=proposals,
        warnings=tuple(warnings),
    )


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines."""
    blocks, start = [], None
    for index, line in enumerate(lines):
        if line and start is None:
            start = index
        elif not line and start is not None:
            blocks.append((start, index))
            start = None
    if start is not None:
        blocks.append((start, len(lines)))
    return blocks


def _heading_line(line: str) -> bool:
    """Whether a line alone in its paragraph may be part of a heading: short, no sentence, and no
    greeting, whether or not a comma follows it ("Excellencies", "Уважаемые коллеги")."""
    return (len(line.split()) <= 12 and not ENDS_SENTENCE.search(line) and not _SALUTATION.match(line)
            or _HONORIFICS.fullmatch(line) is not None)


def _is_post(line: str) -> bool:
    """Whether a line names a person's post or an organisation: a speaker's role, on a line of its own."""
    return bool(_POST.match(line) or _ORGANIZATION_WORDS.search(line))


def _next_lines(lines: list[str], blocks: list[tuple[int, int]], index: int) -> list[str]:
    """The lines of the first group that has lines at or after `index`."""
    for start, end in blocks:
        if end > index:
            return lines[max(start, index):end]
    return []


def _speaker_inside(title_lines: list[str]) -> int | None:
    """Where a speaker line starts inside the title's lines, when no blank line separates them."""
    for index in range(1, len(title_lines)):
        if re.search(r"\sby\s+(?:" + _HONORIFIC + r"|the\s)", title_lines[index], re.IGNORECASE) \
                and read_speaker(title_lines[index:]):
            return index
    return None
