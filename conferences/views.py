"""Public pages. Everything shown to readers starts from `published()`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from . import search
from .caching import export_etag, per_version
from .exports import EXPORTS
from .filters import ActionItemFilter, ConferenceFilter, PublicFilterSet, SpeechFilter, remember_published
from .models import (
    ActionItem, Conference, Country, Hub, Organization, Person, Publishable, Speech, Status, Theme,
)
from .pagination import COUNT_CAP, CappedPaginator, KeyListPaginator, in_key_order
from .prepared import PreparedQuery
from .rows import RowsPaginator, render_rows

HUB_SECTION_SIZE = 10


def url_of(model, page: str) -> str:
    """The address of a model's list page ("list") or CSV ("export")."""
    return reverse(f"conferences:{model._meta.model_name}_{page}")


def may_preview(request: HttpRequest, model) -> bool:
    """Staff who may view a model in the admin also see its unpublished pages, under a banner."""
    user = request.user
    return user.is_active and user.is_staff and user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


class ForgivingPaginationMixin:
    """A page number that is not a number, or past the end, shows the nearest page and says so."""

    paginate_by = 20
    paginator_class = CappedPaginator

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        requested = self.request.GET.get("page", "")
        page = paginator.nearest_page(requested)
        paginator.estimate  # noqa: B018 -- read on every page, so that the page's queries never depend on the list's length
        self.page_notice = ""
        if requested and requested != str(page.number):
            self.page_notice = _("There is no page “%(requested)s”; showing page %(number)s.") % {
                "requested": requested[:20],
                "number": page.number,
            }
        return paginator, page, page.object_list, page.has_previous() or page.has_next()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # paginates, which sets page_notice
        context["page_notice"] = getattr(self, "page_notice", "")
        return context


class PublicListView(ForgivingPaginationMixin, FilterView):
    """A list of published content with its filter form; an invalid filter shows its error and no rows."""

    strict = True
    paginator_class = RowsPaginator

    def get_queryset(self) -> QuerySet:
        return self.model.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(export_url=url_of(self.model, "export"), **kwargs)


class ConferenceListView(PublicListView):
    model = Conference
    filterset_class = ConferenceFilter
    template_name = "conferences/conference_list.html"


class SpeechListView(PublicListView):
    model = Speech
    filterset_class = SpeechFilter
    template_name = "conferences/speech_list.html"


class ActionItemListView(PublicListView):
    model = ActionItem
    filterset_class = ActionItemFilter
    template_name = "conferences/actionitem_list.html"


def latest_rows(model, count: int) -> list:
    """The rows of the newest `count` published objects, in the list's order."""
    return render_rows(model, list(model.objects.published().values_list("pk", flat=True)[:count]))


class HomeView(TemplateView):
    template_name = "conferences/home.html"

    def get_context_data(self, **kwargs):
        # Counting a whole table is too slow for every visit: once per content version is enough.
        counts = per_version("status-counts", lambda: dict(
            ActionItem.objects.published().order_by().values_list("status").annotate(n=Count("pk"))))
        by_status = [(value, label, counts.get(value, 0)) for value, label in Status.choices]
        return super().get_context_data(
            conferences=latest_rows(Conference, 5),
            speeches=latest_rows(Speech, 6),
            by_status=by_status,
            status_total=sum(counts.values()),
            status_max=max(counts.values(), default=0),
            **kwargs,
        )


class PreviewableDetailView(DetailView):
    """A public detail page. Logged-in staff also see what is not public, under a banner.

    Readers' pages are read with prepared queries (their SQL built once, see prepared.py): the
    object with the objects on its `related` paths in one query, and each relation named in
    `lists` in one query more. Staff previews read the object through the ORM as it is.
    """

    related: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if model := getattr(cls, "model", None):
            public = cls.public_objects(model)
            cls.public_object = PreparedQuery(lambda slug: public.filter(slug=slug), cls.related)
            cls.list_queries = {name: PreparedQuery(partial(related_list, model, name)) for name in cls.lists}

    @staticmethod
    def public_objects(model) -> QuerySet:
        # A hub is checked on its own in get_object(), quicker than asking which of them all are public.
        return model.objects.all() if issubclass(model, Hub) else model.objects.published()

    def get_queryset(self) -> QuerySet:
        objects = self.model.objects.all() if may_preview(self.request, self.model) else self.public_objects(self.model)
        return objects.select_related(*self.related)

    def get_object(self, queryset=None):
        if may_preview(self.request, self.model):
            return super().get_object(queryset)
        found = self.public_object(self.kwargs[self.slug_url_kwarg])
        if not found or (isinstance(found[0], Hub) and not found[0].is_public):
            raise Http404(_("Nothing public has this address."))
        remember_published(found[0])  # the page's sections need not look it up again
        return found[0]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if may_preview(self.request, self.model):
            add_never_cache_headers(response)  # a preview of a draft must stay out of every cache
        return response

    def get_context_data(self, **kwargs):
        if may_preview(self.request, self.model):
            meta = self.model._meta
            kwargs["admin_url"] = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.object.pk])
        for name, query in self.list_queries.items():
            kwargs[name] = query(self.object.pk)
        return super().get_context_data(**kwargs)


