"""Teams take members from the team's page: add, move, remove (issue 20 point 8), and the
Champions list shows each champion's last session (point 7)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from core.models import AuditEvent
from organisations import services
from organisations.models import Membership
from tests.factories import MembershipFactory, PMMembershipFactory, TeamFactory
from tests.sessions_log.factories import SupportSessionFactory

MOMENT = datetime(2027, 7, 1, 0, 30, tzinfo=ZoneInfo("Europe/London"))
TODAY = date(2027, 7, 1)


@pytest.fixture
def clock():
    with time_machine.travel(MOMENT, tick=False):
        yield


def _team_url(name, team, member=None):
    kwargs = {"public_id": team.public_id}
    if member is not None:
        kwargs["member_id"] = member.public_id
    return reverse(f"organisations:{name}", kwargs=kwargs)


# --- The Champions list: each champion's last session -------------------------------------------


def test_members_list_shows_each_champions_last_session(org_a, client_for, clock):
    org = org_a.organisation
    SupportSessionFactory(organisation=org, champion=org_a.champion, date=date(2027, 6, 3))
    SupportSessionFactory(organisation=org, champion=org_a.champion, date=date(2027, 5, 1))
    # A planned session ahead is no "last session"; a new champion has none yet.
    SupportSessionFactory(
        organisation=org, champion=org_a.champion, date=TODAY + timedelta(3), status="planned"
    )
    new = MembershipFactory(organisation=org, user__name="New Nia")
    response = client_for(org_a.pm).get(reverse("organisations:member_list"))
    members = {m.pk: m for m in response.context["members"]}
    assert members[org_a.champion_membership.pk].last_session_on == date(2027, 6, 3)
    assert members[new.pk].last_session_on is None and members[new.pk].has_last_session
    assert not members[org_a.pm_membership.pk].has_last_session  # a PM: "—"
    body = response.content.decode()
    assert "Last session" in body and "3 Jun 2027" in body and "None yet" in body


def test_members_list_queries_are_pinned_and_do_not_grow(
    org_a, client_for, django_assert_num_queries, clock
):
    from tests.factories import InvitationFactory

    client = client_for(org_a.pm)
    client.get(reverse("home"))
    queries = [
        "django_session: the session",
        "accounts_user: the signed-in user",
        "organisations_membership: memberships (tenancy)",
        "memberships with last session (impact.selectors.last_completed_sessions)",
        "memberships with user and team: the list",
        "invitations not accepted, with team and inviter",
    ]
    with django_assert_num_queries(len(queries)):
        client.get(reverse("organisations:member_list"))
    for member in MembershipFactory.create_batch(15, organisation=org_a.organisation):
        SupportSessionFactory(
            organisation=org_a.organisation, champion=member.user, date=TODAY - timedelta(1)
        )
    InvitationFactory.create_batch(5, organisation=org_a.organisation)
    with django_assert_num_queries(len(queries)):
        response = client.get(reverse("organisations:member_list"))
    assert response.content.count(b"30 Jun 2027") == 15


# --- A team's page --------------------------------------------------------------------------------


def test_team_list_count_links_to_the_teams_members(org_a, client_for):
    team = org_a.champion_membership.team
    body = client_for(org_a.pm).get(reverse("organisations:team_list")).content.decode()
    assert f'href="{_team_url("team_edit", team)}#members-heading">1 member<' in body


def test_add_a_member_to_a_team_moving_them_from_theirs(org_a, client_for):
    old = org_a.champion_membership.team
    outreach = TeamFactory(organisation=org_a.organisation, name="Outreach")
    client = client_for(org_a.pm)
    page = client.get(_team_url("team_edit", outreach))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Nobody is in this team yet" in body
    assert escape(f"{org_a.champion.display_name} (now in {old.name})") in body
    response = client.post(
        _team_url("team_member_add", outreach),
        {"membership": org_a.champion_membership.public_id},
    )
    assert response.status_code == 302 and response["Location"] == _team_url("team_edit", outreach)
    assert Membership.objects.get(pk=org_a.champion_membership.pk).team == outreach
    page = client.get(_team_url("team_edit", outreach)).content.decode()
    assert escape(f"{org_a.champion.display_name} is now in Outreach.") in page
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE)
    assert event.actor == org_a.pm and event.organisation == org_a.organisation
    assert event.detail == {"team": {"from": str(old.public_id), "to": str(outreach.public_id)}}


def test_move_a_member_to_another_team(org_a, client_for):
    team = org_a.champion_membership.team
    outreach = TeamFactory(organisation=org_a.organisation, name="Outreach")
    client = client_for(org_a.pm)
    page = client.get(_team_url("team_edit", team)).content.decode()
    assert f'<option value="{outreach.public_id}">Outreach</option>' in page
    response = client.post(
        _team_url("team_member_move", team, org_a.champion_membership),
        {"team": outreach.public_id},
    )
    assert response.status_code == 302
    assert Membership.objects.get(pk=org_a.champion_membership.pk).team == outreach


def test_remove_a_member_from_a_team_keeps_them_in_the_organisation(org_a, client_for):
    team = org_a.champion_membership.team
    response = client_for(org_a.pm).post(
        _team_url("team_member_remove", team, org_a.champion_membership)
    )
    assert response.status_code == 302
    membership = Membership.objects.get(pk=org_a.champion_membership.pk)
    assert membership.team is None and membership.is_active
    assert AuditEvent.objects.get(action=AuditEvent.Action.UPDATE).detail["team"]["to"] is None


def test_sessions_keep_the_team_they_were_logged_under(org_a, client_for):
    team = org_a.champion_membership.team
    session = SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, team=team
    )
    client_for(org_a.pm).post(_team_url("team_member_remove", team, org_a.champion_membership))
    session.refresh_from_db()
    assert session.team == team


def test_nonsense_is_a_message_not_a_change(org_a, org_b, client_for):
    team = org_a.champion_membership.team
    client = client_for(org_a.pm)
    # Nobody chosen, another organisation's member, one already in the team.
    for value in ("", org_b.champion_membership.public_id, org_a.champion_membership.public_id):
        response = client.post(_team_url("team_member_add", team), {"membership": value})
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    # Moved to another organisation's team, or to the team they are in.
    theirs = TeamFactory(organisation=org_b.organisation)
    for value in ("", theirs.public_id, team.public_id, "not-a-uuid"):
        response = client.post(
            _team_url("team_member_move", team, org_a.champion_membership), {"team": value}
        )
        assert response.status_code == 302
        assert "Choose" in client.get(response["Location"]).content.decode()
    assert Membership.objects.get(pk=org_a.champion_membership.pk).team == team
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).exists()


def test_service_refuses_another_organisations_team(org_a, org_b):
    with pytest.raises(ValidationError):
        services.membership_move(
            membership=org_a.champion_membership,
            team=TeamFactory(organisation=org_b.organisation),
            by=org_a.pm,
        )


def test_a_member_not_in_this_team_or_organisation_is_not_found(org_a, org_b, client_for):
    team = org_a.champion_membership.team
    client = client_for(org_a.pm)
    not_in_team = MembershipFactory(organisation=org_a.organisation)  # in no team
    for name in ("team_member_move", "team_member_remove"):
        for member in (not_in_team, org_b.champion_membership):
            assert client.post(_team_url(name, team, member), {}).status_code == 404
    theirs = org_b.champion_membership.team
    assert client.post(_team_url("team_member_add", theirs), {}).status_code == 404
    assert client.get(_team_url("team_edit", theirs)).status_code == 404


@pytest.mark.parametrize("name", ["team_member_add", "team_member_move", "team_member_remove"])
def test_champions_are_refused_and_get_is_not_allowed(name, org_a, client_for):
    team = org_a.champion_membership.team
    member = org_a.champion_membership if name != "team_member_add" else None
    url = _team_url(name, team, member)
    assert client_for(org_a.champion).post(url, {}).status_code == 403
    assert client_for(org_a.pm).get(url).status_code == 405
    assert Membership.objects.get(pk=org_a.champion_membership.pk).team == team


def test_team_page_queries_are_pinned_and_do_not_grow(org_a, client_for, django_assert_num_queries):
    team = org_a.champion_membership.team
    client = client_for(org_a.pm)
    client.get(reverse("home"))
    queries = [
        "django_session: the session",
        "accounts_user: the signed-in user",
        "organisations_membership: memberships (tenancy)",
        "organisations_team: the team",
        "memberships with user: the team's members",
        "organisations_team: the other teams (for each member's move)",
        "memberships with user and team: the members who can be added (is there any?)",
        "memberships with user and team: the same, as the add form's choices",
    ]
    with django_assert_num_queries(len(queries)):
        client.get(_team_url("team_edit", team))
    for _ in range(4):
        TeamFactory(organisation=org_a.organisation)
    MembershipFactory.create_batch(6, organisation=org_a.organisation, team=team)
    PMMembershipFactory.create_batch(3, organisation=org_a.organisation)
    with django_assert_num_queries(len(queries)):
        response = client.get(_team_url("team_edit", team))
    assert response.content.count(b"Remove from the team<") == 7
