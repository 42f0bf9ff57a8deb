"""allauth's emails go through the outbox like every other email, carry the portal's name (from
settings, even when the Site row is blank) and come in the portal's layout, text and HTML."""

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.urls import reverse

from notifications.models import OutboundEmail


@pytest.fixture
def blank_site(db):
    Site.objects.filter(pk=1).update(name="", domain="")
    Site.objects.clear_cache()
    yield
    Site.objects.clear_cache()


def _reset(client, address, capture):
    with capture(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": address})
    assert response.status_code == 302
    return OutboundEmail.objects.get(to=address)


def test_password_reset_is_branded_and_goes_through_the_outbox(
    org_a, client, blank_site, django_capture_on_commit_callbacks
):
    email = _reset(client, org_a.pm.email, django_capture_on_commit_callbacks)
    assert email.kind == "account:password_reset_key" and email.status == "sent"
    sent = mail.outbox[0]
    assert sent.extra_headers["Message-ID"] == email.message_id
    text, html = sent.body, sent.alternatives[0][0]
    assert "Hello from" not in text and "Thank you for using" not in text
    assert text.startswith("Hello,") and "Digital Champions Portal" in text
    assert "http://127.0.0.1:8000" in text and "/accounts/password/reset/key/" in text
    assert sent.subject == "[Digital Champions] Reset your password on the Digital Champions Portal"
    # The HTML part is the portal's email frame around allauth's words, its link clickable.
    assert 'style="background:#1d4f91' in html and "Digital Champions Portal" in html
    assert '<a href="http://testserver/accounts/password/reset/key/' in html
    assert "<p>--<br>" not in html  # the text signature is the frame's footer there


def test_unknown_address_is_told_the_portal_is_by_invitation(
    client, blank_site, django_capture_on_commit_callbacks
):
    email = _reset(client, "nobody@example.org", django_capture_on_commit_callbacks)
    assert email.kind == "account:unknown_account"
    text, html = email.body_text, email.body_html
    assert "by invitation only" in text and "Digital Champions Portal" in text
    assert "signup" not in text and "sign up" not in text.lower()  # sign-up is closed
    assert "signup" not in html
    assert "Hello from !" not in text and " !" not in text
