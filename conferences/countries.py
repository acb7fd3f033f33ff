"""Country names by ISO 3166-1 alpha-3 code, their time zones, and the cities where the programme meets.

Names come from pycountry (ISO 3166 with its translations), so that no module keeps a list
of its own. Which country a city is in is this site's own data, kept here once: the speech
parser, the imports, the demo and the synthetic content all read it. Pure Python, no Django.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
import zoneinfo
from dataclasses import dataclass
from functools import cache

import pycountry
import pytz

# The five States of the Joint Plan of Action.
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


@dataclass(frozen=True)
class City:
    name: str  # in English
    iso3: str  # its country's ISO 3166-1 alpha-3 code
    other_names: tuple[str, ...] = ()  # Russian and former names, as speeches write them


CITIES = (
    City("Tashkent", "UZB", ("Ташкент",)),
    City("Samarkand", "UZB", ("Самарканд",)),
    City("Termez", "UZB", ("Термез",)),
    City("Astana", "KAZ", ("Nur-Sultan", "Астана", "Нур-Султан")),
    City("Almaty", "KAZ", ("Alma-Ata", "Алматы")),
    City("Bishkek", "KGZ", ("Бишкек",)),
    City("Osh", "KGZ", ("Ош",)),
    City("Dushanbe", "TJK", ("Душанбе",)),
    City("Khujand", "TJK", ("Худжанд",)),
    City("Ashgabat", "TKM", ("Ashkhabad", "Ашхабад")),
    City("Turkmenbashi", "TKM", ("Туркменбаши",)),
    City("Kabul", "AFG", ("Кабул",)),
    City("Vienna", "AUT", ("Вена",)),
    City("Geneva", "CHE", ("Женева",)),
    City("New York", "USA", ("Нью-Йорк",)),
    City("Brussels", "BEL", ("Брюссель",)),
    City("Moscow", "RUS", ("Москва",)),
)

# Every name of every city, English, Russian and former, to its country's code.
CITY_COUNTRIES: dict[str, str] = {name: city.iso3 for city in CITIES for name in (city.name, *city.other_names)}


# Every name of every city, folded, to the city: the one lookup the imports use.
_CITY_BY_NAME = {name.casefold(): city for city in CITIES for name in (city.name, *city.other_names)}


def find_city(text: str) -> City | None:
    """The known city a text names: "tashkent", "г. Ташкент", "Osh, Kyrgyzstan"; None for others."""
    name = " ".join(text.split()).casefold().removeprefix("г.").strip()
    return _CITY_BY_NAME.get(name.split(",")[0].strip().rstrip("."))


def country_iso3_for_city(text: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a known city's country."""
    city = find_city(text)
    return city.iso3 if city else None


def english_city(text: str) -> str:
    """A known city's English name ("Ташкент" -> "Tashkent"); other names as they are."""
    city = find_city(text)
    return city.name if city else text


def country_name(iso3: str, language: str = "en") -> str:
    """The country's everyday name ("Iran", not "Iran, Islamic Republic of"), in English or in
    `language` (a gettext locale name such as "ru"; English where ISO 3166 has no translation).

    Raises LookupError for a code ISO 3166 does not have.
    """
    country = pycountry.countries.get(alpha_3=iso3.upper())
    if country is None:
        raise LookupError(f"No country has the ISO 3166-1 alpha-3 code {iso3!r}.")
    name = getattr(country, "common_name", None) or country.name
    if language == "en":
        return name
    return UN_NAMES.get((country.alpha_3, language)) or _catalogue(language).gettext(name)


def english_names(iso3: str) -> set[str]:
    """Every English name ISO 3166 gives the country: "Kyrgyzstan", "Kyrgyz Republic", ..."""
    country = pycountry.countries.get(alpha_3=iso3.upper())
    if country is None:
        raise LookupError(f"No country has the ISO 3166-1 alpha-3 code {iso3!r}.")
    return {name for attribute in ("name", "common_name", "official_name")
            if (name := getattr(country, attribute, None))}


