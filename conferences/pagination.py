"""Pagination that stays fast on lists of a million rows.

Counting every row of a long list costs as much as reading it. So lists are counted up
to COUNT_CAP rows; beyond that, the page says "more than 1,000" with PostgreSQL's own
estimate of the total, and pages are found by going there: a page shows whether another
follows by reading one row more. A page number that is not a number, or past the end,
shows the nearest page.

A deep page is found by skipping the keys of the rows before it along an index; where a
page starts is then kept per content version as a bookmark (the sort values of the row
before it), so that the next visit to that page, or to the one after it, starts there.
"""

from __future__ import annotations

import hashlib
import json
import math
import operator
from functools import reduce

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q
from django.utils.functional import cached_property

from .caching import per_version, recalled, remember

# The interface's texts name it in words ("More than 1,000 action items", "1,000+", in both languages):
# a sentence reads better than a number put into one. They change with it.
COUNT_CAP = 1000
MAX_PAGE = 50_000  # a million rows deep at twenty a page: anything beyond is past the end anyway
BOOKMARK_FROM = 200  # rows deep: skipping fewer along an index costs next to nothing


def estimated_count(queryset) -> int | None:
    """PostgreSQL's planner estimate of how many rows `queryset` has, without reading them."""
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def sort_columns(queryset) -> list[tuple[str, bool]] | None:
    """The list's order as (field, descending), if it is plain columns without NULLs ending with the key.

    Only such an order can be resumed from a row's values; the others are skipped along as before.
    """
    meta, columns = queryset.model._meta, []
    for name in queryset.query.order_by:
        if not isinstance(name, str) or "__" in name or "?" in name:
            return None
        field_name = name.removeprefix("-")
        try:
            field = meta.pk if field_name == "pk" else meta.get_field(field_name)
        except FieldDoesNotExist:
            return None
        if field.null or field.is_relation:
            return None
        columns.append((field_name, name.startswith("-")))
    return columns if columns and columns[-1][0] in ("pk", meta.pk.name) else None


def after(columns: list[tuple[str, bool]], values: tuple) -> Q:
    """The rows that come after the row with these sort values, in this order."""
    later = reduce(operator.or_, (
        Q(**dict(zip([name for name, _ in columns[:i]], values[:i], strict=True)),
          **{f"{name}__{'lt' if descending else 'gt'}": values[i]})
        for i, (name, descending) in enumerate(columns)
    ))
    # Implied by the rest; said on its own, it lets the database start reading the index there.
    first, descending = columns[0]
    return Q(**{f"{first}__{'lte' if descending else 'gte'}": values[0]}) & later


def in_key_order(objects, keys: list) -> list:
    """`objects` (those with these keys) in the order of `keys`."""
    position = {key: n for n, key in enumerate(keys)}
    return sorted(objects, key=lambda obj: position[obj.pk])


