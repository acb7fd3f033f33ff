"""The two editorial roles and the permissions each holds, written by migrations 0005, 0019 and 0021.

Editors add, change and view all content, and delete drafts; Publishers can also publish,
unpublish and delete published content. The admin enforces the difference
(conferences/publishing.py); these groups only hold the permissions.
"""

from django.contrib.auth.management import create_permissions

CONTENT = ["conference", "speech", "speechtranslation", "actionitem", "actionitemupdate", "person", "organization",
           "country", "theme", "document", "documentversion", "session", "plan"]
PUBLISHABLE = ["conference", "speech", "actionitem", "document"]
ROLES = {
    "Editors": [f"{action}_{model}" for model in CONTENT for action in ("add", "change", "view", "delete")],
    "Publishers": [f"{action}_{model}" for model in CONTENT for action in ("add", "change", "view", "delete")]
    + [f"publish_{model}" for model in PUBLISHABLE],
}


def create_roles(apps, schema_editor) -> None:
    """The groups with every permission of theirs that exists so far (a migration's `apps`)."""
    # Permissions are normally created after all migrations have run; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    create_groups(apps)


def create_groups(apps) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="conferences", codename__in=codenames))


def remove_roles(apps, schema_editor) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()
