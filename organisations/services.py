"""Writes for organisations, teams, memberships and invitations."""

from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts.language import language_for
from accounts.models import User
from core.audit import Action, audit_record
from core.vocabulary import ChampionKind, Role
from notifications.services import email_send_template

from .models import INVITATION_VALID_FOR, Invitation, Membership, Organisation, Team


@transaction.atomic
def organisation_create(
    *, name: str, sector: str, region: str, local_authority: str = ""
) -> Organisation:
    if Organisation.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError(
            {"name": gettext("An organisation with this name is already in the network.")}
        )
    return Organisation.objects.create(
        name=name.strip(), sector=sector, region=region, local_authority=local_authority.strip()
    )


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: dict) -> Organisation:
    for field in (
        "name",
        "sector",
        "region",
        "local_authority",
        "reminder_after_days",
        "retention_months",
        "records_start",
    ):
        if field in data:
            setattr(organisation, field, data[field])
    organisation.full_clean()
    organisation.save()
    return organisation


def team_create(*, organisation: Organisation, name: str) -> Team:
    name = name.strip()
    if Team.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": gettext("There is already a team with this name.")})
    return Team.objects.create(organisation=organisation, name=name)


def team_rename(*, team: Team, name: str) -> Team:
    name = name.strip()
    if (
        Team.objects.filter(organisation=team.organisation, name__iexact=name)
        .exclude(pk=team.pk)
        .exists()
    ):
        raise ValidationError({"name": gettext("There is already a team with this name.")})
    team.name = name
    team.save(update_fields=["name"])
    return team


def team_delete(*, team: Team) -> None:
    # Members keep their membership; they are simply no longer in a team (SET_NULL).
    team.delete()


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    role: str,
    champion_kind: str,
    team: Team | None,
    is_active: bool,
    by: User,
) -> Membership:
    if team is not None and team.organisation_id != membership.organisation_id:
        raise ValidationError({"team": gettext("Choose a team of this organisation.")})
    if membership.user_id == by.pk and (role != Role.PROJECT_MANAGER or not is_active):
        raise ValidationError(
            gettext("You cannot remove your own project manager role: ask another project manager.")
        )
    # From the database: a ModelForm has already copied the new values onto the instance.
    before = Membership.objects.values_list("role", "is_active").get(pk=membership.pk)
    membership.role = role
    membership.champion_kind = champion_kind if role == Role.CHAMPION else ""
    if role == Role.CHAMPION and not membership.champion_kind:
        membership.champion_kind = ChampionKind.VOLUNTEER
    membership.team = team
    membership.is_active = is_active
    membership.save()
    if before != (membership.role, membership.is_active):
        audit_record(
            action=Action.ROLE_CHANGE,
            actor=by,
            organisation=membership.organisation,
            target=membership.user,
            detail={
                "from": {"role": before[0], "active": before[1]},
                "to": {"role": membership.role, "active": membership.is_active},
            },
        )
    return membership


