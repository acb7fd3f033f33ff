"""Indexes that let a list skip to a deep page reading the index alone (PostgreSQL only).

A page 2,000 deep first reads the keys of the 40,000 rows before it; with the publication
columns included in the index, PostgreSQL checks them without visiting the table.
(SQLite has no covering indexes and no lists that long.)
"""

from django.db import migrations

INDEXES = {
    "conference_list_idx": ("conferences_conference", "start_date DESC, title, id", "is_published, published_at"),
    "speech_list_idx": ("conferences_speech", "delivered_on DESC, title, id",
                        "is_published, published_at, conference_id"),
    "actionitem_list_idx": ("conferences_actionitem", "title, id", "is_published, published_at"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, columns, included) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {name} ON {table} ({columns}) INCLUDE ({included})")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("conferences", "0008_search_documents")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
