"""Commitments in a speech: the sentences where the speaker's side undertakes something.

A sentence commits when its subject is the speaker's side (we, I, my Office, the United
Nations, UNODC, "the programme", "the Tajik side", мы, Управление ...) and its verb
undertakes (will, shall, stands ready to, remains committed to, is launching, I am pleased to
announce, let us continue to, продолжит, будем, готовы, поддерживаем, предлагаем ...), with
adverbs or a short lead-in allowed before it. What follows the verb becomes the title.
Sentences that only sound like it (we will never forget, we will hear from, we support the
view that, мы будем рады) commit to nothing. A list (in A; B; and C, or bullets) gives one
proposal per item, and so do two undertakings joined by "and" (X and will Y).

Rules, not a trained model: every proposal is reviewed by an editor, and the corpus in
corpus/ measures how often the rules are right (manage.py import_report).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from razdel import sentenize

from . import russian_grammar
from .countries import CENTRAL_ASIA, english_names, states_named_in

TITLE_LENGTH = 100
BULLET = re.compile(r"\s*(?:[-–—•·*▪●◦]|\d{1,2}[.)]|[a-zа-я][.)])\s+")  # a list item's mark
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and a speech's list of
# a hundred thousand items makes one each, which must parse within a second (make bench).
@dataclass(slots=True)
class ProposedActionItem:
    """A commitment found in the speech, to be confirmed by a person before it becomes an ActionItem."""

    title: str
    excerpt: str  # the sentence word for word, so the site can find the paragraph that holds it
    paragraph: int  # 1-based number of the body paragraph
    countries: tuple[str, ...] = ()  # the ISO 3166-1 alpha-3 codes of the Central Asian States the sentence names


# What razdel is shown in place of a few marks, each the same length, so that its sentences are the
# text's own: runs of stops, semicolons (a list is one sentence), and the periods of abbreviations
# ("Mr.", "U.N.", "i.e.", "No. 5"). Its work grows with each mark that might end a sentence; a
# paragraph of thousands of them (no speech has one) stays fast.
_MASKED = re.compile(
    r"(?<=[.!?…])[.!?…]+|;|\b(?:[^\W\d_]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Art|Para|Fig|Vol|pp|cf|vs|approx"
    r"|им|ул|стр|см|проф)\.|\b(?:No|Nos|№)\.(?=\s*\d)",
    re.IGNORECASE,
)


def _masked(match: re.Match[str]) -> str:
    return "," if match[0] == ";" else match[0].replace(".", "_").replace("!", "_").replace("?", "_").replace("…", "_")


_INNER_STOP = re.compile(r"[.!?…]+[\"'»”’)\]]*\s")


def _segments(text: str) -> list[str]:
    if _INNER_STOP.search(text) is None:  # one sentence: nothing for razdel to decide
        return [text.strip()] if text.strip() else []
    return [text[part.start:part.stop] for part in sentenize(_MASKED.sub(_masked, text))]


def sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, each exactly as written; a list and the line before it are one.

    Split by razdel, which reads English and Russian alike in linear time."""
    lines = paragraph.split("\n")
    first_item = next((n for n, line in enumerate(lines) if BULLET.match(line)), None)
    if first_item is None:
        return _segments(paragraph)
    intro = _segments("\n".join(lines[:first_item])) or [""]
    return [*intro[:-1], "\n".join([intro[-1], *lines[first_item:]]).strip()]


def propose(paragraphs: tuple[str, ...], language: str) -> tuple[ProposedActionItem, ...]:
    """One proposal per undertaking in the speech's paragraphs. Its due date is read from its sentence
    (deadlines.py) when the day of the speech is settled: in the import's preview and when it is saved."""
    found = []
    for number, paragraph in enumerate(paragraphs, 1):
        for sentence in sentences(paragraph):
            titles = commitment_titles(sentence, language)
            if not titles:
                continue
            named = states_named_in(sentence)  # once for its every undertaking
            found += [ProposedActionItem(title=title, excerpt=sentence, paragraph=number, countries=named)
                      for title in titles]
    return tuple(found)


def language_of(text: str) -> str:
    """ "ru" when the text has more Cyrillic letters than Latin ones, else "en"."""
    # subn counts without making a list of every letter, as findall would.
    return "ru" if CYRILLIC.subn("", text)[1] > _LATIN.subn("", text)[1] else "en"


def commitment_titles(sentence: str, language: str) -> list[str]:
    """The titles of what the sentence undertakes; none if it commits to nothing."""
    russian = language == "ru" or CYRILLIC.search(sentence[:80]) is not None
    undertaking = _russian_undertaking(sentence) if russian else _english_undertaking(sentence)
    if undertaking is None:
        return []
    return [title for part in _parts(undertaking, russian) if (title := short_title(part))]


