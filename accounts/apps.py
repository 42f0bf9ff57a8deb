from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from . import signals  # noqa: F401 - connects the audit receivers


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site (no sign-in of its own; see admin_site.py)."""

    default = False  # AccountsConfig stays this module's default
    default_site = "accounts.admin_site.PortalAdminSite"
