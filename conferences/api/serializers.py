"""How each public record reads in JSON: its own fields, in the address's language, and the
records it points at as links (id, slug, name, public page, record in the API)."""

from __future__ import annotations

from functools import cache

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from .. import visibility
from ..exports import ACTION_ITEM_UPDATE_EXPORT, EXCERPT, EXPORTS, URL
from ..feeds import address
from ..languages import translated_names
from ..models import (
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
    SpeechTranslation,
    Theme,
)

# The schema of a link, for drf-spectacular.
LINK_SCHEMA = inline_serializer("Link", {
    "id": serializers.IntegerField(help_text=_("The record's permanent number, as in the CSV files.")),
    "slug": serializers.SlugField(help_text=_("The record's slug: its address here and on the site.")),
    "name": serializers.CharField(help_text=_("What the site calls it, in the address's language.")),
    "url": serializers.URLField(help_text=_("Its public page.")),
    "api_url": serializers.URLField(help_text=_("Its record in this API.")),
})


@cache
def _address(url_name: str, language: str) -> tuple[str, str]:
    """An address of a record around its slug, in this language: worked out once, as a page of fifty
    records links several hundred."""
    return tuple(reverse(url_name, args=["SLUG"]).split("SLUG"))


def _absolute(url_name: str, obj, request) -> str:
    prefix, suffix = _address(url_name, get_language())
    return f"{request.scheme}://{request.get_host()}{prefix}{obj.slug}{suffix}"


def page_url(obj, request) -> str:
    """obj.get_absolute_url(), absolute, without a reverse() per link."""
    return _absolute(f"conferences:{obj._meta.model_name}_detail", obj, request)


def api_url(obj, request) -> str:
    """The record's address in this API, absolute."""
    return _absolute(f"api:{obj._meta.model_name}-detail", obj, request)


def link(obj, request) -> dict | None:
    """A related record as a link: only where the public may see it, else null."""
    if obj is None:
        return None
    name = obj.title if isinstance(obj, Speech) else str(obj)  # a speech's str() names its speaker and conference
    return {"id": obj.pk, "slug": obj.slug, "name": name, "url": page_url(obj, request),
            "api_url": api_url(obj, request)}


@extend_schema_field(LINK_SCHEMA)
class LinkField(serializers.Field):
    """A related record that is public by construction (a hub something public points at, or a
    conference a public speech requires); null where there is none (allow_null, for the schema)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return link(value, self.context["request"])


@extend_schema_field(LINK_SCHEMA)
class PublicLinkField(LinkField):
    """A related record that may be a draft: named only while the public may see it, else null."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return link(visibility.if_public(value), self.context["request"])


