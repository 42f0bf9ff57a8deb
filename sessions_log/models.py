import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vocabulary import (
    Barrier,
    CancelReason,
    DataSupport,
    DeviceSupport,
    Mode,
    SessionFormat,
    SessionStatus,
    Signposting,
    SkillArea,
    Topic,
)

MAX_DURATION_MINUTES = 8 * 60


class SupportSessionQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def live(self):
        """Not soft-deleted. Every figure and list starts from here."""
        return self.filter(deleted_at__isnull=True)

    def completed(self):
        return self.live().filter(status=SessionStatus.COMPLETED)


class ImportBatch(models.Model):
    """One CSV import: who brought which sessions in, and when. The import can be undone as one
    batch within UNDO_WITHIN (sessions_log.importing), which soft-deletes its sessions."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200, blank=True)
    session_count = models.PositiveIntegerField(default=0)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at"]
        indexes = [models.Index(fields=["organisation", "-imported_at"])]

    def __str__(self) -> str:
        return f"Import of {self.session_count} sessions on {self.imported_at:%d %b %Y %H:%M}"


class SupportSession(models.Model):
    """One session of help a champion gave: one-to-one, a group, or a drop-in tally of people
    helped. Planned sessions are completed later; cancelled ones keep their reason."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="support_sessions"
    )
    champion = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_sessions"
    )
    # The champion's team when the session was logged, so team figures do not move when
    # somebody changes team later.
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_sessions",
    )
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.COMPLETED
    )
    cancel_reason = models.CharField(max_length=24, choices=CancelReason.choices, blank=True)
    cancel_note = models.CharField(max_length=200, blank=True)

    date = models.DateField(default=timezone.localdate)
    start_time = models.TimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    format = models.CharField(
        max_length=12, choices=SessionFormat.choices, default=SessionFormat.ONE_TO_ONE
    )
    mode = models.CharField(max_length=12, choices=Mode.choices, default=Mode.IN_PERSON)
    venue = models.CharField(max_length=120, blank=True)

    skill_areas = ArrayField(
        models.CharField(max_length=30, choices=SkillArea.choices), default=list, blank=True
    )
    topics = ArrayField(
        models.CharField(max_length=30, choices=Topic.choices), default=list, blank=True
    )
    barriers = ArrayField(
        models.CharField(max_length=30, choices=Barrier.choices), default=list, blank=True
    )
    device_support = models.CharField(
        max_length=10, choices=DeviceSupport.choices, blank=True, default=""
    )
    data_support = models.CharField(
        max_length=10, choices=DataSupport.choices, blank=True, default=""
    )
    signposting = ArrayField(
        models.CharField(max_length=30, choices=Signposting.choices), default=list, blank=True
    )
    follow_up_needed = models.BooleanField(default=False)
    follow_up_on = models.DateField(null=True, blank=True)
    follow_up_done_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField(
        _("private notes"), blank=True, help_text=_("Seen only by you and your project managers.")
    )

    # People helped without a learner record: anonymous group attendees, or the drop-in tally.
    anonymous_count = models.PositiveIntegerField(default=0)
    # Learners with a record plus anonymous people: kept by the services for fast totals.
    people_count = models.PositiveIntegerField(default=0)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The CSV import that brought the session in, if any (so it can be undone as one batch).
    import_batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )

    learners = models.ManyToManyField(
        "learners.Learner", through="Attendance", related_name="support_sessions"
    )

    objects = SupportSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1, duration_minutes__lte=MAX_DURATION_MINUTES),
                name="session_duration_1_to_480_minutes",
            ),
            models.CheckConstraint(
                condition=(Q(status=SessionStatus.CANCELLED) & ~Q(cancel_reason=""))
                | (~Q(status=SessionStatus.CANCELLED) & Q(cancel_reason="")),
                name="session_cancel_reason_iff_cancelled",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "date"],
                name="session_org_date_live",
                condition=Q(deleted_at__isnull=True),
            ),
            models.Index(
                fields=["champion", "date"],
                name="session_champion_date_live",
                condition=Q(deleted_at__isnull=True),
            ),
            models.Index(fields=["organisation", "team", "date"], name="session_org_team_date"),
            # The PM's "needs attention": planned sessions left without an outcome and overdue
            # follow-ups are few among a year's sessions; without these it read every session of
            # the organisation (largest organisation: 423 ms and 154 ms).
            models.Index(
                fields=["organisation", "date"],
                condition=Q(status="planned", deleted_at__isnull=True),
                name="session_planned_by_org",
            ),
            models.Index(
                fields=["organisation", "follow_up_on"],
                condition=Q(
                    follow_up_needed=True,
                    follow_up_done_at__isnull=True,
                    deleted_at__isnull=True,
                ),
                name="session_follow_up_by_org",
            ),
            # Covering indexes measured in bench/FINDINGS.md: the dashboards' headline figures
            # are answered from the index alone (organisation headline 275 ms -> 43 ms). With
            # the id, the different people per team or champion join the attendances' own
            # covering index from it too (largest organisation's year 400 ms -> 135 ms).
            models.Index(
                fields=["organisation", "date"],
                include=[
                    "id",
                    "status",
                    "duration_minutes",
                    "anonymous_count",
                    "people_count",
                    "champion",
                    "team",
                    "device_support",
                    "data_support",
                ],
                condition=Q(deleted_at__isnull=True),
                name="session_org_date_id_cover",
            ),
            models.Index(
                fields=["date"],
                include=[
                    "organisation",
                    "status",
                    "duration_minutes",
                    "anonymous_count",
                    "people_count",
                    "champion",
                    "device_support",
                    "data_support",
                ],
                condition=Q(deleted_at__isnull=True),
                name="session_date_cover",
            ),
            models.Index(
                fields=["follow_up_on"],
                name="session_follow_up_due",
                condition=Q(follow_up_needed=True, follow_up_done_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_format_display()} session on {self.date:%d %b %Y}"


class Attendance(models.Model):
    """A learner with a record at a session, with their own confidence before and after (1-5)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(
        SupportSession, on_delete=models.CASCADE, related_name="attendances"
    )
    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.PROTECT, related_name="attendances"
    )
    # Copied from the session so learner-level figures need no join on the session table.
    date = models.DateField()
    confidence_before = models.PositiveSmallIntegerField(null=True, blank=True)
    confidence_after = models.PositiveSmallIntegerField(null=True, blank=True)
    goal_met = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["session", "learner"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "learner"], name="attendance_once_per_session"
            ),
            models.CheckConstraint(
                condition=Q(confidence_before__isnull=True)
                | Q(confidence_before__gte=1, confidence_before__lte=5),
                name="attendance_confidence_before_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(confidence_after__isnull=True)
                | Q(confidence_after__gte=1, confidence_after__lte=5),
                name="attendance_confidence_after_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "date"]),
            models.Index(fields=["learner", "date"]),
            models.Index(
                fields=["organisation", "date"],
                include=["session", "learner", "confidence_before", "confidence_after"],
                name="attendance_org_date_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} at {self.session}"


class SessionRevision(models.Model):
    """History of edits: who changed which fields from what to what, and when."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(SupportSession, on_delete=models.CASCADE, related_name="revisions")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=20, default="edit")
    changes = models.JSONField(default=dict, help_text="{field: [before, after]}")

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.action} of {self.session_id} at {self.changed_at:%Y-%m-%d %H:%M}"


class SessionDraft(models.Model):
    """What a champion was typing in the session form, saved as they type, so an expired login,
    a dropped connection or a reload loses nothing. One draft per champion and organisation."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    champion = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "champion"], name="one_draft_per_champion"
            )
        ]

    def __str__(self) -> str:
        return f"Draft of {self.champion_id} at {self.updated_at:%Y-%m-%d %H:%M}"
