"""A progress update's note in English and Russian, as the short fields are (0015).

The note becomes its English field (`note_en`), kept in the column it always had; its Russian
one (`note_ru`) is a new column, empty. The table keeps its triggers: on SQLite the column is
added in place, where Django would rebuild the table.
"""

from django.db import migrations, models


def add_column(apps, schema_editor):
    model = apps.get_model("conferences", "actionitemupdate")
    field = model._meta.get_field("note_ru")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} ADD COLUMN "
                              f"{schema_editor.quote_name(field.column)} text NOT NULL DEFAULT ''")
    else:
        schema_editor.add_field(model, field)


def drop_column(apps, schema_editor):
    model = apps.get_model("conferences", "actionitemupdate")
    field = model._meta.get_field("note_ru")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} "
                              f"DROP COLUMN {schema_editor.quote_name(field.column)}")
    else:
        schema_editor.remove_field(model, field)


class Migration(migrations.Migration):

    dependencies = [
        ("conferences", "0030_people_in_the_readers_order"),
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
    ]
