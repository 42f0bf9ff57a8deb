from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from organisations.models import Invitation, Organisation
from tests.factories import UserFactory


def test_network_admin_creates_organisation_and_invites_first_pm(
    network_admin, client_for, django_capture_on_commit_callbacks
):
    client = client_for(network_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:network_create"),
            {
                "name": "Hull Trades Council",
                "sector": "trade_union",
                "region": "yorkshire",
                "local_authority": "Hull",
                "first_pm_email": "lead@hull.example",
            },
        )
    organisation = Organisation.objects.get(name="Hull Trades Council")
    assert response["Location"] == reverse(
        "organisations:network_detail", args=[organisation.public_id]
    )
    invitation = Invitation.objects.get(organisation=organisation)
    assert invitation.role == "pm" and invitation.email == "lead@hull.example"
    assert mail.outbox[0].to == ["lead@hull.example"]


def test_duplicate_organisation_name_is_refused_and_nothing_saved(network_admin, client_for):
    Organisation.objects.create(
        name="Hull Trades Council", sector="trade_union", region="yorkshire"
    )
    response = client_for(network_admin).post(
        reverse("organisations:network_create"),
        {
            "name": "hull trades council",
            "sector": "trade_union",
            "region": "yorkshire",
            "first_pm_email": "lead@hull.example",
        },
    )
    assert response.status_code == 200
    assert b"already in the network" in response.content
    assert Organisation.objects.count() == 1
    assert not Invitation.objects.exists()


def test_network_admin_without_authenticator_must_set_one_up(client_for, db):
    admin = UserFactory(is_network_admin=True)
    response = client_for(admin).get(reverse("organisations:network_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_network_admin_without_organisation_lands_on_network_page(network_admin, client_for):
    response = client_for(network_admin).get(reverse("home"))
    assert response["Location"] == reverse("organisations:network_list")


def test_superuser_created_from_command_line_is_network_admin(db):
    user = User.objects.create_superuser(email="root@example.org", password="x" * 12)
    assert user.is_network_admin and user.is_staff


def test_the_organisations_list_names_each_cell_as_sent(network_admin, client_for, org_a):
    """On a phone each row is a card that shows the column's name beside each value: the names
    are in the page as sent, so nothing moves when the script runs (Lighthouse layout shift)."""
    body = client_for(network_admin).get(reverse("organisations:network_list")).content.decode()
    row = body[body.index(org_a.organisation.name) - 300 :]
    for label in ["Organisation", "Sector", "Region", "Champions", "PMs"]:
        assert f'data-label="{label}"' in row


def test_inviting_a_project_manager_asks_only_for_their_email(network_admin, client_for, org_a):
    """Role, champion type and team are the organisation's business, not the network admin's:
    the invitation on an organisation's page asks where to send it, and it invites a PM."""
    client = client_for(network_admin)
    url = reverse("organisations:network_detail", args=[org_a.organisation.public_id])
    body = client.get(url).content.decode()
    form = body[body.index("Invite a project manager") :]
    assert 'name="email"' in form
    for not_asked in ['name="role"', 'name="champion_kind"', 'name="team"', "Champion type"]:
        assert not_asked not in form
    client.post(url, {"email": "Second.PM@Example.org"})
    invitation = Invitation.objects.get(email="second.pm@example.org")
    assert invitation.role == "pm" and invitation.organisation == org_a.organisation


def test_a_project_manager_invitation_with_no_usable_email_says_so(
    network_admin, client_for, org_a
):
    url = reverse("organisations:network_detail", args=[org_a.organisation.public_id])
    for typed in ["", "not an address", "<script>@x"]:
        response = client_for(network_admin).post(url, {"email": typed})
        assert response.status_code == 200
        assert b"Enter " in response.content and b"email address" in response.content
        assert f'value="{escape(typed)}"' in response.content.decode() or not typed
    assert not Invitation.objects.filter(organisation=org_a.organisation).exists()
