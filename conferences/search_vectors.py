"""What full-text search reads of each table (its search vector), and how much each column weighs:
the one definition.

PostgreSQL keeps each table's vector in an indexed `search_document` column, built from here
by migrations: a generated column where the vector reads the row alone, a column that triggers
keep where it reads other rows too (a speech's translations); SQLite searches the same text
without weights. The definitions are numbered: a migration builds the column from the one it
names, so that migrating a new database replays the same steps; the site searches with the
latest. Changing what is searched means adding a definition here and a migration that builds it.
"""

from dataclasses import dataclass

# Definition 2 reads both languages with PostgreSQL's "russian" configuration: it stems Cyrillic
# words as Russian and Latin words with the English stemmer and stop words, so one vector
# and one query serve English and Russian readers ("сотрудничество" finds "сотрудничестве",
# "borders" finds "border"). A speech's text is in its own language, either one.
DEFINITIONS: dict[int, tuple[str, dict[str, tuple[tuple[str, str], ...]]]] = {
    1: ("english", {
        "conferences_conference": (("title", "A"), ("short_title", "A"), ("summary", "B"), ("city", "C")),
        "conferences_speech": (("title", "A"), ("speaker_role", "B"), ("body", "C")),
        "conferences_actionitem": (("title", "A"), ("description", "B"), ("excerpt", "B")),
    }),
    2: ("russian", {
        "conferences_conference": (("title", "A"), ("title_ru", "A"), ("short_title", "A"), ("short_title_ru", "A"),
                                   ("summary", "B"), ("summary_ru", "B"), ("city", "C"), ("city_ru", "C")),
        "conferences_speech": (("title", "A"), ("title_ru", "A"), ("speaker_role", "B"), ("speaker_role_ru", "B"),
                               ("body", "C")),
        "conferences_actionitem": (("title", "A"), ("title_ru", "A"), ("description", "B"), ("description_ru", "B"),
                                   ("excerpt", "B")),
    }),
}
# Definition 3 adds the outcome documents table, found by their titles, UN symbol and summaries.
DEFINITIONS[3] = ("russian", {  # the same as 2 for the other tables
    **DEFINITIONS[2][1],
    "conferences_document": (("title", "A"), ("title_ru", "A"), ("symbol", "A"), ("summary", "B"),
                             ("summary_ru", "B")),
})
# Definition 4 finds a speech by the text of its translations too, weighted as its own text, so that
# a reader finds it in the words of the translation they read.
DEFINITIONS[4] = DEFINITIONS[3]
LATEST = max(DEFINITIONS)
CONFIG, WEIGHTS = DEFINITIONS[LATEST]  # what the site searches with


@dataclass(frozen=True)
class Related:
    """Text that rows of another table hold about a table's row: `column` of each `table` row whose
    `key` is the row's id, weighted `weight`."""

    table: str
    key: str
    column: str
    weight: str


# What a table's vector reads of other tables, from definition 4 on.
RELATED: dict[str, Related] = {
    "conferences_speech": Related("conferences_speechtranslation", "speech_id", "body", "C"),
}


def vector_sql(table: str, definition: int = LATEST, row: str = "") -> str:
    """The SQL of a table's weighted search vector (a tsvector) from its own columns, as definition number
    `definition` has it; `row` names the row the columns are read from ("NEW" in a trigger)."""
    config, weights = DEFINITIONS[definition]
    prefix = f"{row}." if row else ""
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, COALESCE({prefix}{column}, '')), '{weight}')"
        for column, weight in weights[table]
    )


def _kept_vector_sql(table: str, definition: int) -> str:
    """The vector of NEW, a row of `table`, with its related rows' text: what the triggers keep."""
    related = RELATED[table]
    config = DEFINITIONS[definition][0]
    theirs = (f"(SELECT setweight(to_tsvector('{config}'::regconfig, string_agg(r.{related.column}, ' ' "
              f"ORDER BY r.id)), '{related.weight}') FROM {related.table} AS r WHERE r.{related.key} = NEW.id)")
    return f"{vector_sql(table, definition, row='NEW')} || COALESCE({theirs}, ''::tsvector)"


# A related row's write, the rows it gives the trigger, and which of them name the rows to rewrite.
_RELATED_EVENTS = [
    ("insert", "NEW TABLE AS new_rows", ["new_rows"]),
    ("update", "NEW TABLE AS new_rows OLD TABLE AS old_rows", ["new_rows", "old_rows"]),
    ("delete", "OLD TABLE AS old_rows", ["old_rows"]),
]


def kept_sql(table: str, index: str, definition: int = LATEST) -> list[str]:
    """PostgreSQL: make `table`'s generated search_document a column that triggers keep with its related
    rows' text, fill it in and index it.

    The table's own trigger works the vector out before each write of a row; a write of a related
    row rewrites the row it belongs to, which runs that trigger. (Generated columns may not read other
    tables, and triggers also keep the vector whoever writes: the admin, imports, COPY or psql.)
    """
    related = RELATED[table]
    function = f"{table}_search_document"
    return [
        f"ALTER TABLE {table} DROP COLUMN search_document",
        f"ALTER TABLE {table} ADD COLUMN search_document tsvector",
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"NEW.search_document := {_kept_vector_sql(table, definition)}; RETURN NEW; END $$",
        f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        *(statement for event, tables, rows in _RELATED_EVENTS for statement in [
            f"CREATE FUNCTION {related.table}_searched_{event}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"UPDATE {table} SET search_document = NULL WHERE id IN "
            f"({' UNION '.join(f'SELECT {related.key} FROM {r}' for r in rows)}); RETURN NULL; END $$",
            f"CREATE TRIGGER {related.table}_searched_{event} AFTER {event.upper()} ON {related.table} "
            f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {related.table}_searched_{event}()",
        ]),
        f"UPDATE {table} SET search_document = NULL",  # the trigger fills it in
        f"CREATE INDEX {index} ON {table} USING gin (search_document)",
    ]


def generated_sql(table: str, index: str, definition: int) -> list[str]:
    """PostgreSQL: the undo of kept_sql(): `table`'s search_document generated again, from `definition`."""
    related = RELATED[table]
    return [
        *(statement for event, _tables, _rows in _RELATED_EVENTS for statement in [
            f"DROP TRIGGER {related.table}_searched_{event} ON {related.table}",
            f"DROP FUNCTION {related.table}_searched_{event}()",
        ]),
        f"DROP TRIGGER {table}_search_document ON {table}",
        f"DROP FUNCTION {table}_search_document()",
        f"ALTER TABLE {table} DROP COLUMN search_document",
        f"ALTER TABLE {table} ADD COLUMN search_document tsvector "
        f"GENERATED ALWAYS AS ({vector_sql(table, definition)}) STORED",
        f"CREATE INDEX {index} ON {table} USING gin (search_document)",
    ]
