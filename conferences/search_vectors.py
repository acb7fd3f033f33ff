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
@dataclass(frozen=True)
class Related:
    """Text that rows of another table hold about a table's row: `column` of each `table` row whose
    `key` is the row's id, weighted `weight`."""

    table: str
    key: str
    column: str
    weight: str


# What a table's vector reads of other tables, by the definition that began reading it.
RELATED_SINCE: dict[int, dict[str, Related]] = {}
# Definition 4 finds a speech by the text of its translations too, weighted as its own text, so that
# a reader finds it in the words of the translation they read.
DEFINITIONS[4] = DEFINITIONS[3]
RELATED_SINCE[4] = {"conferences_speech": Related("conferences_speechtranslation", "speech_id", "body", "C")}
LATEST = max(DEFINITIONS)
CONFIG, WEIGHTS = DEFINITIONS[LATEST]  # what the site searches with


def related_text(definition: int = LATEST) -> dict[str, Related]:
    """What each table's vector reads of other tables, as definition number `definition` has it."""
    since = [number for number in RELATED_SINCE if number <= definition]
    return RELATED_SINCE[max(since)] if since else {}


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
    config = DEFINITIONS[definition][0]
    related = related_text(definition)[table]
    theirs = (f"(SELECT setweight(to_tsvector('{config}'::regconfig, string_agg(r.{related.column}, ' ' "
              f"ORDER BY r.id)), '{related.weight}') FROM {related.table} AS r WHERE r.{related.key} = NEW.id)")
    return f"{vector_sql(table, definition, row='NEW')} || COALESCE({theirs}, ''::tsvector)"


# The related table's triggers: for each write, the rows it passes on, and the speeches (say) to work
# out again: those its rows belonged to before the write and after it (a row may move to another).
_RELATED_EVENTS = [
    ("insert", "REFERENCING NEW TABLE AS new_rows", "SELECT {key} FROM new_rows"),
    ("update", "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows",
     "SELECT {key} FROM new_rows UNION SELECT {key} FROM old_rows"),
    ("delete", "REFERENCING OLD TABLE AS old_rows", "SELECT {key} FROM old_rows"),
    ("truncate", "", None),  # every row went: all of them
]


def kept_sql(table: str, index: str, definition: int = LATEST) -> list[str]:
    """PostgreSQL: make `table`'s generated search_document a column that triggers keep with its related
    rows' text, fill it in and index it.

    The table's own trigger works the vector out before a row is written with a change to what it
    reads (not when publishing a conference passes its time on to each speech); a write of related
    rows sets the vector of the rows they belong to afresh, which runs that trigger. Generated columns
    may not read other tables; triggers also keep the vector whoever writes: the admin, imports,
    COPY or psql.
    """
    related = related_text(definition)[table]
    function = f"{table}_search_document"
    read = ", ".join([*(column for column, _weight in DEFINITIONS[definition][1][table]), "search_document"])
    statements = [
        f"ALTER TABLE {table} DROP COLUMN search_document",
        f"ALTER TABLE {table} ADD COLUMN search_document tsvector",
        f"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"NEW.search_document := {_kept_vector_sql(table, definition)}; RETURN NEW; END $$",
        f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE OF {read} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]
    for event, tables, keys in _RELATED_EVENTS:
        rows = f" WHERE id IN ({keys.format(key=related.key)})" if keys else ""
        statements += [
            f"CREATE FUNCTION {related.table}_searched_{event}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"UPDATE {table} SET search_document = NULL{rows}; RETURN NULL; END $$",
            f"CREATE TRIGGER {related.table}_searched_{event} AFTER {event.upper()} ON {related.table} "
            f"{tables}{' ' if tables else ''}FOR EACH STATEMENT EXECUTE FUNCTION {related.table}_searched_{event}()",
        ]
    return [*statements,
            f"UPDATE {table} SET search_document = NULL",  # the trigger fills it in
            f"CREATE INDEX {index} ON {table} USING gin (search_document)"]


def generated_sql(table: str, index: str, definition: int, kept: int) -> list[str]:
    """PostgreSQL: the undo of kept_sql(table, index, kept): `table`'s search_document generated again,
    from `definition`."""
    related = related_text(kept)[table]
    return [
        *(statement for event, _tables, _keys in _RELATED_EVENTS for statement in [
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
