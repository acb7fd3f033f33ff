"""Full-text search indexes, on PostgreSQL only (SQLite searches without them).

Each expression must stay identical to conferences.search.search_vector(), or
PostgreSQL cannot use the index; tests/test_search.py checks that it does.
"""

from django.db import migrations

SEARCH_INDEXES = {
    "conference_search_idx": (
        "conferences_conference",
        [("title", "A"), ("short_title", "A"), ("summary", "B"), ("city", "C")],
    ),
    "speech_search_idx": ("conferences_speech", [("title", "A"), ("speaker_role", "B"), ("body", "C")]),
    "actionitem_search_idx": ("conferences_actionitem", [("title", "A"), ("description", "B"), ("excerpt", "B")]),
}


def vector_sql(fields):
    return " || ".join(
        f"setweight(to_tsvector('english'::regconfig, COALESCE({column}, '')), '{weight}')" for column, weight in fields
    )


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, fields) in SEARCH_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gin (({vector_sql(fields)}))")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCH_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("conferences", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
