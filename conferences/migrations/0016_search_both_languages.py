"""Search reads the Russian fields too, stemming Russian words as Russian (search_vectors.py,
definition 2). On PostgreSQL only: each table's generated `search_document` is built again."""

from django.db import migrations

from conferences.search_vectors import vector_sql

SEARCH_DOCUMENTS = {
    "conferences_conference": "conference_search_idx",
    "conferences_speech": "speech_search_idx",
    "conferences_actionitem": "actionitem_search_idx",
}


def build(definition: int):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, index in SEARCH_DOCUMENTS.items():
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_document")
            schema_editor.execute(f"ALTER TABLE {table} ADD COLUMN search_document tsvector "
                                  f"GENERATED ALWAYS AS ({vector_sql(table, definition)}) STORED")
            schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_document)")
    return run


class Migration(migrations.Migration):
    dependencies = [("conferences", "0015_content_in_russian")]

    operations = [migrations.RunPython(build(2), build(1), elidable=False)]
