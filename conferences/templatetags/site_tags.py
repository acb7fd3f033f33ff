import re
from functools import cache
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse, translate_url
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from conferences import structured_data
from conferences.caching import per_version
from conferences.countries import utc_offset
from conferences.following import FOLLOWABLE
from conferences.languages import shown, unless_the_pages
from conferences.models import Language, Status
from conferences.progress import whole_percent

register = template.Library()

NAVIGATION = [
    (_("Conferences"), "conferences:conference_list"),
    (_("Speeches"), "conferences:speech_list"),
    (_("Action items"), "conferences:actionitem_list"),
    (_("Documents"), "conferences:document_list"),
    (_("Plans"), "conferences:plan_list"),
    (_("Organisations"), "conferences:organization_list"),
    (_("Countries"), "conferences:country_list"),
    (_("Themes"), "conferences:theme_list"),
    (_("People"), "conferences:person_list"),
]


@cache
def navigation_urls(script_prefix: str, language: str) -> list[str]:
    """The sections' addresses: the same on every page, so worked out once per process (prefix and language)."""
    return [reverse(name) for _, name in NAVIGATION]


@register.simple_tag
def lang_of(obj, *names: str) -> SafeString:
    """` lang="en"` on the element showing these translated fields of `obj` (by default those
    that name it), where they show in another language than the page's (English, for want of a
    translation); else nothing."""
    if obj is None:
        return mark_safe("")
    return _lang_attribute(shown(obj, *(names or type(obj).name_fields))[1])


@register.simple_tag
def language_tag(language: str, said_before: str) -> SafeString:
    """A tag naming `language` where it is not the page's (else nothing); `said_before` is read out
    before it to a screen reader ("Text in:"), which otherwise hears a language's name alone."""
    other = unless_the_pages(language)
    if not other:
        return mark_safe("")
    return format_html('<span class="tag"><span class="visually-hidden">{} </span>{}</span>',
                       said_before, Language(other).label)


@register.simple_tag
def untranslated(obj, *names: str) -> SafeString:
    """The language these fields of `obj` show in, where it is not the page's (not translated yet),
    as a speech's row names its text's language: a reader sees why a title is in another language."""
    tag = language_tag(shown(obj, *(names or type(obj).name_fields))[1], gettext("Not translated yet, in:"))
    return format_html(" {}", tag) if tag else tag


