"""Short fields in English and Russian (django-translated-fields).

Each field becomes its English one (`title_en`), kept in the column it always had, so that
nothing in the database changes for it: the renames, and the indexes and orderings that now
name it, are Django's bookkeeping only. Its Russian one (`title_ru`) is a new column, empty.
"""

from django.db import migrations, models


def russian_columns(apps):
    """Each model's new Russian fields, as the state after this migration has them."""
    for model in apps.get_app_config("conferences").get_models():
        for field in model._meta.local_fields:
            if field.name.endswith("_ru"):
                yield model, field


def add_columns(apps, schema_editor):
    for model, field in russian_columns(apps):
        if schema_editor.connection.vendor == "sqlite":
            # SQLite adds a column with a default in place; Django would rebuild the table, which
            # drops the triggers of migrations 0010 and 0013.
            schema_editor.execute(
                f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} ADD COLUMN "
                f"{schema_editor.quote_name(field.column)} {field.db_type(schema_editor.connection)} "
                "NOT NULL DEFAULT ''"
            )
        else:
            schema_editor.add_field(model, field)


def drop_columns(apps, schema_editor):
    for model, field in russian_columns(apps):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} "
                                  f"DROP COLUMN {schema_editor.quote_name(field.column)}")
        else:
            schema_editor.remove_field(model, field)


