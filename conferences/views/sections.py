"""A section of a page: the first rows of a list, how many there are, and where to see them all."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode

from ..caching import per_version
from ..filters import PublicFilterSet
from ..list_rows import render_rows
from ..pagination import COUNT_CAP, CappedPaginator

SECTION_SIZE = 10


def url_of(model, page: str) -> str:
    """The address of a model's list page ("list") or CSV ("export")."""
    return reverse(f"conferences:{model._meta.model_name}_{page}")


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
    model = filterset_class.Meta.model
    query = "?" + urlencode(params)

    def first_rows() -> tuple[int, list]:
        queryset = model.objects.published()
        filterset = filterset_class(params, queryset=queryset)
        paginator = CappedPaginator(filterset.qs if filterset.is_valid() else queryset.none(), SECTION_SIZE)
        return paginator.count, paginator.page_keys(1)

    count, keys = per_version("section", model._meta.label, query, compute=first_rows)
    return Section(
        title, render_rows(model, keys), count, url_of(model, "list") + query,
        model._meta.model_name, url_of(model, "export") + query,
    )
