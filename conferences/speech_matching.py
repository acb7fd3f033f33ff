"""What a speech file names that the site already has: its conference, speaker and organisation.

Files write the same things differently: a conference title with or without "(JPoA)", another
capital or a hyphen broken across lines; a name in capitals, in the genitive or in the other
language; an organisation by its acronym, or cut off at the end of a line. Matching them keeps
an import from creating a second "Tashkent 2022" or a second Vladimir Voronkov.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import reduce

from django.db.models import Q

from .countries import find_city
from .languages import columns
from .models import Conference, Organization, Person
from .speech_parser import ParsedSpeech, outside_parentheses

TITLE_LIKENESS = 0.9  # near-identical: a few letters apart in a title of a hundred


def comparable(text: str) -> str:
    """Text reduced to what two spellings of the same title share: no parts in parentheses, no
    punctuation or hyphens, one case, ё as е."""
    text = outside_parentheses(text.casefold().replace("ё", "е"))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@dataclass(frozen=True)
class Matches:
    conference: Conference | None = None
    person: Person | None = None
    organization: Organization | None = None
    organization_by_start: bool = False  # the file's name was cut off, and only one organisation starts so
    # Where no conference has the file's title: the only one held that day (in the file's city, if it
    # names one), for the editor to choose if the file's title line was something else.
    held_that_day: Conference | None = None


def find_matches(parsed: ParsedSpeech) -> Matches:
    person = find_person(parsed.speaker_name) if parsed.speaker_name else None
    cut_off = bool(parsed.warning("organization"))
    organization, by_start = find_organization(parsed.organization, cut_off) if parsed.organization else (None, False)
    if organization is None and person is not None and not parsed.organization:
        organization = person.organization
    conference = find_conference(parsed.conference_title, parsed.date) if parsed.date else None
    that_day = only_conference_on(parsed.date, parsed.city) if parsed.date and conference is None else None
    return Matches(conference, person, organization, by_start, that_day)


def find_conference(title: str, date) -> Conference | None:
    """A conference held on `date` whose title, in either language, is near-identical to `title`; else
    the only one whose title begins as `title` does, where one of the two is cut short."""
    on_that_day = held_on(date).order_by("start_date", "pk")
    wanted = comparable(title)
    best, best_likeness, cut_short = None, TITLE_LIKENESS, set()
    for conference in on_that_day[:50]:
        for name in columns("title"):
            theirs = comparable(getattr(conference, name))
            likeness = SequenceMatcher(None, wanted, theirs).ratio()
            if likeness >= best_likeness:
                best, best_likeness = conference, likeness
            elif shortened(wanted, theirs):
                cut_short.add(conference)
    if best is None and len(cut_short) == 1:
        [best] = cut_short
    return best


def held_on(date):
    """The conferences held on `date`: begun that day, or running over it."""
    return Conference.objects.filter(Q(start_date=date) | Q(start_date__lte=date, end_date__gte=date))


def only_conference_on(date, city: str) -> Conference | None:
    """The one conference held on `date`, in `city` where it is given (in either language); None where
    there are none or several. Not a match: the same day and city are not enough to say it is the one."""
    held = held_on(date)
    if city:
        # Any of its names: a Russian speech's «Астана» is the "Astana" of a conference made in English.
        known = find_city(city)
        names = (known.name, *known.other_names) if known else (city,)
        held = held.filter(reduce(operator.or_, (Q(city_en__iexact=name) | Q(city_ru__iexact=name) for name in names)))
    found = list(held[:2])
    return found[0] if len(found) == 1 else None


def shortened(one: str, other: str) -> bool:
    """Whether one title is the other's start, of five words at least: "… Central Asian States" for
    "… Central Asian States within the Framework of the Joint Plan of Action"."""
    shorter, longer = sorted([one, other], key=len)
    return len(shorter.split()) >= 5 and longer.startswith(shorter + " ")


def find_person(name: str) -> Person | None:
    """The person with this name, in any letter case, in English or Russian."""
    wanted = comparable(name)
    words = wanted.split()
    if not words:
        return None
    by_surname = Q()
    # The surname as written, and capitalised: SQLite folds the case of ASCII letters only.
    for column in columns("name"):
        for form in {name.split()[-1], words[-1].capitalize()}:
            by_surname |= Q(**{f"{column}__icontains": form})
    for person in Person.objects.filter(by_surname).order_by("pk")[:50]:
        if any(comparable(getattr(person, column)) == wanted for column in columns("name")):
            return person
    return None


def find_organization(name: str, cut_off: bool = False) -> tuple[Organization | None, bool]:
    """The organisation with this name or acronym (in either language); for a name that looks cut
    off ("United Nations Office of"), the only one whose name starts with it. The bool says
    whether it was found by its start."""
    exact = Q()
    for column in columns("name") + columns("acronym"):
        exact |= Q(**{f"{column}__iexact": name.strip()})
    found = Organization.objects.filter(exact).order_by("pk").first()
    if found is not None:
        return found, False
    wanted = comparable(name)
    longest = max(wanted.split(), key=len, default="")
    sharing = Q()
    for column in columns("name"):
        for form in {longest, longest.capitalize()}:
            sharing |= Q(**{f"{column}__icontains": form})
    for organization in Organization.objects.filter(sharing).order_by("pk")[:50]:
        if any(wanted == comparable(getattr(organization, column)) for column in columns("name")):
            return organization, False
    if not cut_off:
        return None, False
    starting = Q()
    for column in columns("name"):
        starting |= Q(**{f"{column}__istartswith": name.strip()})
    candidates = list(Organization.objects.filter(starting)[:2])
    if len(candidates) == 1:
        return candidates[0], True
    return None, False
