"""One filter set per list. The list page, its CSV export and the hub pages' links use the same one,
so what is downloaded is what is on screen."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import django_filters as filters
from django import forms
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, Exists, F, IntegerField, Max, Min, OuterRef, Q, QuerySet, When
from django.forms.models import ModelChoiceIterator
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from . import search, visibility
from .caching import per_request, per_version
from .languages import Shown, in_list_order, plain_order
from .models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Document,
    DocumentVersion,
    Hub,
    Language,
    Organization,
    Person,
    Plan,
    Speech,
    Status,
    Theme,
)
from .pagination import COUNT_CAP

# A dropdown longer than this is no help; the rest are still accepted from links and typed addresses.
DROPDOWN_LIMIT = 50


class ShortChoiceIterator(ModelChoiceIterator):
    """The first DROPDOWN_LIMIT choices, plus the chosen one wherever it is in the list."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # In its list's order, in the language of this page: the field, with its queryset, serves every
        # request (PublicFilterSet.get_form_class()).
        shown = [(obj.slug, str(obj)) for obj in in_list_order(self.queryset)[:DROPDOWN_LIMIT]]
        chosen = self.field.chosen
        if chosen is not None and chosen.slug not in {slug for slug, _ in shown}:
            yield (chosen.slug, str(chosen))
        yield from shown


class DatePicker(forms.DateInput):
    """The browser's date picker. Its value must be a date as YYYY-MM-DD or nothing, so a wrong date
    typed into an address is left out of the field and shows in the field's error only."""

    input_type = "date"

    def format_value(self, value):
        value = super().format_value(value)
        try:
            return value if dt.date.fromisoformat(value).isoformat() == value else None
        except (TypeError, ValueError):
            return None


class DayField(forms.DateField):
    """A day as YYYY-MM-DD; one that cannot be read says which value it was, as the picker cannot show it."""

    default_error_messages = {"invalid": _("“%(value)s” is not a date: give one as YYYY-MM-DD, e.g. 2025-12-31.")}
    # Day first, as the region writes dates, typed either way in either language: the languages' own
    # lists differ (30/06/2024 is English only), and the same address must list the same items under /ru/.
    input_formats = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"]

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid",
                                        params={"value": value}) from error


class DayFilter(filters.DateFilter):
    field_class = DayField


class MomentField(IsoDateTimeField):
    """A moment in ISO 8601, within the years the site's content can have: one far outside them
    cannot be turned into the database's time, which would be an error rather than an answer."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is not None and not 1900 <= moment.year <= 2100:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return moment


class MomentFilter(filters.IsoDateTimeFilter):
    field_class = MomentField


class CachedSelect(forms.Select):
    """A dropdown rendered once per content version, language and chosen value.

    Its options are published objects, which change only with the content; hundreds of
    options rendered through templates on every request would cost tens of milliseconds.
    """

    def __init__(self, *args, scope: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope  # the filter set: fields of the same name (sort) differ from list to list

    def render(self, name, value, attrs=None, renderer=None):
        parts = (self.scope, name, self.format_value(value), sorted(self.build_attrs(self.attrs, attrs).items()))
        return mark_safe(per_version("dropdown", *parts, compute=lambda: str(
            super(CachedSelect, self).render(name, value, attrs, renderer))))


class SlugChoiceField(forms.ModelChoiceField):
    """Chooses among published objects only (every SlugFilter's queryset is published())."""

    iterator = ShortChoiceIterator
    chosen = None

    def clean(self, value):
        self.chosen = super().clean(value)
        return self.chosen

    def to_python(self, value):
        # A hub page's sections each check the slug of the object the page is about: once is enough.
        return per_request(published_key(self.queryset.model, value), lambda: self.find(value))

    def find(self, value):
        model = self.queryset.model
        if not issubclass(model, Hub) or value in self.empty_values:
            return super().to_python(value)
        self.validate_no_null_characters(value)
        found = visibility.public_hub(model, value)
        if found is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                        params={"value": value})
        return found


