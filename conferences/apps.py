from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Conferences, speeches and action items")

    def ready(self) -> None:
        from .caching import connect_signals
        from .models import ActionItem, ActionItemUpdate, Conference, Country, Organization, Person, Speech, Theme

        # Any change to content makes every cached page stale.
        connect_signals([Conference, Speech, ActionItem, ActionItemUpdate, Person, Organization, Country, Theme])
