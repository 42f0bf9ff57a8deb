import time

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from tests.factories import TEST_PASSWORD


def test_sign_in_with_email_rotates_the_session(client, org_a):
    client.get(reverse("account_login"))
    before = client.cookies.get("sessionid")
    response = client.post(
        reverse("account_login"), {"login": org_a.champion.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after
    assert b"Hello" in client.get(reverse("home")).content


def test_wrong_password_keeps_email_and_says_so(client, org_a):
    response = client.post(
        reverse("account_login"), {"login": org_a.champion.email, "password": "wrong"}
    )
    assert response.status_code == 200
    assert b"not correct" in response.content
    assert org_a.champion.email.encode() in response.content


def test_failed_logins_are_rate_limited(client, org_a):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": org_a.champion.email, "password": "no"})
    response = client.post(
        reverse("account_login"), {"login": org_a.champion.email, "password": TEST_PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert b"Too many failed login attempts" in response.content


def test_public_sign_up_is_closed(client, db):
    response = client.get(reverse("account_signup"))
    assert b"Sign Up Closed" in response.content or b"closed" in response.content.lower()


def test_password_reset_email_goes_through_outbox(
    client, org_a, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": org_a.champion.email})
    assert len(mail.outbox) == 1
    assert "password" in mail.outbox[0].subject.lower()


def test_logout(client_for, org_a):
    client = client_for(org_a.champion)
    client.post(reverse("account_logout"))
    assert client.get(reverse("home")).status_code == 200
    assert b"Sign in" in client.get(reverse("home")).content


@pytest.mark.parametrize(
    "key,age",
    [
        (SESSION_LAST_SEEN, settings.SESSION_COOKIE_AGE + 5),
        (SESSION_STARTED, settings.SESSION_ABSOLUTE_SECONDS + 5),
    ],
)
def test_idle_and_absolute_timeouts_sign_out(key, age, client_for, org_a):
    client = client_for(org_a.champion)
    client.get(reverse("home"))
    session = client.session
    session[key] = int(time.time()) - age
    session.save()
    response = client.get(reverse("organisations:team_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_session_extend(client_for, org_a):
    client = client_for(org_a.champion)
    response = client.post(reverse("session_extend"))
    assert response.json()["signed_in"] is True
    assert client.post(reverse("session_extend")).status_code == 200