def _lang_attribute(language: str) -> SafeString:
    other = unless_the_pages(language)
    return format_html(' lang="{}"', other) if other else mark_safe("")


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in each of the site's languages: for the switcher and the hreflang links.

    Each: its code, its name in itself ("Русский"), its address (with the same query) and
    whether it is the page shown.
    """
    request = context.get("request")
    if request is None:
        return []
    here, current = request.get_full_path(), get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        url = here if code == current else translate_url(here, code)
        if url == here and code != current:  # an address with no page (a 404): that language's home
            with translation.override(code):
                url = reverse("conferences:home")
        versions.append({"code": code, "name": get_language_info(code)["name_local"], "url": url,
                         "absolute_url": request.build_absolute_uri(url), "current": code == current})
    return versions


@register.simple_tag(takes_context=True)
def site_nav(context) -> SafeString:
    """The main navigation, with the current section marked for screen readers and the eye.

    The same on every page of a section: rendered once per content version for each section.
    """
    request = context.get("request")
    path = request.path if request else ""
    prefix = get_script_prefix()
    urls = navigation_urls(prefix, get_language())
    current = next((url for url in urls if path.startswith(url)), "")

    def render() -> str:
        links = [(label, url, url == current) for (label, _), url in zip(NAVIGATION, urls, strict=True)]
        return render_to_string("includes/site_nav.html", {"links": links})

    return mark_safe(per_version("navigation", prefix, current, compute=render))


# Browsers follow javascript: and data: links too. A URLField admits only web addresses in forms,
# but a value written by a script, an importer or straight into the database is not checked.
WEB_ADDRESS = re.compile(r"https?://", re.IGNORECASE)


@register.filter
def web_link(url: str, label: str = "") -> SafeString:
    """A link to `url` (named `label`, escaped unless marked safe, else the address) if it is a web
    address (http or https); anything else as plain text."""
    if WEB_ADDRESS.match(url):
        return format_html('<a href="{}" rel="noopener">{}</a>', url, label or url)
    return conditional_escape(url)


@register.simple_tag
def site_part(template_name: str) -> SafeString:
    """A part of every page that depends on the language alone (the head's links, the footer).

    Rendered once per content version and language: its reversed addresses and translations
    cost as much as the rest of a short page.
    """
    return mark_safe(per_version("site-part", template_name, compute=lambda: render_to_string(template_name)))


@register.filter
def in_a_sentence(name: str) -> str:
    """A language's name as it reads after a label: Russian writes it small ("Язык оригинала:
    английский"), English with its capital ("Original language: English")."""
    return name[:1].lower() + name[1:] if get_language() == "ru" else name


@register.filter
def percent_of(value: int, total: int) -> int:
    """`value` as a whole percentage of `total`, for bars."""
    return whole_percent(value, total)


# An action item's status and progress, the same on rows, detail pages and timelines. Tags rather
# than included templates: they repeat on every row, and an include costs more than the row.

@register.simple_tag
def status_badge(value: str) -> SafeString:
    """A status, coloured by its value. (Its label from Status: get_status_display() rebuilds the choices each time.)"""
    return format_html('<span class="status status--{}">{}</span>', value, Status(value).label)


@register.simple_tag
def bar(percent: int) -> SafeString:
    """A bar filled `percent` of its box's width, for the eye only. The width is an SVG attribute, not a style,
    so that the site's Content-Security-Policy can forbid inline styles."""
    return format_html(
        '<svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">'
        '<rect width="{}" height="1"/></svg>',
        percent,
    )


@register.simple_tag
def progress_bar(value: int) -> SafeString:
    """How far an action item has come: a bar, and the percentage beside it."""
    return format_html(
        '<span class="progress" role="img" aria-label="{}"><span class="progress__bar">{}</span>'
        '<span class="progress__value" aria-hidden="true">{}%</span></span>',
        gettext("%(value)s%% done") % {"value": value}, bar(value), value,
    )


@register.simple_tag
def page_numbers(page_obj) -> list:
    """The pages to offer around the current one, and the first and last: 1 … 4 5 6 7 8 … 20, each gap
    being Paginator.ELLIPSIS."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))


LAST_UPDATE_AT = 94  # per cent of the chart's width: past it, the last level runs on as a line


@register.simple_tag
def progress_history(updates) -> SafeString:
    """How an action item's progress went over its updates (any order): a step line over their dates on a
    scale of 0 to 100%, a dot at each update, and the first and last day with their progress under it.
    For the eye; the updates themselves are listed beside it."""
    # In the order the item takes its progress from them (ActionItem.follow_latest_update()): a day's later
    # update, which may correct the earlier, comes last.
    steps = [(update.date, update.progress) for update in sorted(updates, key=lambda update: (update.date, update.pk))]
    first, last = steps[0][0], steps[-1][0]
    span = (last - first).days or 1
    points, dots, level = [], [], None
    for date, progress in steps:
        x = LAST_UPDATE_AT * (date - first).days / span
        if level is not None:
            points.append(f"{x:.1f},{100 - level}")  # it held until this update
        points.append(f"{x:.1f},{100 - progress}")
        dots.append(f"{x:.1f},{100 - progress}")
        level = progress
    points.append(f"100.0,{100 - level}")  # and holds since the last one
    # The stretched drawing would make circles ovals: a dot is a line of no length with round ends,
    # whose width, like every stroke's here, does not stretch.
    return format_html(
        '<div class="progress-history__chart"><p class="progress-history__scale" aria-hidden="true">'
        '<span>100%</span><span>50%</span><span>0%</span></p>'
        '<svg class="progress-history__line" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">'
        '<path class="progress-history__grid" d="M0,0H100M0,25H100M0,50H100M0,75H100" '
        'vector-effect="non-scaling-stroke"/>'
        '<polyline points="{}" vector-effect="non-scaling-stroke"/>{}</svg></div>'
        '<p class="progress-history__days"><span>{}: {}%</span><span>{}: {}%</span></p>',
        " ".join(points),
        format_html_join("", '<polyline class="progress-history__dot" points="{} {}" '
                             'vector-effect="non-scaling-stroke"/>', ((dot, dot) for dot in dots)),
        day(first), steps[0][1], day(last), steps[-1][1],
    )


# Days as <time> elements, the date a machine reads beside the one a reader does: the same on
# rows, detail pages and timelines.

@register.simple_tag
def day(value, format: str = "DATE_FORMAT") -> SafeString:
    """One day in the page's language: 3 March 2022, 3 марта 2022 г."""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), date_format(value, format))


@register.simple_tag
def days(start, end) -> SafeString:
    """A meeting's days, its month and year said once: "18–19 October 2022", "30 November – 2 December
    2022", «18–19 октября 2022 г.»; or the one day when it has no other."""
    if not end or end == start:
        return day(start)
    if start.year != end.year:
        return format_html("{} – {}", day(start), day(end))
    if start.month == end.month:
        return format_html("{}–{}", day(start, "j"), day(end))
    return format_html("{} – {}", day(start, "MONTH_DAY_FORMAT"), day(end))


@register.simple_tag
def meeting_state(conference) -> SafeString:
    """A mark on a meeting yet to come or being held today; nothing on one that is over. (Pages and rows
    are kept per day, so the mark changes at midnight.)"""
    if conference.is_upcoming:
        return format_html('<span class="status status--upcoming">{}</span>', _("Upcoming"))
    if conference.is_under_way:
        return format_html('<span class="status status--under-way">{}</span>', _("Under way"))
    return mark_safe("")


@register.simple_tag
def session_time(starts_at, ends_at, zone) -> SafeString:
    """When a session runs, in the time its meeting keeps (`zone`), which it names by its offset from UTC:
    3 March 2022, 10:00–11:30 (UTC+5)."""
    start = timezone.localtime(starts_at, zone)
    text = f"{date_format(start.date())}, {time_format(start.time(), 'H:i')}"
    if ends_at:
        end = timezone.localtime(ends_at, zone)
        text += f"–{time_format(end.time(), 'H:i')}" if end.date() == start.date() else \
            f" – {date_format(end.date())}, {time_format(end.time(), 'H:i')}"
    return format_html('<time datetime="{}">{}</time> ({})', start.isoformat(), text, utc_offset(start))


@register.simple_tag
def status_mix(tally) -> SafeString:
    """One bar split by status, each part as wide as its share of `tally` (a progress.Tally): for the eye
    only; the counts are written beside it."""
    total, x, parts = tally.total, 0.0, []
    for value, _label, count in tally.by_status:
        if count:
            width = 100 * count / total
            parts.append(format_html('<rect class="mix--{}" x="{}" width="{}" height="1"/>', value, f"{x:.2f}",
                                     f"{width:.2f}"))
            x += width
    return format_html('<svg class="status-mix" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">'
                       '{}</svg>', mark_safe("".join(parts)))


@register.filter
def site_name(url: str) -> str:
    """The host a web address points to, without "www.": undocs.org."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


@register.simple_tag
def follow_by_email(obj) -> SafeString:
    """The link to follow `obj` by email, where readers may follow it (following.FOLLOWABLE)."""
    kind = obj._meta.model_name
    if kind not in FOLLOWABLE:
        return mark_safe("")
    return format_html('<a class="email-link" href="{}">{}</a>', reverse("conferences:follow", args=[kind, obj.slug]),
                       gettext("Follow by email"))


@register.simple_tag(takes_context=True)
def page_meta(context) -> dict:
    """What the page says about itself: its canonical address, Open Graph and, for a record, schema.org JSON-LD."""
    request = context.get("request")
    if request is None:
        return {}
    obj = context.get("object")
    meta = {"canonical": request.build_absolute_uri(request.path if obj is not None else request.get_full_path()),
            "locale": structured_data.OG_LOCALES.get(get_language(), ""),
            "alternate_locales": [locale for code, locale in structured_data.OG_LOCALES.items()
                                  if code != get_language()]}
    filterset, page = context.get("filter"), context.get("page_obj")
    if obj is None and (filterset is not None or page is not None):
        # A list: its filters and the page it shows, not what the address added (a page past the end, utm_source).
        asked = [*(filterset.given() if filterset is not None else []),
                 *([("page", page.number)] if page is not None and page.number > 1 else [])]
        meta["canonical"] = request.build_absolute_uri(f"{request.path}?{urlencode(asked)}" if asked else request.path)
        meta["title"] = capfirst(context["view"].model._meta.verbose_name_plural)
    if context.get("chips"):
        # A filtered list's link, shared, says which filters it holds ("Action items · Country: Uzbekistan").
        meta["filters"] = ", ".join(map(str, context["chips"]))
        meta["title"] = f"{meta['title']} · {meta['filters']}"
    if obj is not None and hasattr(obj, "get_absolute_url"):
        meta["title"] = str(obj)
        meta["description"] = structured_data.description(obj)
        described = structured_data.json_ld(obj, request)
        if described is not None:
            meta["json_ld"] = mark_safe(structured_data.script(described))  # escaped for the element by script()
    return meta


BREAKABLE_FROM = 12  # characters: a shorter name ("page_size", "due_before") always stays on one line


@register.filter
def breakable_name(name) -> SafeString:
    """A long name in code ("speaker_organization") that a narrow column may wrap after an underscore
    and nowhere else: each part whole, with a break allowed between them."""
    name = str(name)
    parts = name.split("_") if len(name) >= BREAKABLE_FROM else [name]
    return mark_safe("<wbr>".join(format_html('<span class="whole">{}</span>', part + ("_" if n < len(parts) else ""))
                                  for n, part in enumerate(parts, 1)))
