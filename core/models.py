import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditEvent(models.Model):
    """Append-only record of who did what to personal data and access (UK GDPR accountability,
    OWASP ASVS 7.1). Written only through core.audit.audit_record; never updated or deleted."""

    class Action(models.TextChoices):
        VIEW = "view", pgettext_lazy("audit log action", "Viewed")
        CREATE = "create", pgettext_lazy("audit log action", "Created")
        UPDATE = "update", pgettext_lazy("audit log action", "Changed")
        DELETE = "delete", pgettext_lazy("audit log action", "Deleted")
        RESTORE = "restore", pgettext_lazy("audit log action", "Restored")
        EXPORT = "export", pgettext_lazy("audit log action", "Exported")
        ERASE = "erase", pgettext_lazy("audit log action", "Erased")
        SIGN_IN = "sign_in", pgettext_lazy("audit log action", "Signed in")
        SIGN_IN_FAILED = "sign_in_failed", pgettext_lazy("audit log action", "Failed sign-in")
        ROLE_CHANGE = "role_change", pgettext_lazy("audit log action", "Role changed")
        INVITATION_USED = (
            "invitation_used",
            pgettext_lazy("audit log action", "Invitation accepted"),
        )
        CONSENT = "consent", pgettext_lazy("audit log action", "Consent recorded")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(
        max_length=254, blank=True, help_text=_("Kept if the user goes.")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"
