"""Editors and Publishers work on documents, agendas and plans as on the rest; Publishers publish documents."""

from django.db import migrations

from conferences.roles import create_roles


class Migration(migrations.Migration):
    dependencies = [("conferences", "0020_documents_agendas_plans")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
