"""Redis is never a single point of failure for a person (issue 12, point 8).

With the cache and the broker pointed at a port where nothing listens, every role's pages answer
200 and every save is stored; emails wait in the outbox; /healthz says Redis is down. Then the
same against a real redis-server of the test's own, killed mid-run and started again."""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from champions_portal.celery import app
from core.cache import reset_breakers
from notifications.models import OutboundEmail
from notifications.services import _enqueue_delivery, outbox_sweep
from sessions_log.models import SupportSession
from tests.factories import TEST_PASSWORD


def _free_port() -> int:
    """A port nothing listens on (bound, then closed again)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def redis_at(port: int, *, retry_after: float = 5):
    """Point the cache (database 1) and the Celery broker (database 0) at 127.0.0.1:port, with
    tasks really sent to the broker (not run eagerly)."""
    caches = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/1",
            "KEY_PREFIX": "test-redis-down",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "RETRY_AFTER": retry_after,
            },
        }
    }
    broker = f"redis://127.0.0.1:{port}/0"
    saved = (app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool)
    # override_settings(CACHES=...) makes Django drop its per-thread cache objects (the
    # setting_changed handler in django/test/signals.py); Celery's conf is a copy, set by hand.
    with override_settings(CACHES=caches, CELERY_BROKER_URL=broker, CELERY_TASK_ALWAYS_EAGER=False):
        app.conf.broker_url = broker
        app.conf.task_always_eager = False
        app._pool = app.amqp._producer_pool = None
        reset_breakers()
        try:
            yield
        finally:
            if app._pool is not None:
                app._pool.force_close_all()
            app.conf.broker_url, app.conf.task_always_eager = saved[0], saved[1]
            app._pool, app.amqp._producer_pool = saved[2], saved[3]
            reset_breakers()


def _session_form(**overrides):
    data = {
        "status": "completed",
        "date": timezone.localdate().isoformat(),
        "duration_minutes": "45",
        "format": "one_to_one",
        "mode": "in_person",
        "topics": ["online_banking"],
        "confidence_before": "2",
        "confidence_after": "4",
        "goal_met": "yes",
        "anonymous_count": "0",
    }
    data.update(overrides)
    return data


def _log_session(client, capture, name: str) -> SupportSession:
    before = SupportSession.objects.count()
    # on_commit callbacks run too: the impact version bumps and any enqueueing happen there.
    with capture(execute=True):
        response = client.post(
            reverse("sessions_log:create"), _session_form(new_learner_names=name)
        )
    assert response.status_code == 302, response.content[:2000]
    assert SupportSession.objects.count() == before + 1
    return SupportSession.objects.latest("created_at")


def _custom() -> str:
    today = timezone.localdate()
    return f"?period=custom&start={today - timedelta(days=90)}&end={today}"


CHAMPION_PAGES = ["home", "sessions_log:mine", "sessions_log:create", "impact:mine", "toolkit:home"]
PM_PAGES = [
    "home",
    "sessions_log:all",
    "learners:list",
    "impact:organisation",
    "impact:report",
    "toolkit:home",
]
PM_EXPORTS = [
    ("impact:sessions_csv", ""),
    ("impact:organisation_table_csv", "&table=champions"),
    ("impact:report_pdf", ""),
]
ADMIN_PAGES = [
    ("impact:network", ""),
    ("impact:network_table_csv", "?table=organisations"),
    ("organisations:network_list", ""),
    ("toolkit:home", ""),
]


def _signed_in(user) -> Client:
    """A client of its own per person (the client_for fixture shares one)."""
    from allauth.mfa.models import Authenticator

    from tests.conftest import record_code_typed

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if Authenticator.objects.filter(user=user).exists():
        record_code_typed(client, user)  # as if the admin typed their code at sign-in
    return client


def _all_pages_answer(org, network_admin):
    """Every page of every role answers 200."""
    started = time.monotonic()
    champion = _signed_in(org.champion)
    for name in CHAMPION_PAGES:
        assert champion.get(reverse(name)).status_code == 200, name
    pm = _signed_in(org.pm)
    for name in PM_PAGES:
        assert pm.get(reverse(name)).status_code == 200, name
    for name, query in PM_EXPORTS:
        response = pm.get(reverse(name) + _custom() + query)
        assert response.status_code == 200, name
        if name == "impact:report_pdf":
            assert response.content.startswith(b"%PDF")
    admin = _signed_in(network_admin)
    for name, query in ADMIN_PAGES:
        assert admin.get(reverse(name) + query).status_code == 200, name
    return time.monotonic() - started


def test_every_page_and_save_works_with_redis_unreachable(
    org_a, network_admin, client, django_capture_on_commit_callbacks
):
    port = _free_port()
    with redis_at(port):
        session = _log_session(_signed_in(org_a.champion), django_capture_on_commit_callbacks, "A")
        assert session.champion == org_a.champion

        elapsed = _all_pages_answer(org_a, network_admin)
        # The breaker skips Redis after the first refusal: no page waits on timeouts.
        assert elapsed < 60

        # Signing in (allauth rate limits live in the cache) works, unlimited while Redis is
        # down; a password reset email is stored and waits in the outbox.
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": org_a.champion.email, "password": TEST_PASSWORD}
        )
        assert response.status_code == 302
        client.logout()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_reset_password"), {"email": org_a.pm.email})
        assert response.status_code == 302
        email = OutboundEmail.objects.get(to=org_a.pm.email)
        assert email.status == OutboundEmail.Status.QUEUED
        # The sweep cannot enqueue it either, and says so without raising; it stays queued.
        assert outbox_sweep(older_than=timedelta(0)) >= 1
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.QUEUED

        # The cache answers as an empty one; incr keeps Django's ValueError for a missing key.
        cache.set("k", 1)
        assert cache.get("k") is None and cache.get("k", "default") == "default"
        assert cache.add("k", 1) is True
        with pytest.raises(ValueError):
            cache.incr("k")

        started = time.monotonic()
        response = client.get(reverse("healthz"))
        assert time.monotonic() - started < 5
        assert response.status_code == 503
        # The outbox is read from the database, so it still answers with Redis down.
        assert response.json() == {
            "status": "error",
            "database": "ok",
            "redis": "error",
            "outbox": "ok",
        }


def test_hung_redis_costs_one_short_timeout_not_one_per_call(db):
    """A Redis that accepts connections but never answers (a hung server, a half-open link)."""
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(16)
        with redis_at(hung.getsockname()[1]):
            started = time.monotonic()
            for n in range(20):
                assert cache.get(f"key-{n}") is None
            assert time.monotonic() - started < 2.5  # one 0.5 s timeout, then the breaker


def test_healthz_does_not_hang_on_a_hung_redis(client, db):
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(16)
        with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{hung.getsockname()[1]}/0"):
            started = time.monotonic()
            response = client.get(reverse("healthz"))
            assert time.monotonic() - started < 3
    assert response.status_code == 503 and response.json()["redis"] == "error"


def test_queueing_an_email_on_a_hung_broker_gives_up_quickly(org_a):
    """A broker that accepts the connection and never answers: the request waits about the
    broker's socket timeout (settings: 1 s), not for ever, and the email stays in the outbox."""
    email = OutboundEmail.objects.create(
        idempotency_key="test:hung-broker",
        kind="test",
        to="someone@example.org",
        from_email="portal@example.org",
        subject="Hello",
        body_text="Hello",
    )
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(16)
        with redis_at(hung.getsockname()[1]):
            started = time.monotonic()
            _enqueue_delivery(email.pk)
            assert time.monotonic() - started < 3
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.QUEUED


