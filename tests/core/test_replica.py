"""Against the real read replica (`make test-replica`; skipped without REPLICA_DATABASE_URL): a
session logged on the primary reaches the organisation dashboard read from the replica; with the
replica stopped, or replaying too far behind, the dashboard answers from the primary.

pytest-django makes the test database on the primary; the replica receives it by streaming, like
every database of the cluster. The alias mirrors the primary while the test databases are made
(settings/test.py), then `real_replica` points it at the same test database on the replica's
port. The data is committed (transaction=True), or it would never leave the primary."""

import logging
import os
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import environ
import pytest
from django.conf import settings
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from core import db_router
from core.db_router import PRIMARY_READS_COOKIE, REPLICA
from sessions_log import services
from sessions_log.models import SupportSession

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.replica,
    pytest.mark.skipif(not settings.REPLICA_TEST_URL, reason="no replica: make test-replica"),
    pytest.mark.django_db(transaction=True, databases=["default", REPLICA]),
]
# How long a committed write may take to reach the replica before the test gives up, and the lag
# limit while a test wants the replica read: other work on the primary (a benchmark's data set
# loading) can put the replica seconds behind, more than the portal's default limit.
REPLICATION_BOUND_SECONDS = 30
PATIENT_LIMIT_SECONDS = 60


@pytest.fixture
def real_replica(settings):
    """The portal as with REPLICA_DATABASE_URL set (the test settings keep the rest of the suite
    on the primary), the alias's connection made to the test database on the replica."""
    settings.REPLICA_DATABASE_URL = settings.REPLICA_TEST_URL
    settings.DATABASE_ROUTERS = ["core.db_router.PrimaryReplicaRouter"]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "core.db_router.PrimaryAfterWriteMiddleware"]
    settings.REPLICA_MAX_LAG_SECONDS = PATIENT_LIMIT_SECONDS
    url = environ.Env.db_url_config(settings.REPLICA_TEST_URL)
    replica = connections[REPLICA]
    mirrored = replica.settings_dict
    replica.close()
    replica.settings_dict = {
        **mirrored,
        **{part: url[part] for part in ("HOST", "PORT", "USER", "PASSWORD")},
        "OPTIONS": {"connect_timeout": 2},
    }
    db_router.forget_replica_health()
    yield replica
    replica.close()
    replica.settings_dict = mirrored
    db_router.forget_replica_health()


def _until(found, what: str):
    """Poll until found() is true, at most REPLICATION_BOUND_SECONDS; returns the seconds taken."""
    started = time.monotonic()
    while not found():
        if time.monotonic() - started > REPLICATION_BOUND_SECONDS:
            pytest.fail(f"{what} did not reach the replica in {REPLICATION_BOUND_SECONDS} s")
        time.sleep(0.05)
    return time.monotonic() - started


def _on_replica(model, **lookup) -> bool:
    return model._default_manager.using(REPLICA).filter(**lookup).exists()


def _dashboard(client):
    today = timezone.localdate()
    query = f"period=custom&start={today - timedelta(days=30)}&end={today}"
    # Django's CaptureQueriesContext connects first: it would fail with the replica down.
    replica = connections[REPLICA]
    replica.force_debug_cursor = True
    replica.queries_log.clear()
    try:
        response = client.get(reverse("impact:organisation") + "?" + query)
    finally:
        replica.force_debug_cursor = False
    assert response.status_code == 200
    # The view's own queries on the replica, not the router's measurement of its lag.
    read = [q for q in replica.queries_log if "pg_is_in_recovery" not in q["sql"]]
    return response.context["figures"]["headline"].sessions_completed, len(read)


def _log_session(people):
    return services.session_log(
        organisation=people.organisation,
        champion=people.champion,
        data={
            "status": "completed",
            "date": timezone.localdate() - timedelta(days=1),
            "format": "drop_in",
            "duration_minutes": 30,
            "anonymous_count": 1,
        },
    )


