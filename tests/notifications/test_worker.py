"""End to end through a real Celery worker on the real Redis (its own database, see
settings/test.py): a summary is queued, delivered by the worker, and never sent twice."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from champions_portal.celery import app
from notifications.models import OutboundEmail
from notifications.services import outbox_sweep
from notifications.tasks import (
    deliver_email,
    send_impact_summaries,
    send_network_summary,
    send_reminders,
)
from tests.sessions_log.factories import SupportSessionFactory
from tests.workers import broker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


# These tests' tasks travel on a Redis database nobody else's tests use (5 is shared by default),
# so no other worker can take them and no other test's purge can drop them: the worker threads
# (real_worker) and the worker processes of the kill test alike.
OWN_BROKER = "redis://127.0.0.1:6379/11"


@pytest.fixture(autouse=True)
def own_broker():
    with broker(OWN_BROKER):
        yield


def test_weekly_summary_end_to_end_once(org_a, org_b, real_worker):
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=date(2026, 11, 17)
    )
    # Beat's task fans out one task per organisation; each queues and delivers its emails.
    send_impact_summaries.delay("weekly", "2026-11-25")
    assert wait_for(lambda: OutboundEmail.objects.filter(status="sent").count() == 2)
    # Run the whole job again: the idempotency keys stop any second email.
    send_impact_summaries.delay("weekly", "2026-11-25")
    time.sleep(2)
    assert OutboundEmail.objects.count() == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([org_a.pm.email, org_b.pm.email])
    ours = next(m for m in mail.outbox if m.to == [org_a.pm.email])
    assert "Between 16 November and 22 November 2026, 1 champion" in ours.body


def test_reminder_end_to_end_once(org_a, real_worker):
    """A champion with no session for 20 days: beat's reminder job, through the worker."""
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=date(2026, 11, 5)
    )
    send_reminders.delay("2026-11-25")
    assert wait_for(lambda: OutboundEmail.objects.filter(status="sent").exists())
    send_reminders.delay("2026-11-25")
    time.sleep(2)
    assert [m.to for m in mail.outbox] == [[org_a.champion.email]]
    assert "Helped someone lately" in mail.outbox[0].subject


def test_network_summary_end_to_end_once(org_a, network_admin, real_worker):
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=date(2026, 11, 10)
    )
    send_network_summary.delay("2026-12-01")
    assert wait_for(lambda: OutboundEmail.objects.filter(status="sent").exists())
    send_network_summary.delay("2026-12-01")
    time.sleep(2)
    assert [m.to for m in mail.outbox] == [[network_admin.email]]


def test_invitation_email_goes_through_the_worker(org_a, real_worker):
    from organisations import services as organisation_services

    organisation_services.invitation_create(
        organisation=org_a.organisation,
        invited_by=org_a.pm,
        email="new.person@example.org",
        role="champion",
        champion_kind="volunteer",
    )
    assert wait_for(lambda: OutboundEmail.objects.filter(status="sent").exists())
    assert [m.to for m in mail.outbox] == [["new.person@example.org"]]
    assert "/invitations/" in mail.outbox[0].body


def _start_worker_process(tmp_path, db_name):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "WORKER_DB_NAME": db_name,
        "WORKER_EMAIL_DIR": str(tmp_path),
        "TEST_CELERY_BROKER_URL": OWN_BROKER,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "champions_portal",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _deliveries(tmp_path):
    return Counter(p.name.split("--")[0] for p in tmp_path.glob("*.eml"))


def test_worker_killed_mid_batch_loses_nothing_and_duplicates_nothing(tmp_path):
    """kill -9 the worker while a batch of 12 emails is half sent, start another worker: every
    email is delivered exactly once (the claim in email_claim plus the sweep after the lease)."""
    app.conf.task_always_eager = False
    app.control.purge()
    emails = [
        OutboundEmail.objects.create(
            idempotency_key=f"test:kill:{n}",
            kind="test",
            to=f"person{n}@example.org",
            from_email="portal@example.org",
            subject=f"Email {n}",
            body_text="Hello",
        )
        for n in range(12)
    ]
    db_name = connection.settings_dict["NAME"]
    first = _start_worker_process(tmp_path, db_name)
    second = None
    try:
        for email in emails:
            deliver_email.delay(email.pk)
        assert wait_for(lambda: sum(_deliveries(tmp_path).values()) >= 4, timeout=60)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        half_done = OutboundEmail.objects.exclude(status="sent").count()
        assert 0 < half_done < 12, "the kill must land in the middle of the batch"
        # The killed worker's claim is still "sending"; once its lease runs out (simulated by
        # moving the claim back in time) the sweep hands it, and anything queued, to a worker.
        OutboundEmail.objects.filter(status="sending").update(
            claimed_at=timezone.now() - timedelta(seconds=settings.OUTBOX_SENDING_LEASE + 60)
        )
        second = _start_worker_process(tmp_path, db_name)
        outbox_sweep(older_than=timedelta(0))
        assert wait_for(
            lambda: OutboundEmail.objects.filter(status="sent").count() == 12, timeout=60
        )
        time.sleep(1.5)  # any duplicate would have been written by now
        delivered = _deliveries(tmp_path)
        assert delivered == Counter({email.to: 1 for email in emails})
    finally:
        for process in (first, second):
            if process and process.poll() is None:
                process.terminate()
                process.wait(timeout=15)
        app.control.purge()
        app.conf.task_always_eager = True
