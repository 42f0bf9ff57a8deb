"""Faults, for real: an SMTP server on 127.0.0.1 (aiosmtpd) that goes down and comes back, and
Celery workers in their own processes, killed with SIGKILL in the middle of a batch. The outbox's
time is scaled down through settings (first backoff 0.1 s instead of a minute, a 2 s lease instead
of ten minutes) and this test plays beat, sweeping every 0.2 s."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction

from champions_portal.celery import app
from notifications.models import OutboundEmail
from notifications.services import email_queue, outbox_sweep
from tests.notifications.smtp_sink import SmtpSink

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

# This file's own Redis database: no other test's worker takes these tasks or purges them.
BROKER = "redis://127.0.0.1:6379/9"
SCALED = {
    "OUTBOX_BACKOFF_FIRST": 0.1,
    "OUTBOX_BACKOFF_MAX": 0.5,
    "OUTBOX_RETRY_FOR": 120.0,  # 48 hours, scaled; never reached here
    "OUTBOX_SENDING_LEASE": 2.0,
    "OUTBOX_REDISPATCH_AFTER": 10.0,
}
OLD_MAX_ATTEMPTS = 8  # the old rules failed every email after its eighth claim


@pytest.fixture
def outbox(settings, tmp_path):
    """The test process (queueing, sweeping) on the same broker and clock as the workers."""
    for name, value in SCALED.items():
        setattr(settings, name, value)
    redis.Redis.from_url(BROKER).flushdb()
    saved = (app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool)
    app.conf.broker_url, app.conf.task_always_eager = BROKER, False
    app._pool = app.amqp._producer_pool = None
    workers = Workers(tmp_path)
    try:
        yield workers
    finally:
        workers.stop_all()
        app.conf.broker_url, app.conf.task_always_eager = saved[0], saved[1]
        app._pool, app.amqp._producer_pool = saved[2], saved[3]
        redis.Redis.from_url(BROKER).flushdb()


class Workers:
    def __init__(self, log_dir):
        self.processes: list[subprocess.Popen] = []
        self.log_dir = log_dir  # each worker's stderr, to read when a test fails

    def start(self, smtp_port: int) -> subprocess.Popen:
        env = {
            **os.environ,
            **{name: str(value) for name, value in SCALED.items()},
            "DJANGO_SETTINGS_MODULE": "tests.notifications.outage_settings",
            "WORKER_DB_NAME": connection.settings_dict["NAME"],
            "WORKER_SMTP_PORT": str(smtp_port),
            "TEST_CELERY_BROKER_URL": BROKER,
        }
        log = open(self.log_dir / f"worker-{len(self.processes)}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "champions_portal", "worker", "--pool=solo"]
            + ["--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        log.close()  # the child has its own copy
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        # No warm shutdown (seconds each): the test is over and its broker database is flushed.
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)


def _sweep_until(predicate, timeout: float) -> bool:
    """Play beat: sweep the outbox every 0.2 s until the predicate holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        outbox_sweep()
        time.sleep(0.2)
    return predicate()


def _queue_batch(size: int, prefix: str) -> int:
    """One job's batch: queued in one transaction, handed to the broker on commit."""
    with transaction.atomic():
        queued = [
            email_queue(
                key=f"{prefix}:{n}",
                kind="summary_weekly",
                to=f"pm{n}@example.org",
                subject=f"Your week {n}",
                body_text="Hello",
                body_html="<p>Hello</p>",
            )
            for n in range(size)
        ]
    return sum(1 for email in queued if email is not None)


def _sent() -> int:
    return OutboundEmail.objects.filter(status="sent").count()


def test_mail_server_down_longer_than_the_old_budget_then_up(outbox):
    sink = SmtpSink()  # not started: connection refused, as when the mail server is down
    outbox.start(sink.port)
    assert _queue_batch(12, "outage") == 12
    # Down until every email has been tried more often than the old rules allowed.
    assert _sweep_until(
        lambda: not OutboundEmail.objects.filter(attempts__lte=OLD_MAX_ATTEMPTS).exists(),
        timeout=40,
    ), (
        list(OutboundEmail.objects.values_list("attempts", "status", "dispatched_at")[:3]),
        redis.Redis.from_url(BROKER).keys("*"),
        redis.Redis.from_url(BROKER).llen("celery"),
        app.conf.broker_url,
    )
    assert not OutboundEmail.objects.exclude(status__in=["queued", "sending"]).exists()
    assert OutboundEmail.objects.filter(last_error__startswith="ConnectionRefusedError").exists()

    sink.start()  # the mail server is back; nobody does anything
    try:
        assert _sweep_until(lambda: _sent() == 12, timeout=30)
        time.sleep(1)  # a late duplicate would have arrived by now
    finally:
        sink.stop()
    copies = sink.copies()
    emails = {e.to: e.message_id for e in OutboundEmail.objects.all()}
    assert Counter(to for to, _ in copies) == Counter({to: 1 for to in emails})
    assert all(message_id == emails[to] for to, message_id in copies)


BATCH = 200


def test_workers_killed_during_a_batch_lose_nothing(outbox):
    """Two workers share the batch; three times one of them is SIGKILLed mid-send and replaced
    (the other keeps sending while the replacement starts)."""
    sink = SmtpSink(delay=0.005)
    sink.start()
    try:
        workers = [outbox.start(sink.port), outbox.start(sink.port)]
        assert _queue_batch(BATCH, "kill") == BATCH
        # The same job run again while the batch is being sent: nothing is queued twice.
        assert _queue_batch(BATCH, "kill") == 0
        kills = 0
        for target in (30, 80, 130):
            assert _sweep_until(lambda target=target: _sent() >= target, timeout=40)
            outbox.kill(workers[kills % 2])
            workers[kills % 2] = outbox.start(sink.port)
            kills += 1
        assert _sweep_until(lambda: _sent() == BATCH, timeout=60)
        time.sleep(1)
    finally:
        sink.stop()
    assert OutboundEmail.objects.count() == BATCH
    emails = {e.to: e.message_id for e in OutboundEmail.objects.all()}
    by_recipient = defaultdict(list)
    for to, message_id in sink.copies():
        by_recipient[to].append(message_id)
    assert set(by_recipient) == set(emails)  # none lost
    # Any duplicate (a kill between the server's acceptance and the mark) is the same email.
    for to, message_ids in by_recipient.items():
        assert set(message_ids) == {emails[to]}, (to, message_ids)
    duplicates = sum(len(ids) - 1 for ids in by_recipient.values())
    assert duplicates <= kills  # at most the one message each killed worker was sending
