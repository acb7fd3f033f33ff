"""A published record always has its publication time.

save() fills it in, but a row written past it (a raw write) could be published with none: public by
the instance's rule and hidden by published()'s. Such rows are given the present moment, as save()
would, and PostgreSQL refuses them from now on. On SQLite (the laptop demo) the rule stays with
the models: adding a constraint there rebuilds the table, which would drop its triggers.
"""

from django.db import migrations, models
from django.db.models.functions import Now

PUBLISHABLE = ["conference", "speech", "actionitem", "document"]


def constraint(model_name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(is_published=False) | models.Q(published_at__isnull=False),
        name=f"{model_name}_published_has_time",
        violation_error_message="Something published needs the time it was published.",
    )


def stamp_and_refuse(apps, schema_editor):
    for name in PUBLISHABLE:
        model = apps.get_model("conferences", name)
        model.objects.filter(is_published=True, published_at__isnull=True).update(published_at=Now())
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_constraint(model, constraint(name))


def stop_refusing(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in PUBLISHABLE:
            schema_editor.remove_constraint(apps.get_model("conferences", name), constraint(name))


class Migration(migrations.Migration):

    dependencies = [
        ("conferences", "0028_lists_in_the_readers_order"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(stamp_and_refuse, stop_refusing, elidable=False)],
            state_operations=[migrations.AddConstraint(model_name=name, constraint=constraint(name))
                              for name in PUBLISHABLE],
        ),
    ]