# An address elsewhere, or "" where there is none. (drf-spectacular's own schema for a blank URL
# field offers "" under both branches of a oneOf, which a strict reader rejects.)
@extend_schema_field({"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}]})
class AddressField(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


class LinksField(serializers.ListField):
    """Many related records, each a link, in their model's order."""

    def __init__(self, **kwargs):
        super().__init__(child=LinkField(), read_only=True, **kwargs)

    def to_representation(self, data):
        return [link(obj, self.context["request"]) for obj in data.all()]


# What a field means to a reader of the API, where its help in the admin speaks to an editor
# ("Left empty, it is made from the title").
FOR_READERS = {
    "slug": _("The last part of its public page's address; it never changes once public."),
    "published_at": _("When it was published, in ISO 8601 with its offset from UTC."),
    "delivered_on": _("The day it was delivered."),
    "body": _("The full text; paragraphs are separated by an empty line."),
    "starts_at": _("When it starts, in ISO 8601 with its offset from UTC."),
    "ends_at": _("When it ends, in ISO 8601 with its offset from UTC."),
    "end_date": _("Its last day; null for a one-day meeting."),
    "progress": _("How far it has come, in per cent (0 to 100)."),
    "due_date": _("When it is due; null if no date is set."),
    "updated_at": _("When the record was last saved, in ISO 8601 with its offset from UTC."),
}
# A choice's name as the site shows it, beside its code (a declared field: no extra kwargs reach it).
DISPLAY_HELP = {
    "status": _("Its status, as the site names it in the address's language."),
    "kind": _("Its kind, as the site names it in the address's language."),
}


def display(choice: str) -> serializers.CharField:
    return serializers.CharField(source=f"get_{choice}_display", read_only=True, help_text=DISPLAY_HELP[choice])


class ModelSerializer(serializers.ModelSerializer):
    """A model's fields, its translated ones as text in the address's language (English where
    there is no translation)."""

    def get_extra_kwargs(self):
        extra = super().get_extra_kwargs()
        for name, text in FOR_READERS.items():
            extra.setdefault(name, {}).setdefault("help_text", text)
        # Else what the CSV column of the same field says it means (exports.py), for one meaning of each.
        export = EXPORTS.get(self.Meta.model)
        for column in export.all_columns if export else ():
            if column.field and "__" not in column.field:
                extra.setdefault(column.field, {}).setdefault("help_text", column.description)
        return extra

    def build_property_field(self, field_name, model_class):
        if field_name in translated_names(model_class):
            return serializers.CharField, {"read_only": True}
        return super().build_property_field(field_name, model_class)


class PublicLinksField(LinksField):
    """Many related records of which only the public ones are named (a session's or a plan's themes
    may be on no public page)."""

    def to_representation(self, data):
        objects = list(data.all())
        # Which of them are public, from one list kept per content version, not one question each.
        public = set(visibility.public_keys(data.model)) if objects else set()
        return [link(obj, self.context["request"]) for obj in objects if obj.pk in public]


class RecordSerializer(ModelSerializer):
    """What every record has: its permanent id, slug and public page."""

    url = serializers.SerializerMethodField(help_text=URL.description)  # as the CSV column says

    def get_url(self, obj) -> str:
        return page_url(obj, self.context["request"])


class ConferenceSerializer(RecordSerializer):
    country = LinkField(allow_null=True, help_text=_("The host country."))
    countries = LinksField(help_text=_("Countries taking part."))
    organizers = LinksField(help_text=_("Organisations that organised it."))
    themes = LinksField(help_text=_("Strategy pillars and work areas it covered."))
    website = AddressField(help_text=_("Its own website, if any."))

    class Meta:
        model = Conference
        fields = ["id", "slug", "url", "title", "short_title", "start_date", "end_date", "city", "country",
                  "countries", "organizers", "themes", "summary", "website", "published_at", "updated_at"]


class SessionSerializer(ModelSerializer):
    url = serializers.SerializerMethodField(help_text=EXPORTS[Session].url_column.description)
    conference = LinkField(help_text=_("The conference whose agenda it is on."))
    chairs = serializers.SerializerMethodField(help_text=_("Who chairs it."))
    themes = PublicLinksField(help_text=_("What it is about."))
    kind_display = display("kind")

    class Meta:
        model = Session
        fields = ["id", "url", "conference", "position", "kind", "kind_display", "title", "starts_at", "ends_at",
                  "room", "chairs", "themes", "updated_at"]

    def get_url(self, session) -> str:
        return f"{page_url(session.conference, self.context['request'])}#{session.anchor}"

    def get_chairs(self, session) -> list[str]:
        # Names only: a chair who has not spoken anywhere public has no public page to point at.
        return [person.full_name for person in session.chairs.all()]


class ConferenceDetailSerializer(ConferenceSerializer):
    sessions = SessionSerializer(many=True, read_only=True, help_text=_("Its agenda, in order."))

    class Meta(ConferenceSerializer.Meta):
        fields = [*ConferenceSerializer.Meta.fields, "sessions"]


class SpeechSerializer(RecordSerializer):
    conference = LinkField(help_text=_("The conference it was delivered at."))
    speaker = LinkField(help_text=_("Who delivered it."))
    speaker_organization = LinkField(allow_null=True, help_text=_("The organisation the speaker spoke for."))
    session = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True,
                                                 help_text=_("The id of its agenda session, if known."))
    source_url = AddressField(help_text=_("Where the text was published first."))
    themes = LinksField(help_text=_("Strategy pillars and work areas it addressed."))

    class Meta:
        model = Speech
        fields = ["id", "slug", "url", "title", "conference", "session", "delivered_on", "speaker", "speaker_role",
                  "speaker_organization", "language", "themes", "source_url", "published_at", "updated_at"]


class SpeechTranslationSerializer(ModelSerializer):
    source_url = AddressField(help_text=_("Where this translation was published, if known."))

    class Meta:
        model = SpeechTranslation
        fields = ["language", "body", "source_url"]
        extra_kwargs = {"language": {"help_text": _("ISO 639-1 code of the translation's language, e.g. ru.")}}


class SpeechDetailSerializer(SpeechSerializer):
    translations = SpeechTranslationSerializer(many=True, read_only=True,
                                               help_text=_("The text in other languages, where the site has it."))

    class Meta(SpeechSerializer.Meta):
        fields = [*SpeechSerializer.Meta.fields, "body", "translations"]


class ActionItemSerializer(RecordSerializer):
    status_display = display("status")
    overdue = serializers.BooleanField(source="is_overdue", read_only=True,
                                       help_text=_("Past its due date and neither completed nor cancelled."))
    lead_organization = LinkField(allow_null=True, help_text=_("The organisation responsible for it."))
    partners = LinksField(help_text=_("Organisations working on it with the lead."))
    countries = LinksField(help_text=_("Countries it concerns."))
    themes = LinksField(help_text=_("Strategy pillars and work areas it belongs to."))
    conference = PublicLinkField(help_text=_("The conference where it was announced."))
    speech = PublicLinkField(help_text=_("The speech that announced it."))
    excerpt = serializers.SerializerMethodField(help_text=EXCERPT.description)  # as the CSV column says
    plan = LinkField(allow_null=True, help_text=_("The version of the Joint Plan of Action it belongs to."))
    document = PublicLinkField(help_text=_("The outcome document that records it."))

    class Meta:
        model = ActionItem
        fields = ["id", "slug", "url", "title", "status", "status_display", "progress", "due_date", "overdue",
                  "lead_organization", "partners", "countries", "themes", "conference", "speech", "excerpt", "plan",
                  "document", "description", "published_at", "updated_at"]

    def get_excerpt(self, item) -> str:
        return visibility.public_excerpt(item)


class ActionItemUpdateSerializer(ModelSerializer):
    status_display = display("status")

    class Meta:
        model = ActionItemUpdate
        fields = ["id", "date", "status", "status_display", "progress", "note", "updated_at"]


class ProgressUpdateSerializer(ActionItemUpdateSerializer):
    """A progress update on its own, in the list of all of them: with where it is read and what it is about."""

    url = serializers.SerializerMethodField(help_text=ACTION_ITEM_UPDATE_EXPORT.url_column.description)
    action_item = LinkField(help_text=_("The action item whose progress it records."))
    public_since = serializers.DateTimeField(read_only=True, help_text=_(
        "When it became public: when it was recorded, or when its action item was published, if that came later; "
        "in ISO 8601 with its offset from UTC."))

    class Meta(ActionItemUpdateSerializer.Meta):
        # updated_at later than public_since: corrected since it became public.
        fields = ["id", "url", "action_item", "date", "status", "status_display", "progress", "note", "public_since",
                  "updated_at"]

    def get_url(self, update) -> str:
        return self.context["request"].build_absolute_uri(address(update))


class ActionItemDetailSerializer(ActionItemSerializer):
    updates = ActionItemUpdateSerializer(many=True, read_only=True, help_text=_("Its progress updates, newest first."))

    class Meta(ActionItemSerializer.Meta):
        fields = [*ActionItemSerializer.Meta.fields, "updates"]


class DocumentVersionSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField(help_text=_("Where to download the file this site keeps, if any."))
    link = AddressField(source="url", help_text=_("Where it is published elsewhere, if known."))

    class Meta:
        model = DocumentVersion
        fields = ["language", "is_original", "download_url", "file_kind", "file_size", "link", "note"]
        extra_kwargs = {
            "language": {"help_text": _("ISO 639-1 code of this version's language, e.g. en or ru.")},
            "file_kind": {"help_text": _("The format of the file this site keeps, e.g. pdf; empty if it keeps none.")},
            "file_size": {"help_text": _("The size of that file in bytes; null if it keeps none.")},
            "note": {"help_text": _("Anything a reader should know about this version.")},
        }

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_download_url(self, version) -> str | None:
        if not version.file:
            return None
        return self.context["request"].build_absolute_uri(version.get_absolute_url())


class DocumentSerializer(RecordSerializer):
    kind_display = display("kind")
    conference = PublicLinkField(help_text=_("The meeting that adopted it."))
    countries = LinksField(help_text=_("Countries adopting or endorsing it."))
    themes = LinksField(help_text=_("Strategy pillars and work areas it covers."))
    versions = DocumentVersionSerializer(many=True, read_only=True, help_text=_("Its language versions."))

    class Meta:
        model = Document
        fields = ["id", "slug", "url", "kind", "kind_display", "title", "symbol", "adopted_on", "conference",
                  "countries", "themes", "summary", "versions", "published_at", "updated_at"]


class PlanSerializer(RecordSerializer):
    conference = PublicLinkField(help_text=_("The conference that adopted it."))
    document = PublicLinkField(help_text=_("The outcome document that holds it."))
    pillars = PublicLinksField(help_text=_("The themes its action items are grouped under."))

    class Meta:
        model = Plan
        fields = ["id", "slug", "url", "name", "adopted_on", "conference", "document", "pillars", "summary",
                  "updated_at"]


class PersonSerializer(RecordSerializer):
    organization = LinkField(allow_null=True, help_text=_("The organisation they belong to."))

    class Meta:
        model = Person
        fields = ["id", "slug", "url", "name", "honorific", "title", "organization", "updated_at"]


class OrganizationSerializer(RecordSerializer):
    kind_display = display("kind")
    country = LinkField(allow_null=True, help_text=_("The State a government body or national institution belongs to."))
    website = AddressField(help_text=_("Its own website, if any."))

    class Meta:
        model = Organization
        fields = ["id", "slug", "url", "name", "acronym", "kind", "kind_display", "country", "website", "updated_at"]


class CountrySerializer(RecordSerializer):
    class Meta:
        model = Country
        fields = ["id", "slug", "url", "name", "iso3", "updated_at"]


class ThemeSerializer(RecordSerializer):
    class Meta:
        model = Theme
        fields = ["id", "slug", "url", "name", "description", "position", "updated_at"]
