"""Writes about people's accounts."""

from datetime import datetime

from .models import User


def user_mfa_grace_start(*, user: User, now: datetime) -> datetime:
    """Start a project manager's grace period for setting up an authenticator, once: a second
    call (another tab, another session) keeps the first start."""
    if not User.objects.filter(pk=user.pk, mfa_grace_started_at__isnull=True).update(
        mfa_grace_started_at=now
    ):
        now = User.objects.values_list("mfa_grace_started_at", flat=True).get(pk=user.pk)
    user.mfa_grace_started_at = now
    return now
