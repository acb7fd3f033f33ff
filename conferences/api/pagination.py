"""Cursor pagination for the API: each page says where the next one starts.

Where the list's order is plain columns ending with the key (every list's default order, and
most others), the cursor holds the sort values of the page's last row, and the next page is
read from there along the order's index: page 5,000 costs what page 1 does. Other orders
(search relevance, status, due date with its empty dates last) carry a row offset instead, with
the key of the row before it: where a record published, unpublished or moved in the order since
has shifted that row, the next page would skip or repeat records, and the cursor is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json

from django.core.exceptions import ValidationError as ModelValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from ..caching import per_version
from ..pagination import COUNT_CAP, after, capped_count, sort_columns, sql_digest

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_OFFSET = 10_000_000  # past any list's end; a larger number in a cursor was not made here


def order_of(queryset, columns) -> list[str] | str:
    """The order a cursor belongs to (["-start_date", "title_en", "pk"], or a digest of an order of
    expressions), so that it is never read in another."""
    if columns:
        return [f"{'-' if descending else ''}{name}" for name, descending in columns]
    return hashlib.sha1(str(queryset.query.order_by).encode()).hexdigest()[:12]


def encode_cursor(position: dict) -> str:
    """A position ({"after": sort values} or {"offset": n}) as the `cursor` parameter's value."""
    return base64.urlsafe_b64encode(json.dumps(position, cls=DjangoJSONEncoder).encode()).decode()


class CursorPagination(BasePagination):
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None) -> list:
        """The keys of the page's records, in order (the view reads the records themselves).

        Only keys and sort values are read, along the order's index, and kept per content
        version, as a list page keeps its keys.
        """
        self.request = request
        size = self.page_size(request)
        # As a list page says how many match, and counted as it counts them: up to COUNT_CAP, then "more".
        counted = queryset.order_by().values("pk")  # its digest: the records' columns and joins cost more to compile
        self.count = capped_count(counted, COUNT_CAP, digest=sql_digest(counted))
        columns = sort_columns(queryset)
        position = self.position(request, queryset, columns)
        names = [name for name, _descending in columns] if columns else ["pk"]
        offset, last = position.get("offset", 0), position.get("last")
        if "after" in position:
            page = queryset.filter(after(columns, position["after"]))[: size + 1]
        else:  # from the row the previous page ended with, to see that it is still there
            page = queryset[offset - (last is not None): offset + size + 1]
        keys = page.values_list(*names)
        digest = sql_digest(keys)  # of the keys' own query: the records' columns and joins cost more to compile
        rows = [] if digest is None else per_version("api-keys", digest, compute=lambda: list(keys))
        if last is not None:
            if not rows or rows[0][-1] != last:
                raise ValidationError({self.cursor_query_param: [
                    _("The list has changed since this cursor was made: a record was published, unpublished or "
                      "moved in this order before it. Start again from the first page, or walk the list in its "
                      "default order, where a page starts after the last record seen.")]})
            rows = rows[1:]
        self.next_position = None
        if len(rows) > size:
            rows = rows[:size]
            if columns:
                self.next_position = {"after": list(rows[-1])}
            else:
                self.next_position = {"offset": offset + size, "last": rows[-1][-1]}
            self.next_position["order"] = order_of(queryset, columns)
        return [row[-1] for row in rows]  # the key is the last sort column, or the only one

    def page_size(self, request) -> int:
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None:
            return PAGE_SIZE
        # isdigit() alone lets through digits int() refuses, such as "²".
        if not (asked.isascii() and asked.isdigit()) or not 1 <= int(asked) <= MAX_PAGE_SIZE:
            raise ValidationError({self.page_size_query_param: [
                _("Give a number of records from 1 to %(most)s.") % {"most": MAX_PAGE_SIZE}]})
        return int(asked)

    def position(self, request, queryset, columns) -> dict:
        """Where the page starts, from the cursor a previous page gave: checked, as anyone can edit an address."""
        cursor = request.query_params.get(self.cursor_query_param)
        if not cursor:
            return {}
        invalid = ValidationError({self.cursor_query_param: [
            _("This cursor did not come from this list, or the list's filters or order have changed since. "
              "Start again from the first page.")]})
        try:
            # validate: without it, characters outside the alphabet (a "%00" added) are silently dropped.
            position = json.loads(base64.b64decode(cursor, altchars=b"-_", validate=True))
        except (ValueError, binascii.Error, RecursionError):  # RecursionError: "[[[[…" nested past Python's limit
            raise invalid from None
        if not isinstance(position, dict):
            raise invalid
        if position.get("order") != order_of(queryset, columns):  # a cursor of another order (date, -date)
            raise invalid
        after = position.get("after")
        if columns and isinstance(after, list) and len(after) == len(columns):
            # Text and whole numbers are all encode_cursor() writes (dates as text): not true, 1e308 or [].
            if any(type(value) not in (str, int) or (isinstance(value, str) and "\x00" in value) for value in after):
                raise invalid
            meta = queryset.model._meta
            fields = [meta.pk if name == "pk" else meta.get_field(name) for name, _descending in columns]
            values = []
            try:
                for field, value in zip(fields, after, strict=True):
                    if isinstance(value, str):
                        value.encode()  # a lone surrogate ("\ud800") is no text the database can take
                    value = field.to_python(value)
                    field.run_validators(value)  # within the column's range, which the database would refuse
                    values.append(value)
            except (ModelValidationError, TypeError, ValueError, OverflowError):  # OverflowError: int(Infinity)
                raise invalid from None
            return {"after": values}
        offset, last = position.get("offset"), position.get("last")
        if not columns and type(offset) is int and 0 < offset <= MAX_OFFSET and type(last) is int:  # not true
            return {"offset": offset, "last": last}
        raise invalid

    def next_link(self) -> str | None:
        if self.next_position is None:
            return None
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param,
                                   encode_cursor(self.next_position))

    def about(self) -> dict:
        """What a page says besides its records: how many match, and where the next page starts."""
        return {"count": min(self.count, COUNT_CAP), "more": self.count > COUNT_CAP, "next": self.next_link()}

    def get_paginated_response(self, data) -> Response:
        return Response({**self.about(), "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["count", "more", "next", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0, "maximum": COUNT_CAP, "description": format_lazy(
                    gettext_lazy("How many records match, on every page: counted up to {cap}, as list pages count."),
                    cap=COUNT_CAP)},
                "more": {"type": "boolean", "description": gettext_lazy(
                    "Whether more than `count` records match: then walk the pages to the end to count them all.")},
                "next": {"type": "string", "format": "uri", "nullable": True,
                         "description": gettext_lazy("The address of the next page; null on the last.")},
                "results": {**schema, "description": gettext_lazy("This page's records, in the list's order.")},
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {"name": self.cursor_query_param, "in": "query", "required": False, "schema": {"type": "string"},
             "description": gettext_lazy("Where the page starts: take it from the previous page's `next` address.")},
            {"name": self.page_size_query_param, "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE},
             "description": format_lazy(gettext_lazy("How many records a page holds: {least} to {most}; {usual} "
                                                     "without it."), least=1, most=MAX_PAGE_SIZE, usual=PAGE_SIZE)},
        ]