def test_incr_on_a_missing_key_still_raises_with_redis_up(db):
    with redis_at(6379):
        cache.delete("never-set")
        with pytest.raises(ValueError):
            cache.incr("never-set")
        cache.set("counter", 1, 30)
        assert cache.incr("counter") == 2
        cache.delete("counter")


def _start_redis(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"redis-server did not start on port {port}")


def _stop(process: subprocess.Popen) -> None:
    process.kill()
    process.wait(timeout=10)


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")
def test_redis_killed_mid_run_and_started_again(
    org_a, network_admin, django_capture_on_commit_callbacks
):
    port = _free_port()
    server = _start_redis(port)
    try:
        with redis_at(port, retry_after=0.5):
            champion = _signed_in(org_a.champion)
            assert champion.get(reverse("impact:mine")).status_code == 200
            _log_session(champion, django_capture_on_commit_callbacks, "Before")
            cache.set("probe", "up", 60)
            assert cache.get("probe") == "up"

            _stop(server)  # the pooled connections are now dead ones
            _log_session(champion, django_capture_on_commit_callbacks, "During")
            _all_pages_answer(org_a, network_admin)
            assert cache.get("probe") is None
            assert SupportSession.objects.filter(organisation=org_a.organisation).count() == 2

            server = _start_redis(port)
            time.sleep(0.6)  # past RETRY_AFTER: the next call tries Redis again
            cache.set("probe", "back", 60)
            assert cache.get("probe") == "back"
            assert champion.get(reverse("impact:mine")).status_code == 200
    finally:
        _stop(server)
