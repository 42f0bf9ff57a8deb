import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProgrammeFunding(models.Model):
    """Money a programme had for a period, entered by a PM, to show cost per person supported
    and per hour of support. Spread evenly over its days when a report covers part of it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="funding"
    )
    start = models.DateField(pgettext_lazy("date range", "from"))
    end = models.DateField(pgettext_lazy("date range", "to"))
    amount = models.DecimalField(_("amount (£)"), max_digits=12, decimal_places=2)
    note = models.CharField(_("funder or note (optional)"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="funding_end_after_start"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"£{self.amount} for {self.organisation} ({self.start} to {self.end})"


# --- Rollups: the dashboards' figures kept summed as sessions are written ------------------------
#
# The session and attendance tables hold a million rows; a dashboard over a year of a large
# organisation, or of the network, cannot read them per request within its target. These tables
# hold the same figures summed per organisation and day (or month), per champion and day, and per
# learner, and are kept exact by PostgreSQL triggers on every write to sessions, attendances,
# learners and self-assessments, in the same transaction (impact/migrations/0002_rollups.py; why
# triggers and how the tables are read: impact/rollups.py). Nothing in Python writes to them except
# `impact.rollups.rollups_rebuild`, which recomputes them from the session tables. Being derived,
# they have no foreign-key constraints in the database (no deferred checks on every write, and a
# rebuild can truncate them in any transaction); Django still deletes them with what they
# belong to.


class BitString(models.Field):
    """A PostgreSQL bit string (varbit): one bit per day from `first_on` to `last_on`."""

    description = "Bit string"

    def db_type(self, connection):
        return "varbit"


class DayTotals(models.Model):
    """One organisation's live sessions on one day, by status, and the confidence ratings of the
    learners at its completed sessions that day (by the attendance's date)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,  # the unique constraint or index below starts with it
        related_name="+",
    )
    date = models.DateField()
    completed = models.IntegerField(default=0)
    planned = models.IntegerField(default=0)
    cancelled = models.IntegerField(default=0)
    no_show = models.IntegerField(default=0)
    # Of completed sessions only:
    minutes = models.IntegerField(default=0)
    anonymous = models.IntegerField(default=0)
    people = models.IntegerField(default=0)
    devices = models.IntegerField(default=0)
    data_support = models.IntegerField(default=0)
    # Attendances of completed sessions with confidence before and after:
    rated = models.IntegerField(default=0)
    more_confident = models.IntegerField(default=0)
    uplift = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "date"], name="daytotals_one_per_day")
        ]
        indexes = [models.Index(fields=["date"], name="daytotals_date")]

    def __str__(self) -> str:
        return f"{self.organisation_id} on {self.date}"