def related_list(model, name: str, pk) -> QuerySet:
    """What the page of the `model` with key `pk` lists under `name`, public ones only.

    A hub that public content points at is public with it (and a draft's are shown only in
    staff previews), so it needs no check, provided the hub counts that relation among its
    public ones; anything else that can be public is read through published().
    """
    related = getattr(model(pk=pk), name)
    if issubclass(model, Publishable) and issubclass(related.model, Hub):
        if model._meta.get_field(name).remote_field.get_accessor_name() not in related.model.public_relations:
            raise ImproperlyConfigured(f"{related.model.__name__}.public_relations leaves out {model.__name__}.{name}.")
        return related.all()
    return related.published() if hasattr(related, "published") else related.all()


@dataclass
class Section:
    """The first rows of a list on a hub or detail page, how many there are in all, and where to see them all."""

    title: str
    items: list  # rendered rows on hub pages, objects with their snippets in search results
    count: int  # counted up to COUNT_CAP + 1
    list_url: str
    kind: str
    export_url: str = ""

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


def section(title: str, filterset_class: type[PublicFilterSet], params: dict) -> Section:
    """A section built by the list page's own filter set, so "see all" and its CSV hold exactly these rows.

    Its count and the keys of its first rows change only with the content, so they are worked
    out once per content version, like the lists' counts.
    """
    model = filterset_class._meta.model
    query = "?" + urlencode(params)

    def first_rows() -> tuple[int, list]:
        queryset = model.objects.published()
        filterset = filterset_class(params, queryset=queryset)
        paginator = CappedPaginator(filterset.qs if filterset.is_valid() else queryset.none(), HUB_SECTION_SIZE)
        return paginator.count, paginator.page_keys(1)

    count, keys = per_version(f"section:{model._meta.label}:{query}", first_rows)
    return Section(
        title, render_rows(model, keys), count, url_of(model, "list") + query,
        model._meta.model_name, url_of(model, "export") + query,
    )


class ConferenceDetailView(PreviewableDetailView):
    model = Conference
    related = ("country",)
    lists = ("organizers", "countries", "themes")

    def get_context_data(self, **kwargs):
        conference = self.object
        return super().get_context_data(
            sections=[
                section(_("Speeches"), SpeechFilter, {"conference": conference.slug}),
                section(_("Action items"), ActionItemFilter, {"conference": conference.slug}),
            ],
            **kwargs,
        )


class SpeechDetailView(PreviewableDetailView):
    model = Speech
    related = ("conference", "speaker", "speaker_organization")
    lists = ("themes",)
    # In the order they were announced.
    announced = PreparedQuery(lambda pk: ActionItem.objects.published().filter(speech=pk).order_by("pk"))

    def get_context_data(self, **kwargs):
        speech = self.object
        action_items = self.announced(speech.pk)
        return super().get_context_data(
            paragraphs=speech_paragraphs(speech, action_items),
            action_items=action_items,
            **kwargs,
        )


def speech_paragraphs(speech: Speech, action_items: list[ActionItem]) -> list[SafeString]:
    """The speech's paragraphs as HTML, each excerpt that announced one of `action_items` marked and linked.

    Built here rather than in the template: a speech is a few hundred pieces of text, which the
    template engine would take longer to render than the rest of the page.
    """
    paragraphs = [[(text, None)] for text in speech.paragraphs]
    for item in action_items:
        item.paragraph = number = speech.paragraph_number(item.excerpt)
        if number is None:
            continue
        excerpt, pieces = " ".join(item.excerpt.split()), []
        for text, marked in paragraphs[number - 1]:
            if marked is None and excerpt in text:
                before, after = text.split(excerpt, 1)
                pieces += [(before, None), (excerpt, item), (after, None)]
            else:
                pieces.append((text, marked))
        paragraphs[number - 1] = [(text, marked) for text, marked in pieces if text]
    marked_as, link_label = _("Action item:"), _("Link to paragraph %(number)s")

    def piece(text: str, item: ActionItem | None) -> str:
        if item is None:
            return text  # escaped by format_html_join
        return format_html('<mark class="commitment"><a href="{}" title="{} {}">{}</a></mark>',
                           item.get_absolute_url(), marked_as, item.title, text)

    return [
        format_html(
            '<p id="p{0}">{1}<a class="pilcrow" href="#p{0}" aria-label="{2}">¶</a></p>',
            number,
            format_html_join("", "{}", ((piece(text, item),) for text, item in pieces)),
            link_label % {"number": number},
        )
        for number, pieces in enumerate(paragraphs, 1)
    ]


class ActionItemDetailView(PreviewableDetailView):
    model = ActionItem
    context_object_name = "item"
    related = ("speech__conference", "speech__speaker", "conference", "lead_organization")
    lists = ("partners", "countries", "themes", "updates")

    def get_context_data(self, **kwargs):
        item = self.object
        # Links to the source speech and conference appear only where those are public.
        speech = item.speech if item.speech and item.speech.is_public else None
        conference = item.conference if item.conference and item.conference.is_public else None
        return super().get_context_data(
            source_speech=speech,
            source_conference=conference,
            paragraph=speech.paragraph_number(item.excerpt) if speech else None,
            **kwargs,
        )


