"""A speech is found by its translations' text too (search_vectors.py, definition 4). On PostgreSQL
only: its search_document becomes a column that triggers keep, since a generated column cannot read
another table. SQLite searches the translations as they are."""

from django.db import migrations

from conferences.search_vectors import generated_sql, kept_sql

TABLE, INDEX = "conferences_speech", "speech_search_idx"


def keep(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in kept_sql(TABLE, INDEX, definition=4):
            schema_editor.execute(sql, params=None)


def generate(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in generated_sql(TABLE, INDEX, definition=3, kept=4):
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("conferences", "0026_hubs_in_the_readers_order")]

    operations = [migrations.RunPython(keep, generate, elidable=False)]
