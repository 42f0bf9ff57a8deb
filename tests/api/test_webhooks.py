"""Webhooks end to end against a real HTTP receiver on 127.0.0.1: every event reaches it once,
signed so the receiver can check it; a receiver that is down gets it later, after backoff; two
sweeps at once never send one event twice; nothing is recorded for a change that rolls back."""

import hashlib
import hmac
import json
import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from api import webhooks
from api.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from api.webhook_http import UnsafeAddress, url_problem
from privacy.services import learner_erase
from sessions_log import services as sessions
from sessions_log.models import SupportSession
from tests.sessions_log.factories import LearnerFactory

pytestmark = pytest.mark.django_db
ALL_EVENTS = ["session.logged", "session.changed", "session.cancelled", "learner.erased"]
START = datetime(2026, 11, 16, 9, 0, tzinfo=ZoneInfo("Europe/London"))


def _endpoint(people, receiver, events=None) -> WebhookEndpoint:
    endpoint, _ = webhooks.webhook_endpoint_create(
        organisation=people.organisation,
        url=receiver.url if hasattr(receiver, "url") else receiver,
        description="Booking system",
        events=events or ALL_EVENTS,
        created_by=people.pm,
    )
    return endpoint


def _log(people, **changes):
    data = {
        "status": "completed",
        "date": timezone.localdate(),
        "duration_minutes": 45,
        "format": "one_to_one",
        "mode": "in_person",
        "new_learner_names": ["Prudence Okoro"],
        "venue": "Prudence's kitchen",
    }
    data.update(changes)
    return sessions.session_log(
        organisation=people.organisation, champion=people.champion, data=data
    )


def verify(*, secret: str, headers: dict, body: bytes, tolerance: int = 300) -> dict:
    """What a receiver does (the README's example): check the signature and its age."""
    parts = dict(item.split("=", 1) for item in headers["X-Champions-Signature"].split(","))
    timestamp = int(parts["t"])
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    if not hmac.compare_digest(expected.hexdigest(), parts["v1"]):
        raise ValueError("bad signature")
    if abs(time.time() - timestamp) > tolerance:
        raise ValueError("too old: a replay?")
    return json.loads(body)