def published_key(model, slug) -> str:
    return f"published:{model._meta.label}:{slug}"


def remember_published(obj) -> None:
    """Tell this request's filters that `obj` is published (it was just read through published())."""
    per_request(published_key(type(obj), obj.slug), lambda: obj)


# Whole sentences for each kind of related object: a noun put into one sentence would not agree
# with it in Russian ("Любая страна", "Любой выступающий").
ANY_OF = {
    Country: _("Any country"),
    Organization: _("Any organisation"),
    Theme: _("Any theme"),
    Conference: _("Any conference"),
    Person: _("Any speaker"),
    Plan: _("Any plan"),
    Document: _("Any document"),
    ActionItem: _("Any action item"),
}
NO_PUBLISHED = {
    Country: _("There is no published country “%(value)s”."),
    Organization: _("There is no published organisation “%(value)s”."),
    Theme: _("There is no published theme “%(value)s”."),
    Conference: _("There is no published conference “%(value)s”."),
    Person: _("There is no published speaker “%(value)s”."),
    Plan: _("There is no published plan “%(value)s”."),
    Document: _("There is no published document “%(value)s”."),
    ActionItem: _("There is no published action item “%(value)s”."),
}
# After any of those, in the API and a refused download: what to give instead (a client has no dropdown
# to pick from). A list page shows the sentence alone, beside its dropdown.
GIVE_A_SLUG = _("Give the last part of its page's address.")
GIVE_ONE_OF = _("Give one of: {values}.")  # a choice's values, in the address as the API takes them


class Chip(NamedTuple):
    """A filter in use: its label, its value as the form shows it, and the list's address without it.
    A filter whose choices name it has no label: "Overdue only", not "Overdue: Overdue only"."""

    label: str
    value: str
    address: str

    def __str__(self) -> str:  # as titles and feeds name it
        return f"{self.label}: {self.value}" if self.label else self.value


def unknown_parameters(given, known) -> dict[str, list[str]]:
    """The parameters of an address that are not among those it takes (`known`), each with a message
    that names those: a misspelt filter would otherwise give every record, which a reader takes for the
    answer. The API and the CSV downloads refuse them; a list page ignores them (a campaign's utm_source)."""
    takes = ", ".join(sorted(known))
    return {name: [str(_("“%(name)s” is not a parameter here; this address takes: %(known)s.")
                       % {"name": name[:40], "known": takes})]
            for name in sorted(set(given) - set(known))[:5]}


def refusal(filterset: PublicFilterSet, headline: str, also_takes=()) -> HttpResponseBadRequest | None:
    """A 400 that says why a download or a feed of the filters given was not made, a line a filter,
    each by the label the list page shows with the name the address gives it; None if it can be made.
    Made anyway, a file or a feed of everything would be taken for the answer."""
    unknown = unknown_parameters(filterset.data, [*filterset.base_filters, *also_takes])
    if not unknown and (not filterset.is_bound or filterset.is_valid()):
        return None
    fields = filterset.form.fields
    reasons = "\n".join(f"{fields[name].label} ({name}): {' '.join(errors)}" if name in fields
                        else f"{name}: {' '.join(errors)}" if name in unknown else " ".join(errors)
                        for name, errors in {**unknown, **filterset.errors}.items())
    return HttpResponseBadRequest(f"{headline}\n{reasons}\n", content_type="text/plain; charset=utf-8")


# How the API's reference and schema explain a filter by slug, with a slug of the kind the site has.
SLUG_EXAMPLES = {Country: "uzbekistan", Organization: "osce", Theme: "border-security",
                 Conference: "tashkent-2022", Person: "vladimir-voronkov", Plan: "jpoa-2022",
                 Document: "tashkent-declaration-2022", ActionItem: "border-security-and-management"}


