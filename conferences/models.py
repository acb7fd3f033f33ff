"""The programme's content: conferences, the speeches delivered at them, the
commitments (action items) they announce, and who and what they concern."""

from __future__ import annotations

import datetime as dt
import operator
import re
from functools import cache, reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, TextField, Value, When
from django.db.models.functions import Concat, Greatest, Now, Upper
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from slugify import slugify

from . import countries, document_files
from .languages import Shown, shown, shown_sql, translated

SLUG_MAX_LENGTH = 80


def with_year(text: str, day: dt.date | None) -> str:
    """`text` and the year of `day`, for a slug, unless it names that year already ("Roadmap 2026")."""
    year = str(day.year) if day else ""
    return text if not year or re.search(rf"\b{year}\b", text) else f"{text} {year}"


def unique_slug(instance: models.Model, text: str) -> str:
    """A slug made from `text` that no other row of the model uses yet."""
    base = slugify(text, max_length=SLUG_MAX_LENGTH - 6, word_boundary=True)
    base = base or instance._meta.model_name
    taken = set(
        type(instance)
        .objects.filter(slug__startswith=base)
        .exclude(pk=instance.pk)
        .values_list("slug", flat=True)
    )
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


class OrganizationKind(models.TextChoices):
    UN = "un", _("United Nations entity")
    REGIONAL = "regional", _("Regional or international organisation")
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    EN = "en", _("English")
    RU = "ru", _("Russian")
    UZ = "uz", _("Uzbek")
    KK = "kk", _("Kazakh")
    KY = "ky", _("Kyrgyz")
    TG = "tg", _("Tajik")
    TK = "tk", _("Turkmen")
    AR = "ar", _("Arabic")
    ZH = "zh", _("Chinese")
    FR = "fr", _("French")
    ES = "es", _("Spanish")


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    ON_HOLD = "on_hold", _("On hold")
    CANCELLED = "cancelled", _("Cancelled")

    @staticmethod
    def disagreement(status: str, progress: int | None):
        """Why a status and a progress cannot stand together, or None. Readers count what is completed
        and see how far it has come: a completed commitment at 20% would tell them two things."""
        if progress is None:
            return None
        if status == Status.COMPLETED and progress != 100:
            return _("A completed action item is at 100% progress: set the progress to 100, or pick another status.")
        if status != Status.COMPLETED and progress == 100:
            return _("At 100% progress an action item is completed: set its status to Completed, or lower the "
                     "progress.")
        return None


class PercentField(models.PositiveSmallIntegerField):
    """A whole percentage, 0 to 100."""

    default_validators = [MaxValueValidator(100)]

    def formfield(self, **kwargs):
        return super().formfield(**{"max_value": 100, **kwargs})


def with_line_feeds(text: str) -> str:
    """`text` with its line ends as plain line feeds, as the content's text is stored."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        # Browsers send text areas with CRLF line ends, files come with LF: store one kind only,
        # so that an edit that changes nothing does not show up as a change.
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, models.TextField) and isinstance(value, str) and "\r" in value:
                setattr(self, field.attname, with_line_feeds(value))
        super().save(*args, **kwargs)


class KeepsStoredValues(models.Model):
    """A model whose rules check only what changes, so that a row saved before a rule keeps taking
    other edits: it remembers the values it was read with (Django's from_db()), so that an inline of
    many rows asks the database nothing more."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self.read_values = {field.attname: getattr(self, field.attname) for field in self._meta.concrete_fields}

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.read_values = dict(zip(field_names, values, strict=False))
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None) -> None:
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        deferred = self.get_deferred_fields()
        self.read_values = {**getattr(self, "read_values", {}), **{
            field.attname: getattr(self, field.attname) for field in self._meta.concrete_fields
            if field.attname not in deferred}}

    def stored(self, *fields: str) -> tuple | None:
        """`fields` as the row holds them, or None for a row not saved yet."""
        if self.pk is None:
            return None
        read = getattr(self, "read_values", {})
        if all(field in read for field in fields):
            return tuple(read[field] for field in fields)
        return type(self).objects.filter(pk=self.pk).values_list(*fields).first()


class SluggedModel(TimestampedModel):
    """A model with a public URL made of a slug that never changes once set."""

    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text=_("The last part of the public address, never changed once public. Left empty, it is made from "
                    "the name or title."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.slug_source())
        super().save(*args, **kwargs)

    def slug_source(self) -> str:
        raise NotImplementedError


class PublishableQuerySet(models.QuerySet):
    def published(self) -> PublishableQuerySet:
        """What the public may see. Every public page, export, feed and count starts here."""
        return self.filter(self.model.public_q())


class HubQuerySet(models.QuerySet):
    def published(self) -> HubQuerySet:
        """Those that something public points at; the rest would be empty pages, or name a draft's speaker."""
        return self.filter(_pointed_at(self.model))


@cache
def _pointed_at(model) -> Q:
    """The condition that something public points at a hub: built once, as it costs more than running it.

    Filtering with it copies it, and the database's clock decides what is public, so it never goes stale.
    """
    pointing = []
    for name in model.public_relations:
        relation = model._meta.get_field(name)
        if relation.concrete:  # a link of the hub's own (a plan's document): public when what it links to is
            related = relation.related_model.objects.published().filter(pk=OuterRef(relation.attname))
        else:
            related = relation.related_model.objects.published().filter(**{relation.field.name: OuterRef("pk")})
        pointing.append(Exists(related))
    return reduce(operator.or_, pointing)


class Hub(SluggedModel):
    """Something content points at (a person, organisation, country or theme), with a page listing it all."""

    objects = HubQuerySet.as_manager()

    # Relations with publishable content, mostly content pointing here; any public item among them
    # makes this public (conferences/visibility.py keeps the answer per content version).
    public_relations: tuple[str, ...] = ()
    # The translated fields its name is shown from, first present first (languages.shown()).
    name_fields: tuple[str, ...] = ("name",)

    class Meta:
        abstract = True


