"""The site's own configuration of apps from other projects."""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _


class SignInProtectionConfig(AxesConfig):
    """django-axes, headed in the admin by what it keeps (failed sign-ins and lockouts) rather than by
    the library's name, in both languages."""

    verbose_name = _("Sign-in protection")
