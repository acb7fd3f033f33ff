"""The content version changes on every write to content, by triggers rather than signals.

Every table of the app's content (each model's and each many-to-many table) gets the
triggers of conferences/content_triggers.py, so that writes that bypass Django's signals
(`.update()`, `bulk_create`, raw SQL, COPY) make cached pages stale too.
"""

from django.db import migrations

from conferences.content_triggers import (
    NOT_CONTENT,
    POSTGRESQL_FUNCTION,
    POSTGRESQL_FUNCTION_UNDO,
    create_sql,
    drop_sql,
)


def content_tables(apps) -> list[str]:
    models = apps.get_app_config("conferences").get_models(include_auto_created=True)
    return sorted(model._meta.db_table for model in models if model._meta.db_table not in NOT_CONTENT)


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
    for table in content_tables(apps):
        for sql in create_sql(vendor, table):
            schema_editor.execute(sql)


def remove_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in content_tables(apps):
        for sql in drop_sql(vendor, table):
            schema_editor.execute(sql)
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION_UNDO)


class Migration(migrations.Migration):
    dependencies = [("conferences", "0012_link_lookup_indexes")]

    operations = [migrations.RunPython(add_triggers, remove_triggers, elidable=False)]
