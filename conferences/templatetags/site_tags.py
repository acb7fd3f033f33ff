from functools import cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

NAVIGATION = [
    (_("Conferences"), "conferences:conference_list"),
    (_("Speeches"), "conferences:speech_list"),
    (_("Action items"), "conferences:actionitem_list"),
    (_("Organisations"), "conferences:organization_list"),
    (_("Countries"), "conferences:country_list"),
    (_("Themes"), "conferences:theme_list"),
    (_("People"), "conferences:person_list"),
]


@cache
def navigation_urls(script_prefix: str) -> list[str]:
    """The sections' addresses: the same on every page, so worked out once per process."""
    return [reverse(name) for _, name in NAVIGATION]


@register.inclusion_tag("includes/site_nav.html", takes_context=True)
def site_nav(context):
    """The main navigation, with the current section marked for screen readers and the eye."""
    request = context.get("request")
    path = request.path if request else ""
    urls = navigation_urls(get_script_prefix())
    return {"links": [(label, url, path.startswith(url)) for (label, _), url in zip(NAVIGATION, urls, strict=True)]}


@register.filter
def percent_of(value: int, total: int) -> int:
    """`value` as a whole percentage of `total`, for bar widths."""
    return round(100 * value / total) if total else 0
