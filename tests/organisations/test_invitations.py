from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.vocabulary import Role
from notifications.models import OutboundEmail
from organisations.models import Invitation, Membership
from tests.factories import InvitationFactory, TeamFactory


def test_pm_invites_a_champion_into_a_team(org_a, client_for, django_capture_on_commit_callbacks):
    team = TeamFactory(organisation=org_a.organisation)
    client = client_for(org_a.pm)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:invitation_create"),
            {
                "email": "New.Person@Example.org",
                "role": "champion",
                "champion_kind": "staff",
                "team": team.pk,
            },
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(organisation=org_a.organisation)
    assert invitation.email == "new.person@example.org"
    assert invitation.team == team
    # Sent through the outbox and Celery (eager in unit tests).
    assert OutboundEmail.objects.get(kind="invitation").status == OutboundEmail.Status.SENT
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["new.person@example.org"]
    assert org_a.organisation.name in sent.subject
    assert f"/invitations/{invitation.token}/" in sent.body
    assert f"/invitations/{invitation.token}/" in sent.alternatives[0][0]


def test_invitation_form_keeps_input_and_explains_errors(org_a, client_for):
    response = client_for(org_a.pm).post(
        reverse("organisations:invitation_create"), {"email": "not-an-email", "role": "champion"}
    )
    assert response.status_code == 200
    assert b"Enter an email address in the right format" in response.content
    assert b'value="not-an-email"' in response.content
    assert b"There is a problem" in response.content
    assert not Invitation.objects.exists()


def test_cannot_invite_an_existing_member(org_a, client_for):
    response = client_for(org_a.pm).post(
        reverse("organisations:invitation_create"),
        {"email": org_a.champion.email, "role": "champion"},
    )
    assert b"already a member" in response.content
    assert not Invitation.objects.exists()


def test_cannot_invite_twice_while_pending(org_a, client_for):
    InvitationFactory(organisation=org_a.organisation, email="twice@example.org")
    response = client_for(org_a.pm).post(
        reverse("organisations:invitation_create"), {"email": "twice@example.org", "role": "pm"}
    )
    assert b"already has an invitation" in response.content
    assert Invitation.objects.count() == 1


def test_team_of_another_organisation_is_refused(org_a, org_b, client_for):
    other_team = TeamFactory(organisation=org_b.organisation)
    response = client_for(org_a.pm).post(
        reverse("organisations:invitation_create"),
        {"email": "x@example.org", "role": "champion", "team": other_team.pk},
    )
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert not Invitation.objects.exists()


def test_new_person_accepts_and_is_signed_in(client, org_a):
    invitation = InvitationFactory(organisation=org_a.organisation, email="new@example.org")
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    assert b"Join Organisation A" in client.get(url).content
    response = client.post(
        url,
        {
            "name": "Nia Jones",
            "password": "a-long-secret-phrase",
            "password_again": "a-long-secret-phrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert user.check_password("a-long-secret-phrase")
    assert user.emailaddress_set.get().verified
    membership = Membership.objects.get(user=user)
    assert membership.organisation == org_a.organisation and membership.role == Role.CHAMPION
    home = client.get(reverse("home"))
    assert b"Hello, Nia" in home.content


def test_accept_form_keeps_name_on_bad_password(client, org_a):
    invitation = InvitationFactory(organisation=org_a.organisation)
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    response = client.post(url, {"name": "Nia", "password": "short", "password_again": "short"})
    assert response.status_code == 200
    assert b'value="Nia"' in response.content
    assert b"too short" in response.content
    assert not User.objects.filter(email=invitation.email).exists()


def test_reused_invitation_says_so(client, org_a):
    invitation = InvitationFactory(organisation=org_a.organisation, accepted_at=timezone.now())
    response = client.get(reverse("organisations:invitation_accept", args=[invitation.token]))
    assert response.status_code == 410
    assert b"already been used" in response.content


def test_expired_invitation_says_so(client, org_a):
    invitation = InvitationFactory(
        organisation=org_a.organisation, expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(reverse("organisations:invitation_accept", args=[invitation.token]))
    assert response.status_code == 410
    assert b"has expired" in response.content


def test_unknown_token_is_404(client, db):
    response = client.get(reverse("organisations:invitation_accept", args=["nope"]))
    assert response.status_code == 404
    assert b"not valid" in response.content


def test_existing_user_is_attached_to_second_organisation(org_a, org_b, client_for):
    invitation = InvitationFactory(organisation=org_b.organisation, email=org_a.champion.email)
    client = client_for(org_a.champion)
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    assert b"Accept and join" in client.get(url).content
    client.post(url)
    assert Membership.objects.filter(user=org_a.champion).count() == 2
    # They now work in B and can switch back to A.
    home = client.get(reverse("home"))
    assert org_b.organisation.name.encode() in home.content
    client.post(reverse("organisations:switch"), {"organisation": org_a.organisation.public_id})
    assert org_a.organisation.name.encode() in client.get(reverse("home")).content


def test_signed_in_as_someone_else_cannot_accept(org_a, org_b, client_for):
    invitation = InvitationFactory(organisation=org_b.organisation, email="someone@example.org")
    client = client_for(org_a.champion)
    url = reverse("organisations:invitation_accept", args=[invitation.token])
    client.post(url)
    assert not Membership.objects.filter(user=org_a.champion, organisation=org_b.organisation)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_switching_to_an_organisation_you_are_not_in_is_404(org_a, org_b, client_for):
    response = client_for(org_a.pm).post(
        reverse("organisations:switch"), {"organisation": org_b.organisation.public_id}
    )
    assert response.status_code == 404


def test_pm_resends_and_cancels(org_a, client_for, django_capture_on_commit_callbacks):
    invitation = InvitationFactory(organisation=org_a.organisation)
    client = client_for(org_a.pm)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisations:invitation_resend", args=[invitation.public_id]))
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    assert len(mail.outbox) == 1
    client.post(reverse("organisations:invitation_cancel", args=[invitation.public_id]))
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    page = client.get(reverse("organisations:member_list"))
    resend_url = reverse("organisations:invitation_resend", args=[invitation.public_id])
    assert resend_url.encode() not in page.content


@pytest.mark.parametrize("bad_days", ["0", "500", "abc"])
def test_settings_validation(bad_days, org_a, client_for):
    response = client_for(org_a.pm).post(
        reverse("organisations:settings"),
        {"name": "Renamed", "reminder_after_days": bad_days, "retention_months": "24"},
    )
    assert response.status_code == 200
    org_a.organisation.refresh_from_db()
    assert org_a.organisation.name == "Organisation A"


def test_retention_and_reminder_settings_are_bounded_in_the_database(org_a):
    from django.db import IntegrityError, transaction

    for field, value in (("retention_months", 0), ("reminder_after_days", 1)):
        with pytest.raises(IntegrityError), transaction.atomic():
            type(org_a.organisation).objects.filter(pk=org_a.organisation.pk).update(
                **{field: value}
            )
