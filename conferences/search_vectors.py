"""What full-text search reads of each table (its search vector), and how much each column weighs:
the one definition.

PostgreSQL keeps each table's vector in a generated, indexed `search_document` column,
built from here by migrations; SQLite searches the same columns without weights. The
definitions are numbered: a migration builds the column from the one it names, so that
migrating a new database replays the same steps; the site searches with the latest.
Changing what is searched means adding a definition here and a migration that builds it.
"""

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
LATEST = max(DEFINITIONS)
CONFIG, WEIGHTS = DEFINITIONS[LATEST]  # what the site searches with


def vector_sql(table: str, definition: int = LATEST) -> str:
    """The SQL of a table's weighted search vector (a tsvector), as definition number `definition` has it."""
    config, weights = DEFINITIONS[definition]
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, COALESCE({column}, '')), '{weight}')"
        for column, weight in weights[table]
    )