class SlugFilter(filters.ModelChoiceFilter):
    """A related object given by its slug (`?country=uzbekistan`), among published ones only."""

    field_class = SlugChoiceField

    def __init__(self, model, *args, **kwargs):
        # A function, not a queryset: every filter set copies its filters deeply, and a queryset is costly to copy.
        kwargs["queryset"] = lambda request: model.objects.published()
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", ANY_OF[model])  # lazy: translated when the form is shown
        kwargs.setdefault("error_messages", {"invalid_choice": NO_PUBLISHED[model]})
        # Read by the API's schema only: the list pages offer a dropdown.
        kwargs.setdefault("help_text", format_lazy(_("{label}, by the last part of its page's address, "
                                                     "e.g. {example}."),
                                                   label=kwargs.get("label", ""), example=SLUG_EXAMPLES[model]))
        super().__init__(*args, **kwargs)


class YearField(forms.IntegerField):
    """A year as its digits: Django's whole numbers also take "2022.0" and "+2022", which the year's
    dropdown would show as a second 2022, and the lists would count apart."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip() and not (value.strip().isascii() and value.strip().isdigit()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class YearFilter(filters.NumberFilter):
    field_class = YearField

    def __init__(self, *args, help_text, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        message = _("Give a year from 1900 to 2100, e.g. 2022.")
        kwargs.setdefault("error_messages", {"invalid": message, "min_value": message, "max_value": message})
        super().__init__(*args, **kwargs)
        # A whole number in the API's schema, described as a year of what: a type given to the filter
        # takes the place of all the schema would read from it, its help included.
        extend_schema_field({"type": "integer", "description": help_text})(self)


# Titles sort as the reader sees them (languages.shown_order()).
TITLE = Shown("title")


class SortFilter(filters.ChoiceFilter):
    """`?sort=` picks one of the list's orderings; the primary key breaks ties, so pages never overlap
    (ascending, unless the ordering ends with it, so that one index can serve it read either way).

    A translated field in an ordering (Shown) sorts by its columns in the reader's language,
    which indexes serve and a page resumes from (languages.shown_order())."""

    def __init__(self, orderings: dict[str, tuple[str, list]], **kwargs):
        self.orderings = orderings
        choices = [(key, label) for key, (label, _) in orderings.items()]
        kwargs.setdefault("error_messages", {"invalid_choice": _("“%(value)s” is not a way to sort this list.")})
        # Read by the API's schema only: the list pages show the first choice chosen.
        kwargs.setdefault("help_text", format_lazy(_("Sort by; without it, {first}."), first=next(iter(orderings))))
        super().__init__(choices=choices, label=_("Sort by"), empty_label=None, **kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        key = value or next(iter(self.orderings))
        ordering = self.orderings[key][1]
        ties = [] if ordering and ordering[-1] in ("pk", "-pk") else ["pk"]
        return qs.order_by(*plain_order(ordering), *ties)


class NamingChoiceFilter(filters.ChoiceFilter):
    """Choices that say what they filter ("Overdue only", "Not overdue"): a chip shows the choice alone."""


def text_filter():
    # Longer words are refused with the reason (and the box takes no more), never cut without a word.
    return filters.CharFilter(
        label=_("Words"), method="filter_text", max_length=search.MAX_QUERY_LENGTH,
        help_text=format_lazy(
            _("Words to look for, as the list page's Words box takes them; up to {count} characters."),
            count=search.MAX_QUERY_LENGTH),
        widget=forms.TextInput(attrs={"type": "search"}),
    )


STATUS_ORDER = Case(*(When(status=s, then=i) for i, s in enumerate(Status.values)), output_field=IntegerField())


class DueRangeForm(forms.Form):
    """A range of due dates that ends before it starts is refused: it would look like a list with nothing due."""

    def clean(self):
        data = super().clean()
        after, before = data.get("due_after"), data.get("due_before")
        if after and before and after > before:
            self.add_error("due_before", forms.ValidationError(
                _("This day is earlier than “Due on or after”: give a later one, or swap the two."), code="reversed"))
        return data


class OneValueEach(forms.Form):
    """A filter given twice in an address (`?status=completed&status=planned`) is refused rather than
    read as its last value: the lists filter by one value of each."""

    def clean(self):
        for name in self.fields:
            if hasattr(self.data, "getlist") and len(self.data.getlist(name)) > 1:
                self.add_error(name, forms.ValidationError(_("Give one value: a list is filtered by one at a time."),
                                                           code="several"))
        return super().clean()


class PublicFilterSet(filters.FilterSet):
    """A filter set over published content, whose choices are published too.

    Hub pages build one per section only to filter, so the dropdowns' choices are filled in
    only for the form a list page shows (display_form).
    """

    form_classes_built: dict[type, type[forms.Form]] = {}

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        if not self.is_bound and "sort" in self.filters:
            # With no parameters django-filter runs no filter: the list takes its first order here,
            # as its sort gives it in the reader's language, rather than the model's own.
            self.queryset = self.filters["sort"].filter(self.queryset, "")

    @property
    def errors(self) -> ErrorDict:
        """The form's errors as the API and a refused download give them: a client has no dropdown to read
        a filter's choices from, so a value that is not among them is followed by those it may take.
        (The list page shows the form's own errors, beside its dropdowns.)"""
        errors = ErrorDict()
        for name, refused in self.form.errors.as_data().items():
            field = self.form.fields.get(name)
            if isinstance(field, forms.ModelChoiceField):
                give = GIVE_A_SLUG
            elif isinstance(field, forms.ChoiceField):
                values = ", ".join(str(value) for value, _label in field.choices if value != "")
                give = format_lazy(GIVE_ONE_OF, values=values) if values else None
            else:
                give = None
            errors[name] = ErrorList([
                forms.ValidationError(format_lazy("{} {}", error.message, give), code=error.code, params=error.params)
                if error.code == "invalid_choice" and give else error
                for error in refused])
        return errors

    def get_form_class(self) -> type[forms.Form]:
        # The same fields for every instance (each form copies them), so they are built once per class.
        cls = type(self)
        if cls not in PublicFilterSet.form_classes_built:
            built = super().get_form_class()
            for field in built.base_fields.values():
                field.help_text = ""  # the filters' help is the API schema's: the pages offer dropdowns
            PublicFilterSet.form_classes_built[cls] = type(built.__name__, (OneValueEach, built), {})
        return PublicFilterSet.form_classes_built[cls]

    @cached_property
    def display_form(self) -> forms.Form:
        """The form as the list page shows it: dropdowns of what is published, written out quickly."""
        if "year" in self.filters:
            self.offer("year", [("", _("Any year"))] + self.year_choices())
        for field in self.form.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = CachedSelect(attrs=field.widget.attrs, choices=field.widget.choices,
                                            scope=type(self).__name__)
        if "language" in self.filters:
            present = per_version("languages", type(self).__name__, compute=self.languages_present)
            labels = {code: str(label) for code, label in Language.choices}
            # By name in the reader's language, as a reader looks for one: their codes' order looks random.
            self.offer("language", [("", _("Any language"))] + sorted(
                ((code, labels[code]) for code in present), key=lambda choice: choice[1]))
        # A list that is shown says what each option would give; not while words are searched for, as each
        # option would run the search again, and any reader can make up words the cache has not seen.
        if (not self.is_bound or self.is_valid()) and not (self.data or {}).get("q"):
            for name, field in self.form.fields.items():
                if name != "sort" and isinstance(field.widget, forms.Select):
                    field.widget = self.counted(name, field)
        return self.form

    def counted(self, name: str, field: forms.Field) -> forms.Select:
        """The dropdown, each option with how many results it would give with the other filters as they
        are ("Uzbekistan (12)"; the empty one, the count without this filter). A year that would give
        none is left out, unless chosen: a year is no kind of thing a reader needs to see is there. An
        option of another kind that gives none stays, and can be chosen: the reader may change the
        other filters before applying them.

        Each option's rows are this list's rows without the filter, put through the filter with the
        option's value, as the list it leads to is; they are counted up to COUNT_CAP + 1, as the
        list's own count is, all of a dropdown's in one query, however many options it has.
        """
        data = self.data.copy() if self.is_bound else {}
        for key in (name, "page"):
            data.pop(key, None)
        others = type(self)(data, queryset=self.queryset)
        base, flt = others.qs.order_by(), others.filters[name]
        choices = list(field.widget.choices)
        values = {value: value for value, _label in choices}
        if isinstance(field, forms.ModelChoiceField):  # the filter takes the object itself
            values.update({obj.slug: obj for obj in field.queryset.filter(slug__in=[v for v in values if v])})
        elif isinstance(field, forms.IntegerField):  # a year
            values.update({value: int(value) for value in values if value})
        selects, params = [], []
        for value, _label in choices:
            rows = base if value == "" else flt.filter(base, values[value])
            try:
                sql, row_params = rows.values("pk")[: COUNT_CAP + 1].query.sql_with_params()
            except EmptyResultSet:  # known to find nothing
                selects.append("0")
                continue
            selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS option_{len(selects)})")
            params += row_params
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(selects), params)
            counts = cursor.fetchone()
        many = _("1,000+")  # COUNT_CAP, as the lists' own counts say it
        chosen = str((self.data or {}).get(name, ""))
        return forms.Select(attrs=field.widget.attrs, choices=[
            (value, f"{label} ({count if count <= COUNT_CAP else many})")
            for (value, label), count in zip(choices, counts, strict=True)
            if count or value in ("", chosen) or not isinstance(field, forms.IntegerField)])

    def languages_present(self) -> list[str]:
        """The codes the language dropdown offers: those of the published items."""
        return sorted(self.queryset.model.objects.published().order_by().values_list("language", flat=True)
                      .distinct())

    def offer(self, name: str, choices: list[tuple[str, str]]) -> None:
        """A dropdown of `choices`, plus the value asked for if it is not among them, so it shows with its error."""
        asked = (self.data or {}).get(name, "")
        if asked and asked not in {value for value, _ in choices}:
            choices = [*choices, (asked, asked)]
        self.form.fields[name].widget = CachedSelect(choices=choices, scope=type(self).__name__)

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search.matching(queryset, value)

    def year_choices(self) -> list[tuple[str, str]]:
        """Every year from the newest published item back to the oldest (two quick indexed lookups)."""
        field = self.filters["year"].field_name
        model = self.queryset.model
        span = per_version("years", model._meta.label, compute=lambda: model.objects.published().aggregate(
            first=Min(field), last=Max(field)))
        if span["first"] is None:
            return []
        return [(str(year), str(year)) for year in range(span["last"].year, span["first"].year - 1, -1)]

    @property
    def active(self) -> bool:
        """Whether any filter (not the sort) narrows the list."""
        return self.is_bound and any(self.data.get(name) for name in self.filters if name != "sort")

    def given(self) -> list[tuple[str, str]]:
        """The filter parameters asked for (the sort included), in the order given: not a page
        number, a campaign's utm_source or anything else the list ignores."""
        if not self.is_bound:
            return []
        return [(name, value) for name, values in self.data.lists() if name in self.filters for value in values]

    def query(self) -> str:
        """The filters asked for as an address's query ("?status=planned", or ""): the same list
        elsewhere (its CSV, its JSON, its feed), without what those would refuse."""
        given = self.given()
        return f"?{urlencode(given)}" if given else ""

    def chips(self, path: str) -> list[Chip]:
        """The filters in use, each with the list's address without it."""
        if not self.is_bound or not self.is_valid():
            return []
        found = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if name == "sort" or value in (None, ""):
                continue
            if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                value = dict(field.choices).get(str(value), value)  # its label; a record names itself
            elif isinstance(value, dt.date):
                value = date_format(value)  # as the page writes dates, not as the address gives them
            rest = [(key, kept) for key, values in self.data.lists() for kept in values if key not in (name, "page")]
            label = "" if isinstance(self.filters[name], NamingChoiceFilter) else str(field.label)
            found.append(Chip(label, str(value), f"{path}?{urlencode(rest)}" if rest else path))
        return found

    def html(self, clear_url: str, count: int, capped: bool) -> SafeString:
        """The form as the list page shows it, kept per content version, language and the values
        asked for: the same for every reader who asks the same (other parameters change nothing).
        `count` is how many results the filters give (`capped`: more than can be counted)."""
        asked = sorted((name, self.data.getlist(name)) for name in self.filters if name in self.data)

        def render() -> str:
            return render_to_string("conferences/includes/filter_form.html", {
                "form": self.display_form, "active": self.active, "clear_url": clear_url, "count": count,
                "capped": capped})

        return mark_safe(per_version("filter-form", type(self).__name__, clear_url, asked, compute=render))


