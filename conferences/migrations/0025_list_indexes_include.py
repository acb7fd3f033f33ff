"""Each list's covering index becomes its model's own index, declared with Index.include.

Migrations 0009 and 0010 built the covering indexes by hand, beside the models' indexes on the
same keys, so PostgreSQL kept and wrote two indexes of the same keys for each list (at a million
action items, 142 MB and 174 MB). The models now declare the included columns, and on PostgreSQL
the covering index takes the model index's name instead of being built again. SQLite has no
covering indexes: its indexes stay as they are.
"""

from django.db import migrations, models

# model: (the model's index, the covering index built by hand, its keys as SQL)
INDEXES = {
    "conference": ("conference_date_idx", "conference_list_idx", "conferences_conference",
                   "start_date DESC, title, id"),
    "speech": ("speech_date_idx", "speech_list_idx", "conferences_speech", "delivered_on DESC, title, id"),
    "actionitem": ("actionitem_title_idx", "actionitem_list_idx", "conferences_actionitem", "title, id"),
}
STATE = {
    "conference": models.Index(fields=["-start_date", "title_en", "id"], include=["is_published", "published_at"],
                               name="conference_date_idx"),
    "speech": models.Index(fields=["-delivered_on", "title_en", "id"],
                           include=["is_published", "published_at", "conference_published_at"],
                           name="speech_date_idx"),
    "actionitem": models.Index(fields=["title_en", "id"], include=["is_published", "published_at"],
                               name="actionitem_title_idx"),
}


def one_index_each(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, covering, _table, _keys in INDEXES.values():
        schema_editor.execute(f"DROP INDEX {name}")
        schema_editor.execute(f"ALTER INDEX {covering} RENAME TO {name}")


def two_indexes_each(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, covering, table, keys in INDEXES.values():
        schema_editor.execute(f"ALTER INDEX {name} RENAME TO {covering}")
        schema_editor.execute(f"CREATE INDEX {name} ON {table} ({keys})")


class Migration(migrations.Migration):
    dependencies = [("conferences", "0024_email_subscriptions")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(one_index_each, two_indexes_each, elidable=False)],
            state_operations=[
                operation
                for model, index in STATE.items()
                for operation in (migrations.RemoveIndex(model_name=model, name=index.name),
                                  migrations.AddIndex(model_name=model, index=index))
            ],
        ),
    ]
