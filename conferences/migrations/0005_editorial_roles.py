"""The two editorial roles, so that every install has them (conferences/roles.py)."""

from django.db import migrations

from conferences.roles import create_roles, remove_roles


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0004_publish_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
