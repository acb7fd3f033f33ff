"""What a public page says about itself to search engines and link previews: schema.org JSON-LD
(an Event for a conference, a Person, an Organization, a CreativeWork for a document or a
speech), Open Graph and the canonical address; and what a record is about, which feeds say too.

Only what the page itself shows goes in: related records that are public, in the page's language.
"""

from __future__ import annotations

import json

from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import get_language

from . import countries, visibility
from .models import Conference, Document, Organization, Person, Speech

DESCRIPTION_CHARS = 200
# Open Graph's locale of each language of the site.
OG_LOCALES = {"en": "en_GB", "ru": "ru_RU"}


GIST_WORDS = 12  # the shortest paragraph of a speech that says what it is about


def gist(obj) -> str:
    """What a record is about, in its own words: a speech's first paragraph past its greeting (of the
    text its page shows the reader), a document's summary (else its kind and date),
    another record's summary or description; "" where it has none. What link previews and feed items
    say of it."""
    if isinstance(obj, Speech):
        paragraphs = obj.shown_text().paragraphs
        # Past the greeting ("Excellencies, ladies and gentlemen,"), which says nothing of the speech.
        return next((text for text in paragraphs if len(text.split()) >= GIST_WORDS), next(iter(paragraphs), ""))
    if isinstance(obj, Document):
        return obj.summary or f"{obj.get_kind_display()}, {date_format(obj.adopted_on)}"
    return getattr(obj, "summary", "") or getattr(obj, "description", "")


def description(obj) -> str:
    """A sentence or two that says what the page is about (for previews of shared links)."""
    text = gist(obj) or getattr(obj, "title", "")
    return Truncator(" ".join(str(text).split())).chars(DESCRIPTION_CHARS)


def _organization(org: Organization | None, request: HttpRequest) -> dict | None:
    if org is None:
        return None
    described = {"@type": "Organization", "name": org.name, "url": request.build_absolute_uri(org.get_absolute_url())}
    if org.acronym:
        described["alternateName"] = org.acronym
    return described


def _person(person: Person, request: HttpRequest) -> dict:
    described = {"@type": "Person", "name": person.name, "url": request.build_absolute_uri(person.get_absolute_url())}
    if person.honorific:
        described["honorificPrefix"] = person.honorific
    if person.title:
        described["jobTitle"] = person.title
    if visibility.if_public(person.organization):
        described["affiliation"] = _organization(person.organization, request)
    return described


def json_ld(obj, request: HttpRequest) -> dict | None:
    """The schema.org description of a page's record, or None for kinds that have no fitting type."""
    url = request.build_absolute_uri(obj.get_absolute_url())
    common = {"@context": "https://schema.org", "url": url, "inLanguage": get_language()}
    if isinstance(obj, Conference):
        described = {**common, "@type": "Event", "name": obj.title, "startDate": obj.start_date.isoformat(),
                     "endDate": obj.last_day.isoformat(), "description": description(obj),
                     "eventStatus": "https://schema.org/EventScheduled",
                     "organizer": [_organization(org, request) for org in obj.organizers.all()]}
        if obj.city or obj.country_id:
            address = {"@type": "PostalAddress", "addressLocality": obj.city or None,
                       "addressCountry": countries.alpha_2(obj.country.iso3) if obj.country_id else None}
            described["location"] = {"@type": "Place", "name": obj.city or str(obj.country),
                                     "address": {k: v for k, v in address.items() if v}}
        return described
    if isinstance(obj, Person):
        return {**common, **_person(obj, request)}
    if isinstance(obj, Organization):
        described = {**common, **_organization(obj, request)}
        if obj.website:
            described["sameAs"] = obj.website
        return described
    if isinstance(obj, Document):
        described = {**common, "@type": "CreativeWork", "name": obj.title, "description": description(obj),
                     "dateCreated": obj.adopted_on.isoformat(), "genre": obj.get_kind_display(),
                     "about": [{"@type": "Thing", "name": str(theme)} for theme in obj.themes.all()]}
        if obj.symbol:
            described["identifier"] = obj.symbol
        if visibility.if_public(obj.conference):
            described["recordedAt"] = {"@type": "Event", "name": obj.conference.title,
                                       "url": request.build_absolute_uri(obj.conference.get_absolute_url())}
        return described
    if isinstance(obj, Speech):
        return {**common, "@type": "CreativeWork", "name": f"{obj.title}, {obj.speaker.full_name}",
                "description": description(obj), "dateCreated": obj.delivered_on.isoformat(),
                "author": _person(obj.speaker, request), "inLanguage": obj.shown_text().language,
                "recordedAt": {"@type": "Event", "name": obj.conference.title,
                               "url": request.build_absolute_uri(obj.conference.get_absolute_url())}}
    return None


def script(data: dict) -> str:
    """JSON-LD as the text of a <script type="application/ld+json"> element: nothing in it can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
