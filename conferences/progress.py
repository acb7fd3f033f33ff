"""How commitments stand: counts by status, the share completed, the overdue ones and what changed
lately, for the whole programme, a country, an organisation, a theme, and a plan with its pillars.

Worked out from published action items only, once per content version and day (an item
becomes overdue at midnight without anyone changing it). A set of items is named by the
action-item list's own filters, and counted through its filter set: each figure is the
count of the list it links to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.http import urlencode

from . import visibility
from .caching import per_version
from .filters import ActionItemFilter
from .models import ActionItem, ActionItemUpdate, Country, Plan, Status, Theme

RECENT_UPDATES = 5


def whole_percent(part: int, whole: int) -> int:
    """`part` as a whole percentage of `whole`, a half rounded up as a reader checking by hand does
    (1 of 8 is 13%; Python's round() would make it 12)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


@dataclass
class Tally:
    """Counts of action items by status, with the share completed and how many are overdue."""

    counts: dict[str, int] = field(default_factory=dict)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def completed(self) -> int:
        return self.counts.get(Status.COMPLETED, 0)

    @property
    def cancelled(self) -> int:
        return self.counts.get(Status.CANCELLED, 0)

    @property
    def counted(self) -> int:
        """Those the share completed is a share of: all but the cancelled."""
        return self.total - self.cancelled

    @property
    def completed_percent(self) -> int:
        """The share completed, in whole percent."""
        return whole_percent(self.completed, self.counted)

    @property
    def by_status(self) -> list[tuple[str, str, int]]:
        """(status, its label, count) for every status, in the statuses' order."""
        return [(value, label, self.counts.get(value, 0)) for value, label in Status.choices]


def tally(items: QuerySet, today) -> Tally:
    """How the action items `items` stand on `today`."""
    items = items.order_by()
    return Tally(dict(items.values_list("status").annotate(n=Count("pk", distinct=True))),
                 items.filter(ActionItem.overdue_q(today)).values("pk").distinct().count())


@dataclass
class Scorecard:
    """How the action items the list shows for some filters stand, and their latest progress updates."""

    query: str  # the filters, as the list's query string: where each figure links to
    tally: Tally
    recent: list  # ActionItemUpdate, newest first


def scorecard(**filters: str) -> Scorecard:
    """The scorecard of the action items the list shows for `filters` (none: all of them)."""
    def work_out() -> Scorecard:
        filterset = ActionItemFilter(filters, queryset=ActionItem.objects.published())
        # A value the filter set refuses (a hub not public yet, seen in a preview) counts nothing, as the
        # list would show nothing: django-filter would otherwise leave the filter out and count everything.
        items = filterset.qs if filterset.is_valid() else ActionItem.objects.none()
        recent = (ActionItemUpdate.objects.published().filter(action_item__in=items.order_by().values("pk"))
                  .select_related("action_item").order_by("-date", "-pk")[:RECENT_UPDATES])
        return Scorecard(urlencode(filters), tally(items, timezone.localdate()), list(recent))

    return per_version("scorecard", sorted(filters.items()), compute=work_out)


def by_country() -> list[tuple]:
    """(country, its Tally) for each public country that public action items concern, in the countries'
    order: what the country filter of the list gives for each."""
    def work_out() -> list[tuple[Country, Tally]]:
        today = timezone.localdate()
        items = ActionItem.objects.published().order_by()
        tallies: dict[int, Tally] = {}
        for country, status, count in (items.filter(countries__isnull=False).values_list("countries", "status")
                                       .annotate(n=Count("pk", distinct=True))):
            tallies.setdefault(country, Tally()).counts[status] = count
        overdue = (items.filter(ActionItem.overdue_q(today), countries__isnull=False).values_list("countries")
                   .annotate(n=Count("pk", distinct=True)))
        for country, count in overdue:
            tallies[country].overdue = count
        keys = [key for key in visibility.public_keys(Country) if key in tallies]  # in the countries' order
        countries = Country.objects.in_bulk(keys)
        return [(countries[key], tallies[key]) for key in keys]

    return per_version("progress-by-country", compute=work_out)  # the countries too: a home page has no query to spare


@dataclass
class PlanProgress:
    overall: Tally
    pillars: list[tuple[int, Tally]]  # (theme key, its tally), in the themes' order
    outside_pillars: int  # public items of the plan under none of its pillars


def plan_progress(plan: Plan) -> PlanProgress:
    return per_version("plan-progress", plan.pk, compute=lambda: _work_out(plan, timezone.localdate()))


def _work_out(plan: Plan, today) -> PlanProgress:
    items = ActionItem.objects.published().filter(plan=plan).order_by()
    overall = tally(items, today)
    pillar_keys = list(Theme.objects.filter(plans=plan).values_list("pk", flat=True))  # in the themes' order
    tallies = {key: Tally() for key in pillar_keys}
    by_pillar = items.filter(themes__in=pillar_keys)
    for theme, status, count in by_pillar.values_list("themes", "status").annotate(n=Count("pk")):
        tallies[theme].counts[status] = count
    for theme, count in by_pillar.filter(ActionItem.overdue_q(today)).values_list("themes").annotate(n=Count("pk")):
        tallies[theme].overdue = count
    outside = items.exclude(themes__in=pillar_keys).count() if pillar_keys else overall.total
    return PlanProgress(overall, [(key, tallies[key]) for key in pillar_keys], outside)