def test_a_logged_session_reaches_the_receiver_once_signed_and_without_names(
    org_a, receiver, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(org_a, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        session = _log(org_a)
    assert len(receiver.received) == 1
    got = receiver.received[0]
    event = verify(secret=endpoint.secret, headers=got.headers, body=got.body)
    assert event["type"] == "session.logged"
    assert got.headers["X-Champions-Event-Id"] == event["id"]
    assert got.headers["X-Champions-Event"] == "session.logged"
    assert event["organisation"] == str(org_a.organisation.public_id)
    learner = session.learners.get()
    assert event["data"]["session"]["id"] == str(session.public_id)
    assert event["data"]["session"]["champion"] == str(org_a.champion.public_id)
    assert event["data"]["session"]["learners"] == [str(learner.public_id)]
    assert event["data"]["session"]["people_count"] == 1
    # Ids and codes only: no name, and no free text that could name someone.
    assert b"Prudence" not in got.body and b"kitchen" not in got.body
    # A receiver refuses a body changed in transit, and a signature made with another secret.
    with pytest.raises(ValueError, match="bad signature"):
        verify(secret=endpoint.secret, headers=got.headers, body=got.body.replace(b"1", b"2"))
    with pytest.raises(ValueError, match="bad signature"):
        verify(secret="whsec_other", headers=got.headers, body=got.body)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)
    # Nothing more is sent by later sweeps.
    assert webhooks.webhook_sweep() == 0
    assert len(receiver.received) == 1


def test_a_replayed_request_is_refused_by_its_age(
    org_a, receiver, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(org_a, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        _log(org_a)
    got = receiver.received[0]
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        with pytest.raises(ValueError, match="replay"):
            verify(secret=endpoint.secret, headers=got.headers, body=got.body)


def test_each_event_once_and_only_those_asked_for(
    org_a, org_b, receiver, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(org_a, receiver)
    _endpoint(org_a, receiver, events=["learner.erased"])
    _endpoint(org_b, receiver)  # another organisation's endpoint hears nothing of A
    with django_capture_on_commit_callbacks(execute=True):
        session = _log(org_a)
    with django_capture_on_commit_callbacks(execute=True):
        sessions.session_update(session=session, data={"duration_minutes": 60}, changed_by=org_a.pm)
    with django_capture_on_commit_callbacks(execute=True):
        sessions.session_update(session=session, data={}, changed_by=org_a.pm)  # no change
    with django_capture_on_commit_callbacks(execute=True):
        sessions.session_cancel(session=session, reason="learner_cancelled", changed_by=org_a.pm)
    learner = session.learners.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert learner_erase(learner=learner)
    with django_capture_on_commit_callbacks(execute=True):
        assert not learner_erase(learner=learner)  # erasing twice tells nobody twice
    webhooks.webhook_sweep()
    bodies = [json.loads(r.body) for r in receiver.received]
    first = [b["type"] for b in bodies if b["organisation"] == str(org_a.organisation.public_id)]
    assert Counter(first) == Counter(ALL_EVENTS + ["learner.erased"])
    assert len(bodies) == 5
    assert Counter(b["id"] for b in bodies).most_common(1)[0][1] == 2  # one erasure, two endpoints
    cancelled = next(b for b in bodies if b["type"] == "session.cancelled")
    assert cancelled["data"]["session"]["cancel_reason"] == "learner_cancelled"
    erased = next(b for b in bodies if b["type"] == "learner.erased")
    assert erased["data"] == {"learner": {"id": str(learner.public_id), "reason": "request"}}
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 4
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_the_events_are_written_in_the_changes_transaction(org_a, receiver):
    _endpoint(org_a, receiver)
    with pytest.raises(ValidationError):
        _log(org_a, duration_minutes=0)
    with pytest.raises(RuntimeError), transaction.atomic():
        _log(org_a)
        assert WebhookDelivery.objects.count() == 1  # inside the change's transaction
        raise RuntimeError("the request fails after the session was saved")
    assert not SupportSession.objects.exists()
    assert not WebhookEvent.objects.exists() and not WebhookDelivery.objects.exists()
    assert receiver.received == []


def test_with_redis_down_the_event_waits_for_the_sweep(org_a, receiver, monkeypatch):
    from api import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(tasks.deliver_webhook, "delay", broker_down)
    _endpoint(org_a, receiver)
    with transaction.atomic():
        _log(org_a)
    # (on_commit does not run inside the test's own transaction: the task is as good as lost.)
    assert WebhookDelivery.objects.get().status == "queued"
    assert webhooks.webhook_sweep() == 1
    assert len(receiver.received) == 1


def test_a_receiver_down_for_over_an_hour_gets_the_event_once_it_is_back(
    org_a, receiver, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False) as traveller:
        _endpoint(org_a, receiver)
        receiver.stop()  # connection refused
        with django_capture_on_commit_callbacks(execute=True):
            _log(org_a)
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts) == ("queued", 1)
        assert "ConnectionRefusedError" in delivery.last_error
        waits = [delivery.next_attempt_at - timezone.now()]
        # Beat's sweep runs every minute for 70 minutes; the receiver is down.
        for _ in range(70):
            traveller.shift(timedelta(minutes=1))
            if webhooks.webhook_sweep():
                delivery.refresh_from_db()
                waits.append(delivery.next_attempt_at - timezone.now())
        delivery.refresh_from_db()
        assert delivery.status == "queued"
        # Attempts after 1, 2, 4, 8, 16, 32 minutes (each between half and all of its step).
        assert 5 <= delivery.attempts <= 7
        for n, wait in enumerate(waits[:6]):
            assert timedelta(minutes=2**n) / 2 <= wait <= timedelta(minutes=2**n), waits
        # Back, but answering 500 for a while: still retried.
        receiver.start()
        receiver.status = 500
        traveller.shift(delivery.next_attempt_at - timezone.now())
        assert webhooks.webhook_sweep() == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.last_status_code) == ("queued", 500)
        assert delivery.last_error == "HTTP 500"
        receiver.status = 204
        traveller.shift(delivery.next_attempt_at - timezone.now())
        assert webhooks.webhook_sweep() == 1
        delivery.refresh_from_db()
        assert (delivery.status, delivery.last_status_code) == ("delivered", 204)
        traveller.shift(timedelta(hours=3))
        assert webhooks.webhook_sweep() == 0
    received = [json.loads(r.body)["id"] for r in receiver.received]
    assert received == [str(delivery.event.public_id)] * 2  # the 500 and the 204


def test_after_a_day_of_failures_the_delivery_is_marked_failed(
    org_a, receiver, django_capture_on_commit_callbacks
):
    receiver.status = 503
    with time_machine.travel(START, tick=False) as traveller:
        _endpoint(org_a, receiver)
        with django_capture_on_commit_callbacks(execute=True):
            _log(org_a)
        for _ in range(26):
            traveller.shift(timedelta(hours=1))
            webhooks.webhook_sweep()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.last_error == "HTTP 503"
    # About 30 tries in the day, the last on its deadline; none after.
    assert 20 <= delivery.attempts <= 35
    assert len(receiver.received) == delivery.attempts


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_event_once(org_a, receiver):
    """Two workers sweeping at the same moment share the work through SKIP LOCKED."""
    endpoint = _endpoint(org_a, receiver)
    with transaction.atomic():
        for n in range(30):
            webhooks.event_record(
                organisation_id=org_a.organisation.pk,
                type="test",
                data={"n": n},
                endpoints=[endpoint],
            )
    # (Outside a test transaction on_commit ran: the eager tasks have sent them. Queue them
    # again as if their tasks had been lost, for the sweeps.)
    assert len(receiver.received) == 30
    receiver.received.clear()
    receiver.delay = 0.02  # so the two sweeps are surely at work at the same time
    WebhookDelivery.objects.update(status="queued", attempts=0, delivered_at=None)
    started = threading.Barrier(2)
    counts = []

    def sweep():
        try:
            started.wait()
            counts.append(webhooks.webhook_sweep())
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(counts) == 30 and min(counts) > 0, counts  # both took a share
    ids = Counter(json.loads(r.body)["id"] for r in receiver.received)
    assert len(ids) == 30 and set(ids.values()) == {1}
    assert set(WebhookDelivery.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_a_sweep_skips_a_delivery_another_worker_holds_instead_of_waiting(org_a, receiver):
    endpoint = _endpoint(org_a, receiver)
    receiver.stop()
    webhooks.webhook_test_send(endpoint=endpoint, by=org_a.pm)  # refused: it waits
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    receiver.start()
    holding, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    other = threading.Thread(target=hold)
    other.start()
    try:
        assert holding.wait(10)
        started = time.monotonic()
        assert webhooks.webhook_sweep() == 0
        assert time.monotonic() - started < 2  # skipped, not waited for
    finally:
        release.set()
        other.join(10)
    assert webhooks.webhook_sweep() == 1
    assert len(receiver.received) == 1


def test_a_paused_endpoint_hears_nothing_new_and_holds_what_waits(
    org_a, receiver, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(org_a, receiver)
    receiver.stop()
    with django_capture_on_commit_callbacks(execute=True):
        _log(org_a)
    webhooks.webhook_endpoint_set_active(endpoint=endpoint, active=False)
    with django_capture_on_commit_callbacks(execute=True):
        _log(org_a)
    assert WebhookDelivery.objects.count() == 1  # nothing recorded while paused
    receiver.start()
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert webhooks.webhook_sweep() == 0  # held
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.webhook_endpoint_set_active(endpoint=endpoint, active=True)
    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.get().status == "delivered"


@pytest.mark.parametrize(
    "url",
    [
        "https://localhost:8443/hook",
        "https://127.0.0.2/hook",
        "https://10.1.2.3/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:192.168.0.1]/hook",
        "http://example.org/hook",
        "ftp://example.org/hook",
    ],
)
def test_private_and_plain_addresses_are_never_called(
    url, org_a, django_capture_on_commit_callbacks
):
    assert url_problem(url)
    endpoint = _endpoint(org_a, url)  # as if stored before a rule changed
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.webhook_test_send(endpoint=endpoint, by=org_a.pm)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.last_error.startswith("Refused")


def test_a_name_that_resolves_to_a_private_address_is_refused_when_sending(monkeypatch):
    import socket

    from api import webhook_http

    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("192.168.1.10", 443))]
    )
    assert url_problem("https://hooks.example.org/x") is None
    with pytest.raises(UnsafeAddress):
        webhook_http.post(url="https://hooks.example.org/x", body=b"{}", headers={})


def test_redirects_are_not_followed(org_a, receiver, django_capture_on_commit_callbacks):
    receiver.status = 302
    endpoint = _endpoint(org_a, receiver)
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.webhook_test_send(endpoint=endpoint, by=org_a.pm)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == ("queued", 302)
    assert len(receiver.received) == 1


def test_learners_and_sessions_know_nothing_of_the_api():
    from tests.test_layers import _app_files, _imports

    for app in ("learners", "sessions_log", "privacy"):
        for path in _app_files(app):
            assert not any(i.startswith("api") for i in _imports(path)), path


def test_a_changed_session_tells_of_its_learners_by_id_only(
    org_a, receiver, django_capture_on_commit_callbacks
):
    _endpoint(org_a, receiver, events=["session.changed"])
    learner = LearnerFactory(organisation=org_a.organisation, display_name="Ada Lovelace")
    session = _log(org_a, new_learner_names=[], learners=[learner])
    with django_capture_on_commit_callbacks(execute=True):
        sessions.session_update(
            session=session, data={"notes": "Ada did well"}, changed_by=org_a.pm
        )
    (got,) = receiver.received
    assert json.loads(got.body)["data"]["session"]["learners"] == [str(learner.public_id)]
    assert b"Ada" not in got.body


def test_the_log_is_pruned_but_waiting_deliveries_are_kept(org_a, receiver):
    from django.core.management import call_command

    endpoint = _endpoint(org_a, receiver)
    with time_machine.travel(START - timedelta(days=100), tick=False):
        for _ in range(3):
            webhooks.event_record(
                organisation_id=org_a.organisation.pk, type="test", data={}, endpoints=[endpoint]
            )
    old = list(WebhookDelivery.objects.order_by("pk"))
    WebhookDelivery.objects.filter(pk=old[0].pk).update(status="delivered")
    WebhookDelivery.objects.filter(pk=old[1].pk).update(status="failed")
    with time_machine.travel(START, tick=False):
        webhooks.event_record(
            organisation_id=org_a.organisation.pk, type="test", data={}, endpoints=[endpoint]
        )
        WebhookDelivery.objects.filter(status="queued").exclude(pk=old[2].pk).update(
            status="delivered"
        )
        call_command("webhook_log_prune", "--days", "90")
    kept = set(WebhookDelivery.objects.values_list("pk", flat=True))
    assert old[2].pk in kept and old[0].pk not in kept and old[1].pk not in kept
    assert len(kept) == 2
    assert WebhookEvent.objects.count() == 2


def test_a_session_sent_twice_through_the_api_is_told_once(
    org_a, receiver, key_for, api, session_payload, django_capture_on_commit_callbacks
):
    """The booking system that sends a session twice by accident: stored once, one event."""
    from django.urls import reverse

    _endpoint(org_a, receiver)
    _, secret = key_for(org_a, access="read_write")
    client = api(secret)
    data = session_payload(org_a.champion)
    for expected in (201, 200):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("api:sessions"), data, format="json", HTTP_IDEMPOTENCY_KEY="booking-4711"
            )
        assert response.status_code == expected
    (got,) = receiver.received
    body = json.loads(got.body)
    assert body["type"] == "session.logged"
    assert body["data"]["session"]["id"] == response.json()["id"]
