from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Conferences, speeches and action items")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models import CharField, TextField

        from .search import Folded, add_sqlite_functions

        connection_created.connect(add_sqlite_functions)
        CharField.register_lookup(Folded)
        TextField.register_lookup(Folded)
