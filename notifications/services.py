"""Writes for outgoing email. Everything that sends mail calls one of these functions.

The outbox row is the retry schedule. A delivery task claims a row that is due, sends it with the
row's one Message-ID, and marks it sent at once; a transient failure puts it back with a later
next_attempt_at (capped exponential backoff, never 0 s), for OUTBOX_RETRY_FOR after it was queued.
Celery does not retry: beat's sweep hands every due row to a worker, so an attempt happens only
when the row says so, whatever the broker did with earlier messages."""

import logging
import random
import smtplib
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.audit import Action, audit_record

from .models import OutboundEmail

logger = logging.getLogger(__name__)

Status = OutboundEmail.Status


def _seconds(name: str) -> timedelta:
    return timedelta(seconds=getattr(settings, name))


def email_context(**context) -> dict:
    """What every email template may use: the portal's name and address come from settings, never
    from the Site row (whose name may be blank)."""
    return {
        "portal_name": getattr(settings, "SITE_NAME", "") or "Digital Champions Portal",
        "site_url": settings.SITE_URL,
        **context,
    }


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
                dispatched_at=timezone.now(),
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
    language: str | None = None,
) -> OutboundEmail | None:
    """Render templates/emails/<template>-subject.txt, -body.txt and -body.html and queue them,
    in the reader's language (accounts.language.language_for), dates and numbers included: the
    outbox stores the rendered email, so a retry days later still says what was meant."""
    context = email_context(**context)
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}-subject.txt", context)
        body_text = render_to_string(f"emails/{template}-body.txt", context)
        body_html = render_to_string(f"emails/{template}-body.html", context)
    return email_queue(
        key=key,
        kind=kind,
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        headers=headers,
    )


def _enqueue_delivery(email_id: int) -> bool:
    """Hand the email to a worker. When the broker refuses, the row is marked as not handed over,
    so the next sweep publishes it again at once rather than after OUTBOX_REDISPATCH_AFTER."""
    from .tasks import deliver_email

    try:
        deliver_email.delay(email_id)
    except Exception:  # noqa: BLE001 - a broker outage must not break the web request
        logger.warning("Broker unavailable; outbox sweep will deliver email %s later", email_id)
        OutboundEmail.objects.filter(pk=email_id).update(dispatched_at=None)
        return False
    return True


def email_claim(*, email_id: int) -> OutboundEmail | None:
    """Claim one email for sending. Exactly one caller wins: the conditional update changes one
    row for it and none for anybody else, and only the winner counts an attempt. A queued row is
    claimable once its next attempt is due; a "sending" row once its lease ran out (its worker
    died)."""
    now = timezone.now()
    claimable = OutboundEmail.objects.filter(pk=email_id).filter(
        Q(status=Status.QUEUED, next_attempt_at__lte=now)
        | Q(status=Status.SENDING, claimed_at__lt=now - _seconds("OUTBOX_SENDING_LEASE"))
    )
    # The task that claims has left the broker: dispatched_at is cleared, so if this worker dies
    # the sweep hands the row over as soon as the lease runs out.
    if claimable.update(
        status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1, dispatched_at=None
    ):
        return OutboundEmail.objects.get(pk=email_id)
    return None