class Publishable(SluggedModel):
    """Content that staff draft and then publish, now or at a set time.

    Lists sort by their columns and then by id, so their indexes end with id too.
    """

    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Tick to publish. With a future publication time, it goes live at that time."),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Left empty, it is set to the moment of publishing."),
    )

    objects = PublishableQuerySet.as_manager()

    # Publishable models this one is shown through: it is public only when they are too. The
    # database copies each one's publication time into the column `<name>_published_at` of this
    # model's table (empty while it is a draft), so a list never joins it to know what is public.
    public_requires: tuple[str, ...] = ()

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["is_published", "published_at"], name="%(class)s_public_idx"),
        ]
        # save() and clean() fill the time in; a row written past them (a raw write) without one would
        # be public by the instance's rule and hidden by published()'s. (Migration 0029.)
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="%(class)s_published_has_time",
                violation_error_message=_("Something published needs the time it was published."),
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        changed = self.stamp_publication() | self.end_publication()
        if changed and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)

    @classmethod
    def public_q(cls, prefix: str = "") -> Q:
        """The condition for being public, for this model or one reached through `prefix`.

        The database's clock decides, so a query built early is never stale and every app
        server agrees on the moment a scheduled item goes live (the page cache asks it too).
        The twins for an instance already loaded (`is_public`, `publication_state`) read this
        server's clock instead, which would cost a query each: servers kept in time (NTP)
        disagree with the database for no more than their drift, at the moment an item goes live.
        """
        condition = Q(**{f"{prefix}is_published": True, f"{prefix}published_at__lte": Now()})
        for field_name in cls.public_requires:
            condition &= Q(**{f"{prefix}{field_name}_published_at__lte": Now()})
        return condition

    @property
    def publication_state(self) -> str:
        """'draft', 'scheduled' or 'live', for this item alone."""
        if not self.is_published:
            return "draft"
        if self.published_at and self.published_at > timezone.now():
            return "scheduled"
        return "live"

    @staticmethod
    def in_publication_state(state: str) -> Q:
        """The rows whose `publication_state` is `state`, as a condition for the database: by its clock,
        as published() decides. (The public sees a live row only if what it is shown through is live
        too: published() adds `public_requires`. A published row always has its time: the constraint
        in Meta.)"""
        return {
            "draft": Q(is_published=False),
            "scheduled": Q(is_published=True, published_at__gt=Now()),
            "live": Q(is_published=True, published_at__lte=Now()),
        }[state]

    @classmethod
    def publish_permission(cls) -> str:
        """The permission that lets staff publish, unpublish and delete published items of this model."""
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    def public_from(self) -> dt.datetime | None:
        """The moment the public starts to see this item, counting what it is shown through.

        None while it, or one of `public_requires`, is a draft; past once it is public.
        """
        if not self.is_published:
            return None
        moments = [self.published_at or timezone.now()]  # save() stamps the moment of publishing
        moments += [getattr(self, field_name).public_from() for field_name in self.public_requires]
        return None if None in moments else max(moments)

    @classmethod
    def public_since(cls, prefix: str = ""):
        """public_from() in SQL, for what is public already: the latest of its own publication time
        and those of what it is shown through, from this table's own columns (or those of one
        reached through `prefix`, "action_item__")."""
        times = [F(f"{prefix}published_at"), *(F(f"{prefix}{name}_published_at") for name in cls.public_requires)]
        return Greatest(*times) if len(times) > 1 else times[0]

    @property
    def is_public(self) -> bool:
        """The instance-level twin of `published()`, for objects already loaded."""
        moment = self.public_from()
        return moment is not None and moment <= timezone.now()

    def stamp_publication(self) -> bool:
        """Give a published item with no publication time the present moment; whether it did."""
        if not self.is_published or self.published_at is not None:
            return False
        # To the whole second: SQLite compares times as text, and "12:00:00.123000" would come
        # after its clock's "12:00:00.123", so an item published now would not be public to the
        # very next query.
        self.published_at = timezone.now().replace(microsecond=0)
        return True

    def end_publication(self) -> bool:
        """Clear the past publication time of an item that is published in the database and saved as a
        draft now; whether it did. Published again, it then goes public at that new moment, and whatever
        was added while it was hidden (progress, speeches) becomes news then, in feeds, `since=` and
        digests, rather than at a moment nobody could see it. A scheduled time yet to come is kept."""
        ended = (not self.is_published and self.published_at is not None and self.published_at <= timezone.now()
                 and self.pk is not None and type(self).objects.filter(pk=self.pk, is_published=True).exists())
        if ended:
            self.published_at = None
        return ended

    def clean(self) -> None:
        super().clean()
        self.stamp_publication()  # before the form checks the constraint that asks for it


class Country(Hub):
    """A Member State taking part in, hosting or concerned by the programme's work."""

    # Its organisations: a ministry that spoke makes its country public, so that the organisation's
    # country is always one the public can open.
    public_relations = ("conferences_hosted", "conferences_attended", "action_items", "documents", "organizations")

    name = translated(models.CharField(_("name"), max_length=100, unique=True), "name")
    iso3 = models.CharField(
        _("ISO code"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Three capital letters, e.g. UZB."))],
        help_text=_("ISO 3166-1 alpha-3 code, e.g. UZB."),
    )

    class Meta:
        ordering = [Shown("name")]  # in the reader's language, as the names are shown
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.iso3 = self.iso3.upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("conferences:country_detail", args=[self.slug])

    def slug_source(self) -> str:
        return self.name_en


class Theme(Hub):
    """A pillar of the Global Counter-Terrorism Strategy or a work area."""

    public_relations = ("conferences", "speeches", "action_items", "documents")

    name = translated(models.CharField(_("name"), max_length=200, unique=True), "name")
    description = translated(models.TextField(_("description"), blank=True), "description")
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Themes are listed by this number, lowest first.")
    )

    class Meta:
        ordering = ["position", Shown("name")]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("conferences:theme_detail", args=[self.slug])

    def slug_source(self) -> str:
        return self.name_en