class ConferenceFilter(PublicFilterSet):
    q = text_filter()
    year = YearFilter(field_name="start_date", help_text=_("Those that began in this year, e.g. 2022."))
    country = SlugFilter(Country, label=_("Country"), method="filter_country")
    organization = SlugFilter(Organization, field_name="organizers", label=_("Organiser"))
    theme = SlugFilter(Theme, field_name="themes", label=_("Theme"))
    sort = SortFilter(
        {
            "-date": (_("Newest first"), ["-start_date", TITLE]),
            "date": (_("Oldest first"), ["start_date", TITLE]),
            "title": (pgettext_lazy("order", "Title"), [Shown(*Conference.name_fields)]),  # as its heading shows it
        },
    )

    class Meta:
        model = Conference
        fields = ["q", "year", "country", "organization", "theme", "sort"]

    def filter_country(self, queryset: QuerySet, name: str, value: Country) -> QuerySet:
        # Host or participant. The region's few countries each have many conferences, so the list is
        # best read in its own order, keeping those that match.
        attended = Conference.countries.through.objects.filter(conference=OuterRef("pk"), country=value)
        return queryset.filter(Q(country=value) | Exists(attended))


class SpeechFilter(PublicFilterSet):
    q = text_filter()
    conference = SlugFilter(Conference, label=_("Conference"))
    speaker = SlugFilter(Person, label=_("Speaker"))
    organization = SlugFilter(
        Organization, field_name="speaker_organization", label=_("Speaker's organisation"),
    )
    # Whose representatives spoke, through their organisation's country: reached from a country's page, and
    # in the API; the organisation menu already names each ministry.
    country = SlugFilter(Country, field_name="speaker_organization__country", label=_("Speaker's country"),
                         widget=forms.HiddenInput)
    theme = SlugFilter(Theme, field_name="themes", label=_("Theme"))
    year = YearFilter(field_name="delivered_on", help_text=_("Those delivered in this year, e.g. 2022."))
    language = filters.ChoiceFilter(
        choices=Language.choices, label=_("Original language"), empty_label=_("Any language"),
        error_messages={"invalid_choice": _("“%(value)s” is not a language code such as en or ru.")},
    )
    sort = SortFilter(
        {
            "-date": (_("Newest first"), ["-delivered_on", TITLE]),
            "date": (_("Oldest first"), ["delivered_on", TITLE]),
            "title": (pgettext_lazy("order", "Title"), [TITLE]),
        },
    )

    class Meta:
        model = Speech
        fields = ["q", "conference", "speaker", "organization", "country", "theme", "year", "language", "sort"]