class ChampionDay(models.Model):
    """One champion's live sessions in one organisation and team on one day: the team and
    champion tables, and champions' last sessions."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,  # the unique constraint or index below starts with it
        related_name="+",
    )
    champion = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    # When a team is deleted its sessions' team becomes empty, and the triggers move these
    # rows' figures to "no team" as that happens.
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        related_name="+",
    )
    date = models.DateField()
    completed = models.IntegerField(default=0)
    planned = models.IntegerField(default=0)
    cancelled = models.IntegerField(default=0)
    no_show = models.IntegerField(default=0)
    minutes = models.IntegerField(default=0)
    people = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "champion", "team", "date"],
                name="championday_one_per_day",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["organisation", "date"], name="championday_org_date")]

    def __str__(self) -> str:
        return f"{self.champion_id} in {self.organisation_id} on {self.date}"


class DimensionMonth(models.Model):
    """Completed sessions of one organisation in one month with one topic, skill area, barrier,
    signposting, mode or format (cancelled ones by reason). `through_day[d]` counts those from
    the 1st to day d, so a period starting or ending mid-month takes a difference of two."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,  # the unique constraint or index below starts with it
        related_name="+",
    )
    month = models.DateField()  # the first of the month
    dimension = models.CharField(max_length=20)
    value = models.CharField(max_length=40)
    total = models.IntegerField(default=0)
    through_day = ArrayField(models.IntegerField(), size=31)  # 1-based: [1] is the 1st's count

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "dimension", "value"],
                name="dimensionmonth_one_per_value",
            )
        ]
        indexes = [
            # The network's breakdowns read whole months from this index alone.
            models.Index(
                fields=["month"],
                include=["organisation", "dimension", "value", "total"],
                name="dimensionmonth_month_cover",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.value} in {self.organisation_id}, {self.month:%Y-%m}"


class ChampionActivity(models.Model):
    """The days on which a champion gave a completed session in an organisation, as one bit per
    day: "active champions" in any period is then one row per champion, not their sessions."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,  # the unique constraint or index below starts with it
        related_name="+",
    )
    champion = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, db_constraint=False, related_name="+"
    )
    first_on = models.DateField()
    last_on = models.DateField()
    days = BitString()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "champion"], name="championactivity_one_per_champion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.champion_id} in {self.organisation_id}"


class LearnerActivity(models.Model):
    """A learner who has been to a completed session: the days they came (one bit per day, and
    the days they came to two or more sessions), so learners and repeat learners in any period
    are one row per learner; their demographic bands; and their first and latest
    self-assessment, for distance travelled."""

    learner = models.OneToOneField(
        "learners.Learner",
        on_delete=models.CASCADE,
        primary_key=True,
        db_constraint=False,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        db_constraint=False,
        db_index=False,  # the unique constraint or index below starts with it
        related_name="+",
    )
    first_on = models.DateField()
    last_on = models.DateField()
    days = BitString()
    multi = BitString()  # days with two or more sessions
    age_band = models.CharField(max_length=12, blank=True)
    gender = models.CharField(max_length=12, blank=True)
    employment_status = models.CharField(max_length=12, blank=True)
    disability = models.CharField(max_length=12, blank=True)
    first_language_english = models.CharField(max_length=12, blank=True)
    assessments = models.IntegerField(default=0)
    first_foundation = models.SmallIntegerField(null=True)
    first_communicating = models.SmallIntegerField(null=True)
    first_handling_information = models.SmallIntegerField(null=True)
    first_transacting = models.SmallIntegerField(null=True)
    first_problem_solving = models.SmallIntegerField(null=True)
    first_safe_and_legal = models.SmallIntegerField(null=True)
    first_tasks = models.IntegerField(null=True)
    latest_foundation = models.SmallIntegerField(null=True)
    latest_communicating = models.SmallIntegerField(null=True)
    latest_handling_information = models.SmallIntegerField(null=True)
    latest_transacting = models.SmallIntegerField(null=True)
    latest_problem_solving = models.SmallIntegerField(null=True)
    latest_safe_and_legal = models.SmallIntegerField(null=True)
    latest_tasks = models.IntegerField(null=True)
    # Tasks gained: the assessments that asked about tasks, and the foundation and life tasks
    # the learner could do at the first and at the latest of them.
    task_assessments = models.IntegerField(default=0)
    first_task_count = models.IntegerField(null=True)
    latest_task_count = models.IntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "last_on"], name="learneractivity_org")]

    def __str__(self) -> str:
        return f"Activity of learner {self.learner_id}"


class FiguresVersion(models.Model):
    """How many times the data behind one organisation's figures has changed. Kept by triggers
    (impact/sql/rollups.sql) in the writer's transaction, on every table the figures read, so a
    figure set cached under it (impact/cache.py) is computed again after any write, whatever
    wrote it. The network's version is the sum over organisations. No foreign key: the row of a
    deleted organisation stays, and its deletion moves the network's version on."""

    organisation_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)
    # Of those changes, the ones to the lending library's data (its devices, loans, SIMs and
    # vouchers), which move both: the network's kept sum computes an organisation's lending and
    # the rest of its figures on their own (impact/network_sum.py).
    lending_version = models.BigIntegerField(db_default=0)  # the triggers insert without it

    def __str__(self) -> str:
        return f"Figures of organisation {self.organisation_id}: version {self.version}"


def _logo_path(logo, filename: str) -> str:
    return f"logos/{logo.organisation_id}/{uuid.uuid4().hex}"


class ReportLogo(models.Model):
    """The organisation's logo on its board report, uploaded by a PM and checked like every
    other image (impact/forms.py LogoForm)."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="report_logo"
    )
    image = models.ImageField(upload_to=_logo_path, max_length=200)
    content_type = models.CharField(max_length=40)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Logo of organisation {self.organisation_id}"
