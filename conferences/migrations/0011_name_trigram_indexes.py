"""Finding people and organisations by part of their name from an index (PostgreSQL only).

Search looks names up with `icontains` (UPPER(name) LIKE '%WORD%'), which otherwise reads
every person on every search; trigram indexes answer it directly. pg_trgm ships with
PostgreSQL and is a trusted extension: the database's owner may create it.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "person_name_trgm_idx": "conferences_person",
    "organization_name_trgm_idx": "conferences_organization",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES.items():
        # UPPER(), as Django's icontains compares in upper case.
        schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gin (UPPER(name) gin_trgm_ops)")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("conferences", "0010_speech_conference_published_at")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
