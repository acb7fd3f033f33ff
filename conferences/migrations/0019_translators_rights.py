"""Editors and Publishers may add, change and delete speech translations, as they may speeches."""

from django.db import migrations

from conferences.roles import create_roles


class Migration(migrations.Migration):
    dependencies = [("conferences", "0018_russian_name_trigram_indexes")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
