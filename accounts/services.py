"""Writes about people's accounts."""

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings

from .models import User


def site_update_from_settings(*, using: str = "default") -> None:
    """The Site row says what settings say (SITE_NAME, SITE_URL), so allauth's emails never read
    "Hello from !" or name example.com. Run after every migrate (accounts.apps)."""
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"name": settings.SITE_NAME, "domain": urlsplit(settings.SITE_URL).netloc},
    )
    Site.objects.clear_cache()


def user_mfa_grace_start(*, user: User, now: datetime) -> datetime:
    """Start a project manager's grace period for setting up an authenticator, once: a second
    call (another tab, another session) keeps the first start."""
    if not User.objects.filter(pk=user.pk, mfa_grace_started_at__isnull=True).update(
        mfa_grace_started_at=now
    ):
        now = User.objects.values_list("mfa_grace_started_at", flat=True).get(pk=user.pk)
    user.mfa_grace_started_at = now
    return now
