"""Queries whose SQL Django builds once: the small queries of detail pages.

Django turns a queryset into SQL every time it runs it. For the few small queries of a
detail page that costs two to four times what the database takes to run them, and the SQL
is the same each time but for one value, the page's slug or key. A prepared query is built
once (per thread and database) with a marker in that value's place; each run puts the value
where the marker was, runs the SQL, converts the columns as Django does, and makes model
instances of the rows with `Model.from_db()`, with the objects on the `related` paths
attached, as `select_related()` would.

The query must not depend on anything else that changes: the database's clock (`Now()`),
as published() uses, rather than Python's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.sql.compiler import SQLCompiler

# What stands in for the value while the SQL is built: values no page asks for.
MARKERS = {str: "\x00prepared\x00", int: -2_000_000_017}


@dataclass
class Compiled:
    model: type[Model]
    alias: str
    sql: str
    params: list
    slots: list[int]  # where the value goes in params
    compiler: SQLCompiler  # converts the columns as Django's own iteration does


class PreparedQuery:
    """`build(value)`, as model instances with the objects on the `related` paths attached."""

    def __init__(self, build: Callable[[object], QuerySet], related: Sequence[str] = ()):
        self.build = build
        # Each path's parents first ("speech" before "speech__speaker"), so that its objects have a place.
        self.related = tuple(dict.fromkeys(
            "__".join(path.split("__")[:depth]) for path in related for depth in range(1, path.count("__") + 2)
        ))
        self.local = threading.local()  # a compiler belongs to its thread's connection

    def __call__(self, value: str | int) -> list[Model]:
        compiled = self.compiled(type(value))
        params = list(compiled.params)
        for slot in compiled.slots:
            params[slot] = value
        with connections[compiled.alias].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = compiled.compiler.results_iter([cursor.fetchall()])
            return [self.instance(compiled, row) for row in rows]

    def compiled(self, kind: type) -> Compiled:
        kept = self.local.__dict__.setdefault("compiled", {})
        if kind not in kept:
            marker = MARKERS[kind]
            queryset = self.build(marker)
            alias = router.db_for_read(queryset.model)
            columns = attnames(queryset.model)
            for path in self.related:
                columns += [f"{path}__{name}" for name in attnames(related_model(queryset.model, path))]
            compiler = queryset.using(alias).values_list(*columns).query.get_compiler(alias)
            sql, params = compiler.as_sql()
            slots = [i for i, param in enumerate(params) if type(param) is kind and param == marker]
            if not slots:
                raise ValueError("A prepared query must filter on its value.")
            kept[kind] = Compiled(queryset.model, alias, sql, list(params), slots, compiler)
        return kept[kind]

    def instance(self, compiled: Compiled, row: Sequence) -> Model:
        """The row's object, with its related objects from the columns after its own."""
        alias, start = compiled.alias, 0

        def make(model: type[Model]) -> Model | None:
            nonlocal start
            names = attnames(model)
            values = row[start : start + len(names)]
            start += len(names)
            if values[names.index(model._meta.pk.attname)] is None:  # no object at the end of the join
                return None
            return model.from_db(alias, names, values)

        root = make(compiled.model)
        for path in self.related:
            *steps, name = path.split("__")
            parent = root
            for step in steps:
                parent = getattr(parent, step) if parent is not None else None
            related = make(related_model(compiled.model, path))
            if parent is not None:
                setattr(parent, name, related)
        return root


def attnames(model: type[Model]) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def related_model(model: type[Model], path: str) -> type[Model]:
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model
