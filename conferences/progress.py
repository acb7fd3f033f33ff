"""How the commitments of a plan stand: counts by status, the share completed, the overdue ones, by pillar.

Worked out from published action items only, once per content version and day (an item
becomes overdue at midnight without anyone changing it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from .caching import per_version
from .models import ActionItem, Plan, Status, Theme


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
    def counted(self) -> int:
        """Those the share completed is a share of: all but the cancelled."""
        return self.total - self.counts.get(Status.CANCELLED, 0)

    @property
    def completed_percent(self) -> int:
        """The share completed, in whole percent."""
        return round(100 * self.completed / self.counted) if self.counted else 0

    @property
    def by_status(self) -> list[tuple[str, str, int]]:
        """(status, its label, count) for every status, in the statuses' order."""
        return [(value, label, self.counts.get(value, 0)) for value, label in Status.choices]


@dataclass
class PlanProgress:
    overall: Tally
    pillars: list[tuple[int, Tally]]  # (theme key, its tally), in the themes' order
    outside_pillars: int  # public items of the plan under none of its pillars


def plan_progress(plan: Plan) -> PlanProgress:
    return per_version("plan-progress", plan.pk, compute=lambda: _work_out(plan, timezone.localdate()))


def _work_out(plan: Plan, today) -> PlanProgress:
    items = ActionItem.objects.published().filter(plan=plan).order_by()
    overall = Tally(dict(items.values_list("status").annotate(n=Count("pk"))),
                    items.filter(ActionItem.overdue_q(today)).count())
    pillar_keys = list(Theme.objects.filter(plans=plan).values_list("pk", flat=True))  # in the themes' order
    tallies = {key: Tally() for key in pillar_keys}
    by_pillar = items.filter(themes__in=pillar_keys)
    for theme, status, count in by_pillar.values_list("themes", "status").annotate(n=Count("pk")):
        tallies[theme].counts[status] = count
    for theme, count in by_pillar.filter(ActionItem.overdue_q(today)).values_list("themes").annotate(n=Count("pk")):
        tallies[theme].overdue = count
    outside = items.exclude(themes__in=pillar_keys).count() if pillar_keys else overall.total
    return PlanProgress(overall, [(key, tallies[key]) for key in pillar_keys], outside)