class ActionItemFilter(PublicFilterSet):
    q = text_filter()
    status = filters.ChoiceFilter(
        choices=Status.choices, label=_("Status"), empty_label=_("Any status"),
        error_messages={"invalid_choice": _("“%(value)s” is not a status.")},
    )
    conference = SlugFilter(Conference, label=_("Conference"))
    organization = SlugFilter(
        Organization, label=_("Lead or partner"), method="filter_organization",
    )
    # Who answers for an item, apart from who helps: an organisation's own record is what it leads.
    lead = SlugFilter(Organization, field_name="lead_organization", label=_("Lead organisation"))
    # Reached from an organisation's page, and in the API: a third menu of organisations would only crowd the form.
    partner = SlugFilter(Organization, field_name="partners", label=_("Partner organisation"), widget=forms.HiddenInput)
    country = SlugFilter(Country, field_name="countries", label=_("Country"))
    theme = SlugFilter(Theme, field_name="themes", label=_("Theme"))
    plan = SlugFilter(Plan, label=_("Plan"))
    document = SlugFilter(Document, label=_("Outcome document"))
    # Who announced an item, in a public speech: reached from a person's page, and in the API.
    speaker = SlugFilter(Person, label=_("Speaker"), method="filter_speaker", widget=forms.HiddenInput)
    overdue = NamingChoiceFilter(
        choices=[("1", _("Overdue only")), ("0", _("Not overdue"))],
        label=_("Overdue"),
        empty_label=_("Overdue or not"),
        method="filter_overdue",
        error_messages={"invalid_choice": _("“%(value)s” is not a choice here.")},
    )
    due_after = DayFilter(field_name="due_date", lookup_expr="gte", label=_("Due on or after"),
                          widget=DatePicker(format="%Y-%m-%d"))
    due_before = DayFilter(field_name="due_date", lookup_expr="lte", label=_("Due on or before"),
                           widget=DatePicker(format="%Y-%m-%d"))
    sort = SortFilter(
        {
            "title": (pgettext_lazy("order", "Title"), [TITLE]),
            "status": (pgettext_lazy("order", "Status"), [STATUS_ORDER, TITLE]),
            "due": (_("Due date, earliest first"), [F("due_date").asc(nulls_last=True), TITLE]),
            "-progress": (_("Most progress first"), ["-progress", TITLE]),
        },
    )

    class Meta:
        model = ActionItem
        form = DueRangeForm
        fields = ["q", "status", "conference", "organization", "lead", "partner", "country", "theme", "plan",
                  "document", "speaker", "overdue", "due_after", "due_before", "sort"]

    def filter_overdue(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(ActionItem.overdue_q()) if value == "1" else queryset.exclude(ActionItem.overdue_q())

    def filter_speaker(self, queryset: QuerySet, name: str, value: Person) -> QuerySet:
        # Only a public speech says who announced an item: a draft's speaker is not yet the public's to know.
        return queryset.filter(speech__in=Speech.objects.published().filter(speaker=value))

    def filter_organization(self, queryset: QuerySet, name: str, value: Organization) -> QuerySet:
        # Lead or partner: the union of two small sets of keys, so that each comes from an index.
        led = ActionItem.objects.filter(lead_organization=value).order_by().values("pk")
        partnered = ActionItem.partners.through.objects.filter(organization=value).order_by().values("actionitem")
        return queryset.filter(pk__in=led.union(partnered))


class DocumentFilter(PublicFilterSet):
    q = text_filter()
    kind = filters.ChoiceFilter(
        choices=Document.Kind.choices, label=_("Kind"), empty_label=_("Any kind"),
        error_messages={"invalid_choice": _("“%(value)s” is not a kind of document.")},
    )
    year = YearFilter(field_name="adopted_on", help_text=_("Those adopted (or issued) in this year, e.g. 2022."))
    conference = SlugFilter(Conference, label=_("Conference"))
    country = SlugFilter(Country, field_name="countries", label=_("Country"))
    theme = SlugFilter(Theme, field_name="themes", label=_("Theme"))
    language = filters.ChoiceFilter(
        choices=Language.choices, label=_("Available in"), empty_label=_("Any language"), method="filter_language",
        error_messages={"invalid_choice": _("“%(value)s” is not a language code such as en or ru.")},
    )
    sort = SortFilter(
        {
            "-date": (_("Newest first"), ["-adopted_on", TITLE]),
            "date": (_("Oldest first"), ["adopted_on", TITLE]),
            "title": (pgettext_lazy("order", "Title"), [TITLE]),
        },
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "year", "conference", "country", "theme", "language", "sort"]

    def filter_language(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Exists(DocumentVersion.objects.filter(document=OuterRef("pk"), language=value)))

    def languages_present(self) -> list[str]:
        return sorted(DocumentVersion.objects.filter(document__in=Document.objects.published())
                      .order_by().values_list("language", flat=True).distinct())


class ProgressUpdateFilter(PublicFilterSet):
    """The API's list of progress updates, which has no page of its own: what a client that follows the
    commitments asks for, e.g. everything made public since it last asked."""

    action_item = SlugFilter(ActionItem, label=_("Action item"))
    country = SlugFilter(Country, field_name="action_item__countries", label=_("Country"))
    theme = SlugFilter(Theme, field_name="action_item__themes", label=_("Theme"))
    status = filters.ChoiceFilter(
        choices=Status.choices, label=_("Status"), empty_label=_("Any status"),
        help_text=_("Those that recorded this status, whatever the action item's status is now."),
        error_messages={"invalid_choice": _("“%(value)s” is not a status.")},
    )
    year = YearFilter(field_name="date", help_text=_("Those whose date is in this year, e.g. 2026."))
    since = MomentFilter(
        method="filter_since", label=_("Public since"),
        help_text=format_lazy(_("Only updates that became public at or after this moment: recorded then, or made "
                                "public with their action item. ISO 8601, e.g. 2026-11-01T09:00:00Z; without an "
                                "offset, in the site's time zone ({zone}); in an address, the + of an offset is "
                                "written %2B."), zone=settings.TIME_ZONE),
        error_messages={"invalid": _("Give a moment from 1900 to 2100 in ISO 8601, e.g. 2026-11-01 or "
                                     "2026-11-01T09:00:00Z.")},
    )
    sort = SortFilter(
        {
            "-date": (_("Newest first"), ["-date", "-pk"]),  # as each item's record lists them
            "date": (_("Oldest first"), ["date", "pk"]),
        },
    )

    class Meta:
        model = ActionItemUpdate
        fields = ["action_item", "country", "theme", "status", "year", "since", "sort"]

    def filter_since(self, queryset: QuerySet, name: str, value: dt.datetime) -> QuerySet:
        # public_since (the later of the two moments) at or after `value`: recorded since, or its item made
        # public since. Two small sets an index finds each, where the moment worked out for every update
        # walked them all, as a client asking "anything new?" mostly finds nothing.
        recorded = ActionItemUpdate.objects.filter(created_at__gte=value).order_by().values("pk")
        items = ActionItem.objects.published().alias(public_since=ActionItem.public_since()).filter(
            public_since__gte=value)
        made_public = ActionItemUpdate.objects.filter(action_item__in=items).order_by().values("pk")
        return queryset.filter(pk__in=recorded.union(made_public))


# The filter set of each list, which its page, its CSV export and the sections of other pages use.
FILTERSETS: dict[type, type[PublicFilterSet]] = {
    Conference: ConferenceFilter,
    Speech: SpeechFilter,
    ActionItem: ActionItemFilter,
    Document: DocumentFilter,
}


# What points at each hub, as its page's sections (and its feed) list it: (title, the list's
# filter set, the filter that names the hub).
HUB_SECTIONS = {
    Person: (
        (_("Speeches"), SpeechFilter, "speaker"),
        (_("Commitments announced in their speeches"), ActionItemFilter, "speaker"),
    ),
    Organization: (
        (_("Conferences organised"), ConferenceFilter, "organization"),
        (_("Speeches on its behalf"), SpeechFilter, "organization"),
        (_("Action items it leads"), ActionItemFilter, "lead"),
        (_("Action items it is a partner in"), ActionItemFilter, "partner"),
    ),
    Country: (
        (_("Conferences hosted or attended"), ConferenceFilter, "country"),
        (_("Speeches by its representatives"), SpeechFilter, "country"),
        (_("Documents it adopted or endorsed"), DocumentFilter, "country"),
        (_("Action items concerning it"), ActionItemFilter, "country"),
    ),
    Theme: (
        (_("Conferences"), ConferenceFilter, "theme"),
        (_("Speeches"), SpeechFilter, "theme"),
        (_("Documents"), DocumentFilter, "theme"),
        (_("Action items"), ActionItemFilter, "theme"),
    ),
}
