"""Writes for outgoing email. Everything that sends mail calls one of these functions."""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutboundEmail

logger = logging.getLogger(__name__)

# A row stuck in "sending" longer than this belongs to a worker that died mid-send.
SENDING_LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 8


def email_queue(
    *,
    key: str,
    kind: str,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    headers: dict | None = None,
) -> OutboundEmail | None:
    """Store the email in the outbox and hand it to a worker after the transaction commits.
    Returns None when an email with this key was already queued (so it is never sent twice)."""
    try:
        with transaction.atomic():
            email = OutboundEmail.objects.create(
                idempotency_key=key[:255],
                kind=kind,
                to=to,
                from_email=settings.DEFAULT_FROM_EMAIL,
                subject=subject.strip().replace("\n", " "),
                body_text=body_text,
                body_html=body_html,
                headers=headers or {},
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: _enqueue_delivery(email.pk))
    return email


def email_queue_message(*, message: EmailMessage, kind: str, key: str | None = None) -> None:
    """Queue an already-rendered Django message (allauth's emails arrive this way)."""
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next((c for c, mime in message.alternatives if mime == "text/html"), "")
    for recipient in message.to:
        email_queue(
            # allauth emails (password reset, verification) may legitimately repeat: unique key.
            key=key or f"{kind}:{recipient}:{uuid.uuid4()}",
            kind=kind,
            to=recipient,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            headers=dict(message.extra_headers),
        )


def email_send_template(
    *,
    key: str,
    kind: str,
    to: str,
    template: str,
    context: dict,
    headers: dict | None = None,
) -> OutboundEmail | None:
    """Render templates/emails/<template>-subject.txt, -body.txt and -body.html and queue them."""
    context = {"site_url": settings.SITE_URL, **context}
    return email_queue(
        key=key,
        kind=kind,
        to=to,
        subject=render_to_string(f"emails/{template}-subject.txt", context),
        body_text=render_to_string(f"emails/{template}-body.txt", context),
        body_html=render_to_string(f"emails/{template}-body.html", context),
        headers=headers,
    )


def _enqueue_delivery(email_id: int) -> None:
    from .tasks import deliver_email

    try:
        deliver_email.delay(email_id)
    except Exception:  # noqa: BLE001 - a broker outage must not break the web request
        logger.warning("Broker unavailable; outbox sweep will deliver email %s later", email_id)


def email_claim(*, email_id: int) -> OutboundEmail | None:
    """Claim one email for sending. Exactly one caller wins: the conditional update changes one
    row for it and none for anybody else. A stale "sending" row (its worker died) is re-claimable."""
    now = timezone.now()
    stale = now - SENDING_LEASE
    claimable = OutboundEmail.objects.filter(pk=email_id).filter(
        status=OutboundEmail.Status.QUEUED
    ) | OutboundEmail.objects.filter(
        pk=email_id, status=OutboundEmail.Status.SENDING, claimed_at__lt=stale
    )
    if claimable.update(
        status=OutboundEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    ):
        return OutboundEmail.objects.get(pk=email_id)
    return None


def email_deliver(*, email: OutboundEmail) -> None:
    """Send a claimed email through the configured backend, then mark it sent. Raises on a
    transient failure after putting the row back in the queue for the retry."""
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=email.from_email,
        to=[email.to],
        headers=email.headers,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        get_connection().send_messages([message])
    except Exception as exc:
        final = email.attempts >= MAX_ATTEMPTS
        OutboundEmail.objects.filter(pk=email.pk).update(
            status=OutboundEmail.Status.FAILED if final else OutboundEmail.Status.QUEUED,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        raise
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=OutboundEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )


def outbox_sweep(*, older_than: timedelta = timedelta(minutes=2)) -> int:
    """Re-enqueue emails that never reached a worker (Redis was down) or whose worker died."""
    now = timezone.now()
    ids = list(
        (
            OutboundEmail.objects.filter(
                status=OutboundEmail.Status.QUEUED, created_at__lt=now - older_than
            )
            | OutboundEmail.objects.filter(
                status=OutboundEmail.Status.SENDING, claimed_at__lt=now - SENDING_LEASE
            )
        ).values_list("pk", flat=True)[:5000]
    )
    for email_id in ids:
        _enqueue_delivery(email_id)
    return len(ids)