# Where the UN's own short name in a language differs from the ISO 3166 translation that
# pycountry carries (the UN Terminology Database, UNTERM, writes "Кыргызстан").
UN_NAMES = {
    ("KGZ", "ru"): "Кыргызстан",
    ("USA", "ru"): "Соединённые Штаты Америки",
}


# Names readers still search by that ISO 3166 does not give: older and Russian everyday names.
OTHER_NAMES = {
    "KGZ": ("Киргизия", "Киргизстан", "Киргизская Республика", "Kirghizia", "Kirgizia"),
    "TKM": ("Туркмения", "Turkmenia"),
}


# How each of the five States is named in a sentence, by the start of a word, in English and Russian,
# whatever the case ending: "Tajikistan", "the Tajik side", "Таджикистану", "таджикская сторона".
NAME_STARTS = {
    "KAZ": ("Kazakh", "Казах"),
    "KGZ": ("Kyrgyz", "Kirghiz", "Kirgiz", "Кыргыз", "Кирги"),
    "TJK": ("Tajik", "Таджик"),
    "TKM": ("Turkmen", "Туркмен"),
    "UZB": ("Uzbek", "Узбек"),
}
_STATE_BY_START = {start.casefold(): iso3 for iso3, starts in NAME_STARTS.items() for start in starts}
_STATE_NAMED = re.compile(r"(?<!\w)(" + "|".join(_STATE_BY_START) + ")", re.IGNORECASE)


def states_named_in(text: str) -> tuple[str, ...]:
    """The codes of the Central Asian States a text names, in CENTRAL_ASIA's order."""
    named = {_STATE_BY_START[match[1].casefold()] for match in _STATE_NAMED.finditer(text)}
    return tuple(iso3 for iso3 in CENTRAL_ASIA if iso3 in named)


def codes_also_named(text: str) -> list[str]:
    """The codes of the countries with another name that has a word starting with `text` ("Кирги": KGZ),
    as search matches names: "ia" finds none."""
    starts = re.compile(r"(?:^|\W)" + re.escape(text.casefold()))
    return [iso3 for iso3, names in OTHER_NAMES.items() if any(starts.search(name.casefold()) for name in names)]


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


# The capital's zone of countries that span several, where the tz database lists another first.
CAPITAL_ZONES = {
    "KAZ": "Asia/Almaty", "UZB": "Asia/Tashkent", "RUS": "Europe/Moscow", "USA": "America/New_York",
    "CAN": "America/Toronto", "BRA": "America/Sao_Paulo", "AUS": "Australia/Sydney", "MEX": "America/Mexico_City",
    "IDN": "Asia/Jakarta", "MNG": "Asia/Ulaanbaatar", "ARG": "America/Argentina/Buenos_Aires",
}


def alpha_2(iso3: str) -> str | None:
    """The country's two-letter ISO 3166-1 code (what schema.org and most tools expect), if it has one."""
    country = pycountry.countries.get(alpha_3=iso3.upper())
    return country.alpha_2 if country else None


@cache
def time_zone(iso3: str) -> zoneinfo.ZoneInfo | None:
    """The time a meeting in a country keeps: its capital's zone (the tz database's country table,
    corrected for countries with several zones)."""
    if iso3 in CAPITAL_ZONES:
        return zoneinfo.ZoneInfo(CAPITAL_ZONES[iso3])
    code = alpha_2(iso3)
    zones = pytz.country_timezones.get(code, []) if code else []
    return zoneinfo.ZoneInfo(zones[0]) if zones else None


def utc_offset(moment: dt.datetime) -> str:
    """A moment's offset from UTC as readers know it: UTC+5, UTC+5:30, UTC−3, UTC."""
    minutes = round(moment.utcoffset().total_seconds() / 60)
    if not minutes:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '−'}{hours}" + (f":{rest:02}" if rest else "")
