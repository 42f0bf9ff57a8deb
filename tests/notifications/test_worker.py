"""End to end through a real Celery worker on the real Redis (its own database, see
settings/test.py): a summary is queued, delivered by the worker, and never sent twice."""

import time
from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from champions_portal.celery import app
from notifications.models import OutboundEmail
from notifications.tasks import send_impact_summaries
from tests.sessions_log.factories import SupportSessionFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def real_worker(settings):
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


def test_weekly_summary_end_to_end_once(org_a, org_b, real_worker):
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=date(2026, 11, 17)
    )
    # Beat's task fans out one task per organisation; each queues and delivers its emails.
    send_impact_summaries.delay("weekly", "2026-11-25")
    assert _wait_for(lambda: OutboundEmail.objects.filter(status="sent").count() == 2)
    # Run the whole job again: the idempotency keys stop any second email.
    send_impact_summaries.delay("weekly", "2026-11-25")
    time.sleep(2)
    assert OutboundEmail.objects.count() == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([org_a.pm.email, org_b.pm.email])
    ours = next(m for m in mail.outbox if m.to == [org_a.pm.email])
    assert "Between 16 November and 22 November 2026, 1 champion" in ours.body
