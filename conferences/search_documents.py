"""What full-text search reads of each table, and how much each column weighs: the one definition.

PostgreSQL keeps each table's document in a generated, indexed `search_document` column
(migrations 0002 and 0008 build it from here); SQLite searches the same columns without
weights. Changing a weight here needs a migration that builds the column again.
"""

CONFIG = "english"

# Table: (column, weight), A weighing most.
WEIGHTS: dict[str, tuple[tuple[str, str], ...]] = {
    "conferences_conference": (("title", "A"), ("short_title", "A"), ("summary", "B"), ("city", "C")),
    "conferences_speech": (("title", "A"), ("speaker_role", "B"), ("body", "C")),
    "conferences_actionitem": (("title", "A"), ("description", "B"), ("excerpt", "B")),
}


def document_sql(table: str) -> str:
    """The SQL of a table's weighted search document (a tsvector)."""
    return " || ".join(
        f"setweight(to_tsvector('{CONFIG}'::regconfig, COALESCE({column}, '')), '{weight}')"
        for column, weight in WEIGHTS[table]
    )
