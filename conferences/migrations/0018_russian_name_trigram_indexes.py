"""Finding people and organisations by part of their Russian name from an index (PostgreSQL
only), as migration 0011 does for their English names."""

from django.db import migrations

INDEXES = {
    "person_name_ru_trgm_idx": "conferences_person",
    "organization_name_ru_trgm_idx": "conferences_organization",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES.items():
        # UPPER(), as Django's icontains compares in upper case.
        schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gin (UPPER(name_ru) gin_trgm_ops)")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("conferences", "0017_speech_translations")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
