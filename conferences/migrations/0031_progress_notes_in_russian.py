"""A progress update's note in English and Russian, as the short fields are (0015).

The note becomes its English field (`note_en`), kept in the column it always had; its Russian
one (`note_ru`) is a new column, empty. The table keeps its triggers: on SQLite the column is
added in place, where Django would rebuild the table. The history (django-reversion) keeps each
version under its fields' names, and a field it does not know is dropped on restore: its versions
of progress updates name the note `note_en` too, so that restoring one brings its note back.
"""

import json

from django.db import migrations, models


def russian_note(apps):
    model = apps.get_model("conferences", "actionitemupdate")
    return model, model._meta.get_field("note_ru")


def add_column(apps, schema_editor):
    model, field = russian_note(apps)
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} ADD COLUMN "
                              f"{schema_editor.quote_name(field.column)} text NOT NULL DEFAULT ''")
    else:
        schema_editor.add_field(model, field)


def drop_column(apps, schema_editor):
    model, field = russian_note(apps)
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} "
                              f"DROP COLUMN {schema_editor.quote_name(field.column)}")
    else:
        schema_editor.remove_field(model, field)


def rename_in_history(old: str, new: str):
    def rename(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects
        versions = apps.get_model("reversion", "Version").objects
        content_type = content_types.filter(app_label="conferences", model="actionitemupdate").first()
        changed = []
        for version in versions.filter(content_type=content_type, format="json").only("serialized_data").iterator():
            records = json.loads(version.serialized_data)
            for record in records:
                fields = record.get("fields", {})
                if old in fields:
                    fields[new] = fields.pop(old)
                fields.pop("note_ru", None)  # going back: a field the old state does not have
            version.serialized_data = json.dumps(records)
            changed.append(version)
        versions.bulk_update(changed, ["serialized_data"], batch_size=500)
    return rename


class Migration(migrations.Migration):

    dependencies = [
        ("conferences", "0030_people_in_the_readers_order"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name="actionitemupdate",
                name="note",
                field=models.TextField(blank=True, db_column="note", verbose_name="note"),
            ),
            migrations.RenameField(
                model_name="actionitemupdate",
                old_name="note",
                new_name="note_en",
            ),
            migrations.AddField(
                model_name="actionitemupdate",
                name="note_ru",
                field=models.TextField(blank=True, db_default="", default="", verbose_name="note"),
            ),
        ]),
        migrations.RunPython(add_column, drop_column),
        migrations.RunPython(rename_in_history("note", "note_en"), rename_in_history("note_en", "note")),
    ]