class Organization(Hub):
    """A UN entity, regional organisation, government body or civil-society group."""

    public_relations = ("conferences_organized", "speeches", "action_items_led", "action_items_partnered", "people")

    Kind = OrganizationKind

    name = translated(models.CharField(_("name"), max_length=255, unique=True), "name")
    acronym = translated(models.CharField(_("acronym"), max_length=30, blank=True), "acronym")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        help_text=_("For a government body or a national institution: the State it belongs to. Its speeches are "
                    "then listed on that country's page too."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = [Shown("name")]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganizationKind.values),
                name="organization_kind_valid",
                violation_error_message=_("Unknown kind of organisation."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("conferences:organization_detail", args=[self.slug])

    # What pages, lists and CSV exports call an organisation: "Name (ACR)", or the name alone.
    # display_name_sql() is the same rule in SQL, for exports the database writes itself.

    @property
    def display_name(self) -> str:
        return self.format_display_name("{}")

    @property
    def display_name_html(self) -> SafeString:
        """The display name with the bracketed acronym in a span, which the organisation's own heading dims."""
        return self.format_display_name('<span class="acronym">{}</span>', format_html)

    def format_display_name(self, acronym_format: str, formatter=str.format) -> str:
        """The display name, with the bracketed acronym put into `acronym_format` by `formatter`."""
        if not self.acronym:
            return formatter("{}", self.name)
        return formatter("{} " + acronym_format, self.name, f"({self.acronym})")

    @staticmethod
    def display_name_sql(prefix: str = ""):
        """display_name as an SQL expression, for this model or one reached through `prefix` (NULL if none)."""
        name, acronym = shown_sql("name", prefix=prefix), shown_sql("acronym", prefix=prefix)
        return Case(
            When(**{f"{prefix}name_en__isnull": True}, then=Value(None)),  # no organisation at all
            When(Exact(acronym, Value("")), then=name),
            default=Concat(name, Value(" ("), acronym, Value(")"), output_field=TextField()),
            output_field=TextField(),
        )

    @property
    def short_name(self) -> str:
        """Its acronym, else its name: in the page's language where it has either, else in English."""
        return shown(self, "acronym", "name")[0]

    def slug_source(self) -> str:
        return self.name_en


class Person(Hub):
    """Someone who speaks for an organisation or a government."""

    public_relations = ("speeches",)

    name = translated(models.CharField(_("name"), max_length=200), "name")
    honorific = translated(models.CharField(
        _("honorific"), max_length=30, blank=True, help_text=_("For example Mr., Ms., Dr. or H.E.")
    ), "honorific")
    title = translated(models.CharField(
        _("current title"),
        max_length=255,
        blank=True,
        help_text=_("The person's current position. The role held at each speech is kept on the speech."),
    ), "title")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )

    class Meta:
        ordering = [Shown("name")]  # in the reader's language, as the names are shown
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            # The list of people (thousands) sorts by these columns (languages.plain_order()).
            models.Index(fields=["name_en"], name="person_name_idx"),
            models.Index(fields=["name_ru", "name_en", "id"], name="person_name_ru_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("conferences:person_detail", args=[self.slug])

    @property
    def full_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()

    def slug_source(self) -> str:
        return self.name_en


END_BEFORE_START = _("The end date cannot be before the start date.")


class Conference(KeepsStoredValues, Publishable):
    """A meeting of the programme: a conference, ministerial or expert workshop."""

    title = translated(models.CharField(_("title"), max_length=300), "title")
    short_title = translated(models.CharField(
        _("short title"), max_length=100, blank=True, help_text=_("For lists and links, e.g. “Tashkent 2022”.")
    ), "short_title")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty for a one-day meeting."))
    city = translated(models.CharField(_("city"), max_length=100, blank=True), "city")
    country = models.ForeignKey(
        Country,
        verbose_name=_("host country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conferences_hosted",
    )
    organizers = models.ManyToManyField(
        Organization, verbose_name=_("organisers"), blank=True, related_name="conferences_organized"
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("participating countries"), blank=True, related_name="conferences_attended"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="conferences")
    summary = translated(models.TextField(_("summary"), blank=True), "summary")
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["-start_date", "title_en"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        permissions = [("publish_conference", _("Can publish and unpublish conferences"))]
        indexes = [
            *Publishable.Meta.indexes,
            # The list reads a deep page from this index alone (PostgreSQL: SQLite has no INCLUDE).
            models.Index(fields=["-start_date", "title_en", "id"], include=["is_published", "published_at"],
                         name="conference_date_idx"),
            # The same order in Russian (languages.shown_order()). Sorted by name, the list reads the name
            # shown (a short title, else the title), which no index holds: a few thousand rows at most.
            models.Index(fields=["-start_date", "title_ru", "title_en", "id"], include=["is_published", "published_at"],
                         name="conference_date_ru_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="conference_end_not_before_start",
                violation_error_message=END_BEFORE_START,
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        dated = update_fields is None or {"start_date", "end_date"} & set(update_fields)
        with transaction.atomic():
            if dated and self.days_moved():
                self.take_agenda_along()  # while the dates it was read with are still known
            super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("conferences:conference_detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        # Beside the field, where the constraint alone would say it above the form.
        if not self.dates_in_order:
            raise ValidationError({"end_date": ValidationError(END_BEFORE_START, code="end_before_start")})

    def days_moved(self) -> dt.timedelta | None:
        """How far this change moves the whole meeting with its length kept (a mistyped year, a
        postponement); None when it moves nothing or changes the length (a day added or taken
        away), which moves nothing: a speech or session left outside its days is pointed out."""
        stored = self.stored("start_date", "end_date")
        if not stored or stored[0] is None or self.start_date is None:
            return None
        old_start, old_end = stored
        shift = self.start_date - old_start
        if not shift or (self.end_date or self.start_date) - (old_end or old_start) != shift:
            return None
        return shift

    def moved_day(self, day: dt.date) -> dt.date:
        """Where a day of the meeting as it was stored falls once this change moves it (days_moved()):
        the same day of the meeting. A day it was not held, or a change that moves nothing, keeps it."""
        shift, (old_start, old_end) = self.days_moved(), self.stored("start_date", "end_date") or (None, None)
        if shift is None or not old_start <= day <= (old_end or old_start):
            return day
        return day + shift

    def take_agenda_along(self) -> None:
        """Moved, the meeting takes the speeches and sessions held on its days along, each on its day
        of the meeting, rather than leaving them outside it."""
        for speech in self.speeches.exclude(delivered_on=None):
            moved = self.moved_day(speech.delivered_on)
            if moved != speech.delivered_on:
                speech.delivered_on = moved
                speech.save(update_fields=["delivered_on", "updated_at"])
        for session in self.sessions.exclude(starts_at=None):
            if session.follow_conference_dates():
                session.save(update_fields=["starts_at", "ends_at", "updated_at"])

    # What pages, lists, the calendar and CSV exports call a conference: its short title, else
    # its title, in the page's language where it has either, else in English.
    # display_name_sql() is the same rule in SQL, for exports the database writes.
    name_fields = ("short_title", "title")

    @property
    def display_name(self) -> str:
        return shown(self, *self.name_fields)[0]

    @staticmethod
    def display_name_sql(prefix: str = ""):
        """display_name as an SQL expression, for this model or one reached through `prefix`."""
        return shown_sql(*Conference.name_fields, prefix=prefix)

    def slug_source(self) -> str:
        return self.short_title_en or self.title_en  # English, whatever language the admin is in

    @property
    def last_day(self) -> dt.date:
        return self.end_date or self.start_date

    @property
    def dates_in_order(self) -> bool:
        return not (self.start_date and self.end_date and self.end_date < self.start_date)

    def holds(self, day: dt.date) -> bool:
        """Whether the meeting was held on `day`."""
        return self.start_date <= day <= self.last_day

    @property
    def is_upcoming(self) -> bool:
        return self.start_date > timezone.localdate()

    @property
    def is_under_way(self) -> bool:
        return self.holds(timezone.localdate())

    @property
    def time_zone(self) -> dt.tzinfo:
        """The time the meeting keeps, which its agenda is written and shown in: its host country's, else the site's."""
        zone = countries.time_zone(self.country.iso3) if self.country_id else None
        return zone or timezone.get_default_timezone()


class Speech(KeepsStoredValues, Publishable):
    """A statement delivered at a conference, kept in full."""

    Language = Language

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.PROTECT, related_name="speeches"
    )
    name_fields = ("title",)  # what names it in lists and links (languages.shown())
    title = translated(
        models.CharField(_("title"), max_length=300, help_text=_("For example “Opening remarks”.")), "title")
    speaker = models.ForeignKey(
        Person, verbose_name=_("speaker"), on_delete=models.PROTECT, related_name="speeches"
    )
    speaker_role = translated(models.CharField(
        _("speaker's role"), max_length=255, blank=True, help_text=_("The title the speaker held that day.")
    ), "speaker_role")
    speaker_organization = models.ForeignKey(
        Organization,
        verbose_name=_("speaker's organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="speeches",
        help_text=_("The organisation the speaker spoke for that day."),
    )
    delivered_on = models.DateField(
        _("delivered on"), blank=True, help_text=_("Left empty, the conference's start date.")
    )
    session = models.ForeignKey(
        "Session", verbose_name=_("session"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="speeches", help_text=_("The part of the conference's agenda it was delivered in."),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.EN)
    body = models.TextField(_("text"), help_text=_("The full text. Separate paragraphs with an empty line."))
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="speeches")
    # Kept by the database itself (triggers, migration 0010), whatever writes either table.
    conference_published_at = models.DateTimeField(
        _("conference's publication time"), null=True, editable=False,
        help_text=_("When the conference goes live; empty while it is a draft."),
    )

    public_requires = ("conference",)

    class Meta:
        ordering = ["-delivered_on", "title_en"]
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        permissions = [("publish_speech", _("Can publish and unpublish speeches"))]
        indexes = [
            *Publishable.Meta.indexes,
            # Everything that decides what is public, for deep pages read from the index alone.
            models.Index(fields=["-delivered_on", "title_en", "id"],
                         include=["is_published", "published_at", "conference_published_at"], name="speech_date_idx"),
            models.Index(fields=["title_en", "id"], name="speech_title_idx"),
            # The same orders in Russian (languages.shown_order()).
            models.Index(fields=["-delivered_on", "title_ru", "title_en", "id"],
                         include=["is_published", "published_at", "conference_published_at"],
                         name="speech_date_ru_idx"),
            models.Index(fields=["title_ru", "title_en", "id"], name="speech_title_ru_idx"),
            models.Index(fields=["language"], name="speech_language_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(language__in=Language.values),
                name="speech_language_valid",
                violation_error_message=_("Unknown language."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.speaker} ({self.conference})"

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        # Only a move to another conference touches its items and session (its dates are clean()'s).
        stored = self.stored("conference_id") if update_fields is None or "conference" in update_fields else None
        moved = stored is not None and stored[0] != self.conference_id
        if moved:
            self.follow_conference()
        if moved and self.session_id and self.session.conference_id != self.conference_id:
            self.session = None  # a session on the agenda it left
        if self.delivered_on is None and self.conference_id:
            self.delivered_on = self.conference.start_date
        with transaction.atomic():
            super().save(*args, **kwargs)
            if moved:
                self.take_action_items_along()

    def get_absolute_url(self) -> str:
        return reverse("conferences:speech_detail", args=[self.slug])

    def slug_source(self) -> str:
        return with_year(f"{self.title_en} {self.speaker.name_en}", self.delivered_on)

    def shown_text(self) -> Speech | SpeechTranslation:
        """The text its page shows a reader who asks for none: its translation into the page's language,
        else its own (search.py says the same in SQL). Read its translations beforehand."""
        return next((text for text in self.translations.all() if text.language == get_language()), self)

    @cached_property
    def paragraphs(self) -> list[str]:
        """The body as paragraphs; a blank line separates them."""
        return split_paragraphs(self.body)

    def paragraph_number(self, excerpt: str) -> int | None:
        """The 1-based number of the paragraph that holds `excerpt`, if any."""
        needle = " ".join(excerpt.split())
        if not needle:
            return None
        return next((n for n, p in enumerate(self.paragraphs, 1) if needle in p), None)

    def clean(self) -> None:
        super().clean()
        try:
            conference = self.conference
        except Conference.DoesNotExist:
            return  # the form says the conference is missing
        self.follow_conference()
        if self.session_id and self.session.conference_id != conference.pk:
            raise ValidationError({"session": _("This session is on the agenda of “%(conference)s”; pick one of "
                                                "this speech's conference, or none.")
                                   % {"conference": self.session.conference}})
        if self.delivered_on is None or conference.start_date is None or not conference.dates_in_order:
            return  # save() fills in the start date; a conference without valid dates has its own error
        last_day = conference.last_day
        if not conference.holds(self.delivered_on):
            if last_day == conference.start_date:
                message = _("“%(conference)s” was held on %(start)s: the speech must be dated that day.")
            else:
                message = _("“%(conference)s” was held from %(start)s to %(end)s: the speech must be dated one of "
                            "those days.")
            raise ValidationError({"delivered_on": ValidationError(message, code="outside_conference", params={
                "conference": conference,
                "start": date_format(conference.start_date),
                "end": date_format(last_day),
            })})

    def follow_conference(self) -> None:
        """A date this change does not set follows the conference when the speech or the conference moves.

        A speech saved without a date takes its conference's start date, so a speech dated its
        conference's first day is taken to hold that default: moved to another conference, it
        takes that one's start date. Any other date is someone's choice and stays (clean()
        refuses it if the new conference was not held that day). When its own conference is
        moved in the same form, it keeps its day of the meeting (Conference.moved_day()).
        """
        stored = self.stored("conference_id", "delivered_on")
        if not stored or self.delivered_on is None or self.delivered_on != stored[1]:
            return
        if stored[0] == self.conference_id:
            self.delivered_on = self.conference.moved_day(self.delivered_on)
        elif self.delivered_on == Conference.objects.filter(pk=stored[0]).values_list("start_date", flat=True).first():
            self.delivered_on = self.conference.start_date

    def take_action_items_along(self) -> None:
        """What a speech announced was announced at its conference: moving the speech moves those items."""
        for item in self.action_items.exclude(conference_id=self.conference_id):
            item.speech = self
            item.conference_id = self.conference_id
            item.save(update_fields=["conference", "updated_at"])


def split_paragraphs(text: str) -> list[str]:
    """A text's paragraphs, each on one line; a blank line separates them."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


class SpeechTranslationQuerySet(models.QuerySet):
    def published(self) -> SpeechTranslationQuerySet:
        """The translations of public speeches: what their pages show and the download holds."""
        return self.filter(speech__in=Speech.objects.published())


class SpeechTranslation(TimestampedModel):
    """A speech's text in another language than the one it was delivered in.

    The speech keeps its original text; its page shows the reader's language where there is a
    translation, says which is the original, and the commitments it announced keep pointing to
    the original's paragraphs. It is public with its speech.
    """

    speech = models.ForeignKey(Speech, verbose_name=_("speech"), on_delete=models.CASCADE,
                               related_name="translations")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    body = models.TextField(_("text"), help_text=_("The full text. Separate paragraphs with an empty line."))
    source_url = models.URLField(_("source"), max_length=500, blank=True,
                                 help_text=_("Where this translation was published, if it was."))

    objects = SpeechTranslationQuerySet.as_manager()

    class Meta:
        ordering = ["language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["speech", "language"], name="speechtranslation_one_per_language",
                violation_error_message=_("The speech has a translation into this language already."),
            ),
            models.CheckConstraint(condition=Q(language__in=Language.values), name="speechtranslation_language_valid",
                                   violation_error_message=_("Unknown language.")),
        ]

    def __str__(self) -> str:
        return f"{self.speech} ({self.get_language_display()})"

    @cached_property
    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)

    def clean(self) -> None:
        super().clean()
        if self.speech_id and self.language == self.speech.language:
            raise ValidationError(
                {"language": _("The speech was delivered in this language: its text is the original.")})


class ActionItem(KeepsStoredValues, Publishable):
    """A commitment announced at a conference, tracked until it is done."""

    Status = Status

    name_fields = ("title",)  # what names it in lists and links (languages.shown())
    title = translated(models.CharField(_("title"), max_length=300), "title")
    description = translated(models.TextField(_("description"), blank=True), "description")
    speech = models.ForeignKey(
        Speech,
        verbose_name=_("source speech"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        help_text=_("Left empty, the source speech's conference."),
    )
    excerpt = models.TextField(
        _("excerpt"), blank=True, help_text=_("The sentence of the speech that announced it, word for word.")
    )
    document = models.ForeignKey(
        "Document", verbose_name=_("outcome document"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="action_items", help_text=_("The declaration or other outcome document that records it."),
    )
    plan = models.ForeignKey(
        "Plan", verbose_name=_("plan"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="action_items",
        help_text=_("The version of the Joint Plan of Action it belongs to. Its pillar is the plan's pillar among "
                    "its themes."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    progress = PercentField(_("progress (%)"), default=0, help_text=_("0 to 100."))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    lead_organization = models.ForeignKey(
        Organization,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items_led",
    )
    partners = models.ManyToManyField(
        Organization, verbose_name=_("partners"), blank=True, related_name="action_items_partnered"
    )
    countries = models.ManyToManyField(Country, verbose_name=_("countries"), blank=True, related_name="action_items")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="action_items")

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        permissions = [("publish_actionitem", _("Can publish and unpublish action items"))]
        indexes = [
            *Publishable.Meta.indexes,
            # Deep pages read from the index alone, as the conferences' list does.
            models.Index(fields=["title_en", "id"], include=["is_published", "published_at"],
                         name="actionitem_title_idx"),
            # The same order in Russian (languages.shown_order()). Not the others: in Russian they sort
            # what a filter leaves as fast as in English (docs/performance.md), for no more index space.
            models.Index(fields=["title_ru", "title_en", "id"], include=["is_published", "published_at"],
                         name="actionitem_title_ru_idx"),
            models.Index(fields=["status", "title_en", "id"], name="actionitem_status_idx"),
            models.Index(fields=["due_date", "title_en", "id"], name="actionitem_due_idx"),
            models.Index(fields=["plan", "title_en", "id"], name="actionitem_plan_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="actionitem_progress_0_to_100",
                violation_error_message=_("Progress must be between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="actionitem_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.conference_id is None and self.speech_id:
            self.conference_id = self.speech.conference_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("conferences:actionitem_detail", args=[self.slug])

    def slug_source(self) -> str:
        return self.title_en

    # Overdue: its due date has passed and it is neither completed nor cancelled.
    CLOSED = (Status.COMPLETED, Status.CANCELLED)

    @classmethod
    def overdue_q(cls, today: dt.date | None = None) -> Q:
        """The condition for being overdue on `today` (the site's today by default)."""
        return Q(due_date__lt=today or timezone.localdate()) & ~Q(status__in=cls.CLOSED)

    @property
    def is_overdue(self) -> bool:
        return self.due_date is not None and self.due_date < timezone.localdate() and self.status not in self.CLOSED

    def clean(self) -> None:
        super().clean()
        # Where there are updates, the status and progress are the newest one's, checked where it is saved.
        changed = (self.status, self.progress) != self.stored("status", "progress")
        if changed and (disagreement := Status.disagreement(self.status, self.progress)):
            raise ValidationError({"progress": disagreement}, code="status_progress")
        if self.speech_id and self.conference_id and self.speech.conference_id != self.conference_id:
            raise ValidationError(
                {
                    "conference": _("The source speech was delivered at “%(conference)s”; leave this empty or pick it.")
                    % {"conference": self.speech.conference}
                }
            )
        # Its page quotes the excerpt as the speaker's words: a sentence mistyped, or pasted from elsewhere,
        # would be a quotation nobody said. Checked where it or its speech changes, so that a speech's
        # later edit does not stop the item's other edits.
        quoted = (self.speech_id, " ".join(self.excerpt.split()))
        stored = self.stored("speech_id", "excerpt")
        if (self.speech_id and quoted[1] and (stored is None or quoted != (stored[0], " ".join(stored[1].split())))
                and self.speech.paragraph_number(self.excerpt) is None):
            raise ValidationError(
                {"excerpt": _("These words are not in the text of the speech “%(speech)s”: copy the sentence from "
                              "it word for word, or leave the excerpt empty.") % {"speech": self.speech}},
                code="excerpt_not_in_speech",
            )

    def follow_latest_update(self) -> None:
        """Take status and progress from the newest update, so the two never disagree."""
        latest = self.updates.order_by("-date", "-pk").first()
        if latest and (self.status, self.progress) != (latest.status, latest.progress):
            self.status, self.progress = latest.status, latest.progress
            self.save(update_fields=["status", "progress", "updated_at"])


class ActionItemUpdateQuerySet(models.QuerySet):
    def published(self) -> ActionItemUpdateQuerySet:
        """The progress of public action items: what their pages, the feed, the download and digests show."""
        return self.filter(action_item__in=ActionItem.objects.published())

    def with_public_since(self) -> ActionItemUpdateQuerySet:
        """Each update with the moment it became news (`public_since`): when it was recorded, or when
        its item was published, if that came later. Feeds, digests and the API tell of progress by it."""
        return self.annotate(public_since=Greatest("created_at", ActionItem.public_since("action_item__")))


class ActionItemUpdate(KeepsStoredValues, TimestampedModel):
    """One dated step in an action item's progress."""

    action_item = models.ForeignKey(
        ActionItem, verbose_name=_("action item"), on_delete=models.CASCADE, related_name="updates"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    progress = PercentField(_("progress (%)"), help_text=_("0 to 100."))
    note = translated(models.TextField(_("note"), blank=True), "note")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ActionItemUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        get_latest_by = ["date", "pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [
            # The API's list of all progress, newest or oldest first, a page at a time from any point.
            models.Index(fields=["date", "id"], name="actionitemupdate_date_idx"),
            # What was recorded since a client last asked (the API's `since`).
            models.Index(fields=["created_at"], name="actionitemupdate_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="actionitemupdate_progress_0_to_100",
                violation_error_message=_("Progress must be between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="actionitemupdate_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]

    def __str__(self) -> str:
        # As feeds and digests title it, in the reader's language: "1 марта 2023 г.: Выполняется, 40%".
        return f"{date_format(self.date, 'DATE_FORMAT')}: {self.get_status_display()}, {self.progress}%"

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self.action_item.follow_latest_update()

    anchor_prefix = "update-"

    @property
    def anchor(self) -> str:
        """Its place on its action item's page (#update-12), where feeds, digests, the API and the CSV
        point: an update has no page of its own."""
        return f"{self.anchor_prefix}{self.pk}"

    def clean(self) -> None:
        super().clean()
        stored = self.stored("date", "status", "progress") or (None, None, None)
        # An update says what has happened, and the newest one sets its item's status for the public:
        # a mistyped year must not complete a commitment. A day's grace, for staff whose day has begun
        # before the server's.
        if self.date and self.date != stored[0] and self.date > timezone.localdate() + dt.timedelta(days=1):
            raise ValidationError({"date": _("This date has not come yet: a progress update records what has "
                                             "already happened.")}, code="future")
        changed = (self.status, self.progress) != stored[1:]
        if changed and (disagreement := Status.disagreement(self.status, self.progress)):
            raise ValidationError({"progress": disagreement}, code="status_progress")

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.action_item.follow_latest_update()
        return result


class ActionItemNames(models.Model):
    """The names of an action item's partners, countries and themes, sorted and joined with "; ",
    in each language: what its CSV row shows.

    Database triggers write these rows whenever a link or one of the names changes (migration
    0022, conferences/name_lists.py), so that an export of a million items reads them with the
    items instead of looking up three lists per row. Django only reads them.
    """

    action_item = models.OneToOneField(ActionItem, on_delete=models.DO_NOTHING, primary_key=True,
                                       db_constraint=False, related_name="names")
    partners = translated(models.TextField(null=True), "partners")
    countries = translated(models.TextField(null=True), "countries")
    themes = translated(models.TextField(null=True), "themes")

    class Meta:
        verbose_name = _("names of an action item's links")
        default_permissions = ()

    def __str__(self) -> str:
        # The three lists as its CSV row shows them, in the reader's language where they are in it.
        return " | ".join(names or "" for names in (self.partners, self.countries, self.themes))


class DocumentKind(models.TextChoices):
    DECLARATION = "declaration", _("Declaration")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    CHAIRS_SUMMARY = "chairs_summary", _("Chair's or co-chairs' summary")
    ACTION_PLAN = "action_plan", _("Action plan or roadmap")
    REPORT = "report", _("Report")
    RESOLUTION = "resolution", _("Resolution")


# A UN document symbol: a body's letters, then parts separated by slashes (A/76/751, A/RES/60/288,
# S/PRST/2022/1, E/CN.6/2023/L.3, A/76/751/Add.1, A/HRC/RES/35/34).
UN_SYMBOL = RegexValidator(
    r"^[A-Z][A-Z0-9]*(/[A-Za-z0-9.()-]+)+$",
    _("A UN document symbol such as A/76/751: capital letters for the body, then parts separated by slashes."),
)


class SymbolField(models.CharField):
    """A UN document symbol, with any spaces or line breaks pasted into it (from a PDF) taken out."""

    def to_python(self, value):
        value = super().to_python(value)
        return "".join(value.split()) if isinstance(value, str) else value


class Document(Publishable):
    """An outcome document of the programme's meetings: a declaration, summary, plan, report or resolution."""

    Kind = DocumentKind

    name_fields = ("title",)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = translated(models.CharField(_("title"), max_length=300), "title")
    symbol = SymbolField(
        _("UN symbol"), max_length=60, blank=True, validators=[UN_SYMBOL],
        help_text=_("The document's UN symbol, if it was issued as one, e.g. A/76/751."),
    )
    adopted_on = models.DateField(_("adopted on"))
    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="documents", help_text=_("The meeting that adopted it, if any."),
    )
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries adopting or endorsing it"), blank=True, related_name="documents"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="documents")
    summary = translated(models.TextField(_("summary"), blank=True), "summary")

    class Meta:
        ordering = ["-adopted_on", "title_en"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("publish_document", _("Can publish and unpublish documents"))]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["-adopted_on", "title_en", "id"], name="document_date_idx"),
            models.Index(fields=["title_en", "id"], name="document_title_idx"),
            # The same orders in Russian (languages.shown_order()).
            models.Index(fields=["-adopted_on", "title_ru", "title_en", "id"], name="document_date_ru_idx"),
            models.Index(fields=["title_ru", "title_en", "id"], name="document_title_ru_idx"),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(
                Upper("symbol"), condition=~Q(symbol=""), name="document_symbol_unique",
                violation_error_message=_("Another document has this UN symbol."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="document_kind_valid",
                violation_error_message=_("Unknown kind of document."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.symbol})" if self.symbol else self.title

    def save(self, *args, **kwargs) -> None:
        self.symbol = self._meta.get_field("symbol").to_python(self.symbol)  # whatever wrote it
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("conferences:document_detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        # Beside the field, naming the other document, where the constraint alone would say only
        # that there is one, above the form.
        well_formed = self.symbol and UN_SYMBOL.regex.search(self.symbol)  # else its own error says so
        other = Document.objects.exclude(pk=self.pk).filter(symbol__iexact=self.symbol).first() if well_formed else None
        if other:
            raise ValidationError({"symbol": ValidationError(
                _("“%(document)s” has this UN symbol already."), code="symbol_taken",
                params={"document": other.title})})

    def slug_source(self) -> str:
        return with_year(self.title_en, self.adopted_on)

    @property
    def date_label(self):
        """What its date is called on its page and in lists: a summary or a report is issued, not adopted."""
        return _("Issued") if self.kind in (DocumentKind.CHAIRS_SUMMARY, DocumentKind.REPORT) else _("Adopted")


class DocumentVersionQuerySet(models.QuerySet):
    def published(self) -> DocumentVersionQuerySet:
        """The language versions of public documents: what their pages list and the download holds."""
        return self.filter(document__in=Document.objects.published())


class DocumentVersion(TimestampedModel):
    """One language of a document, as the UN keeps one file per language: a file, a link, or both.

    Its file is served only through the document's download address, while the document is public.
    """

    document = models.ForeignKey(Document, verbose_name=_("document"), on_delete=models.CASCADE,
                                 related_name="versions")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    # Checked by its content when it is uploaded (admin_fields.DocumentVersionForm), not on every
    # save: a stored file is not read again, wherever it is kept.
    file = models.FileField(
        _("file"), upload_to=document_files.upload_to, max_length=255, blank=True,
        help_text=_("PDF or Word (.docx), checked by its content."),
    )
    file_kind = models.CharField(_("file type"), max_length=10, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, editable=False)
    url = models.URLField(_("link"), max_length=500, blank=True,
                          help_text=_("Where it is published elsewhere, e.g. the UN Official Document System."))
    is_original = models.BooleanField(_("original"), default=False,
                                      help_text=_("The language it was written in; the others are translations."))
    note = translated(models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Shown beside it, e.g. “Unofficial translation”.")), "note")

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-is_original", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="documentversion_one_per_language",
                violation_error_message=_("The document has a version in this language already."),
            ),
            models.UniqueConstraint(
                fields=["document"], condition=Q(is_original=True), name="documentversion_one_original",
                violation_error_message=_("Only one language version can be the original."),
            ),
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="documentversion_file_or_link",
                violation_error_message=_("Give a file, a link, or both."),
            ),
            models.CheckConstraint(condition=Q(language__in=Language.values), name="documentversion_language_valid",
                                   violation_error_message=_("Unknown language.")),
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.get_language_display()})"

    def save(self, *args, **kwargs) -> None:
        if not self.file:
            self.file_kind, self.file_size = "", None
        elif not self.file_kind:  # a file given in code (the demo, a script): judged as an upload is
            self.note_file(self.file, document_files.kind_of(self.file))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The file's download address (a 404 while the document is not public)."""
        return reverse("conferences:document_file", args=[self.document.slug, self.language])

    @property
    def kind(self) -> document_files.FileKind | None:
        return document_files.KINDS.get(self.file_kind)

    def download_name(self) -> str:
        return document_files.download_name(self.document.slug, self.document.symbol, self.language, self.kind)

    def note_file(self, upload, kind: document_files.FileKind) -> None:
        """Record what a new file is (its kind was worked out from its content) and its size."""
        self.file_kind, self.file_size = kind.code, upload.size


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    PLENARY = "plenary", _("Plenary")
    THEMATIC = "thematic", _("Thematic session")
    CLOSING = "closing", _("Closing")
    SIDE_EVENT = "side_event", _("Side event")


class SessionQuerySet(models.QuerySet):
    def published(self) -> SessionQuerySet:
        """Those on the agenda of a public conference."""
        return self.filter(Conference.public_q("conference__"))


ENDS_BEFORE_START = _("A session cannot end before it starts.")


class Session(KeepsStoredValues, TimestampedModel):
    """One part of a conference's agenda. It is public with its conference."""

    Kind = SessionKind

    conference = models.ForeignKey(Conference, verbose_name=_("conference"), on_delete=models.CASCADE,
                                   related_name="sessions")
    position = models.PositiveSmallIntegerField(_("position"), default=0,
                                                help_text=_("The agenda lists sessions by this number, lowest first."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.THEMATIC)
    title = translated(models.CharField(_("title"), max_length=300), "title")
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True,
                                     help_text=_("In the host country's time, as the agenda gives it."))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    room = translated(models.CharField(_("room"), max_length=200, blank=True), "room")
    chairs = models.ManyToManyField(Person, verbose_name=_("chairs"), blank=True, related_name="sessions_chaired")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="sessions")

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=ENDS_BEFORE_START,
            ),
            models.CheckConstraint(condition=Q(kind__in=SessionKind.values), name="session_kind_valid",
                                   violation_error_message=_("Unknown kind of session.")),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.conference})"

    anchor_prefix = "session-"

    @property
    def anchor(self) -> str:
        """Its place on its conference's page (#session-12), where its speeches, the API, the
        calendar and the CSV point: a session has no page of its own."""
        return f"{self.anchor_prefix}{self.pk}"

    @property
    def chairs_heading(self) -> str:
        """What stands before its chairs' names, on its conference's page and in the calendars: by one
        or more, not by a count's form, which in Russian would head 21 names in the singular."""
        return _("Chair:") if len(self.chairs.all()) == 1 else _("Chairs:")

    def clean(self) -> None:
        super().clean()
        if self.ends_at is not None and self.starts_at is None:
            raise ValidationError({"starts_at": _("Give the start too, or leave both empty.")})
        if self.ends_at is not None and self.ends_at < self.starts_at:
            # Beside the field, where the constraint alone would say it above the session.
            raise ValidationError({"ends_at": ValidationError(ENDS_BEFORE_START, code="ends_before_start")})
        try:
            conference = self.conference  # perhaps one being added in the same form
        except Conference.DoesNotExist:
            return
        self.follow_conference_dates()
        if self.starts_at is None or conference.start_date is None or not conference.dates_in_order:
            return  # a conference without valid dates has its own error
        day = timezone.localtime(self.starts_at, conference.time_zone).date()
        if not conference.holds(day):
            last_day = conference.last_day
            if last_day == conference.start_date:
                message = _("The conference was held on %(start)s: the session must start that day.")
            else:
                message = _("The conference was held from %(start)s to %(end)s: the session must start on one of "
                            "those days.")
            raise ValidationError({"starts_at": message % {
                "start": date_format(conference.start_date), "end": date_format(last_day)}})

    def follow_conference_dates(self) -> bool:
        """When this change moves its conference (Conference.days_moved()), the times it does not set
        keep their day of the meeting and their hours in the meeting's own time, whatever clock
        change lies between; whether they moved."""
        stored = self.stored("conference_id", "starts_at", "ends_at")
        if not stored or stored[0] != self.conference_id or stored[1] is None:
            return False
        zone = self.conference.time_zone
        day = timezone.localtime(stored[1], zone).date()
        shift = self.conference.moved_day(day) - day
        if not shift:
            return False
        moved = False
        for name, was in (("starts_at", stored[1]), ("ends_at", stored[2])):
            if was is not None and getattr(self, name) == was:
                # The wall-clock time is kept: zoneinfo works the new date's offset out.
                setattr(self, name, timezone.localtime(was, zone) + shift)
                moved = True
        return moved


class Plan(Hub):
    """A version of the Joint Plan of Action: the one adopted in 2011, the update of 2022.

    Public while something public belongs to it or holds it: one of its action items, its text
    or the conference that adopted it.
    """

    public_relations = ("action_items", "document", "conference")

    name = translated(models.CharField(_("name"), max_length=200, unique=True), "name")
    adopted_on = models.DateField(_("adopted on"))
    conference = models.ForeignKey(
        Conference, verbose_name=_("adopted at"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="plans",
    )
    document = models.ForeignKey(
        Document, verbose_name=_("text"), on_delete=models.PROTECT, null=True, blank=True, related_name="plans",
        help_text=_("The outcome document that holds the plan."),
    )
    pillars = models.ManyToManyField(
        Theme, verbose_name=_("pillars"), blank=True, related_name="plans",
        help_text=_("The themes its action items are grouped under: an item's pillar is the one among its themes."),
    )
    summary = translated(models.TextField(_("summary"), blank=True), "summary")

    class Meta:
        ordering = ["-adopted_on", "name_en"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("conferences:plan_detail", args=[self.slug])

    def slug_source(self) -> str:
        return with_year(self.name_en, self.adopted_on)


class ContentVersion(models.Model):
    """One row naming the present state of the published content, for caches (conferences/caching.py).

    Triggers on every content table (migration 0013) give it a new token in the same
    transaction as any write, so whatever is cached under the old token is never served again.
    """

    token = models.CharField(max_length=32)
    # Seconds since 1970 (UTC): read on every request with plain SQL, the same on every database.
    next_publication = models.FloatField(null=True, help_text="When the next scheduled item goes live.")
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("content version")

    def __str__(self) -> str:
        return self.token


class Subscription(models.Model):
    """A reader's wish to hear by email what changes about one action item, country, organisation,
    theme or plan (following.py). The address is never shown, exported or listed: there is no
    admin page, export or API for it."""

    email = models.EmailField(_("email address"))
    kind = models.CharField(max_length=20)  # the followed model's name, e.g. "country" (following.FOLLOWABLE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10)  # of the page it was asked from: its mails are in it
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True)
    last_sent_at = models.DateTimeField(null=True)  # what changed after this goes into the next digest

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["email", "kind", "object_id"], name="subscription_unique")]
        indexes = [models.Index(fields=["confirmed_at", "email"], name="subscription_confirmed_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


class OpenDataArchive(models.Model):
    """A complete download (open_data.py) in the private file storage, recorded once it is whole."""

    name = models.CharField(max_length=200, unique=True)  # what the content, language, site and day make it
    stored = models.CharField(max_length=255)  # its name in the storage
    language = models.CharField(max_length=10)
    site = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    built_at = models.DateTimeField()

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return self.name


class PendingUpload(models.Model):
    """A file on an import page between its preview and its confirmation (admin_imports.py).

    Kept in the database, which every app process and machine shares, so that the confirmation
    need not send the file again, whichever process answers it. Not content: no page shows it.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    page = models.CharField(max_length=20)  # which import page previewed it
    name = models.CharField(max_length=255, blank=True)
    content = models.BinaryField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("file awaiting confirmation")
        verbose_name_plural = _("files awaiting confirmation")

    def __str__(self) -> str:
        return self.name or self.token
