"""Two requests with one Idempotency-Key at the same moment (two tabs syncing, a retry while the
first send is still running): one session, and both get its answer."""

import threading
import time

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import IdempotencyRecord
from sessions_log import services as sessions
from sessions_log.models import SupportSession


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_with_one_key_make_one_session(
    org_a, key_for, session_payload, monkeypatch
):
    _, secret = key_for(org_a, access="read_write")
    data = session_payload(org_a.champion)
    real_log = sessions.session_log

    def slow_log(**kwargs):
        # Hold the first request inside its transaction, after its record's INSERT, so the
        # second has passed the "already recorded?" read and meets the unique index.
        time.sleep(0.5)
        return real_log(**kwargs)

    monkeypatch.setattr(sessions, "session_log", slow_log)
    inserts = []
    real_create = IdempotencyRecord.objects.create

    def counted_create(**kwargs):
        inserts.append(kwargs["key"])
        return real_create(**kwargs)

    monkeypatch.setattr(IdempotencyRecord.objects, "create", counted_create)
    start = threading.Barrier(2)
    answers = []

    def send():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        start.wait()
        try:
            response = client.post(
                reverse("api:sessions"), data, format="json", HTTP_IDEMPOTENCY_KEY="same"
            )
            answers.append((response.status_code, response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(code for code, _ in answers) == [200, 201]
    assert answers[0][1] == answers[1][1]
    assert SupportSession.objects.count() == 1
    # Both tried to insert the record: the race happened, and the unique index settled it.
    assert inserts == ["same", "same"]
