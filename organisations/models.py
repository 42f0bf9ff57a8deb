import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.vocabulary import ChampionKind, Region, Role, Sector

INVITATION_VALID_FOR = timedelta(days=14)
# No organisation's records start earlier than this: a session dated before it is a slip (the
# year 1 a cleared date field gives, a two-digit year), never history. organisations/dates.py
# holds the rule that uses it.
RECORDS_FLOOR = date(2015, 1, 1)
# What an invitation's status code reads as (the code itself is what code compares).
INVITATION_STATUS_LABELS = {
    "accepted": pgettext_lazy("invitation status", "accepted"),
    "cancelled": pgettext_lazy("invitation status", "cancelled"),
    "expired": pgettext_lazy("invitation status", "expired"),
    "pending": pgettext_lazy("invitation status", "pending"),
}


class Organisation(models.Model):
    """A member organisation of the network. Everything learners and sessions hang off one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    region = models.CharField(_("UK nation or region"), max_length=20, choices=Region.choices)
    local_authority = models.CharField(_("local authority area"), max_length=120, blank=True)
    # Settings each organisation chooses for itself.
    reminder_after_days = models.PositiveSmallIntegerField(
        default=14,
        help_text=_("Remind a champion when they have logged no session for this many days."),
    )
    retention_months = models.PositiveSmallIntegerField(
        default=24, help_text=_("Anonymise learners with no session for this many months.")
    )
    records_start = models.DateField(
        _("records start on"),
        default=RECORDS_FLOOR,
        validators=[MinValueValidator(RECORDS_FLOOR, message=_("Choose 1 January 2015 or later."))],
        help_text=_("Sessions, follow-ups and self-assessments dated before this are refused."),
    )
    # For new members until they choose, and for its learners' pages (the QR feedback form, the
    # privacy notice) unless the link asks for a language.
    default_language = models.CharField(
        _("default language"), max_length=8, choices=settings.LANGUAGES, default="en-gb"
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["sector"]), models.Index(fields=["region"])]
        constraints = [
            # The nightly retention run anonymises by this number: 0 from an admin slip would
            # erase an organisation's learners overnight. The settings form says 6 to 120.
            models.CheckConstraint(
                condition=models.Q(retention_months__gte=6, retention_months__lte=120),
                name="organisation_retention_6_to_120_months",
            ),
            models.CheckConstraint(
                condition=models.Q(reminder_after_days__gte=3, reminder_after_days__lte=90),
                name="organisation_reminder_3_to_90_days",
            ),
            models.CheckConstraint(
                condition=models.Q(records_start__gte=RECORDS_FLOOR),
                name="organisation_records_start_from_2015",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TeamQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class Team(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="team_unique_name_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def active(self):
        return self.filter(is_active=True)

    def champions(self):
        return self.filter(role=Role.CHAMPION)


class Membership(models.Model):
    """A user's role in one organisation. A person may hold several, one per organisation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    champion_kind = models.CharField(
        max_length=10, choices=ChampionKind.choices, blank=True, help_text=_("For champions only.")
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships"
    )
    is_active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_one_per_user_and_org"
            ),
            models.CheckConstraint(
                condition=Q(role=Role.CHAMPION) | Q(champion_kind=""),
                name="membership_kind_only_for_champions",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role", "is_active"])]

    def __str__(self) -> str:
        return _("%(user)s — %(role)s at %(organisation)s") % {
            "user": self.user,
            "role": self.get_role_display(),
            "organisation": self.organisation,
        }

    @property
    def is_pm(self) -> bool:
        return self.role == Role.PROJECT_MANAGER

    @property
    def is_champion(self) -> bool:
        return self.role == Role.CHAMPION


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def pending(self):
        return self.filter(
            accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.CHAMPION)
    champion_kind = models.CharField(max_length=10, choices=ChampionKind.choices, blank=True)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(default=timezone.now)
    send_count = models.PositiveSmallIntegerField(default=1)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One live invitation per address per organisation; old ones stay as history.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="invitation_one_open_per_email_and_org",
            )
        ]

    def __str__(self) -> str:
        return _("Invitation for %(email)s to %(organisation)s") % {
            "email": self.email,
            "organisation": self.organisation,
        }

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.cancelled_at:
            return "cancelled"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def status_label(self) -> str:
        return INVITATION_STATUS_LABELS[self.status]
