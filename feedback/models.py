import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vocabulary import Topic


def new_token() -> str:
    return secrets.token_urlsafe(12)


class FeedbackLink(models.Model):
    """The public address (and QR code) an organisation hands to learners. Changing it makes the
    old one stop working, for a poster that went somewhere it should not."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="feedback_link"
    )
    token = models.CharField(max_length=32, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    # A PM can pause the link (a flood of answers, a closed venue): learners then see a kind
    # "not taking feedback right now" page, and the printed QR codes work again when resumed.
    paused_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Feedback link of {self.organisation}"

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None


class HideReason(models.TextChoices):
    SPAM = "spam", _("Spam or nonsense")
    NAMES_SOMEONE = "names_someone", _("It names or identifies someone")
    UNKIND = "unkind", _("Abusive or unkind")
    OTHER = "other", _("Another reason")


class LearnerFeedbackQuerySet(models.QuerySet):
    def shown(self):
        """Answers not hidden by a PM: every count and list starts here."""
        return self.filter(hidden_at__isnull=True)


class LearnerFeedback(models.Model):
    """What a learner said, anonymously: no name, no contact details, nothing that identifies
    them, so no consent is needed to keep it."""

    class MoreConfident(models.TextChoices):
        YES = "yes", _("Yes")
        A_BIT = "a_bit", _("A bit")
        NO = "no", _("No")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="learner_feedback"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    more_confident = models.CharField(max_length=6, choices=MoreConfident.choices)
    helped_with = ArrayField(
        models.CharField(max_length=30, choices=Topic.choices), default=list, blank=True
    )
    would_recommend = models.BooleanField(null=True, blank=True)
    comment = models.CharField(max_length=500, blank=True)
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A PM may hide an answer (spam, a name written in) from the page and the figures; who and
    # when are kept, and it can be shown again.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(max_length=20, choices=HideReason.choices, blank=True)

    objects = LearnerFeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["organisation", "-submitted_at"], name="feedback_org_at")]

    def __str__(self):
        return f"Feedback for {self.organisation} on {self.submitted_at:%Y-%m-%d}"
