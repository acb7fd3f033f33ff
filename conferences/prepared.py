"""Queries whose SQL Django builds once: the small queries of detail pages.

Django turns a queryset into SQL every time it runs it. For the few small queries of a
detail page that costs two to four times what the database takes to run them, and the SQL
is the same each time but for one value, the page's slug or key. A prepared query is built
once per thread (gunicorn's workers keep theirs for their lifetime) with a marker in that
value's place; each run puts the value where the marker was, runs the SQL, converts the
columns as Django does, and makes model instances of the rows with `Model.from_db()`, with
the objects on the `related` paths attached, as `select_related()` would.

What may be prepared: a queryset of one model's rows, filtered on the value as it is
(`slug=value`, `pk=value`, not `slug__iexact=value`), with forward foreign keys as
`related`. Everything else in it must stay the same from one run to the next: the
database's clock (`Now()`), as published() uses, not Python's. It reads from the database
the router picks for the model the first time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.sql.compiler import SQLCompiler

# Two stand-ins for the value, of each type a value can have: values no page asks for. The
# query is built with each; the parameters where the two builds differ are where the value goes.
MARKERS = {str: ("\x00prepared-1\x00", "\x00prepared-2\x00"), int: (-2_000_000_017, -2_000_000_029)}


@dataclass
class Part:
    """Where the columns of one object are in a row, and where the object goes."""

    model: type[Model]
    names: list[str]
    start: int
    pk_index: int
    parent: int | None = None  # the index of the part it is attached to (None: the row's own object)
    name: str = ""


@dataclass
class Compiled:
    alias: str
    sql: str
    params: list
    slots: list[int]  # where the value goes in params
    compiler: SQLCompiler  # converts the columns as Django's own iteration does
    parts: list[Part]


class PreparedQuery:
    """`build(value)`, as model instances with the objects on the `related` paths attached."""

    def __init__(self, build: Callable[[object], QuerySet], related: Sequence[str] = ()):
        self.build = build
        # Each path's parents first ("speech" before "speech__speaker"), so that its objects have a place.
        self.related = list(dict.fromkeys(
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
            kept[kind] = self.compile(kind)
        return kept[kind]

    def compile(self, kind: type) -> Compiled:
        model = self.build(MARKERS[kind][0]).model
        alias = router.db_for_read(model)
        parts = self.parts(model)
        columns = [f"{path}__{name}" if path else name
                   for path, part in zip(["", *self.related], parts, strict=True) for name in part.names]
        builds = []
        for marker in MARKERS[kind]:
            compiler = self.build(marker).using(alias).values_list(*columns).query.get_compiler(alias)
            builds.append((compiler, *compiler.as_sql()))
        (compiler, sql, params), (_, other_sql, other_params) = builds
        slots = [i for i, (a, b) in enumerate(zip(params, other_params, strict=True)) if a != b]
        if sql != other_sql or not slots or any(
            (params[i], other_params[i]) != MARKERS[kind] for i in slots
        ):
            raise ValueError("A prepared query must filter on its value as it is, and on nothing else that changes.")
        return Compiled(alias, sql, list(params), slots, compiler, parts)

    def parts(self, model: type[Model]) -> list[Part]:
        parts = [part_of(model, start=0)]
        for path in self.related:
            *steps, name = path.split("__")
            parent = self.related.index("__".join(steps)) + 1 if steps else 0
            field = parts[parent].model._meta.get_field(name)
            if not (field.many_to_one or field.one_to_one) or field.auto_created:
                raise ValueError(f"{path}: only foreign keys can be read with their object.")
            end = parts[-1].start + len(parts[-1].names)
            parts.append(part_of(field.related_model, start=end, parent=parent, name=name))
        return parts

    def instance(self, compiled: Compiled, row: Sequence) -> Model:
        """The row's object, with its related objects from the columns after its own."""
        objects: list[Model | None] = []
        for part in compiled.parts:
            values = row[part.start : part.start + len(part.names)]
            # A join that found nothing gives empty columns: no object, as select_related() gives.
            found = values[part.pk_index] is not None
            obj = part.model.from_db(compiled.alias, part.names, values) if found else None
            if part.parent is not None and objects[part.parent] is not None:
                setattr(objects[part.parent], part.name, obj)
            objects.append(obj)
        return objects[0]


def part_of(model: type[Model], **place) -> Part:
    names = [field.attname for field in model._meta.concrete_fields]
    return Part(model, names, pk_index=names.index(model._meta.pk.attname), **place)