# --- English ---------------------------------------------------------------------------------

_ORGANISATION = (r"(?:office|centre|center|organi[sz]ation|agency|team|government|country|mission|programme"
                 r"|program|secretariat|committee|ministry|department|service|project|unit|side|system)")
_SUBJECT = (
    r"(?:we|i|(?:my|our)\s+(?:own\s+)?" + _ORGANISATION
    + r"|the\s+united\s+nations(?:\s+system)?|the\s+un|the\s+(?:[\w-]+\s+){0,3}?" + _ORGANISATION
    + r"(?:\s+(?:of|in|for)\s+(?-i:[A-Z][\w-]+)(?:\s+(?-i:[A-Z][\w-]+))?)?"
    r"|(?:the\s+)?(?-i:[A-Z]{2,}[A-Za-z]?)(?:\s+(?-i:[A-Z]{2,}))?|{countries})"
)
_ADVERBS = r"(?:(?:also|further|therefore|thus|now|then|again|jointly|together|personally|fully|certainly"\
           r"|continue\s+to|\w+ly)\s+)*"
_BEFORE_VERB = r"(?:(?:also|further|therefore|thus|hereby|still|jointly|together|(?!only)\w+ly)\s+)*"
_LEAD_IN = r"(?:[^,;:]{1,60},\s+|(?:(?:tomorrow|today|now|next\s+year|this\s+year|also|finally|moreover"\
           r"|furthermore|together|in\s+turn|in\s+\d{4})\s+))?"
