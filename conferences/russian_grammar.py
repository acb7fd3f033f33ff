"""Russian word forms, with pymorphy3: the import reads headings such as "Выступление
Министра ... Акмаля Рашидова", whose role and name are in the genitive, and stores them in the
nominative; and it titles a commitment with the infinitive of its verb ("продолжит" -> "продолжить").
"""

from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3

NAME_TAGS = {"Name", "Surn", "Patr"}


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    # Loading the dictionaries takes a moment and some memory: once per process, when first needed.
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=50_000)
def parses(word: str) -> list:
    # A speech repeats its words: each is analysed once (pymorphy3 takes tens of microseconds a word).
    return analyzer().parse(word)


def _with_case(source: str, word: str) -> str:
    """`word` written with `source`'s capitals: "Министра" -> "Министр", "г-жи" -> "г-жа"."""
    if source[:1].isupper():
        word = word[:1].upper() + word[1:]
    return word


def nominative_name(words: list[str]) -> list[str]:
    """A person's name given in the genitive ("Акмаля", "Рашидова") in the nominative.

    The first name tells whether the person is a man or a woman; the surname is put in the same
    gender, with the usual endings where the dictionary does not know it ("Сариевой" -> "Сариева").
    """
    if not words:
        return []
    first = parses(words[0])
    if any("Name" in p.tag and p.tag.case == "nomn" for p in first) and not any(p.tag.case == "gent" for p in first):
        return list(words)  # already in the nominative ("Жанна Ахмедова"): as written
    gender = None
    for word in words:
        found = [p for p in parses(word) if "Name" in p.tag and p.tag.case == "gent"]
        if found:
            gender = found[0].tag.gender
            break
    first_unknown = not analyzer().word_is_known(words[0].lower())
    if gender is None and first_unknown:
        # A first name the dictionary does not know ("Фарруха"): the surname's gender, in the genitive.
        found = [p for word in words[1:] for p in parses(word) if "Surn" in p.tag and p.tag.case == "gent"]
        gender = found[0].tag.gender if found else None
    named = []
    for index, word in enumerate(words):
        candidates = [p for p in parses(word) if NAME_TAGS & set(p.tag.grammemes) and p.tag.case == "gent"
                      and (gender is None or p.tag.gender == gender)]
        inflected = candidates[0].inflect({"nomn"}) if candidates else None
        if inflected is not None:
            named.append(_with_case(word, inflected.word))
        elif index == 0 and first_unknown and gender == "masc" and len(words) > 1 and _mans_genitive(word):
            named.append(word[:-1])  # "Фарруха" -> "Фаррух", "Сардора" -> "Сардор"
        else:
            named.append(_surname_ending(word, gender))
    return named


VOWELS = set("аеёиоуыэюя")


def _mans_genitive(word: str) -> bool:
    """Whether an unknown first name reads as a man's name in the genitive: a consonant, then "а"."""
    lower = word.lower()
    return len(lower) > 3 and lower.endswith("а") and lower[-2] not in VOWELS


def _surname_ending(word: str, gender: str | None) -> str:
    """The nominative of a genitive surname the dictionary does not know, by its ending."""
    lower = word.lower()
    if lower.endswith("зоды"):  # Tajik surnames in -зода ("Назарзоды" -> "Назарзода")
        return word[:-1] + "а"
    if gender == "femn":
        for genitive, nominative in (("ской", "ская"), ("цкой", "цкая"), ("ой", "а")):
            if lower.endswith(genitive):
                return word[: -len(genitive)] + nominative
    elif gender == "masc":
        for genitive, nominative in (("ского", "ский"), ("цкого", "цкий"), ("ова", "ов"), ("ева", "ев"),
                                     ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын")):
            if lower.endswith(genitive):
                return word[: -len(genitive)] + nominative
    return word  # foreign names ("Вали", "Герман") do not change


def nominative_role(words: list[str]) -> list[str]:
    """A role given in the genitive ("Исполнительного директора Регионального центра") with its head
    in the nominative ("Исполнительный директор Регионального центра"): the words up to the first
    noun agree with it; what follows stays as it is, as it depends on that noun."""
    result = list(words)
    for index, word in enumerate(words):
        nouns = [p for p in parses(word) if p.tag.case == "gent" and p.tag.POS == "NOUN"]
        if nouns:
            head = nouns[0].inflect({"nomn", nouns[0].tag.number or "sing"})
            if head is None:
                return result
            result[index] = _with_case(word, head.word)
            for before in range(index):  # adjectives agree with the noun
                for parse in parses(words[before]):
                    if parse.tag.POS in ("ADJF", "PRTF") and parse.tag.case == "gent":
                        grammemes = ({"nomn", head.tag.number}
                                     | ({head.tag.gender} if head.tag.number == "sing" else set()))
                        if (agreeing := parse.inflect(grammemes)) is not None:
                            result[before] = _with_case(words[before], agreeing.word)
                        break
            return result
        if not any(p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "gent" for p in parses(word)):
            return result
    return result


def nominative(word: str) -> str:
    """A single word (an honorific such as "г-жи") in the nominative, if it is a genitive noun."""
    for parse in parses(word):
        if parse.tag.case == "gent" and parse.tag.POS == "NOUN":
            inflected = parse.inflect({"nomn"})
            if inflected is not None:
                return _with_case(word, inflected.word)
    return word


def is_proper(word: str) -> bool:
    """Whether the word is a place or a name, written with a capital ("Азии", "Ташкенте")."""
    return any({"Geox", "Name", "Surn", "Orgn"} & set(p.tag.grammemes) for p in parses(word)[:2])


def starts_a_name(word: str) -> bool:
    """An adjective, or "Республика", before a place's name: part of the name ("Центральной Азии")."""
    first = parses(word)[0]
    return first.tag.POS == "ADJF" or first.normal_form == "республика"


def is_name(word: str) -> bool:
    """Whether the dictionary takes the word for a first name, surname or patronymic."""
    return any(NAME_TAGS & set(p.tag.grammemes) for p in parses(word))


def is_patronymic(word: str) -> bool:
    return any("Patr" in p.tag for p in parses(word))


def verb(word: str):
    """The word's reading as a verb, infinitive or short adjective ("готовы"), or None."""
    for parse in parses(word):
        if parse.tag.POS in ("VERB", "INFN", "ADJS", "PRTS"):
            return parse
    return None


def infinitive(word: str) -> str:
    """The infinitive of a finite verb ("продолжит" -> "продолжить"); other words as they are."""
    for parse in parses(word):
        if parse.tag.POS == "VERB":
            return _with_case(word, parse.normal_form)
    return word