def sql_digest(queryset) -> str | None:
    """A short name for the query `queryset` runs, or None when it is known to find nothing."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a list known to be empty, such as one whose filters are wrong
        return None
    return hashlib.sha1(f"{sql}|{params}".encode()).hexdigest()


def capped_count(queryset, cap: int = COUNT_CAP, digest: str | None = "") -> int:
    """The number of rows, counting at most cap + 1 of them (reading their keys only).

    Counted once per content version: a count changes only with the content, and counting
    a thousand rows costs as much as showing a page of them. `digest` names the query: its
    sql_digest(), or a name that stands for it, when the caller has one already.
    """
    digest = sql_digest(queryset) if digest == "" else digest
    if digest is None:
        return 0
    return per_version("count", cap, digest, compute=queryset.order_by().values("pk")[: cap + 1].count)


class CappedPage(Page):
    def __init__(self, object_list, number, paginator, has_more: bool):
        super().__init__(object_list, number, paginator)
        self.has_more = has_more

    def end_index(self) -> int:
        # From the rows it holds: a capped list's last page number says nothing of where the list ends.
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0

    def has_next(self) -> bool:
        return self.has_more

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    @cached_property
    def digest(self) -> str | None:
        return sql_digest(self.object_list)

    @cached_property
    def count(self) -> int:
        return capped_count(self.object_list, self.cap, self.digest)

    exact = False  # set once a page shows where a long list ends: its length is known then

    @property
    def capped(self) -> bool:
        """Whether the list is longer than the cap, so that its length is only estimated."""
        return self.count > self.cap and not self.exact

    @cached_property
    def estimate(self) -> int | None:
        # Worked out whether or not the list is capped, so that the page's queries are always the same.
        if self.digest is None:
            return 0
        estimate = per_version("estimate", self.digest, compute=lambda: estimated_count(self.object_list))
        return estimate if self.capped else self.count

    def nearest_page(self, requested: str) -> CappedPage:
        """The page asked for, or the nearest one that exists."""
        try:
            number = min(max(int(requested), 1), MAX_PAGE)
        except (TypeError, ValueError):
            number = 1
        if not self.capped:
            number = min(number, self.num_pages)
        elif number > 1 and (last := recalled("last-page", self.digest)) is not None:  # went past the end before
            number = min(number, last)
        page = self._read(number)
        if not page.object_list and number > 1:
            # Past the end of a long list: only now is it worth counting it all, once per content version.
            last = per_version("last-page", self.digest,
                               compute=lambda: max(math.ceil(self.object_list.count() / self.per_page), 1))
            page = self._read(last)
        return page

    def page_keys(self, number: int) -> list:
        """The keys of the rows of page `number` (for a section showing the first page of a list)."""
        return self._keys((number - 1) * self.per_page, self.per_page)

    def _read(self, number: int) -> CappedPage:
        """The page's rows: their keys first, skipping along an index, then the rows themselves.

        Reading only keys past the rows before the page keeps a deep page (2,000 pages in)
        nearly as quick as the first; one row more tells whether a next page exists.
        """
        bottom = (number - 1) * self.per_page
        keys = self._keys(bottom, self.per_page + 1)
        rows = self.rows(keys[: self.per_page]) if keys else []
        has_more = len(keys) > self.per_page
        if keys and not has_more and self.count > self.cap:  # the last page of a long list
            self.count, self.exact = bottom + len(keys), True
        return CappedPage(rows, number, self, has_more=has_more)

    def _keys(self, bottom: int, count: int) -> list:
        """The keys of `count` rows from row `bottom` on, once per content version, like the count."""
        if self.digest is None:
            return []
        return per_version("keys", self.digest, bottom, count, compute=lambda: self._read_keys(bottom, count))

    def _read_keys(self, bottom: int, count: int) -> list:
        """The keys of `count` rows from row `bottom` on, resumed from a bookmark on deep pages."""
        source = self.object_list
        columns = sort_columns(source) if bottom >= BOOKMARK_FROM and self.digest else None
        if columns is None:
            return list(source.values_list("pk", flat=True)[bottom : bottom + count])
        names = [name for name, _ in columns]
        mark = recalled("bookmark", self.digest, bottom)
        if mark is not None:
            rows = list(source.filter(after(columns, mark)).values_list(*names)[:count])
        else:
            rows = list(source.values_list(*names)[bottom - 1 : bottom + count])
            if not rows:
                return []
            mark, rows = rows[0], rows[1:]
            remember("bookmark", self.digest, bottom, value=mark)
        if len(rows) > self.per_page:  # where the next page starts, for a reader going on
            remember("bookmark", self.digest, bottom + self.per_page, value=rows[self.per_page - 1])
        return [row[-1] for row in rows]

    def rows(self, keys: list) -> list:
        """The objects with these keys, in this order."""
        # By their keys alone: filtering them again would run the list's filters twice.
        return in_key_order(self.object_list.model.objects.filter(pk__in=keys), keys)


class KeyListPaginator(CappedPaginator):
    """Pages of a list whose keys are known beforehand, in order (worked out once per content
    version): its length is exact and a page reads only its own rows."""

    cap = math.inf

    def __init__(self, keys: list, per_page: int, *, model, **kwargs):
        super().__init__(keys, per_page, **kwargs)
        self.model = model

    @cached_property
    def count(self) -> int:
        return len(self.object_list)

    @cached_property
    def estimate(self) -> int:
        return self.count

    def _keys(self, bottom: int, count: int) -> list:
        return self.object_list[bottom : bottom + count]

    def rows(self, keys: list) -> list:
        return in_key_order(self.model.objects.filter(pk__in=keys), keys)
