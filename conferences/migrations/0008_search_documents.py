"""Full-text search reads a stored tsvector column instead of parsing the text on every query.

On PostgreSQL only (SQLite searches without them): each searchable table gets a generated
`search_document` column, kept up to date by PostgreSQL itself, with the GIN index moved
onto it. Ranking and matching a common word then cost no re-parsing of long speeches.
conferences.search reads these columns; the weights are those of migration 0002.
"""

from django.db import migrations

SEARCH_DOCUMENTS = {
    "conferences_conference": ("conference_search_idx", [("title", "A"), ("short_title", "A"), ("summary", "B"),
                                                         ("city", "C")]),
    "conferences_speech": ("speech_search_idx", [("title", "A"), ("speaker_role", "B"), ("body", "C")]),
    "conferences_actionitem": ("actionitem_search_idx", [("title", "A"), ("description", "B"), ("excerpt", "B")]),
}


def vector_sql(fields):
    return " || ".join(
        f"setweight(to_tsvector('english'::regconfig, COALESCE({column}, '')), '{weight}')" for column, weight in fields
    )


def add_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (index, fields) in SEARCH_DOCUMENTS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({vector_sql(fields)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_document)")


def remove_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (index, fields) in SEARCH_DOCUMENTS.items():
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_document")
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (({vector_sql(fields)}))")


class Migration(migrations.Migration):
    dependencies = [("conferences", "0007_content_version")]

    operations = [migrations.RunPython(add_documents, remove_documents, elidable=False)]
