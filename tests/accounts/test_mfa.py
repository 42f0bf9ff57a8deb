"""Issue 19, points 1 and 8: the Django admin has no side door, an authenticator must be USED in
the session (having one is not enough), and project managers set one up within a week."""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from accounts import mfa
from accounts.models import User
from tests.conftest import record_code_typed
from tests.factories import TEST_PASSWORD, UserFactory

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
UK = ZoneInfo("Europe/London")
# A Monday morning: the grace then ends at 10:00 on the next Monday, whatever today is.
MONDAY = datetime(2027, 3, 1, 10, 0, tzinfo=UK)


def _code(secret=SECRET) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def _password_only(client, user):
    """A session that got in with a password and no code (what the admin's login gave)."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def superuser(db):
    user = User.objects.create_superuser("root@network.example", TEST_PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, SECRET)
    return user


# --- point 1: the admin's side door -------------------------------------------------------------


def test_admin_login_with_a_password_alone_gets_nothing(client, superuser):
    response = client.post(
        "/django-admin/login/?next=/django-admin/",
        {"username": superuser.email, "password": TEST_PASSWORD, "next": "/django-admin/"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    admin_page = client.get("/django-admin/")
    assert admin_page.status_code == 302
    assert "/django-admin/" not in client.get(admin_page["Location"])["Location"].split("?")[0]
    network = client.get(reverse("organisations:network_list"))
    assert network.status_code == 302
    assert network["Location"].startswith(reverse("account_login"))


def test_admin_login_page_sends_people_to_the_portals_sign_in(client, db):
    response = client.get("/django-admin/login/?next=/django-admin/accounts/user/")
    assert response["Location"] == (reverse("account_login") + "?next=/django-admin/accounts/user/")
    # Somewhere else is not offered as a place to go next.
    response = client.get("/django-admin/login/?next=https://evil.example/")
    assert response["Location"] == reverse("account_login") + "?next=/django-admin/"


@pytest.mark.parametrize("path", ["/django-admin/", "/organisations/"])
def test_a_session_without_the_code_is_asked_for_it(client, superuser, path):
    path = reverse("organisations:network_list") if path == "/organisations/" else path
    response = _password_only(client, superuser).get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_reauthenticate") + "?next=" + path.replace(
        "/", "%2F"
    )


def test_staff_who_typed_their_code_reach_the_admin(client, superuser):
    _password_only(client, superuser)
    record_code_typed(client, superuser)
    assert client.get("/django-admin/").status_code == 200
    assert client.get(reverse("organisations:network_list")).status_code == 200


def test_staff_without_an_authenticator_must_set_one_up(client, db):
    staff = UserFactory(is_staff=True)
    response = _password_only(client, staff).get("/django-admin/")
    assert response["Location"] == reverse("mfa_activate_totp")


def test_an_unverified_superuser_must_verify_their_address_first(client, db):
    """`createsuperuser` makes no verified address: the portal's sign-in asks for it."""
    user = User.objects.create_superuser("new@network.example", TEST_PASSWORD)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get("/django-admin/").status_code == 302


