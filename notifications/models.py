import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboundEmail(models.Model):
    """The outbox. Every email is a row here before anything is sent, keyed so that the same email
    (kind, recipient, period) can never be queued twice; a worker claims a row with a conditional
    update, so two workers never send the same one. The row is its own retry schedule
    (next_attempt_at, until queued_at + OUTBOX_RETRY_FOR): beat's sweep hands due rows to a
    worker, so an email outlives a mail-server outage, a lost Redis message and a dead worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SUPPRESSED = "suppressed", _("Not sent (unsubscribed)")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    idempotency_key = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=60)
    to = models.EmailField()
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When the retry clock started: at creation, and again when someone requeues a failed email.
    queued_at = models.DateTimeField(default=timezone.now)
    # No claim succeeds before this moment; the backoff after a failed attempt moves it on.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # When a delivery task was last put on the broker for this row (the sweep waits a while
    # before publishing another, so a long queue in Redis is not flooded with copies).
    dispatched_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
            # A person's own emails (a PM's summaries on their email choices page).
            models.Index(fields=["to", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to} ({self.status})"

    @property
    def retry_until(self):
        """After this moment a failed attempt makes the email failed, not queued again."""
        return self.queued_at + timedelta(seconds=settings.OUTBOX_RETRY_FOR)

    @property
    def message_id(self) -> str:
        """One Message-ID per row, the same on every attempt, so a copy sent twice (the worker
        died between the server's acceptance and the mark) is recognisable as the same email."""
        return f"<outbox-{self.pk}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"


class EmailPreference(models.Model):
    """Which emails a person wants. Everyone starts with all of them on (weekly summaries for
    PMs); one click in any email turns its kind off."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")
        OFF = "off", _("Never")

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="email_preference"
    )
    reminders = models.BooleanField(
        _("Reminders: no session logged lately, follow-ups due, planned sessions tomorrow"),
        default=True,
    )
    summary_frequency = models.CharField(
        _("Impact summary for project managers"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    network_summary = models.BooleanField(
        _("Monthly network summary (network admins)"), default=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return _("Email preferences of %(user)s") % {"user": self.user}
