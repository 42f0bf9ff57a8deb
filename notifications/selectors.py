"""Reads about outgoing email: what needs a person's attention, and what happened to someone's
summaries."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import OutboundEmail

Status = OutboundEmail.Status
# The list columns; the bodies are never loaded for a list.
LIST_FIELDS = (
    "pk",
    "public_id",
    "kind",
    "to",
    "subject",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "queued_at",
    "next_attempt_at",
    "sent_at",
)


def _delayed_since(now=None):
    return (now or timezone.now()) - timedelta(seconds=settings.OUTBOX_DELAYED_AFTER)


def outbox_attention(*, now=None) -> QuerySet[OutboundEmail]:
    """Failed emails, and emails still waiting that have failed at least once or waited longer
    than OUTBOX_DELAYED_AFTER: what a network admin may want to look at or send again."""
    waiting = Q(status__in=[Status.QUEUED, Status.SENDING]) & (
        ~Q(last_error="") | Q(queued_at__lt=_delayed_since(now))
    )
    return (
        OutboundEmail.objects.filter(Q(status=Status.FAILED) | waiting)
        .only(*LIST_FIELDS)
        .order_by("-queued_at", "-pk")
    )


def outbox_delayed(*, now=None) -> bool:
    """Is any email still unsent more than OUTBOX_DELAYED_AFTER after it was queued?"""
    return OutboundEmail.objects.filter(
        status__in=[Status.QUEUED, Status.SENDING], queued_at__lt=_delayed_since(now)
    ).exists()


def summaries_delivered_to(*, user, limit: int = 6) -> list[OutboundEmail]:
    """A project manager's (or network admin's) latest summary emails and what became of them."""
    return list(
        OutboundEmail.objects.filter(to=user.email, kind__startswith="summary_")
        .only(*LIST_FIELDS)
        .order_by("-created_at", "-pk")[:limit]
    )
