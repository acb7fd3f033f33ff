"""List pages: the home page, the lists with their filters, the hub lists, search and the CSV exports."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import ListView, TemplateView
from django_filters.views import FilterView

from .. import search, visibility
from ..caching import export_etag
from ..exports import EXPORTS
from ..filters import FILTERSETS, refusal
from ..languages import in_list_order
from ..list_rows import KeyRowsPaginator, RowsPaginator, render_rows
from ..models import ActionItem, Conference, Country, Document, Organization, Person, Plan, Speech, Theme
from ..page_cache import not_kept, reads
from ..pagination import COUNT_CAP, CappedPaginator, in_key_order
from ..progress import by_country, scorecard
from .sections import Section, url_of


class ForgivingPaginationMixin:
    """A page number that is not a number, or past the end, shows the nearest page and says so."""

    paginate_by = 20
    paginator_class = CappedPaginator

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        reads(self.request, ["page"])
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

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["page_notice"]:  # not the page the address asked for
            not_kept(response)
        return response


class PublicListView(ForgivingPaginationMixin, FilterView):
    """A list of published content with its filter form; an invalid filter shows its error and no rows."""

    strict = True
    paginator_class = RowsPaginator

    def get_queryset(self) -> QuerySet:
        return self.model.objects.published()

    template_name_suffix = "_list"  # conferences/conference_list.html, as for the hub lists

    def get_filterset_class(self):
        return FILTERSETS[self.model]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reads(self.request, context["filter"].filters)
        # The same list as a file and as JSON: with its filters alone, as the API refuses parameters
        # it does not know (a campaign's utm_source, say).
        query = context["filter"].query()
        context["export_url"] = url_of(self.model, "export") + query
        context["api_url"] = reverse(f"api:{self.model._meta.model_name}-list") + query
        # What each column means, on the data page: its headers and codes are in English in either language.
        context["columns_url"] = f"{reverse('conferences:data')}#export-{EXPORTS[self.model].name}"
        if self.model is ActionItem:  # and its items' progress, to follow
            context["feed_url"] = reverse("conferences:update_feed") + query
        paginator = context["paginator"]
        context["filter_form"] = context["filter"].html(self.request.path, paginator.count if paginator else 0,
                                                        bool(paginator and paginator.capped))
        context["chips"] = context["filter"].chips(self.request.path)
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["filter"].is_bound and not context["filter"].is_valid():  # a filter refused: no list
            not_kept(response)
        return response


class HubListView(ForgivingPaginationMixin, ListView):
    paginate_by = 50
    paginator_class = RowsPaginator
    # Organisations, countries and themes are few: which of them are public is worked out once
    # per content version. People are many and are read page by page instead.
    remember_public = True

    def get_queryset(self):
        if self.remember_public:
            return visibility.public_keys(self.model)
        return in_list_order(self.model.objects.published())

    def get_template_names(self) -> list[str]:
        # Named after the model, as for the content lists: a list of keys does not say its model.
        return [f"conferences/{self.model._meta.model_name}_list.html"]

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.remember_public:  # the keys of the public ones, in order
            return KeyRowsPaginator(queryset, per_page, model=self.model, **kwargs)
        return super().get_paginator(queryset, per_page, **kwargs)


def latest_rows(model, count: int) -> list:
    """The rows of the newest `count` published objects, in the list's order."""
    return render_rows(model, list(model.objects.published().values_list("pk", flat=True)[:count]))


class HomeView(TemplateView):
    template_name = "conferences/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conferences=latest_rows(Conference, 5),
            speeches=latest_rows(Speech, 6),
            # Kept per content version and day: counting a whole table is too slow for every visit.
            progress=scorecard(),
            by_country=by_country(),
            **kwargs,
        )


class SearchForm(forms.Form):
    q = forms.CharField(max_length=search.MAX_QUERY_LENGTH, required=False)


class SearchView(TemplateView):
    template_name = "conferences/search.html"
    group_size = 10

    def get_context_data(self, **kwargs):
        # Words too long are refused with the reason, as on the lists, never searched cut short.
        asked = SearchForm(self.request.GET)
        reads(self.request, asked.fields)
        query = search.clean_query(asked.cleaned_data["q"]) if asked.is_valid() else ""
        groups = []
        if query:
            for title, model in [(_("Conferences"), Conference), (_("Speeches"), Speech),
                                 (_("Action items"), ActionItem), (_("Documents"), Document)]:
                rows, count = search.top_matches(model, query, self.group_size)
                list_url = url_of(model, "list") + "?" + urlencode({"q": query})
                groups.append(Section(title, rows, count, list_url, model._meta.model_name))
        # Countries, themes, organisations, plans and people whose name, in either language, holds the
        # words: what a reader typing a name is looking for, so shown first, each with its kind.
        named = []
        if query:
            for model in (Country, Theme, Organization, Plan):
                keys = search.hubs_named(model, query)[: self.group_size]
                named += [(capfirst(model._meta.verbose_name), obj)
                          for obj in in_key_order(model.objects.filter(pk__in=keys), keys)]
            keys = search.people_named(query)[: self.group_size]
            named += [(capfirst(Person._meta.verbose_name), obj)
                      for obj in in_key_order(Person.objects.filter(pk__in=keys), keys)]
        total = sum(min(group.count, COUNT_CAP) for group in groups) + len(named)
        return super().get_context_data(
            query=query,
            refused=asked.errors.get("q"),
            typed=asked["q"].value() if asked.errors else query,  # kept in the box, to be shortened there
            groups=groups,
            named=named,
            total=total,
            total_capped=any(group.capped for group in groups),
            suggestion=search.suggestion(query) if query and not total else None,
            full_text=search.uses_full_text(),
            **kwargs,
        )


@require_safe
def export_csv(request: HttpRequest, model) -> HttpResponse:
    """The list page's rows, all pages of them, as CSV: same filters, same order, published only."""
    filterset = FILTERSETS[model](request.GET, queryset=model.objects.published())
    # A list page's `page` is taken, as the file holds every page.
    refused = refusal(filterset, _("No file was made, because some filters are not valid:"), also_takes=["page"])
    if refused:
        return refused  # before the ETag: asked again, it is refused again, never "not modified"
    etag = export_etag(request)
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        return unchanged
    # The file is named after the filters that cut it, in the order they were given.
    filters = dict(filterset.given())
    response = EXPORTS[model].response(filterset.qs, request, public=True, filters=filters)
    response["ETag"] = etag
    return response


# The lists, as urls.py names them: the content lists filter, the hub lists page through what is public.
conference_list = PublicListView.as_view(model=Conference)
speech_list = PublicListView.as_view(model=Speech)
actionitem_list = PublicListView.as_view(model=ActionItem)
document_list = PublicListView.as_view(model=Document)
plan_list = HubListView.as_view(model=Plan)
person_list = HubListView.as_view(model=Person, remember_public=False)
organization_list = HubListView.as_view(model=Organization)
country_list = HubListView.as_view(model=Country)
theme_list = HubListView.as_view(model=Theme)
