"""Rows of lists, rendered once per content version.

The same conference, speech or action item is a row on many pages: every page and filter of
its list, hub pages, its conference's page, the home page. Its row depends on nothing but
the content and the language, so its HTML is kept in the cache under the content version:
any change to the content makes every row stale at once, as it does every page.
"""

from __future__ import annotations

from django.db.models import Model, Prefetch, QuerySet
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from .caching import per_version_many
from .models import (
    ActionItem,
    Conference,
    Country,
    Document,
    Organization,
    Person,
    Plan,
    Speech,
    SpeechTranslation,
    Theme,
)
from .pagination import CappedPaginator, KeyListPaginator

# The row template of each kind, and the name it knows its object by.
ROW_TEMPLATES = {
    Conference: ("conferences/includes/conference_row.html", "conference"),
    Speech: ("conferences/includes/speech_row.html", "speech"),
    ActionItem: ("conferences/includes/action_item_row.html", "item"),
    Document: ("conferences/includes/document_row.html", "document"),
    Plan: ("conferences/includes/plan_row.html", "hub"),
    Person: ("conferences/includes/person_row.html", "hub"),
    Organization: ("conferences/includes/organization_row.html", "hub"),
    Country: ("conferences/includes/country_row.html", "hub"),
    Theme: ("conferences/includes/theme_row.html", "hub"),
}
# What each row shows besides the object itself, fetched in the same query.
ROW_RELATED = {
    Conference: ["country"],
    Speech: ["conference", "speaker", "speaker_organization"],
    ActionItem: ["lead_organization", "conference"],
    Document: ["conference"],
    Person: [], Organization: [], Country: [], Theme: [], Plan: [],
}
# A speech's row says when its text cannot be read in the page's language: which languages it has
# (not the texts themselves). Only rows read them (not search or feeds, which read the texts).
ROW_PREFETCHED = {
    Speech: [Prefetch("translations", queryset=SpeechTranslation.objects.only("speech", "language"))],
}


def published_rows(model) -> QuerySet:
    """Published objects of `model`, with what their rows show."""
    return model.objects.published().select_related(*ROW_RELATED[model])


def render_rows(model: type[Model], keys: list) -> list[SafeString]:
    """The rows of the published objects with these keys, in this order, as HTML."""
    template_name, name = ROW_TEMPLATES[model]

    def render(missing: list) -> dict:
        template = get_template(template_name)
        rows = published_rows(model).prefetch_related(*ROW_PREFETCHED.get(model, [])).filter(pk__in=missing)
        return {obj.pk: template.render({name: obj}) for obj in rows}

    found = per_version_many(f"row:{model._meta.label}", keys, render)
    return [mark_safe(found[key]) for key in keys if key in found]


class RowsPaginator(CappedPaginator):
    """Pages whose rows are their HTML, from render_rows(): the objects are read only when not cached."""

    def rows(self, keys: list) -> list[SafeString]:
        return render_rows(self.object_list.model, keys)


class KeyRowsPaginator(KeyListPaginator):
    """Pages of a list of keys known beforehand, whose rows are their HTML, from render_rows()."""

    def rows(self, keys: list) -> list[SafeString]:
        return render_rows(self.model, keys)
