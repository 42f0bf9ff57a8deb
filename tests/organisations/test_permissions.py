"""Who may open which organisation page: anonymous → sign-in, champion → 403 on PM pages,
PM → 200, wrong method → 405, another organisation's object → 404 (the walk in
tests/test_tenancy_walk.py checks that for every URL)."""

import pytest
from django.urls import reverse

from tests.queries import exactly

PM_PAGES = [
    "organisations:member_list",
    "organisations:invitation_create",
    "organisations:team_list",
    "organisations:settings",
]
NETWORK_PAGES = ["organisations:network_list", "organisations:network_create"]


@pytest.mark.parametrize("name", PM_PAGES + NETWORK_PAGES)
def test_anonymous_is_sent_to_sign_in(name, client, db):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", PM_PAGES + NETWORK_PAGES)
def test_champion_is_refused(name, org_a, client_for):
    response = client_for(org_a.champion).get(reverse(name))
    assert response.status_code == 403
    assert b"permission" in response.content


@pytest.mark.parametrize("name", PM_PAGES)
def test_pm_may_open(name, org_a, client_for):
    response = client_for(org_a.pm).get(reverse(name))
    assert response.status_code == 200
    assert org_a.organisation.name.encode() in response.content


@pytest.mark.parametrize("name", NETWORK_PAGES)
def test_pm_is_not_a_network_admin(name, org_a, client_for):
    assert client_for(org_a.pm).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", NETWORK_PAGES)
def test_network_admin_may_open(name, network_admin, client_for):
    assert client_for(network_admin).get(reverse(name)).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "organisations:invitation_resend",
        "organisations:invitation_cancel",
        "organisations:team_delete",
    ],
)
def test_actions_refuse_get(name, org_a, client_for):
    from tests.factories import InvitationFactory, TeamFactory

    obj = (TeamFactory if "team" in name else InvitationFactory)(organisation=org_a.organisation)
    response = client_for(org_a.pm).get(reverse(name, args=[obj.public_id]))
    assert response.status_code == 405


def test_member_list_query_count_does_not_grow(org_a, client_for):
    from tests.factories import InvitationFactory, MembershipFactory

    client = client_for(org_a.pm)
    client.get(reverse("home"))  # the session's first request stores its start time
    queries = [
        "session",
        "user",
        "memberships (the current organisation)",
        "each champion's last session",
        "the members",
        "invitations waiting",
    ]
    with exactly(queries):
        client.get(reverse("organisations:member_list"))
    MembershipFactory.create_batch(15, organisation=org_a.organisation)
    InvitationFactory.create_batch(5, organisation=org_a.organisation)
    with exactly(queries):
        response = client.get(reverse("organisations:member_list"))
    assert response.content.count(b"Change<span") == 17


def test_network_list_query_count_does_not_grow(network_admin, client_for):
    from tests.factories import MembershipFactory, OrganisationFactory

    client = client_for(network_admin)
    for _ in range(12):
        MembershipFactory.create_batch(2, organisation=OrganisationFactory())
    client.get(reverse("home"))  # the session's first request stores its start time
    queries = ["session", "user", "memberships (for the navigation)", "organisations with counts"]
    with exactly(queries):
        response = client.get(reverse("organisations:network_list"))
    assert response.status_code == 200
    assert response.content.count(b"/network/organisations/") >= 12


def test_network_detail_is_403_for_ones_own_organisation_and_404_for_another(
    org_a, org_b, network_admin, client_for
):
    own = reverse("organisations:network_detail", args=[org_a.organisation.public_id])
    other = reverse("organisations:network_detail", args=[org_b.organisation.public_id])
    assert client_for(org_a.pm).get(own).status_code == 403
    assert client_for(org_a.pm).get(other).status_code == 404
    assert client_for(network_admin).get(other).status_code == 200


@pytest.mark.parametrize("is_network_admin", [False, True])
@pytest.mark.parametrize("role", [None, "champion", "pm"])
def test_require_curator_is_the_toolkit_rule(role, is_network_admin, org_a, rf):
    """organisations.tenancy does not import the toolkit, so it states the curator rule itself;
    it must stay toolkit.policy.is_curator."""
    from django.core.exceptions import PermissionDenied

    from organisations.tenancy import require_curator
    from tests.factories import UserFactory
    from toolkit import policy

    membership = {None: None, "champion": org_a.champion_membership, "pm": org_a.pm_membership}
    request = rf.get("/")
    request.membership = membership[role]
    request.user = request.membership.user if request.membership else UserFactory()
    request.user.is_network_admin = is_network_admin
    try:
        require_curator(request)
        allowed = True
    except PermissionDenied:
        allowed = False
    assert allowed == policy.is_curator(request.user, request.membership)
