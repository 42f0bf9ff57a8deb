import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vocabulary import (
    AgeBand,
    ConsentMethod,
    EmploymentStatus,
    FoundationTask,
    Gender,
    HeardFrom,
    YesNoPreferNot,
)

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read out over the phone


def new_reference() -> str:
    return "L-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


class LearnerQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)


class Learner(models.Model):
    """A person helped by champions: a minimal, pseudonymous record owned by one organisation.
    Demographic bands are optional and each allows "prefer not to say"; blank means not asked."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="learners"
    )
    reference = models.CharField(max_length=12, default=new_reference, editable=False)
    display_name = models.CharField(
        _("name or initials"), max_length=80, help_text=_("A first name or initials is enough.")
    )
    # Contact details only with the learner's consent (see Consent.Kind.CONTACT).
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    # Demographic bands for impact reporting.
    age_band = models.CharField(max_length=12, choices=AgeBand.choices, blank=True)
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    employment_status = models.CharField(
        max_length=12, choices=EmploymentStatus.choices, blank=True
    )
    # Special category data (UK GDPR art. 9): stored only with a separate explicit consent.
    disability = models.CharField(
        _("disabled or long-term health condition"),
        max_length=12,
        choices=YesNoPreferNot.choices,
        blank=True,
    )
    first_language_english = models.CharField(
        _("first language is English"), max_length=12, choices=YesNoPreferNot.choices, blank=True
    )
    postcode_district = models.CharField(
        max_length=5, blank=True, help_text=_("The first half of the postcode only, like M14.")
    )
    heard_from = models.CharField(
        _("how they heard of us"), max_length=12, choices=HeardFrom.choices, blank=True
    )
    is_shared = models.BooleanField(
        _("visible to every champion of the organisation"),
        default=False,
        help_text=_(
            "Otherwise only champions who have helped them (and project managers) see them."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept up to date by the session services: drives retention and "repeat learner" figures.
    first_session_on = models.DateField(null=True, blank=True)
    last_session_on = models.DateField(null=True, blank=True)
    session_count = models.PositiveIntegerField(default=0)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = LearnerQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="learner_unique_reference_per_org"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "display_name"]),
            models.Index(fields=["organisation", "last_session_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.reference})"

    @property
    def audit_label(self) -> str:
        return f"Learner {self.reference}"


class Consent(models.Model):
    """One consent a learner gave or withdrew: who recorded it, when, how, and what they were told.
    Special-category consent is separate from the others, as UK GDPR asks."""

    class Kind(models.TextChoices):
        PROCESSING = "processing", _("Keep a record of the help given")
        CONTACT = "contact", _("Be contacted (email or phone)")
        SPECIAL_CATEGORY = "special_category", _("Record disability or health information")
        MEDIA = "media", _("Photos or quotes in case studies")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    given = models.BooleanField(default=True)
    method = models.CharField(max_length=10, choices=ConsentMethod.choices)
    notice_version = models.CharField(_("privacy notice version"), max_length=20, default="2026-1")
    what_they_were_told = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["learner", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {'yes' if self.given else 'no'}"

    @property
    def is_active(self) -> bool:
        return self.given and self.withdrawn_at is None


class SelfAssessment(models.Model):
    """The learner's own rating (1-5) in each Essential Digital Skills area, and which foundation
    tasks they can do. The first one is the starting point; later ones show distance travelled."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(default=timezone.localdate)
    foundation = models.PositiveSmallIntegerField(_("foundation skills"), null=True, blank=True)
    communicating = models.PositiveSmallIntegerField(null=True, blank=True)
    handling_information = models.PositiveSmallIntegerField(
        _("handling information and content"), null=True, blank=True
    )
    transacting = models.PositiveSmallIntegerField(null=True, blank=True)
    problem_solving = models.PositiveSmallIntegerField(null=True, blank=True)
    safe_and_legal = models.PositiveSmallIntegerField(
        _("being safe and legal online"), null=True, blank=True
    )
    foundation_tasks = ArrayField(
        models.CharField(max_length=30, choices=FoundationTask.choices), default=list, blank=True
    )
    # Task by task (learners/eds.py): the life-task areas they chose to be asked about, and
    # the life tasks they said they can do on their own. Empty on assessments made before.
    life_areas_asked = ArrayField(models.CharField(max_length=30), default=list, blank=True)
    life_tasks = ArrayField(models.CharField(max_length=30), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    SCORE_FIELDS = (
        "foundation",
        "communicating",
        "handling_information",
        "transacting",
        "problem_solving",
        "safe_and_legal",
    )

    class Meta:
        ordering = ["learner", "assessed_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{f}__isnull": True}) | Q(**{f"{f}__gte": 1, f"{f}__lte": 5}),
                name=f"assessment_{f}_1_to_5",
            )
            for f in (
                "foundation",
                "communicating",
                "handling_information",
                "transacting",
                "problem_solving",
                "safe_and_legal",
            )
        ]
        indexes = [models.Index(fields=["organisation", "learner", "assessed_on"])]

    def __str__(self) -> str:
        return f"Self-assessment of {self.learner} on {self.assessed_on}"
