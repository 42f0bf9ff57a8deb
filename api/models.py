import hashlib
import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "dcp_"


class Access(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write sessions")


def hash_secret(secret: str) -> str:
    """A key is 32 random bytes, so one round of SHA-256 is enough (nothing to brute-force, unlike
    a password); only this digest is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """(prefix, full key). The prefix (shown to people, stored in the clear) finds the row; the
    full key is `<prefix>.<secret>` and is shown once."""
    prefix = KEY_PREFIX + secrets.token_hex(4)
    return prefix, f"{prefix}.{secrets.token_urlsafe(32)}"


class ApiKeyQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def network_wide(self):
        return self.filter(organisation__isnull=True)


class ApiKey(models.Model):
    """A key one organisation's systems use (or, with no organisation, a network admin's key that
    reads network-wide figures only)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_keys",
        help_text=_("Empty for a network admin's network-wide, read-only key."),
    )
    name = models.CharField(_("name"), max_length=100)
    access = models.CharField(max_length=10, choices=Access.choices, default=Access.READ)
    # Learners' disability answers (UK GDPR art. 9) only when a PM grants it explicitly.
    can_read_special_category = models.BooleanField(default=False)
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Kept to the minute (authentication.py), so a busy key is not an UPDATE per request.
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(access=Access.READ),
                name="apikey_network_keys_read_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def can_write(self) -> bool:
        return self.access == Access.READ_WRITE

    def refusal(self, now=None) -> str | None:
        """Why the key may not be used now, or None."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return str(_("This API key has been revoked."))
        if self.expires_at is not None and self.expires_at <= now:
            return str(_("This API key has expired."))
        return None

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return "expired"
        return "active"


class ApiRequest(models.Model):
    """One request made with a key: one INSERT, nothing else."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="requests")
    at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=8)
    endpoint = models.CharField(max_length=200)
    status = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["key", "-at"], name="apirequest_key_at")]

    def __str__(self) -> str:
        return f"{self.method} {self.endpoint} {self.status}"


class IdempotencyRecord(models.Model):
    """The first answer to an Idempotency-Key, per organisation: a repeat gets the same session."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=200)
    # Empty only inside the transaction that creates the session.
    session = models.ForeignKey(
        "sessions_log.SupportSession",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], name="idempotency_one_key_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.key


# --- Webhooks ------------------------------------------------------------------------------------

WEBHOOK_SECRET_PREFIX = "whsec_"


class WebhookEventType(models.TextChoices):
    SESSION_LOGGED = "session.logged", _("A session is logged")
    SESSION_CHANGED = "session.changed", _("A session is changed")
    SESSION_CANCELLED = "session.cancelled", _("A session is cancelled")
    LEARNER_ERASED = "learner.erased", _("A learner's record is erased")
    # Sent by the "send a test event" button only; nobody subscribes to it.
    TEST = "test", _("Test event")


SUBSCRIBABLE_EVENTS = [choice for choice in WebhookEventType.choices if choice[0] != "test"]


def new_webhook_secret() -> str:
    return WEBHOOK_SECRET_PREFIX + secrets.token_urlsafe(32)


class WebhookEndpointQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class WebhookEndpoint(models.Model):
    """An address of another system that is told when something happens in the organisation.
    The secret is kept in the clear, unlike an API key's: the portal signs with it, so it must
    be able to read it. It is shown once to the PM (see api.pages)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("address"), max_length=500)
    description = models.CharField(_("description"), max_length=100, blank=True)
    events = ArrayField(models.CharField(max_length=30, choices=SUBSCRIBABLE_EVENTS))
    secret = models.CharField(max_length=80, editable=False)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = WebhookEndpointQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.url


class WebhookEvent(models.Model):
    """Something that happened, once, whatever the number of endpoints told of it. Its public id
    is the X-Champions-Event-Id header: the same on every attempt and every endpoint, so a
    receiver can drop a repeat."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    type = models.CharField(max_length=30, choices=WebhookEventType.choices)
    # Ids and codes only (api.webhooks.event_data): never a learner's name or contact details.
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.type} {self.public_id}"


class WebhookDelivery(models.Model):
    """The outbox row of one event for one endpoint: its retry schedule and its log."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    queued_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-queued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event"], name="webhook_delivery_once_per_endpoint"
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="webhook_delivery_due",
                condition=Q(status__in=["queued", "sending"]),
            ),
            models.Index(fields=["endpoint", "-queued_at"], name="webhook_delivery_log"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} to {self.endpoint_id}: {self.status}"