class Migration(migrations.Migration):

    dependencies = [
        ('conferences', '0014_pending_uploads'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterModelOptions(
                name='actionitem',
                options={
                    'ordering': ['title_en'],
                    'permissions': [('publish_actionitem', 'Can publish and unpublish action items')],
                    'verbose_name': 'action item',
                    'verbose_name_plural': 'action items',
                },
            ),
            migrations.AlterModelOptions(
                name='conference',
                options={
                    'ordering': ['-start_date', 'title_en'],
                    'permissions': [('publish_conference', 'Can publish and unpublish conferences')],
                    'verbose_name': 'conference',
                    'verbose_name_plural': 'conferences',
                },
            ),
            migrations.AlterModelOptions(
                name='country',
                options={'ordering': ['name_en'], 'verbose_name': 'country', 'verbose_name_plural': 'countries'},
            ),
            migrations.AlterModelOptions(
                name='organization',
                options={
                    'ordering': ['name_en'],
                    'verbose_name': 'organisation',
                    'verbose_name_plural': 'organisations',
                },
            ),
            migrations.AlterModelOptions(
                name='person',
                options={'ordering': ['name_en'], 'verbose_name': 'person', 'verbose_name_plural': 'people'},
            ),
            migrations.AlterModelOptions(
                name='speech',
                options={
                    'ordering': ['-delivered_on', 'title_en'],
                    'permissions': [('publish_speech', 'Can publish and unpublish speeches')],
                    'verbose_name': 'speech',
                    'verbose_name_plural': 'speeches',
                },
            ),
            migrations.AlterModelOptions(
                name='theme',
                options={'ordering': ['position', 'name_en'], 'verbose_name': 'theme', 'verbose_name_plural': 'themes'},
            ),
            migrations.RemoveIndex(
                model_name='actionitem',
                name='actionitem_title_idx',
            ),
            migrations.RemoveIndex(
                model_name='actionitem',
                name='actionitem_status_idx',
            ),
            migrations.RemoveIndex(
                model_name='actionitem',
                name='actionitem_due_idx',
            ),
            migrations.RemoveIndex(
                model_name='conference',
                name='conference_date_idx',
            ),
            migrations.RemoveIndex(
                model_name='conference',
                name='conference_title_idx',
            ),
            migrations.RemoveIndex(
                model_name='person',
                name='person_name_idx',
            ),
            migrations.RemoveIndex(
                model_name='speech',
                name='speech_date_idx',
            ),
            migrations.RemoveIndex(
                model_name='speech',
                name='speech_title_idx',
            ),
            migrations.AlterField(
                model_name='actionitem',
                name='description',
                field=models.TextField(blank=True, db_column='description', verbose_name='description'),
            ),
            migrations.RenameField(
                model_name='actionitem',
                old_name='description',
                new_name='description_en',
            ),
            migrations.AlterField(
                model_name='actionitem',
                name='title',
                field=models.CharField(db_column='title', max_length=300, verbose_name='title'),
            ),
            migrations.RenameField(
                model_name='actionitem',
                old_name='title',
                new_name='title_en',
            ),
            migrations.AlterField(
                model_name='conference',
                name='city',
                field=models.CharField(blank=True, db_column='city', max_length=100, verbose_name='city'),
            ),
            migrations.RenameField(
                model_name='conference',
                old_name='city',
                new_name='city_en',
            ),
            migrations.AlterField(
                model_name='conference',
                name='short_title',
                field=models.CharField(
                    blank=True,
                    db_column='short_title',
                    help_text='For lists and links, e.g. “Tashkent 2022”.',
                    max_length=100,
                    verbose_name='short title',
                ),
            ),
            migrations.RenameField(
                model_name='conference',
                old_name='short_title',
                new_name='short_title_en',
            ),
            migrations.AlterField(
                model_name='conference',
                name='summary',
                field=models.TextField(blank=True, db_column='summary', verbose_name='summary'),
            ),
            migrations.RenameField(
                model_name='conference',
                old_name='summary',
                new_name='summary_en',
            ),
            migrations.AlterField(
                model_name='conference',
                name='title',
                field=models.CharField(db_column='title', max_length=300, verbose_name='title'),
            ),
            migrations.RenameField(
                model_name='conference',
                old_name='title',
                new_name='title_en',
            ),
            migrations.AlterField(
                model_name='country',
                name='name',
                field=models.CharField(db_column='name', max_length=100, unique=True, verbose_name='name'),
            ),
            migrations.RenameField(
                model_name='country',
                old_name='name',
                new_name='name_en',
            ),
            migrations.AlterField(
                model_name='organization',
                name='acronym',
                field=models.CharField(blank=True, db_column='acronym', max_length=30, verbose_name='acronym'),
            ),
            migrations.RenameField(
                model_name='organization',
                old_name='acronym',
                new_name='acronym_en',
            ),
            migrations.AlterField(
                model_name='organization',
                name='name',
                field=models.CharField(db_column='name', max_length=255, unique=True, verbose_name='name'),
            ),
            migrations.RenameField(
                model_name='organization',
                old_name='name',
                new_name='name_en',
            ),
            migrations.AlterField(
                model_name='person',
                name='honorific',
                field=models.CharField(
                    blank=True,
                    db_column='honorific',
                    help_text='For example Mr., Ms., Dr. or H.E.',
                    max_length=30,
                    verbose_name='honorific',
                ),
            ),
            migrations.RenameField(
                model_name='person',
                old_name='honorific',
                new_name='honorific_en',
            ),
            migrations.AlterField(
                model_name='person',
                name='name',
                field=models.CharField(db_column='name', max_length=200, verbose_name='name'),
            ),
            migrations.RenameField(
                model_name='person',
                old_name='name',
                new_name='name_en',
            ),
            migrations.AlterField(
                model_name='person',
                name='title',
                field=models.CharField(
                    blank=True,
                    db_column='title',
                    help_text="The person's current position. The role held at each speech is kept on the speech.",
                    max_length=255,
                    verbose_name='current title',
                ),
            ),
            migrations.RenameField(
                model_name='person',
                old_name='title',
                new_name='title_en',
            ),
            migrations.AlterField(
                model_name='speech',
                name='speaker_role',
                field=models.CharField(
                    blank=True,
                    db_column='speaker_role',
                    help_text='The title the speaker held that day.',
                    max_length=255,
                    verbose_name="speaker's role",
                ),
            ),
            migrations.RenameField(
                model_name='speech',
                old_name='speaker_role',
                new_name='speaker_role_en',
            ),
            migrations.AlterField(
                model_name='speech',
                name='title',
                field=models.CharField(
                    db_column='title', help_text='For example “Opening remarks”.', max_length=300, verbose_name='title'
                ),
            ),
            migrations.RenameField(
                model_name='speech',
                old_name='title',
                new_name='title_en',
            ),
            migrations.AlterField(
                model_name='theme',
                name='description',
                field=models.TextField(blank=True, db_column='description', verbose_name='description'),
            ),
            migrations.RenameField(
                model_name='theme',
                old_name='description',
                new_name='description_en',
            ),
            migrations.AlterField(
                model_name='theme',
                name='name',
                field=models.CharField(db_column='name', max_length=200, unique=True, verbose_name='name'),
            ),
            migrations.RenameField(
                model_name='theme',
                old_name='name',
                new_name='name_en',
            ),
            migrations.AddIndex(
                model_name='actionitem',
                index=models.Index(fields=['title_en', 'id'], name='actionitem_title_idx'),
            ),
            migrations.AddIndex(
                model_name='actionitem',
                index=models.Index(fields=['status', 'title_en', 'id'], name='actionitem_status_idx'),
            ),
            migrations.AddIndex(
                model_name='actionitem',
                index=models.Index(fields=['due_date', 'title_en', 'id'], name='actionitem_due_idx'),
            ),
            migrations.AddIndex(
                model_name='conference',
                index=models.Index(fields=['-start_date', 'title_en', 'id'], name='conference_date_idx'),
            ),
            migrations.AddIndex(
                model_name='conference',
                index=models.Index(fields=['title_en', 'id'], name='conference_title_idx'),
            ),
            migrations.AddIndex(
                model_name='person',
                index=models.Index(fields=['name_en'], name='person_name_idx'),
            ),
            migrations.AddIndex(
                model_name='speech',
                index=models.Index(fields=['-delivered_on', 'title_en', 'id'], name='speech_date_idx'),
            ),
            migrations.AddIndex(
                model_name='speech',
                index=models.Index(fields=['title_en', 'id'], name='speech_title_idx'),
            ),
            migrations.AddField(
                model_name='actionitem',
                name='description_ru',
                field=models.TextField(blank=True, db_default='', default='', verbose_name='description'),
            ),
            migrations.AddField(
                model_name='actionitem',
                name='title_ru',
                field=models.CharField(blank=True, db_default='', default='', max_length=300, verbose_name='title'),
            ),
            migrations.AddField(
                model_name='conference',
                name='city_ru',
                field=models.CharField(blank=True, db_default='', default='', max_length=100, verbose_name='city'),
            ),
            migrations.AddField(
                model_name='conference',
                name='short_title_ru',
                field=models.CharField(
                    blank=True,
                    db_default='',
                    default='',
                    help_text='For lists and links, e.g. “Tashkent 2022”.',
                    max_length=100,
                    verbose_name='short title',
                ),
            ),
            migrations.AddField(
                model_name='conference',
                name='summary_ru',
                field=models.TextField(blank=True, db_default='', default='', verbose_name='summary'),
            ),
            migrations.AddField(
                model_name='conference',
                name='title_ru',
                field=models.CharField(blank=True, db_default='', default='', max_length=300, verbose_name='title'),
            ),
            migrations.AddField(
                model_name='country',
                name='name_ru',
                field=models.CharField(blank=True, db_default='', default='', max_length=100, verbose_name='name'),
            ),
            migrations.AddField(
                model_name='organization',
                name='acronym_ru',
                field=models.CharField(blank=True, db_default='', default='', max_length=30, verbose_name='acronym'),
            ),
            migrations.AddField(
                model_name='organization',
                name='name_ru',
                field=models.CharField(blank=True, db_default='', default='', max_length=255, verbose_name='name'),
            ),
            migrations.AddField(
                model_name='person',
                name='honorific_ru',
                field=models.CharField(
                    blank=True,
                    db_default='',
                    default='',
                    help_text='For example Mr., Ms., Dr. or H.E.',
                    max_length=30,
                    verbose_name='honorific',
                ),
            ),
            migrations.AddField(
                model_name='person',
                name='name_ru',
                field=models.CharField(blank=True, db_default='', default='', max_length=200, verbose_name='name'),
            ),
            migrations.AddField(
                model_name='person',
                name='title_ru',
                field=models.CharField(
                    blank=True,
                    db_default='',
                    default='',
                    help_text="The person's current position. The role held at each speech is kept on the speech.",
                    max_length=255,
                    verbose_name='current title',
                ),
            ),
            migrations.AddField(
                model_name='speech',
                name='speaker_role_ru',
                field=models.CharField(
                    blank=True,
                    db_default='',
                    default='',
                    help_text='The title the speaker held that day.',
                    max_length=255,
                    verbose_name="speaker's role",
                ),
            ),
            migrations.AddField(
                model_name='speech',
                name='title_ru',
                field=models.CharField(
                    blank=True,
                    db_default='',
                    default='',
                    help_text='For example “Opening remarks”.',
                    max_length=300,
                    verbose_name='title',
                ),
            ),
            migrations.AddField(
                model_name='theme',
                name='description_ru',
                field=models.TextField(blank=True, db_default='', default='', verbose_name='description'),
            ),
            migrations.AddField(
                model_name='theme',
                name='name_ru',
                field=models.CharField(blank=True, db_default='', default='', max_length=200, verbose_name='name'),
            ),
        ]),
        migrations.RunPython(add_columns, drop_columns),
    ]
