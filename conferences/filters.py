"""One filter set per list. The list page, its CSV export and the hub pages' links use the same one,
so what is downloaded is what is on screen."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.db.models import Case, F, IntegerField, Q, QuerySet, When
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from . import search
from .models import ActionItem, Conference, Country, Language, Organization, Person, Speech, Status, Theme

# A dropdown longer than this is no help; the rest are still accepted from links and typed addresses.
DROPDOWN_LIMIT = 300


class ShortChoiceIterator(ModelChoiceIterator):
    """The first DROPDOWN_LIMIT choices, plus the chosen one wherever it is in the list."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        shown = list(self.queryset[:DROPDOWN_LIMIT])
        chosen = self.field.chosen
        if chosen is not None and chosen not in shown:
            shown.insert(0, chosen)
        for obj in shown:
            yield self.choice(obj)


class SlugChoiceField(forms.ModelChoiceField):
    iterator = ShortChoiceIterator
    chosen = None

    def clean(self, value):
        self.chosen = super().clean(value)
        return self.chosen


class SlugFilter(filters.ModelChoiceFilter):
    """A related object given by its slug (`?country=uzbekistan`), among published ones only."""

    field_class = SlugChoiceField

    def __init__(self, *args, noun: str, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", _("Any %(noun)s") % {"noun": noun})
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("There is no published %(noun)s “%%(value)s”.") % {"noun": noun}},
        )
        super().__init__(*args, **kwargs)


class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("error_messages", {"invalid": _("Give a year as four digits, e.g. 2022.")})
        super().__init__(*args, **kwargs)


class SortFilter(filters.ChoiceFilter):
    """`?sort=` picks one of the list's orderings; the primary key breaks ties, so pages never overlap."""

    def __init__(self, orderings: dict[str, tuple[str, list]], **kwargs):
        self.orderings = orderings
        choices = [(key, label) for key, (label, _) in orderings.items()]
        kwargs.setdefault("error_messages", {"invalid_choice": _("“%(value)s” is not a way to sort this list.")})
        super().__init__(choices=choices, label=_("Sort by"), empty_label=None, **kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        key = value or next(iter(self.orderings))
        return qs.order_by(*self.orderings[key][1], "pk")


def text_filter():
    return filters.CharFilter(
        label=_("Words"), method="filter_text", widget=forms.TextInput(attrs={"type": "search"})
    )


STATUS_ORDER = Case(*(When(status=s, then=i) for i, s in enumerate(Status.values)), output_field=IntegerField())


class PublicFilterSet(filters.FilterSet):
    """A filter set over published content, whose choices are published too."""

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if "year" in self.filters:
            self.form.fields["year"].widget = forms.Select(choices=[("", _("Any year"))] + self.year_choices())

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search.matching(queryset, value)

    def year_choices(self) -> list[tuple[str, str]]:
        field = self.filters["year"].field_name
        years = self.queryset.model.objects.published().dates(field, "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    @property
    def active(self) -> bool:
        """Whether any filter (not the sort) narrows the list."""
        return self.is_bound and any(self.data.get(name) for name in self.filters if name != "sort")


class ConferenceFilter(PublicFilterSet):
    q = text_filter()
    year = YearFilter(field_name="start_date")
    country = SlugFilter(
        queryset=Country.objects.published(), noun=_("country"), label=_("Country"), method="filter_country"
    )
    organization = SlugFilter(
        field_name="organizers", queryset=Organization.objects.published(), noun=_("organisation"),
        label=_("Organiser"),
    )
    theme = SlugFilter(field_name="themes", queryset=Theme.objects.published(), noun=_("theme"), label=_("Theme"))
    sort = SortFilter(
        {
            "-date": (_("Newest first"), ["-start_date", "title"]),
            "date": (_("Oldest first"), ["start_date", "title"]),
            "title": (_("Title"), ["title"]),
        },
    )

    class Meta:
        model = Conference
        fields = ["q", "year", "country", "organization", "theme", "sort"]

    def filter_country(self, queryset: QuerySet, name: str, value: Country) -> QuerySet:
        # Host or participant; a subquery rather than a join, so no row comes out twice.
        return queryset.filter(
            Q(country=value) | Q(pk__in=Conference.countries.through.objects.filter(country=value).values("conference"))
        )


class SpeechFilter(PublicFilterSet):
    q = text_filter()
    conference = SlugFilter(queryset=Conference.objects.published(), noun=_("conference"), label=_("Conference"))
    speaker = SlugFilter(queryset=Person.objects.published(), noun=_("speaker"), label=_("Speaker"))
    organization = SlugFilter(
        field_name="speaker_organization", queryset=Organization.objects.published(), noun=_("organisation"),
        label=_("Speaker's organisation"),
    )
    theme = SlugFilter(field_name="themes", queryset=Theme.objects.published(), noun=_("theme"), label=_("Theme"))
    year = YearFilter(field_name="delivered_on")
    language = filters.ChoiceFilter(
        choices=Language.choices, label=_("Language"), empty_label=_("Any language"),
        error_messages={"invalid_choice": _("“%(value)s” is not a language code such as en or ru.")},
    )
    sort = SortFilter(
        {
            "-date": (_("Newest first"), ["-delivered_on", "title"]),
            "date": (_("Oldest first"), ["delivered_on", "title"]),
            "title": (_("Title"), ["title"]),
        },
    )

    class Meta:
        model = Speech
        fields = ["q", "conference", "speaker", "organization", "theme", "year", "language", "sort"]


class ActionItemFilter(PublicFilterSet):
    q = text_filter()
    status = filters.ChoiceFilter(
        choices=Status.choices, label=_("Status"), empty_label=_("Any status"),
        error_messages={"invalid_choice": _("“%(value)s” is not a status; pick one from the list.")},
    )
    conference = SlugFilter(queryset=Conference.objects.published(), noun=_("conference"), label=_("Conference"))
    organization = SlugFilter(
        queryset=Organization.objects.published(), noun=_("organisation"), label=_("Lead or partner"),
        method="filter_organization",
    )
    country = SlugFilter(field_name="countries", queryset=Country.objects.published(), noun=_("country"),
                         label=_("Country"))
    theme = SlugFilter(field_name="themes", queryset=Theme.objects.published(), noun=_("theme"), label=_("Theme"))
    due_after = filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label=_("Due on or after"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Give a date as YYYY-MM-DD.")},
    )
    due_before = filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due on or before"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Give a date as YYYY-MM-DD.")},
    )
    sort = SortFilter(
        {
            "title": (_("Title"), ["title"]),
            "status": (_("Status"), [STATUS_ORDER, "title"]),
            "due": (_("Due date, soonest first"), [F("due_date").asc(nulls_last=True), "title"]),
            "-progress": (_("Most progress first"), ["-progress", "title"]),
        },
    )

    class Meta:
        model = ActionItem
        fields = ["q", "status", "conference", "organization", "country", "theme", "due_after", "due_before", "sort"]

    def filter_organization(self, queryset: QuerySet, name: str, value: Organization) -> QuerySet:
        partnered = ActionItem.partners.through.objects.filter(organization=value).values("actionitem")
        return queryset.filter(Q(lead_organization=value) | Q(pk__in=partnered))
