"""Full-text search reads a stored tsvector column instead of parsing the text on every query.

On PostgreSQL only (SQLite searches without them): each searchable table gets a generated
`search_document` column, kept up to date by PostgreSQL itself, with the GIN index moved
onto it. Ranking and matching a common word then cost no re-parsing of long speeches.
conferences.search reads these columns; conferences/search_vectors.py defines them.
"""

from django.db import migrations

from conferences.search_vectors import vector_sql

SEARCH_DOCUMENTS = {
    "conferences_conference": "conference_search_idx",
    "conferences_speech": "speech_search_idx",
    "conferences_actionitem": "actionitem_search_idx",
}


def add_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, index in SEARCH_DOCUMENTS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector "
            f"GENERATED ALWAYS AS ({vector_sql(table, definition=1)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_document)")


def remove_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, index in SEARCH_DOCUMENTS.items():
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_document")
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (({vector_sql(table, definition=1)}))")


class Migration(migrations.Migration):
    dependencies = [("conferences", "0007_content_version")]

    operations = [migrations.RunPython(add_documents, remove_documents, elidable=False)]
