"""A webhook through a real Celery worker on the real Redis (this run's own database, see
settings/test.py): the session's commit kicks the task, the worker delivers it once."""

import json
import time

import pytest

from api import webhooks
from api.models import WebhookDelivery
from tests.api.test_webhooks import ALL_EVENTS, _log
from tests.workers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_worker_delivers_a_logged_session_once(org_a, receiver, real_worker):
    webhooks.webhook_endpoint_create(
        organisation=org_a.organisation,
        url=receiver.url,
        description="",
        events=ALL_EVENTS,
        created_by=org_a.pm,
    )
    session = _log(org_a)
    assert wait_for(lambda: WebhookDelivery.objects.filter(status="delivered").exists())
    # The sweep finds nothing left to do, and nothing arrives twice.
    assert webhooks.webhook_sweep() == 0
    time.sleep(1)
    (got,) = receiver.received
    body = json.loads(got.body)
    assert body["type"] == "session.logged"
    assert body["data"]["session"]["id"] == str(session.public_id)
