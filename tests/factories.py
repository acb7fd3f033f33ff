"""Factories for every model; published content unless a test says otherwise.

A translated field is given by its English value (`title=` sets `title_en`), as editors type
it first; a test that needs the Russian one says `title_ru=`.
"""

import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from conferences.models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Document,
    DocumentVersion,
    Organization,
    Person,
    Plan,
    Session,
    Speech,
    Theme,
)


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        rename = {"name": "name_en"}
        django_get_or_create = ["iso3"]

    name = factory.Sequence(lambda n: f"Country {n}")
    iso3 = factory.Sequence(lambda n: f"{chr(65 + n // 676 % 26)}{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        rename = {"name": "name_en", "description": "description_en"}

    name = factory.Sequence(lambda n: f"Theme {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        rename = {"name": "name_en", "acronym": "acronym_en"}

    name = factory.Sequence(lambda n: f"Organisation {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    kind = Organization.Kind.UN


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        rename = {"name": "name_en", "honorific": "honorific_en", "title": "title_en"}

    name = factory.Sequence(lambda n: f"Speaker {n}")
    organization = factory.SubFactory(OrganizationFactory)


class PublishedFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    is_published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))

    class Params:
        draft = factory.Trait(is_published=False, published_at=None)
        scheduled = factory.Trait(
            is_published=True, published_at=factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
        )


class ConferenceFactory(PublishedFactory):
    class Meta:
        model = Conference
        rename = {"title": "title_en", "short_title": "short_title_en", "city": "city_en", "summary": "summary_en"}

    title = factory.Sequence(lambda n: f"Conference number {n}")
    start_date = dt.date(2022, 3, 3)
    city = "Tashkent"
    country = factory.SubFactory(CountryFactory)


class SpeechFactory(PublishedFactory):
    class Meta:
        model = Speech
        rename = {"title": "title_en", "speaker_role": "speaker_role_en"}

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Statement {n}")
    speaker = factory.SubFactory(PersonFactory)
    speaker_role = "Head of delegation"
    speaker_organization = factory.SelfAttribute("speaker.organization")
    body = "Excellencies,\n\nWe will help secure the borders of the region.\n\nThank you."


class ActionItemFactory(PublishedFactory):
    class Meta:
        model = ActionItem
        rename = {"title": "title_en", "description": "description_en"}

    title = factory.Sequence(lambda n: f"Commitment {n}")
    speech = factory.SubFactory(SpeechFactory)
    excerpt = "We will help secure the borders of the region."
    lead_organization = factory.SubFactory(OrganizationFactory)


class ActionItemUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItemUpdate
        rename = {"note": "note_en"}

    action_item = factory.SubFactory(ActionItemFactory)
    date = dt.date(2023, 1, 1)
    status = ActionItem.Status.IN_PROGRESS
    progress = 50


class DocumentFactory(PublishedFactory):
    class Meta:
        model = Document
        rename = {"title": "title_en", "summary": "summary_en"}

    kind = Document.Kind.DECLARATION
    title = factory.Sequence(lambda n: f"Declaration number {n}")
    adopted_on = dt.date(2022, 3, 3)


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    """A language version with a small real PDF (made by fpdf2) as its file."""

    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    language = "en"
    file = factory.LazyAttribute(lambda version: ContentFile(pdf_bytes(f"Example text ({version.language})"),
                                                             name=f"declaration-{version.language}.pdf"))


def pdf_bytes(text: str) -> bytes:
    """A real one-page PDF holding `text`."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        rename = {"title": "title_en", "room": "room_en"}

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    position = factory.Sequence(lambda n: n)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        rename = {"name": "name_en", "summary": "summary_en"}

    name = factory.Sequence(lambda n: f"Plan {n}")
    adopted_on = dt.date(2022, 3, 3)
