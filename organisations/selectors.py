"""Reads for organisations, memberships and invitations."""

from django.db.models import Count, Q, QuerySet

from core.vocabulary import Role

from .models import Invitation, Membership, Organisation, Team


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.for_organisation(organisation)
        .select_related("user", "team")
        .order_by("-is_active", "-role", "user__name", "user__email")  # PMs first
    )


def team_members(*, team: Team) -> QuerySet[Membership]:
    """The active members of a team, for its page (one query)."""
    return (
        Membership.objects.for_organisation(team.organisation_id)
        .active()
        .filter(team=team)
        .select_related("user")
        .order_by("user__name", "user__email")
    )


def organisation_pending_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    return (
        Invitation.objects.for_organisation(organisation)
        .filter(accepted_at__isnull=True, cancelled_at__isnull=True)
        .select_related("team", "invited_by")
        .order_by("-created_at")
    )


def organisation_teams(*, organisation: Organisation) -> QuerySet[Team]:
    return Team.objects.for_organisation(organisation).annotate(
        member_count=Count("memberships", filter=Q(memberships__is_active=True))
    )


def network_organisations(*, search: str = "") -> QuerySet[Organisation]:
    qs = Organisation.objects.annotate(
        champion_count=Count(
            "memberships",
            filter=Q(memberships__role=Role.CHAMPION, memberships__is_active=True),
        ),
        pm_count=Count(
            "memberships",
            filter=Q(memberships__role=Role.PROJECT_MANAGER, memberships__is_active=True),
        ),
    ).order_by("name")
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(local_authority__icontains=search))
    return qs


def organisation_overview(*, organisation: Organisation) -> dict:
    """Head counts for the project manager's home page, in two queries."""
    counts = Membership.objects.for_organisation(organisation).aggregate(
        champions=Count("pk", filter=Q(role=Role.CHAMPION, is_active=True)),
        pms=Count("pk", filter=Q(role=Role.PROJECT_MANAGER, is_active=True)),
    )
    counts["teams"] = Team.objects.for_organisation(organisation).count()
    counts["pending_invitations"] = (
        Invitation.objects.for_organisation(organisation).pending().count()
    )
    return counts
