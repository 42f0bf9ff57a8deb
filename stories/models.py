"""A learner's story, told with their consent: what they wanted, what changed, perhaps a quote
and a photo. Each use (the organisation's reports, the whole network, their first name, the
photo) has its own consent with who recorded it, when, how and what the learner was told. A
story is shown only once a project manager approved it and never after consent is withdrawn:
every page and report asks stories.selectors, which reads the rows fresh, so a withdrawal is
everywhere at once."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vocabulary import ConsentMethod


class StoryUse(models.TextChoices):
    ORGANISATION_REPORT = "organisation_report", _("In our organisation's reports")
    NETWORK = "network", _("Shared with the whole Digital Champions network")
    FIRST_NAME = "first_name", _("With their first name (otherwise no name is given)")
    PHOTO = "photo", _("With the photo")


def _photo_path(story, filename: str) -> str:
    # A random name: the learner's own file name may hold their name.
    return f"stories/{story.organisation_id}/{uuid.uuid4().hex}"


class StoryQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def not_withdrawn(self):
        return self.filter(withdrawn_at__isnull=True)


class Story(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.CASCADE, related_name="stories"
    )
    what_they_wanted = models.TextField(_("what they wanted to do"), max_length=600)
    what_changed = models.TextField(_("what changed for them"), max_length=1200)
    quote = models.CharField(_("a quote in their own words"), max_length=300, blank=True)
    photo = models.ImageField(upload_to=_photo_path, blank=True, max_length=200)
    photo_content_type = models.CharField(max_length=40, blank=True)
    photo_alt = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    featured_at = models.DateTimeField(null=True, blank=True)
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The toolkit case study a network admin published from it (a draft until a curator
    # publishes it); deleted with the story's words when consent is withdrawn or on erasure.
    case_study = models.OneToOneField(
        "toolkit.Resource", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-written_at"]
        indexes = [models.Index(fields=["organisation", "-written_at"], name="story_org_written")]

    def __str__(self):
        return f"Story of {self.learner_id} at {self.organisation_id}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class StoryConsent(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    use = models.CharField(max_length=20, choices=StoryUse.choices)
    method = models.CharField(max_length=10, choices=ConsentMethod.choices)
    what_they_were_told = models.TextField(max_length=1000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("consent for a story")
        ordering = ["story", "use"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "use"],
                condition=Q(withdrawn_at__isnull=True),
                name="story_one_live_consent_per_use",
            )
        ]

    def __str__(self):
        return f"{self.use} for story {self.story_id}"
