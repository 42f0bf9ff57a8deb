"""A webhook through a real Celery worker on the real Redis (this run's own database, see
settings/test.py): the session's commit kicks the task, the worker delivers it once."""

import json
import time

import pytest
from celery.contrib.testing.worker import start_worker

from api import webhooks
from api.models import WebhookDelivery
from champions_portal.celery import app
from tests.api.test_webhooks import ALL_EVENTS, _log

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def real_worker():
    app.conf.task_always_eager = False
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


def _wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_worker_delivers_a_logged_session_once(org_a, receiver, real_worker):
    webhooks.webhook_endpoint_create(
        organisation=org_a.organisation,
        url=receiver.url,
        description="",
        events=ALL_EVENTS,
        created_by=org_a.pm,
    )
    session = _log(org_a)
    assert _wait_for(lambda: WebhookDelivery.objects.filter(status="delivered").exists())
    # The sweep finds nothing left to do, and nothing arrives twice.
    assert webhooks.webhook_sweep() == 0
    time.sleep(1)
    (got,) = receiver.received
    body = json.loads(got.body)
    assert body["type"] == "session.logged"
    assert body["data"]["session"]["id"] == str(session.public_id)