# What an undertaking's verb looks like after the subject; the named group "rest" is the title.
_UNDERTAKES = [
    r"(?:will|shall|['’]ll)\s+" + _ADVERBS,
    r"(?:stands?|remains?)\s+ready\s+to\s+" + _ADVERBS,
    r"(?:am|is|are|remains?)\s+(?:also\s+)?(?:fully\s+|firmly\s+|strongly\s+)?(?:committed|determined)\s+to\s+",
    r"(?:am|is|are)\s+(?:also\s+)?(?:ready|prepared|willing)\s+to\s+" + _ADVERBS,
    r"(?:am|is|are)\s+" + _ADVERBS + r"(?:launching|convening|preparing|establishing|organi[sz]ing|setting\s+up"
    r"|developing|exploring|studying|examining|looking\s+(?:at|into)|reviewing|designing|drafting|piloting"
    r"|building|strengthening|planning|working\s+(?:on|towards?)|expanding|opening|creating|finali[sz]ing)\s+",
    r"(?:am|is|are)\s+working\s+to\s+",
    r"(?:also\s+)?(?:plans?|intends?|aims?|pledges?|undertakes?|commits?|promises?|propose|offer|decided)\s+to\s+",
    r"(?P<present>support|help|assist|propose|offer|commit\s+to)\s+"
    r"(?!the\s+(?:view|idea|opinion|position|notion|belief)\b)",
]
# Verbs after "will" that undertake nothing: what the meeting will do next, what we feel or recall.
_NOT_UNDERTAKING = re.compile(
    r"(?:not|never|no\s+longer|always\s+remember|remember|recall|forget|hear|listen|see|watch|discuss|talk"
    r"|debate|turn\s+to|move\s+on|break|adjourn|close|conclude|begin\s+(?:with|by)|start\s+(?:with|by)|give\s+the\s+floor"
    r"|be\s+(?:brief|happy|glad|pleased|delighted|grateful|honou?red|interested|intimidated|deterred|discouraged"
    r"|silenced|divided|able\s+to\s+see|hearing))\b",
    re.IGNORECASE,
)
_ANNOUNCE = re.compile(
    r"(?:I|we)\s+(?:am|are)\s+(?:very\s+)?(?:pleased|happy|glad|proud|delighted)\s+to\s+(?:announce|inform\s+you)"
    r"(?:\s+that)?\s+(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_LET_US = re.compile(r"let\s+us\s+|let['’]s\s+", re.IGNORECASE)
_INCLUDES = re.compile(r"(?:this|which|it)\s+includes\s+(?:support|assistance)\s+(?:in|for|to|with)\s+", re.IGNORECASE)


@cache
def _english_pattern() -> re.Pattern[str]:
    # The five States speak for themselves too: "Turkmenistan shall ...", "the Kyrgyz Republic will ...".
    names = {name for iso3 in CENTRAL_ASIA for name in english_names(iso3)}
    countries = "|".join(sorted((re.escape(name) for name in names), key=len, reverse=True))
    subject = _SUBJECT.replace("{countries}", r"(?:the\s+)?(?-i:" + countries + r")")
    return re.compile(
        rf"[\"'«“(]?{_LEAD_IN}(?:and\s+)?(?P<subject>{subject})(?:\s+{_BEFORE_VERB}|(?=['’]ll\s))(?P<verb>{'|'.join(_UNDERTAKES)})(?P<rest>.*)",
        re.IGNORECASE | re.DOTALL,
    )


def _english_undertaking(sentence: str) -> str | None:
    if announced := _ANNOUNCE.match(sentence):
        rest = announced["rest"]
        return _english_undertaking(rest) or _strip_article(rest)
    if let := _LET_US.match(sentence):
        rest = sentence[let.end():]
        rest = re.sub(r"^(?:continue\s+to|all)\s+", "", rest, flags=re.IGNORECASE)
        return None if _NOT_UNDERTAKING.match(rest) else rest
    if includes := _INCLUDES.match(sentence):
        return sentence[includes.end():]
    match = _english_pattern().match(sentence)
    if match is None:
        return None
    rest = match["rest"]
    if match["present"]:  # "We support X": the title says what they will do, "Support X"
        rest = f"{match['present']} {rest}"
    return None if _NOT_UNDERTAKING.match(rest) else rest


_ARTICLE = re.compile(r"^(?:the|an?)\s+(?=[a-z])", re.IGNORECASE)
_LEADING_AND = re.compile(r"^(?:and|и)\s+", re.IGNORECASE)
_INITIALS_AT_END = re.compile(r"\b(?:[^\W\d_]\.)+[^\W\d_]\.$")  # "to the U.N." keeps its period


def _strip_article(text: str) -> str:
    return _ARTICLE.sub("", text)


def _without_stop(text: str) -> str:
    if text[-1:] not in ".!?…\"'»”’)" or _INITIALS_AT_END.search(text):
        return text
    return text.rstrip("\"'»”’)").rstrip(".!?…")


# --- Russian ---------------------------------------------------------------------------------

_RU_SUBJECTS = re.compile(
    r"(?:мы|я|наше\s+\w+|(?:\w+(?:ская|цкая)\s+)?сторона|управление|центр|офис|программа|проект|секретариат"
    r"|правительство|министерство|организация|комитет|миссия|(?-i:[А-ЯЁ]{2,}(?:\s+[А-ЯЁ]{2,})?))$",
    re.IGNORECASE,
)
_RU_ADVERBS = {"также", "и", "впредь", "далее", "полностью", "всецело", "активно", "обязательно", "непременно",
               "всемерно", "вновь", "тоже", "в", "свою", "очередь", "дальше", "готов", "неизменно"}
_RU_NOT_UNDERTAKING = {"обсуждать", "обсудить", "слушать", "заслушать", "выслушать", "вспоминать", "вспомнить",
                       "помнить", "забывать", "забыть", "рад", "рада", "рады", "благодарный", "признательный",
                       "счастливый", "говорить", "сказать", "рассказать", "смотреть", "посмотреть", "начать",
                       "переходить", "перейти", "закрыть", "завершить",
                       # What a speaker does by speaking: "приветствую", "благодарю", "поздравляю".
                       "приветствовать", "благодарить", "поблагодарить", "поздравлять", "поздравить", "выражать",
                       "выразить", "желать", "пожелать", "надеяться", "отметить", "отмечать", "подчеркнуть",
                       "подчёркивать", "напомнить", "напоминать", "признать", "видеть", "считать", "полагать"}
_RU_SUPPORT_VIEW = {"мнение", "точку", "позицию", "взгляд", "мысль", "тезис"}
_RU_WORD = re.compile(r"[\w-]+")


_RU_AGENDA_START = re.compile(r"(?:завтра|сегодня|сейчас|затем|далее|после\s+\w+)\b", re.IGNORECASE)
_RU_AGENDA = {"рассмотреть", "рассматривать", "обсудить", "обсуждать", "заслушать", "перейти", "продолжить",
              "начать", "посмотреть", "услышать"}
_RU_WILLING = {"готовый", "готов", "намеренный", "намерен"}


def _russian_undertaking(sentence: str) -> str | None:
    """What a Russian sentence undertakes, from its infinitive on, or None."""
    start = 0
    if (comma := sentence.find(",")) != -1 and comma <= 60 and not _RU_WORD.match(sentence):
        start = comma + 1
    words = list(_RU_WORD.finditer(sentence, start))
    # The subject and its verb come within the first words ("В этой связи мы полностью поддерживаем",
    # "Региональный центр ООН по превентивной дипломатии для Центральной Азии продолжит").
    for index, word in enumerate(words[:14]):
        if word[0].lower() in ("не", "никогда"):
            return None
        parse = russian_grammar.verb(word[0])
        if parse is None or parse.tag.POS == "INFN" or word[0].lower() in _RU_ADVERBS:
            continue
        if parse.tag.POS in ("ADJS", "PRTS") and parse.normal_form not in _RU_WILLING:
            return None  # "Рада приветствовать вас": glad, not committed
        before = sentence[start:word.start()].strip()
        opening = " ".join(before.split()[:3])
        subject_ok = ("1per" in parse.tag and "plur" in parse.tag) or parse.tag.POS in ("ADJS", "PRTS") \
            or word[0].lower() == "давайте" or _RU_SUBJECTS.search(before) is not None \
            or any(_RU_SUBJECTS.fullmatch(part) for part in opening.split())
        if not subject_ok:
            return None
        if _RU_AGENDA_START.match(sentence) and _agenda(parse, words[index + 1:]):
            return None  # "Завтра мы рассмотрим проект": what the meeting does next
        return _russian_rest(sentence, words, index, parse)
    return None


def _agenda(parse, following: list) -> bool:
    lemmas = {parse.normal_form} | {p.normal_form for word in following[:2]
                                    for p in russian_grammar.parses(word[0])[:1]}
    return bool(lemmas & _RU_AGENDA)


def _russian_rest(sentence: str, words: list, index: int, parse) -> str | None:
    lemma, following = parse.normal_form, words[index + 1:]
    # "будем", "готовы", "давайте", "намерены", "предлагаем" + an infinitive: the title starts there.
    for word in following[:4]:
        if word[0].lower() in _RU_ADVERBS or word[0].lower() in ("и", "впредь", "продолжим", "будем"):
            if word[0].lower() in ("продолжим", "будем") and lemma == "давать":
                rest = sentence[word.start():]
                return russian_grammar.infinitive(word[0]) + rest[len(word[0]):]
            continue
        infinitive = [p for p in russian_grammar.parses(word[0]) if p.tag.POS == "INFN"]
        if infinitive:
            if infinitive[0].normal_form in _RU_NOT_UNDERTAKING:
                return None
            return sentence[word.start():]
        break
    if lemma in _RU_NOT_UNDERTAKING or lemma in ("быть", "давать", "готовый", "готов", "намеренный"):
        return None
    supports = (lemma in ("поддерживать", "предлагать", "планировать", "выступать", "содействовать")
                and "plur" in parse.tag)
    if parse.tag.POS == "VERB" and (parse.tag.tense == "futr" or supports):
        view = [word[0].lower() for word in following[:3]]
        if view and (view[0] in _RU_SUPPORT_VIEW or view[:3] in (["идею", "о", "том"], ["идея", "о", "том"])):
            return None
        word = words[index]
        return russian_grammar.infinitive(word[0]).lower() + sentence[word.end():]
    return None


# --- Parts and titles ------------------------------------------------------------------------

# Verbs that, after "and", start a second undertaking sharing the first one's opening
# ("help States draft their strategies and train their prosecutors").
_VERBS = set("""
support help assist provide develop strengthen build train secure manage counter prevent promote establish create
launch organise organize hold host convene publish prepare share expand enhance improve increase fund finance
deploy draft adopt implement review monitor protect open sign invest mobilise mobilize facilitate coordinate work
ensure deliver offer present submit design conduct run introduce update revise reinforce raise scale step ramp
extend explore equip upgrade modernise modernize rehabilitate reintegrate repatriate second send engage advise
contribute allocate dedicate double redouble accelerate combat fight address tackle reduce detect disrupt
identify encourage foster empower apply set continue expand pursue translate circulate agree trace track guard
stop keep study examine pilot distribute disseminate hand
""".split())
_NOT_A_VERB_AFTER = {"of", "for", "between", "among", "to", "from", "in"}
_AND_WILL = re.compile(r",?\s+(?:and|и)\s+(?:will|shall|would|будем|будет)\s+(?:also\s+)?", re.IGNORECASE)
_LIST_SPLIT = re.compile(r";\s*(?:(?:and|и)\s+)?|\n\s*")


def _parts(undertaking: str, russian: bool) -> list[str]:
    """The undertakings in what follows the verb: list items, "X and will Y", "V1 X and V2 Y"."""
    text = _without_stop(undertaking.strip())
    colon = text.find(":")
    if colon != -1 and (";" in text[colon:] or "\n" in text[colon:]):
        lead = text[:colon].strip()
        items = [BULLET.sub("", item, count=1).strip(" ;,.") for item in _LIST_SPLIT.split(text[colon + 1:])]
        return [f"{lead} {item}" for item in items if item]
    if ";" in text:
        return [item.strip(" ,") for item in _LIST_SPLIT.split(text) if item.strip(" ,")]
    parts = [part for part in _AND_WILL.split(text) if part.strip()]
    if russian:
        return [piece for part in parts for piece in _split_russian(part)]
    return [piece for part in parts for piece in _split_on_verbs(part)]


_RU_AND = re.compile(r",?\s+(?:а\s+также|и)\s+([\w-]+)", re.IGNORECASE)


MAX_PARTS = 20  # undertakings in one sentence; a longer chain is kept whole rather than searched again


def _split_russian(text: str) -> list[str]:
    """ "проводить учения, а также организуем курсы" -> ["проводить учения", "Организовать курсы"]."""
    pieces: list[str] = []
    while len(pieces) < MAX_PARTS:
        second = None
        for match in _RU_AND.finditer(text):
            verb = next((p for p in russian_grammar.parses(match[1]) if p.tag.POS == "VERB"), None)
            if verb is None or not (verb.tag.tense == "futr" or ("1per" in verb.tag and "plur" in verb.tag)):
                continue
            rest = text[match.start(1):]
            following = _RU_WORD.findall(rest)[1:2]
            if following and any(p.tag.POS == "INFN" for p in russian_grammar.parses(following[0])):
                second = rest[rest.index(following[0]):]  # "и будем проводить", "и предлагаем поручить"
            else:
                second = verb.normal_form + rest[len(match[1]):]
            pieces.append(text[:match.start()])
            break
        if second is None:
            break
        text = second
    return [*pieces, text]


def _split_on_verbs(text: str) -> list[str]:
    """ "help States draft X and train Y" -> ["help States draft X", "help States train Y"]."""
    pieces: list[str] = []
    while len(pieces) < MAX_PARTS:
        words = text.split(" ")
        for index in range(1, len(words) - 1):
            if words[index].lower() != "and" or words[index + 1].lower() not in _VERBS:
                continue
            previous = words[index - 1].strip(",").lower()
            after = words[index + 2].lower() if index + 2 < len(words) else ""
            if previous in _VERBS or after in _NOT_A_VERB_AFTER:
                continue  # "secure and manage", "exchange of information": one undertaking
            first = words[:index]
            verbs = [n for n, word in enumerate(first) if word.lower() in _VERBS]
            opening = first[: verbs[-1]] if verbs else []
            pieces.append(" ".join(first).rstrip(","))
            text = " ".join(opening + words[index + 1:])
            break
        else:
            break
    return [*pieces, text]


_FUNCTION_WORDS = {"a", "an", "the", "and", "or", "of", "to", "in", "for", "on", "with", "by", "from", "at", "as",
                "its", "their", "our", "и", "в", "на", "по", "с", "для", "о", "об", "к", "из", "от", "а"}
_CUT_BEFORE = re.compile(r"[,(]|\s(?=(?:to|in|for|on|with|by|from|through|across|within|at|including|which|that"
                         r"|who|where|while|as|among|between|against|into|under|over|after|before|during|until|without"
                         r"|beyond|towards?|about|в|на|по|для|с|при|через|который|которая|которые|чтобы)\s)")


def short_title(text: str) -> str:
    """A commitment's title: a leading article dropped, capitalised, and, if long, cut before a
    phrase that starts with a preposition or a comma, so that it never stops mid-phrase."""
    text = _without_stop(" ".join(text.split()).strip(" ,;:-–—"))
    text = _strip_article(_LEADING_AND.sub("", text))
    if len(text) > TITLE_LENGTH:
        cuts = [m.start() for m in _CUT_BEFORE.finditer(text) if 20 <= m.start() <= TITLE_LENGTH]
        if cuts:
            text = text[: cuts[-1]]
        else:
            text = text[: TITLE_LENGTH + 1].rsplit(" ", 1)[0]
        words = text.rstrip(" ,;:-–—").split(" ")
        while len(words) > 1 and words[-1].lower() in _FUNCTION_WORDS:
            words.pop()
        text = " ".join(words).rstrip(" ,;:-–—")
        head, comma, tail = text.rpartition(",")
        if comma and len(head) >= 20 and len(tail.split()) <= 3:
            text = head  # "…virtual assets, starting": a clause cut short reads worse than none
    return text[:1].upper() + text[1:]

