"""The outbox's retry rules, with a mail server that fails on purpose and the clock moved by hand:
retries bounded by time (OUTBOX_RETRY_FOR after queueing), capped backoff that is never 0 s, no
attempt a row did not ask for, and one Message-ID per row on every attempt."""

import smtplib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notifications import services
from notifications.models import OutboundEmail
from notifications.services import email_claim, email_queue, outbox_sweep, retry_delay
from notifications.tasks import deliver_email

START = datetime(2026, 11, 30, 7, 0, tzinfo=ZoneInfo("Europe/London"))  # a Monday's summaries


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even an `except Exception`."""


class FakeMailServer:
    """A connection whose server is down (refuses), up (accepts and records), or accepts and then
    the worker dies before the row is marked."""

    def __init__(self):
        self.state = "down"
        self.accepted = []  # (to, Message-ID)
        self.tries = 0
        self.status_at_quit = []

    def connection(self):
        server = self

        class Connection:
            def open(self):
                server.tries += 1
                if server.state == "down":
                    raise ConnectionRefusedError(111, "Connection refused")

            def send_messages(self, messages):
                if server.state == "refuses-recipient":
                    raise smtplib.SMTPRecipientsRefused(
                        {messages[0].to[0]: (550, b"5.1.1 No such user")}
                    )
                for message in messages:
                    server.accepted.append((message.to[0], message.extra_headers["Message-ID"]))
                if server.state == "accepts-then-worker-dies":
                    raise WorkerKilled
                return len(messages)

            def close(self):
                server.status_at_quit.append(
                    list(OutboundEmail.objects.values_list("status", flat=True))
                )

        return Connection()


@pytest.fixture
def server(db, monkeypatch):
    fake = FakeMailServer()
    monkeypatch.setattr(services, "get_connection", fake.connection)
    return fake


@pytest.fixture
def clock(db):
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def _queue(n=0):
    return email_queue(
        key=f"test:retry:{n}",
        kind="summary_weekly",
        to=f"pm{n}@example.org",
        subject="Your week",
        body_text="Hello",
        body_html="<p>Hello</p>",
    )


def test_backoff_is_capped_and_never_zero(settings):
    for attempts in range(1, 80):
        step = min(settings.OUTBOX_BACKOFF_MAX, settings.OUTBOX_BACKOFF_FIRST * 2 ** (attempts - 1))
        for _ in range(50):
            delay = retry_delay(attempts=attempts).total_seconds()
            assert step / 2 <= delay <= step
            assert delay >= settings.OUTBOX_BACKOFF_FIRST / 2 > 0


def test_an_outage_shorter_than_the_retry_time_loses_nothing(
    server, clock, settings, django_capture_on_commit_callbacks
):
    """The mail server is down for 47 hours (the old rules gave up after 8 claims, about four
    minutes with the sweep): the email waits, tried only when its row says so, then arrives
    once with the Message-ID it had from the start."""
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue()
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("queued", 1)
    assert email.last_error.startswith("ConnectionRefusedError")
    assert email.next_attempt_at >= START + timedelta(seconds=settings.OUTBOX_BACKOFF_FIRST / 2)

    # A sweep before the next attempt is due hands nothing over and counts nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep() == 0
        deliver_email.delay(email.pk)  # a stray copy of the task, as Redis may redeliver one
    email.refresh_from_db()
    assert email.attempts == 1 and server.tries == 1

    while timezone.now() < START + timedelta(hours=47):
        clock.move_to(email.next_attempt_at)
        with django_capture_on_commit_callbacks(execute=True):
            assert outbox_sweep() == 1
        email.refresh_from_db()
        assert email.status == "queued"
        # Capped: no pause longer than OUTBOX_BACKOFF_MAX.
        assert email.next_attempt_at - timezone.now() <= timedelta(
            seconds=settings.OUTBOX_BACKOFF_MAX
        )
    assert email.attempts == server.tries  # one attempt per due time, none extra
    # After the first hour, one try every 30 to 60 minutes (the capped step, jittered).
    assert 47 <= email.attempts <= 100

    server.state = "up"
    clock.move_to(email.next_attempt_at)
    with django_capture_on_commit_callbacks(execute=True):
        outbox_sweep()
    email.refresh_from_db()
    assert email.status == "sent" and email.last_error == ""
    assert server.accepted == [(email.to, f"<outbox-{email.pk}@digitalchampions.example>")]


def test_after_the_retry_time_the_email_is_failed_with_its_last_error(
    server, clock, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_RETRY_FOR = 3 * 3600
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue()
    email.refresh_from_db()
    while email.status == "queued":
        assert email.next_attempt_at <= START + timedelta(hours=3)
        clock.move_to(email.next_attempt_at)
        with django_capture_on_commit_callbacks(execute=True):
            outbox_sweep()
        email.refresh_from_db()
    assert email.status == "failed"
    assert timezone.now() == START + timedelta(hours=3)  # the last try was on the deadline
    assert email.last_error.startswith("ConnectionRefusedError")
    # Failed stays failed: no sweep picks it up again by itself.
    clock.move_to(START + timedelta(days=3))
    assert outbox_sweep() == 0


def test_a_refused_recipient_fails_at_once(server, django_capture_on_commit_callbacks):
    server.state = "refuses-recipient"
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue()
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("failed", 1)
    assert "No such user" in email.last_error


def test_a_claim_that_finds_the_row_claimed_or_sent_counts_no_attempt(db):
    email = OutboundEmail.objects.create(
        idempotency_key="test:claim", kind="test", to="a@example.org", subject="s", body_text="b"
    )
    assert email_claim(email_id=email.pk) is not None
    assert email_claim(email_id=email.pk) is None  # a second worker, same moment
    OutboundEmail.objects.filter(pk=email.pk).update(status="sent")
    assert email_claim(email_id=email.pk) is None
    email.refresh_from_db()
    assert email.attempts == 1


def test_a_duplicate_carries_the_first_copys_message_id(
    server, clock, settings, django_capture_on_commit_callbacks
):
    """The server accepted the message and the worker died before the mark: once the lease runs
    out the email is sent again, recognisably the same email."""
    server.state = "accepts-then-worker-dies"
    with pytest.raises(WorkerKilled), django_capture_on_commit_callbacks(execute=True):
        email = _queue()
    email = OutboundEmail.objects.get()
    assert email.status == "sending"
    clock.move_to(START + timedelta(seconds=settings.OUTBOX_SENDING_LEASE - 1))
    assert outbox_sweep() == 0  # the lease still holds: maybe the worker is only slow
    server.state = "up"
    clock.move_to(START + timedelta(seconds=settings.OUTBOX_SENDING_LEASE + 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 2)
    assert [m for _, m in server.accepted] == [email.message_id] * 2


def test_the_row_is_marked_sent_before_the_connection_is_closed(
    server, django_capture_on_commit_callbacks
):
    server.state = "up"
    with django_capture_on_commit_callbacks(execute=True):
        _queue()
    assert server.status_at_quit == [["sent"]]


def test_the_real_backend_sends_the_rows_message_id(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue()
    assert mail.outbox[0].extra_headers["Message-ID"] == email.message_id
    assert mail.outbox[0].message()["Message-ID"] == f"<outbox-{email.pk}@digitalchampions.example>"


def test_the_sweep_does_not_flood_a_long_redis_queue(db, clock, settings, monkeypatch):
    """A row handed to the broker waits there (a long Monday queue): the sweep publishes it again
    only after OUTBOX_REDISPATCH_AFTER, in case Redis lost it, and not every minute."""
    assert settings.OUTBOX_REDISPATCH_AFTER > 60
    published = []
    monkeypatch.setattr(services, "_enqueue_delivery", lambda pk: published.append(pk) or True)
    email = _queue()  # no on_commit run: the task "waits in Redis"
    assert outbox_sweep() == 0
    clock.move_to(START + timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER - 1))
    assert outbox_sweep() == 0
    clock.move_to(START + timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER + 1))
    assert outbox_sweep() == 1 and outbox_sweep() == 0
    assert published == [email.pk]


def test_a_refused_publish_is_tried_again_at_the_next_sweep(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    """The broker was down when the email was queued: the next sweep publishes it at once, and
    a sweep during the outage stops at the first refusal instead of waiting on every row."""
    from notifications import tasks

    calls = []

    def broker_down(email_id):
        calls.append(email_id)
        raise OSError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.deliver_email, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        emails = [_queue(n) for n in range(3)]
    assert len(calls) == 3
    assert not OutboundEmail.objects.filter(dispatched_at__isnull=False).exists()
    assert outbox_sweep() == 3 and len(calls) == 4  # stopped after the first refusal
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep() == 3
    assert {e.pk for e in emails} == set(
        OutboundEmail.objects.filter(status="sent").values_list("pk", flat=True)
    )
