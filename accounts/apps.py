from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


def _site_from_settings(sender, using="default", **kwargs):
    from .services import site_update_from_settings

    site_update_from_settings(using=using)


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from . import signals  # noqa: F401 - connects the audit receivers

        # After django.contrib.sites made its example.com row (it comes first in INSTALLED_APPS).
        post_migrate.connect(_site_from_settings, sender=self)


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site (no sign-in of its own; see admin_site.py)."""

    default = False  # AccountsConfig stays this module's default
    default_site = "accounts.admin_site.PortalAdminSite"
