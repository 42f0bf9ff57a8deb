"""Tenancy-walk entries for the organisations app (see tests/tenancy_registry.py)."""

from tests.factories import InvitationFactory, TeamFactory


def _membership(other):
    return {"public_id": other.champion_membership.public_id}


def _invitation(other):
    return {"public_id": InvitationFactory(organisation=other.organisation).public_id}


def _team(other):
    return {"public_id": TeamFactory(organisation=other.organisation).public_id}


def _team_member(other):
    """A team of `other` with `other`'s champion in it."""
    team = TeamFactory(organisation=other.organisation)
    other.champion_membership.team = team
    other.champion_membership.save(update_fields=["team"])
    return {"public_id": team.public_id, "member_id": other.champion_membership.public_id}


# "namespace:name" -> function(other: OrgPeople) -> URL kwargs naming an object of `other`.
OBJECTS_OF_ANOTHER_ORGANISATION = {
    "organisations:member_edit": _membership,
    "organisations:invitation_resend": _invitation,
    "organisations:invitation_cancel": _invitation,
    "organisations:team_edit": _team,
    "organisations:team_delete": _team,
    "organisations:team_member_add": _team,
    "organisations:team_member_move": _team_member,
    "organisations:team_member_remove": _team_member,
    "organisations:network_detail": lambda other: {"public_id": other.organisation.public_id},
}

# URLs with parameters that are not an organisation's object, and why that is safe.
NOT_ORGANISATION_SCOPED = {
    # The token is the secret; the page only lets the invited address accept.
    "organisations:invitation_accept": "token-secured, checked against the signed-in email",
}

# The least role each URL needs inside one's own organisation (see tests/tenancy_registry.py).
ROLE_REQUIRED = {
    "organisations:member_edit": "pm",
    "organisations:invitation_resend": "pm",
    "organisations:invitation_cancel": "pm",
    "organisations:team_edit": "pm",
    "organisations:team_delete": "pm",
    "organisations:team_member_add": "pm",
    "organisations:team_member_move": "pm",
    "organisations:team_member_remove": "pm",
    "organisations:network_detail": "network_admin",
}
