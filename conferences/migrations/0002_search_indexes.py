"""Full-text search indexes, on PostgreSQL only (SQLite searches without them).

The documents are those of conferences/search_vectors.py (migration 0008 later stores them
in a column of their own).
"""

from django.db import migrations

from conferences.search_vectors import vector_sql

SEARCH_INDEXES = {
    "conference_search_idx": "conferences_conference",
    "speech_search_idx": "conferences_speech",
    "actionitem_search_idx": "conferences_actionitem",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in SEARCH_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gin (({vector_sql(table, definition=1)}))")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in SEARCH_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("conferences", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