def retry_delay(*, attempts: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt, capped at OUTBOX_BACKOFF_MAX, with
    "equal jitter": between half and all of the step, so never 0 s (full jitter can draw 0 and
    retry at once) and retries after an outage still spread out."""
    first = settings.OUTBOX_BACKOFF_FIRST
    step = min(settings.OUTBOX_BACKOFF_MAX, first * 2 ** min(max(attempts - 1, 0), 30))
    return timedelta(seconds=step / 2 + random.uniform(0, step / 2))  # noqa: S311 - not crypto


def _is_permanent(exc: Exception) -> bool:
    """The mail server refused this message for good (5xx for its recipient or its content), or
    the message cannot be built: no retry would change that. Everything else — connection
    refused, timeouts, 4xx, and 5xx about the sender or our login, which are the portal's
    configuration and hit every email alike — is retried."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPDataError):
        return 500 <= exc.smtp_code < 600
    return isinstance(exc, ValueError)


def _message(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=email.from_email,
        to=[email.to],
        headers={**email.headers, "Message-ID": email.message_id},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def email_deliver(*, email: OutboundEmail) -> str:
    """Send a claimed email, then mark it sent in its own short transaction straight after the
    server's acceptance (before even saying QUIT). On failure the row goes back to the queue with
    its next attempt time, or becomes failed when the error is permanent or its retry time is up.
    Returns the row's new status."""
    connection = get_connection()
    try:
        message = _message(email)
        connection.open()
        connection.send_messages([message])
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
        _close(connection)
        return _release(email=email, exc=exc)
    with transaction.atomic():
        OutboundEmail.objects.filter(pk=email.pk).update(
            status=Status.SENT, sent_at=timezone.now(), last_error="", dispatched_at=None
        )
    _close(connection)
    return Status.SENT


def _close(connection) -> None:
    try:
        connection.close()
    except Exception as exc:  # noqa: BLE001 - the message was accepted or the error recorded
        logger.info("Closing the mail connection failed: %s", exc)


def _release(*, email: OutboundEmail, exc: Exception) -> str:
    now = timezone.now()
    error = f"{type(exc).__name__}: {exc}"[:2000]
    deadline = email.queued_at + _seconds("OUTBOX_RETRY_FOR")
    if _is_permanent(exc) or now >= deadline:
        status, next_attempt = Status.FAILED, email.next_attempt_at
        logger.warning(
            "Email %s failed for good after %s attempts: %s", email.pk, email.attempts, error
        )
    else:
        # The last try lands on the deadline itself, so the whole retry time is used.
        status, next_attempt = (
            Status.QUEUED,
            min(now + retry_delay(attempts=email.attempts), deadline),
        )
        logger.info(
            "Email %s attempt %s failed, next at %s: %s",
            email.pk,
            email.attempts,
            next_attempt,
            error,
        )
    # Only our own claim is released: if the lease ran out and another worker took the row over,
    # its outcome stands.
    OutboundEmail.objects.filter(
        pk=email.pk, status=Status.SENDING, claimed_at=email.claimed_at
    ).update(status=status, next_attempt_at=next_attempt, last_error=error, dispatched_at=None)
    return status


def outbox_sweep(*, older_than: timedelta | None = None) -> int:
    """Hand every due row to a worker: queued rows whose next attempt has come, and "sending" rows
    whose worker died (lease run out). A row handed over lately is left alone for
    OUTBOX_REDISPATCH_AFTER (or older_than): its task may still wait behind a long Monday queue,
    and publishing it again every minute would only flood Redis with copies that lose their
    claim. (A publish that failed cleared the mark, so only a message Redis accepted and then lost
    waits that long.) Returns how many rows it tried to hand over."""
    now = timezone.now()
    grace = older_than if older_than is not None else _seconds("OUTBOX_REDISPATCH_AFTER")
    due = OutboundEmail.objects.filter(
        Q(status=Status.QUEUED, next_attempt_at__lte=now)
        | Q(status=Status.SENDING, claimed_at__lt=now - _seconds("OUTBOX_SENDING_LEASE"))
    ).filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lte=now - grace))
    ids = list(due.order_by("next_attempt_at").values_list("pk", flat=True)[:5000])
    # Still due: a row a worker claimed in between keeps its cleared mark (see email_claim).
    due.filter(pk__in=ids).update(dispatched_at=now)
    for n, email_id in enumerate(ids):
        if not _enqueue_delivery(email_id):
            # The broker is down: the rest would fail too, each after its timeout.
            OutboundEmail.objects.filter(pk__in=ids[n:]).update(dispatched_at=None)
            break
    return len(ids)


# --- Sending again what failed -------------------------------------------------------------------

REQUEUEABLE = (Status.FAILED, Status.QUEUED)


def _requeue(emails: QuerySet) -> list[OutboundEmail]:
    """Failed rows go back to the queue and delayed queued rows are tried now; either way the
    retry time starts again. Rows being sent, sent or suppressed are left alone."""
    now = timezone.now()
    rows = list(emails.filter(status__in=REQUEUEABLE).only("pk", "public_id", "kind"))
    OutboundEmail.objects.filter(pk__in=[r.pk for r in rows], status__in=REQUEUEABLE).update(
        status=Status.QUEUED, queued_at=now, next_attempt_at=now, dispatched_at=now
    )
    for row in rows:
        transaction.on_commit(lambda pk=row.pk: _enqueue_delivery(pk))
    return rows


@transaction.atomic
def email_requeue(*, email: OutboundEmail, by=None, request=None) -> bool:
    """Send one failed or delayed email again. Audited without the address (the log is
    append-only, so personal data written there could never be erased)."""
    done = bool(_requeue(OutboundEmail.objects.filter(pk=email.pk)))
    if done:
        audit_record(
            action=Action.UPDATE,
            actor=by,
            target=email,
            target_label=f"Email {email.kind} requeued",
            detail={"change": "requeued"},
            request=request,
        )
    return done


@transaction.atomic
def outbox_requeue_all(*, by=None, request=None) -> int:
    """Send again every failed email and try every delayed one now."""
    from .selectors import outbox_attention

    rows = _requeue(outbox_attention())
    if rows:
        audit_record(
            action=Action.UPDATE,
            actor=by,
            target_label=f"{len(rows)} emails requeued",
            detail={"change": "requeued", "emails": [str(r.public_id) for r in rows][:1000]},
            request=request,
        )
    return len(rows)
