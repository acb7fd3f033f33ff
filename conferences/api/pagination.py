"""Cursor pagination for the API: each page says where the next one starts.

Where the list's order is plain columns ending with the key (every list's default order, and
most others), the cursor holds the sort values of the page's last row, and the next page is
read from there along the order's index: page 5,000 costs what page 1 does. Other orders
(search relevance, status, due date with its empty dates last) carry a row offset instead.
"""

from __future__ import annotations

import base64
import binascii
import json

from django.core.exceptions import ValidationError as ModelValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from ..pagination import after, sort_columns

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def encode_cursor(position: dict) -> str:
    """A position ({"after": sort values} or {"offset": n}) as the `cursor` parameter's value."""
    return base64.urlsafe_b64encode(json.dumps(position, cls=DjangoJSONEncoder).encode()).decode()


class CursorPagination(BasePagination):
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None) -> list:
        self.request = request
        size = self.page_size(request)
        columns = sort_columns(queryset)
        position = self.position(request, queryset.model, columns)
        if "after" in position:
            rows = queryset.filter(after(columns, position["after"]))[: size + 1]
        else:
            offset = position.get("offset", 0)
            rows = queryset[offset: offset + size + 1]
        rows = list(rows)
        self.next_position = None
        if len(rows) > size:
            rows = rows[:size]
            if columns:
                self.next_position = {"after": [getattr(rows[-1], name) for name, _descending in columns]}
            else:
                self.next_position = {"offset": position.get("offset", 0) + size}
        return rows

    def page_size(self, request) -> int:
        asked = request.query_params.get(self.page_size_query_param)
        if asked is None:
            return PAGE_SIZE
        if not asked.isdigit() or not 1 <= int(asked) <= MAX_PAGE_SIZE:
            raise ValidationError({self.page_size_query_param: [
                _("Give a number of records from 1 to %(most)s.") % {"most": MAX_PAGE_SIZE}]})
        return int(asked)

    def position(self, request, model, columns) -> dict:
        """Where the page starts, from the cursor a previous page gave: checked, as anyone can edit an address."""
        cursor = request.query_params.get(self.cursor_query_param)
        if not cursor:
            return {}
        invalid = ValidationError({self.cursor_query_param: [
            _("This cursor did not come from this list, or the list's filters or order have changed since. "
              "Start again from the first page.")]})
        try:
            position = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        except (ValueError, binascii.Error):
            raise invalid from None
        if not isinstance(position, dict):
            raise invalid
        if columns and isinstance(position.get("after"), list) and len(position["after"]) == len(columns):
            fields = [model._meta.pk if name == "pk" else model._meta.get_field(name) for name, _descending in columns]
            try:
                values = [field.to_python(value) for field, value in zip(fields, position["after"], strict=True)]
            except (ModelValidationError, TypeError):
                raise invalid from None
            return {"after": values}
        if not columns and isinstance(position.get("offset"), int) and position["offset"] >= 0:
            return {"offset": position["offset"]}
        raise invalid

    def next_link(self) -> str | None:
        if self.next_position is None:
            return None
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param,
                                   encode_cursor(self.next_position))

    def get_paginated_response(self, data) -> Response:
        return Response({"next": self.next_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {"type": "string", "format": "uri", "nullable": True,
                         "description": gettext_lazy("The address of the next page; null on the last.")},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {"name": self.cursor_query_param, "in": "query", "required": False, "schema": {"type": "string"},
             "description": gettext_lazy("Where the page starts: take it from the previous page's `next` address.")},
            {"name": self.page_size_query_param, "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE},
             "description": gettext_lazy("How many records a page holds.")},
        ]
