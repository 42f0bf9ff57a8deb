"""Writing sessions: through the session form's own service, once per Idempotency-Key; errors
field by field with nothing half-saved; changes and cancellations keep the history; a signed-in
champion's browser (the offline sync) sends through the same endpoint with its CSRF token."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import IdempotencyRecord
from learners.models import Learner
from sessions_log.models import SessionRevision, SupportSession
from tests.sessions_log.factories import LearnerFactory, SupportSessionFactory

pytestmark = pytest.mark.django_db
URL = reverse("api:sessions")


@pytest.fixture
def writer(org_a, key_for, api):
    _, secret = key_for(org_a, access="read_write")
    return api(secret)


def _send(client, data, key="device-1"):
    return client.post(URL, data, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_session_is_created_through_the_service(org_a, writer, session_payload):
    learner = LearnerFactory(organisation=org_a.organisation)
    response = _send(
        writer,
        session_payload(org_a.champion, new_learner_names=[], learners=[str(learner.public_id)]),
    )
    assert response.status_code == 201, response.json()
    session = SupportSession.objects.get()
    body = response.json()
    assert body["id"] == str(session.public_id)
    assert body["learners"] == [str(learner.public_id)]
    assert (session.organisation, session.champion) == (org_a.organisation, org_a.champion)
    assert session.team == org_a.champion_membership.team  # the service's own rule
    learner.refresh_from_db()
    assert learner.session_count == 1  # denormalised counts kept by the service


def test_a_repeat_returns_the_first_result_and_creates_nothing(org_a, writer, session_payload):
    data = session_payload(org_a.champion)
    first = _send(writer, data)
    again = _send(writer, data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert SupportSession.objects.count() == 1
    assert Learner.objects.count() == 1  # the new learner was not made twice


def test_a_repeat_is_answered_even_after_its_learner_was_erased(org_a, writer, session_payload):
    """The offline sync may send a queue again after a crash: what was stored stays stored."""
    learner = LearnerFactory(organisation=org_a.organisation)
    data = session_payload(org_a.champion, new_learner_names=[], learners=[str(learner.public_id)])
    first = _send(writer, data)
    Learner.objects.filter(pk=learner.pk).update(anonymised_at=timezone.now())
    again = _send(writer, data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    # A new session naming that learner is refused.
    assert _send(writer, data, key="device-2").status_code == 400


def test_the_same_key_with_other_data_is_422(org_a, writer, session_payload):
    assert _send(writer, session_payload(org_a.champion)).status_code == 201
    response = _send(writer, session_payload(org_a.champion, duration_minutes=50))
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "This Idempotency-Key was already used for a different session."
    )
    assert SupportSession.objects.count() == 1


def test_keys_are_per_organisation(org_a, org_b, writer, key_for, api, session_payload):
    _, secret_b = key_for(org_b, access="read_write")
    assert _send(writer, session_payload(org_a.champion)).status_code == 201
    assert _send(api(secret_b), session_payload(org_b.champion)).status_code == 201
    assert SupportSession.objects.count() == 2


def test_an_idempotency_key_is_required(org_a, writer, session_payload):
    response = writer.post(URL, session_payload(org_a.champion), format="json")
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()


def test_validation_errors_are_field_by_field_and_nothing_is_saved(org_a, writer, session_payload):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = _send(
        writer,
        session_payload(
            org_a.champion, date=tomorrow, status="cancelled", new_learner_names=["A", "B"]
        ),
    )
    assert response.status_code == 400
    errors = response.json()
    assert "cancel_reason" in errors  # the service's rules, all at once
    assert all(isinstance(m, list) and m for m in errors.values())
    assert not SupportSession.objects.exists() and not Learner.objects.exists()
    assert not IdempotencyRecord.objects.exists()
    # Corrected and sent again under the same key, it is stored.
    fixed = _send(writer, session_payload(org_a.champion))
    assert fixed.status_code == 201


def test_field_types_are_400(org_a, writer, session_payload):
    response = _send(
        writer, session_payload(org_a.champion, duration_minutes="long", topics=["knitting"])
    )
    assert response.status_code == 400
    assert {"duration_minutes", "topics"} <= set(response.json())


def test_the_champion_must_be_a_member(org_a, org_b, writer, session_payload):
    response = _send(writer, session_payload(org_b.champion))
    assert response.status_code == 400 and "champion" in response.json()
    missing = session_payload(org_a.champion)
    del missing["champion"]
    assert _send(writer, missing).status_code == 400


def test_another_organisations_learner_is_refused(org_a, org_b, writer, session_payload):
    theirs = LearnerFactory(organisation=org_b.organisation)
    response = _send(
        writer,
        session_payload(org_a.champion, new_learner_names=[], learners=[str(theirs.public_id)]),
    )
    assert response.status_code == 400 and "learners" in response.json()
    assert not SupportSession.objects.exists()


def test_update_and_cancel_keep_the_history(org_a, writer):
    session = SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion)
    url = reverse("api:session_detail", args=[session.public_id])
    changed = writer.patch(url, {"venue": "Library", "duration_minutes": 90}, format="json")
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["venue"], changed.json()["duration_minutes"]) == ("Library", 90)
    bad = writer.patch(url, {"duration_minutes": 0}, format="json")
    assert bad.status_code == 400 and "duration_minutes" in bad.json()
    cancel = reverse("api:session_cancel", args=[session.public_id])
    assert writer.post(cancel, {}, format="json").status_code == 400
    done = writer.post(cancel, {"reason": "venue", "note": "Flooded"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    assert SessionRevision.objects.filter(session=session).count() == 2


def test_a_signed_in_champion_sends_with_csrf(org_a, session_payload):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(org_a.champion, backend="django.contrib.auth.backends.ModelBackend")
    data = session_payload(org_a.champion)
    del data["champion"]
    refused = client.post(URL, data, format="json", HTTP_IDEMPOTENCY_KEY="tab-1")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    client.get(reverse("home"))  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    sent = client.post(
        URL, data, format="json", HTTP_IDEMPOTENCY_KEY="tab-1", HTTP_X_CSRFTOKEN=token
    )
    assert sent.status_code == 201, sent.json()
    again = client.post(
        URL, data, format="json", HTTP_IDEMPOTENCY_KEY="tab-1", HTTP_X_CSRFTOKEN=token
    )
    assert again.status_code == 200 and again.json() == sent.json()
    session = SupportSession.objects.get()
    assert session.champion == org_a.champion and session.created_by == org_a.champion


def test_a_champions_browser_cannot_read_the_organisations_records(org_a, client_for):
    client = client_for(org_a.champion)
    assert client.get(reverse("api:sessions")).status_code == 403
    assert client.get(reverse("api:learners")).status_code == 403


def _idle(client):
    from django.conf import settings

    from accounts.middleware import SESSION_LAST_SEEN

    session = client.session
    session[SESSION_LAST_SEEN] = int(timezone.now().timestamp()) - settings.SESSION_COOKIE_AGE - 5
    session.save()
    return client


def test_an_idle_browser_session_gets_401_not_a_redirect(org_a, client_for, session_payload):
    """fetch() follows redirects, so the offline sync would read the sign-in page as a 200: the
    API answers 401 in JSON instead, signs the person out, and stores nothing."""
    client = _idle(client_for(org_a.champion))
    data = session_payload(org_a.champion)
    response = client.post(
        URL, data, content_type="application/json", HTTP_IDEMPOTENCY_KEY="idle-1"
    )
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "Sign in again" in response.json()["detail"]
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert not SupportSession.objects.filter(organisation=org_a.organisation).exists()
    assert "_auth_user_id" not in client.session
    # Signed out for good: the next request is the API's own 401 or 403, still not a redirect.
    assert client.get(URL).status_code in (401, 403)


def test_an_idle_browser_session_on_a_page_is_still_sent_to_sign_in(org_a, client_for):
    client = _idle(client_for(org_a.pm))
    response = client.get(reverse("api:keys"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={reverse('api:keys')}"


def test_a_session_that_must_use_an_authenticator_gets_401_from_the_api(client, db):
    """A network admin without an authenticator is sent to set one up on pages; the API says
    so in JSON rather than redirecting."""
    from tests.factories import UserFactory

    admin = UserFactory(is_network_admin=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("api:network_figures"))
    assert response.status_code == 401
    assert "authenticator" in response.json()["detail"]
    page = client.get(reverse("api:network_keys"))
    assert page.status_code == 302
    assert page["Location"] == reverse("mfa_activate_totp")
