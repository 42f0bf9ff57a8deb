"""A follow-up check some weeks after a learner's first session: what lasted. The interval is an
organisation's setting, kept here rather than on Organisation so this app owns all of it."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .vocabulary import CanDoAlone, CheckSource, OnlineService, Progression

WEEKS_MIN, WEEKS_MAX, WEEKS_DEFAULT = 4, 12, 8


class OutcomeSettings(models.Model):
    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="outcome_settings"
    )
    check_after_weeks = models.PositiveSmallIntegerField(
        _("weeks after the first session"),
        default=WEEKS_DEFAULT,
        validators=[MinValueValidator(WEEKS_MIN), MaxValueValidator(WEEKS_MAX)],
    )

    class Meta:
        verbose_name = _("follow-up setting")
        constraints = [
            models.CheckConstraint(
                condition=Q(check_after_weeks__gte=WEEKS_MIN, check_after_weeks__lte=WEEKS_MAX),
                name="outcome_check_after_4_to_12_weeks",
            )
        ]

    def __str__(self):
        return f"Follow-up after {self.check_after_weeks} weeks at {self.organisation}"


class OutcomeCheckQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class OutcomeCheck(models.Model):
    """One follow-up answer. A champion's is about one learner (one check per learner; asking
    again replaces it); a learner's own, given through the anonymous feedback link, has no
    learner: it counts in the figures and says nothing about who gave it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    learner = models.ForeignKey(
        "learners.Learner",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outcome_checks",
    )
    checked_on = models.DateField(_("date of the check"), default=timezone.localdate)
    can_do_alone = models.CharField(
        _("can they now do what they came for on their own?"),
        max_length=10,
        choices=CanDoAlone.choices,
    )
    services_used = ArrayField(
        models.CharField(max_length=20, choices=OnlineService.choices), default=list, blank=True
    )
    what_followed = ArrayField(
        models.CharField(max_length=20, choices=Progression.choices), default=list, blank=True
    )
    source = models.CharField(max_length=10, choices=CheckSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OutcomeCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up check")
        ordering = ["-checked_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(learner__isnull=False),
                name="outcome_one_check_per_learner",
            ),
            models.CheckConstraint(
                condition=Q(source="learner", learner__isnull=True)
                | Q(source="champion", learner__isnull=False),
                name="outcome_champion_checks_name_a_learner",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "checked_on"], name="outcome_org_day")]

    def __str__(self):
        return f"Follow-up check on {self.checked_on}"