def _replica_psql(sql: str) -> str:
    """As the replica's superuser (the tests run as root, like make replica)."""
    port = environ.Env.db_url_config(settings.REPLICA_TEST_URL)["PORT"]
    command = ["su", "postgres", "-c", f'psql -p {port} -qAt -c "{sql}"']
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def people_on_the_replica(real_replica, org_a, client_for):
    client = client_for(org_a.pm)
    _until(lambda: _on_replica(type(org_a.pm), pk=org_a.pm.pk), "the PM")
    return org_a, client


@pytest.mark.dates
def test_a_session_logged_on_the_primary_reaches_the_dashboard_read_from_the_replica(
    people_on_the_replica,
):
    people, client = people_on_the_replica
    sessions, replica_queries = _dashboard(client)
    assert (sessions, replica_queries > 0) == (0, True)

    session = _log_session(people)
    assert PRIMARY_READS_COOKIE not in client.cookies  # written by a service, not by the PM

    def on_the_dashboard():
        sessions, replica_queries = _dashboard(client)
        assert replica_queries > 0, "the dashboard was not read from the replica"
        return sessions == 1

    seconds = _until(on_the_dashboard, "The session")
    assert _on_replica(SupportSession, pk=session.pk)
    print(f"A session logged on the primary was on the replica's dashboard after {seconds:.2f} s")


@pytest.mark.dates
@pytest.mark.skipif(os.geteuid() != 0, reason="stops the replica's cluster, as root")
def test_with_the_replica_stopped_the_dashboard_answers_from_the_primary(
    people_on_the_replica, caplog
):
    people, client = people_on_the_replica
    assert _dashboard(client)[1] > 0
    subprocess.run(["bash", str(ROOT / "scripts/replica.sh"), "stop"], check=True)
    try:
        _log_session(people)
        with caplog.at_level(logging.WARNING, logger="core.db_router"):
            assert _dashboard(client) == (1, 0)
            assert _dashboard(client) == (1, 0)
        assert "Reading from the primary, not the replica" in caplog.text
    finally:
        subprocess.run(
            ["bash", str(ROOT / "scripts/replica.sh")], check=True, stdout=subprocess.DEVNULL
        )


@pytest.mark.dates
@pytest.mark.skipif(os.geteuid() != 0, reason="pauses the replica's replay, as its superuser")
def test_a_replica_further_behind_than_the_limit_is_skipped(
    people_on_the_replica, settings, caplog
):
    """Replay paused: the replica receives the primary's writes but does not apply them, so it
    falls behind. Within the limit its dashboard is a little old; past it, the primary's."""
    people, client = people_on_the_replica
    _dashboard(client)
    _replica_psql("SELECT pg_wal_replay_pause()")
    try:
        _log_session(people)
        sessions, replica_queries = _dashboard(client)
        assert (sessions, replica_queries > 0) == (0, True)

        settings.REPLICA_MAX_LAG_SECONDS = 0.5
        db_router.forget_replica_health()
        time.sleep(1)
        with caplog.at_level(logging.WARNING, logger="core.db_router"):
            assert _dashboard(client)[0] == 1
        assert "behind (limit 0.5 s)" in caplog.text
        assert db_router._standby_lag()[1] > 0.5
    finally:
        _replica_psql("SELECT pg_wal_replay_resume()")


@pytest.mark.dates
def test_the_sessions_csv_streams_from_the_replica(people_on_the_replica):
    """A streamed export reads its rows while it is sent, after the view has returned: from the
    replica too (a server-side cursor on the standby)."""
    people, client = people_on_the_replica
    session = _log_session(people)
    _until(lambda: _on_replica(SupportSession, pk=session.pk), "The session")
    today = timezone.localdate()
    replica = connections[REPLICA]
    replica.force_debug_cursor = True
    replica.queries_log.clear()
    try:
        response = client.get(
            reverse("impact:sessions_csv")
            + f"?period=custom&start={today - timedelta(days=30)}&end={today}"
        )
        rows = b"".join(response.streaming_content).decode().splitlines()
    finally:
        replica.force_debug_cursor = False
    assert response.status_code == 200
    assert len(rows) == 2  # the header and the session
    assert any("supportsession" in q["sql"] for q in replica.queries_log)