def _invitation_email(invitation: Invitation) -> None:
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    email_send_template(
        key=f"invitation:{invitation.pk}:{invitation.send_count}",
        kind="invitation",
        to=invitation.email,
        template="invitation",
        context={"invitation": invitation, "accept_path": url},
        # Someone invited has not chosen yet: the organisation's language until they do.
        language=language_for(
            User.objects.filter(email=invitation.email).first(),
            organisation=invitation.organisation,
        ),
    )


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    invited_by: User | None,
    email: str,
    role: str,
    champion_kind: str = "",
    team: Team | None = None,
) -> Invitation:
    email = email.strip().lower()
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": gettext("Choose a team of this organisation.")})
    if Membership.objects.filter(
        organisation=organisation, user__email__iexact=email, is_active=True
    ).exists():
        raise ValidationError(
            {"email": gettext("This person is already a member of your organisation.")}
        )
    open_invitations = Invitation.objects.select_for_update().filter(
        organisation=organisation,
        email__iexact=email,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
    )
    for existing in open_invitations:
        if existing.status == "pending":
            raise ValidationError(
                {
                    "email": gettext(
                        "This person already has an invitation waiting. Resend it from the list."
                    )
                }
            )
        existing.cancelled_at = timezone.now()  # expired: make room for a fresh one
        existing.save(update_fields=["cancelled_at"])
    now = timezone.now()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        champion_kind=(champion_kind or ChampionKind.VOLUNTEER) if role == Role.CHAMPION else "",
        team=team,
        invited_by=invited_by,
        created_at=now,
        last_sent_at=now,
        expires_at=now + INVITATION_VALID_FOR,
    )
    _invitation_email(invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    if invitation.accepted_at or invitation.cancelled_at:
        raise ValidationError(gettext("This invitation was already used or cancelled."))
    now = timezone.now()
    invitation.last_sent_at = now
    invitation.expires_at = now + INVITATION_VALID_FOR
    invitation.send_count += 1
    invitation.save(update_fields=["last_sent_at", "expires_at", "send_count"])
    _invitation_email(invitation)
    return invitation


def invitation_cancel(*, invitation: Invitation) -> Invitation:
    if invitation.accepted_at:
        raise ValidationError(gettext("This invitation was already accepted."))
    invitation.cancelled_at = invitation.cancelled_at or timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    return invitation


def invitation_check_usable(invitation: Invitation) -> None:
    """Say plainly why a link cannot be used."""
    if invitation.accepted_at:
        raise ValidationError(
            gettext(
                "This invitation has already been used. Sign in with your email address instead."
            )
        )
    if invitation.cancelled_at:
        raise ValidationError(
            gettext(
                "This invitation was cancelled. Ask your project manager to send you a new one."
            )
        )
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            gettext("This invitation has expired. Ask your project manager to send it again.")
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check_usable(invitation)
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            gettext(
                "This invitation was sent to %(email)s. Sign in with that address to accept it."
            )
            % {"email": invitation.email}
        )
    membership, _ = Membership.objects.update_or_create(
        user=user,
        organisation=invitation.organisation,
        defaults={
            "role": invitation.role,
            "champion_kind": invitation.champion_kind,
            "team": invitation.team,
            "is_active": True,
        },
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        action=Action.INVITATION_USED,
        actor=user,
        organisation=invitation.organisation,
        target=user,
        detail={"role": invitation.role},
    )
    return membership


@transaction.atomic
def user_create_from_invitation(
    *, invitation: Invitation, name: str, password: str, language: str | None = None
) -> User:
    """A new person following their invitation link. Following the link proves they own the
    address, so it is stored as verified. They read the portal in the language they chose on the
    way in, else their organisation's default (the Welsh Language Standards' recorded choice)."""
    invitation_check_usable(invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            gettext("An account with this address exists already: sign in to accept.")
        )
    user = User(
        email=invitation.email.lower(),
        name=name.strip(),
        language=language or language_for(None, organisation=invitation.organisation),
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    invitation_accept(invitation=invitation, user=user)
    return user


@transaction.atomic
def membership_move(*, membership: Membership, team: Team | None, by: User) -> Membership:
    """Put a member in a team (None: in no team), from the team's page. Sessions keep the team
    they were logged under; only what comes next counts for the new team. Audited, as role
    changes are, since a team decides which figures a person's work counts in."""
    if team is not None and team.organisation_id != membership.organisation_id:
        raise ValidationError({"team": gettext("Choose a team of this organisation.")})
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("team", "user")
        .get(pk=membership.pk)
    )
    before = membership.team
    if before == team:
        return membership
    membership.team = team
    membership.save(update_fields=["team"])
    audit_record(
        action=Action.UPDATE,
        actor=by,
        organisation=membership.organisation,
        target=membership.user,
        detail={
            "team": {
                "from": str(before.public_id) if before else None,
                "to": str(team.public_id) if team else None,
            }
        },
    )
    return membership