def test_the_admin_through_the_portals_sign_in_with_the_code(client, superuser):
    response = client.post(
        reverse("account_login") + "?next=/django-admin/",
        {"login": superuser.email, "password": TEST_PASSWORD, "next": "/django-admin/"},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/django-admin/").status_code == 302  # not in yet
    response = client.post(reverse("mfa_authenticate"), {"code": _code()})
    assert response.status_code == 302
    assert client.get("/django-admin/").status_code == 200


def test_people_who_are_not_staff_are_refused_by_the_admin(client_for, org_a):
    client = client_for(org_a.champion)
    response = client.get("/django-admin/")
    assert client.get(response["Location"]).status_code == 403


def test_a_network_admin_is_asked_for_the_code_even_with_an_authenticator(client, network_admin):
    response = _password_only(client, network_admin).get(reverse("organisations:network_list"))
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


# --- point 8: project managers use an authenticator too ------------------------------------------


@pytest.mark.dates
def test_a_pm_in_their_grace_week_is_told_the_end_date_and_carries_on(client_for, org_a):
    with time_machine.travel(MONDAY, tick=False):
        client = client_for(org_a.pm)
        response = client.get(reverse("organisations:member_list"))
        assert response.status_code == 200
        page = response.content.decode()
        assert "from 10:00 on Monday 8 March 2027" in page
        assert reverse("mfa_activate_totp") in page
        # Told once a session, not on every page.
        assert "8 March 2027" not in client.get(reverse("home")).content.decode()
    org_a.pm.refresh_from_db()
    assert org_a.pm.mfa_grace_started_at == MONDAY


@pytest.mark.dates
def test_the_grace_starts_once(client_for, client, org_a):
    with time_machine.travel(MONDAY, tick=False):
        client_for(org_a.pm).get(reverse("home"))
    client.logout()
    with time_machine.travel(MONDAY + timedelta(days=3), tick=False):
        response = client_for(org_a.pm).get(reverse("home"))
        assert "from 10:00 on Monday 8 March 2027" in response.content.decode()


@pytest.mark.dates
def test_after_the_grace_a_pm_without_an_authenticator_is_sent_to_set_one_up(client_for, org_a):
    User.objects.filter(pk=org_a.pm.pk).update(mfa_grace_started_at=MONDAY)
    with time_machine.travel(MONDAY + mfa.PM_GRACE + timedelta(seconds=1), tick=False):
        client = client_for(org_a.pm)
        response = client.get(reverse("organisations:member_list"))
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
        set_up = client.get(response["Location"], follow=True)
        assert "the week to set one up has ended" in set_up.content.decode()


@pytest.mark.dates
@pytest.mark.django_db(transaction=True)  # allauth says "added" on commit, inside the request
def test_a_pm_whose_grace_ended_sets_up_an_app_gets_recovery_codes_and_carries_on(client, org_a):
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )

    User.objects.filter(pk=org_a.pm.pk).update(mfa_grace_started_at=MONDAY - timedelta(days=30))
    with time_machine.travel(MONDAY, tick=False):
        # Signed in with their password a moment ago, as allauth records it: not asked for it
        # again before setting up the app.
        _password_only(client, org_a.pm)
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": MONDAY.timestamp() - 60, "email": org_a.pm.email}
        ]
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(org_a.pm.pk)
        session.save()
        assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")
        assert client.get(reverse("mfa_activate_totp")).status_code == 200
        secret = client.session["mfa.totp.secret"]
        response = client.post(reverse("mfa_activate_totp"), {"code": _code(secret)})
        assert response["Location"] == reverse("mfa_view_recovery_codes")
        assert Authenticator.objects.filter(
            user=org_a.pm, type=Authenticator.Type.RECOVERY_CODES
        ).exists()
        assert client.get(reverse("organisations:member_list")).status_code == 200


def test_setting_up_long_after_signing_in_asks_for_the_password_again(client, org_a):
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )

    _password_only(client, org_a.pm)
    session = client.session
    an_hour_ago = time.time() - 60 * 60
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": an_hour_ago, "email": org_a.pm.email}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(org_a.pm.pk)
    session.save()
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_a_pm_with_an_authenticator_used_this_session_reaches_pm_pages(client_for, org_a):
    TOTP.activate(org_a.pm, SECRET)
    client = client_for(org_a.pm)  # typed the code, as allauth asks at sign-in
    assert client.get(reverse("organisations:member_list")).status_code == 200


def test_a_pm_with_an_authenticator_not_used_this_session_is_asked_for_it(client, org_a):
    TOTP.activate(org_a.pm, SECRET)
    response = _password_only(client, org_a.pm).get(reverse("organisations:member_list"))
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_a_pm_signing_in_with_password_and_code(client, org_a):
    TOTP.activate(org_a.pm, SECRET)
    client.post(reverse("account_login"), {"login": org_a.pm.email, "password": TEST_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": _code()})
    assert client.get(reverse("organisations:member_list")).status_code == 200


def test_champions_are_not_asked(client_for, org_a):
    client = client_for(org_a.champion)
    page = client.get(reverse("home")).content.decode()
    assert "authenticator" not in page
    org_a.champion.refresh_from_db()
    assert org_a.champion.mfa_grace_started_at is None


def test_demo_totp_gives_a_demo_pm_the_demo_authenticator(db, capsys):
    from django.core.management import call_command

    pm = UserFactory(email="pm@riverside.example")
    call_command("demo_totp", "pm@riverside.example")
    assert capsys.readouterr().out.strip() == _code()
    assert Authenticator.objects.filter(user=pm, type=Authenticator.Type.TOTP).exists()
    call_command("demo_totp", "pm@riverside.example")  # again: the same authenticator
    assert Authenticator.objects.filter(user=pm, type=Authenticator.Type.TOTP).count() == 1