class HubListView(ForgivingPaginationMixin, ListView):
    paginate_by = 50
    # Organisations, countries and themes are few: which of them are public is worked out once
    # per content version. People are many and are read page by page instead.
    remember_public = True

    def get_queryset(self):
        return self.model.public_keys() if self.remember_public else self.model.objects.published()

    def get_template_names(self) -> list[str]:
        return [f"conferences/{self.model._meta.model_name}_list.html"]

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.remember_public:  # the keys of the public ones, in order
            return KeyListPaginator(queryset, per_page, model=self.model, **kwargs)
        return super().get_paginator(queryset, per_page, **kwargs)


class PersonListView(HubListView):
    model = Person
    remember_public = False

class OrganizationListView(HubListView):
    model = Organization


class CountryListView(HubListView):
    model = Country


class ThemeListView(HubListView):
    model = Theme


class PersonDetailView(PreviewableDetailView):
    model = Person
    related = ("organization",)

    def get_context_data(self, **kwargs):
        params = {"speaker": self.object.slug}
        return super().get_context_data(
            sections=[section(_("Speeches"), SpeechFilter, params)], **kwargs
        )


class OrganizationDetailView(PreviewableDetailView):
    model = Organization
    lists = ("people",)

    def get_context_data(self, **kwargs):
        params = {"organization": self.object.slug}
        return super().get_context_data(
            sections=[
                section(_("Conferences organised"), ConferenceFilter, params),
                section(_("Speeches given for it"), SpeechFilter, params),
                section(_("Action items it leads or partners in"), ActionItemFilter, params),
            ],
            **kwargs,
        )


class CountryDetailView(PreviewableDetailView):
    model = Country

    def get_context_data(self, **kwargs):
        params = {"country": self.object.slug}
        return super().get_context_data(
            sections=[
                section(_("Conferences hosted or attended"), ConferenceFilter, params),
                section(_("Action items concerning it"), ActionItemFilter, params),
            ],
            **kwargs,
        )


class ThemeDetailView(PreviewableDetailView):
    model = Theme

    def get_context_data(self, **kwargs):
        params = {"theme": self.object.slug}
        return super().get_context_data(
            sections=[
                section(_("Conferences"), ConferenceFilter, params),
                section(_("Speeches"), SpeechFilter, params),
                section(_("Action items"), ActionItemFilter, params),
            ],
            **kwargs,
        )


class SearchView(TemplateView):
    template_name = "conferences/search.html"
    group_size = 10

    def get_context_data(self, **kwargs):
        query = search.clean_query(self.request.GET.get("q", ""))
        groups = []
        if query:
            for title, model in [(_("Conferences"), Conference), (_("Speeches"), Speech), (_("Action items"), ActionItem)]:
                rows, count = search.top_matches(model, query, self.group_size)
                list_url = url_of(model, "list") + "?" + urlencode({"q": query})
                groups.append(Section(title, rows, count, list_url, model._meta.model_name))
            keys = search.people_named(query)[: self.group_size]
            people = in_key_order(Person.objects.filter(pk__in=keys).select_related("organization"), keys)
            keys = search.organizations_named(query)[: self.group_size]
            organizations = in_key_order(Organization.objects.filter(pk__in=keys), keys)
        else:
            people, organizations = [], []
        return super().get_context_data(
            query=query,
            groups=groups,
            people=people,
            organizations=organizations,
            total=sum(min(group.count, COUNT_CAP) for group in groups) + len(people) + len(organizations),
            total_capped=any(group.capped for group in groups),
            full_text=search.uses_full_text(),
            **kwargs,
        )


FILTERSETS: dict[type, type[PublicFilterSet]] = {
    Conference: ConferenceFilter,
    Speech: SpeechFilter,
    ActionItem: ActionItemFilter,
}


@require_safe
@condition(etag_func=lambda request, model: export_etag(request))
def export_csv(request: HttpRequest, model) -> HttpResponse:
    """The list page's rows, all pages of them, as CSV: same filters, same order, published only."""
    filterset = FILTERSETS[model](request.GET, queryset=model.objects.published())
    if not filterset.is_valid():
        reasons = "\n".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        return HttpResponseBadRequest(
            _("No file was made, because some filters are not valid:") + "\n" + reasons + "\n",
            content_type="text/plain; charset=utf-8",
        )
    return EXPORTS[model].response(filterset.qs, request, public=True)


class DataView(TemplateView):
    """What each CSV export's columns mean, so a file opened months later still explains itself."""

    template_name = "conferences/data.html"

    def get_context_data(self, **kwargs):
        public = [(EXPORTS[model], url_of(model, "export")) for model in FILTERSETS]
        staff = [export for export in EXPORTS.values() if not export.public]
        return super().get_context_data(public_exports=public, staff_exports=staff, **kwargs)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        *(f"Disallow: {url_of(model, 'export')}" for model in FILTERSETS),
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon, the admin's among them."""
    return redirect(static("img/favicon.svg"), permanent=True)


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
