"""The read replica's router (core/db_router.py), without a replica: its decisions, the
read-your-writes marker, and the fallback to the primary when the replica's alias is missing, does
not answer (a closed port), is not a standby, lags, or fails during a view. The same against the
real replica: tests/core/test_replica.py (make test-replica)."""

import logging
import socket
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.db import OperationalError, connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core import db_router
from core.db_router import (
    PRIMARY,
    PRIMARY_READS_COOKIE,
    REPLICA,
    PrimaryAfterWriteMiddleware,
    PrimaryReplicaRouter,
    replica_reads,
)
from sessions_log.models import SupportSession
from tests.sessions_log.factories import SupportSessionFactory

ROUTERS = ["core.db_router.PrimaryReplicaRouter"]
# The test settings keep a "replica" alias mirroring the primary; these tests point it elsewhere.
# Committed data (transaction=True): the alias has its own connection, outside any test atomic.
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _replica_at(settings, **changes):
    """The router installed, as with REPLICA_DATABASE_URL set, and the alias's connection made to
    the primary's test database with these changes."""
    settings.REPLICA_DATABASE_URL = "postgres://set-by-the-test"
    settings.DATABASE_ROUTERS = ROUTERS
    replica = connections[REPLICA]
    mirrored = replica.settings_dict
    replica.close()
    replica.settings_dict = {**mirrored, "OPTIONS": {"connect_timeout": 2}, **changes}
    db_router.forget_replica_health()
    try:
        yield
    finally:
        replica.close()
        replica.settings_dict = mirrored
        db_router.forget_replica_health()


@pytest.fixture
def replica_alias(settings):
    """A replica alias to a port nobody listens on."""
    with _replica_at(settings, PORT=str(_closed_port())):
        yield


@pytest.fixture
def fresh_replica(replica_alias, monkeypatch):
    """The alias as if its replica answered, caught up (the connection itself is never opened
    unless a test lets a view reach it)."""
    monkeypatch.setattr(db_router, "_standby_lag", lambda: (True, 0.0))
    monkeypatch.setattr(db_router, "_replica_connected", lambda: True)


router = PrimaryReplicaRouter()


def test_without_a_replica_every_read_goes_to_the_primary(settings):
    settings.DATABASE_ROUTERS = ROUTERS
    with replica_reads():
        assert router.db_for_read(SupportSession) == PRIMARY
        assert not db_router.replica_usable()


def test_only_reads_inside_the_marked_block_go_to_the_replica(fresh_replica):
    assert router.db_for_read(SupportSession) == PRIMARY
    with replica_reads():
        assert router.db_for_read(SupportSession) == REPLICA
        assert router.db_for_write(SupportSession) == PRIMARY
    assert router.db_for_read(SupportSession) == PRIMARY
    assert router.allow_migrate(PRIMARY, "sessions_log")
    assert not router.allow_migrate(REPLICA, "sessions_log")


def test_a_replica_that_refuses_connections_is_skipped_logged_and_measured_once_a_second(
    replica_alias, caplog, monkeypatch
):
    measured = []
    measure = db_router._measure
    monkeypatch.setattr(db_router, "_measure", lambda: measured.append(1) or measure())
    with caplog.at_level(logging.WARNING, logger="core.db_router"), replica_reads():
        assert router.db_for_read(SupportSession) == PRIMARY
        assert router.db_for_read(SupportSession) == PRIMARY
    assert measured == [1]
    (record,) = caplog.records
    assert "Reading from the primary, not the replica: the replica does not answer" in (
        record.getMessage()
    )


def test_a_database_that_is_not_a_standby_is_not_read_as_a_replica(settings):
    """The alias pointed at the primary itself (a mistaken URL, or a promoted replica)."""
    with _replica_at(settings), replica_reads():
        assert router.db_for_read(SupportSession) == PRIMARY
        assert db_router._health.reason == "the replica's database is not a standby"


@pytest.mark.parametrize(("lag", "alias"), [(4.9, REPLICA), (5.1, PRIMARY)])
def test_a_replica_further_behind_than_the_limit_is_skipped(replica_alias, monkeypatch, lag, alias):
    monkeypatch.setattr(db_router, "_standby_lag", lambda: (True, lag))
    with replica_reads():
        assert router.db_for_read(SupportSession) == alias


def test_the_limit_is_a_setting(replica_alias, monkeypatch, settings):
    settings.REPLICA_MAX_LAG_SECONDS = 30
    monkeypatch.setattr(db_router, "_standby_lag", lambda: (True, 12.0))
    with replica_reads():
        assert router.db_for_read(SupportSession) == REPLICA


# --- read-your-writes ---------------------------------------------------------------------------


def _after(method, **headers):
    request = getattr(RequestFactory(), method.lower())("/somewhere/", **headers)
    return request, PrimaryAfterWriteMiddleware(lambda r: HttpResponse("ok"))(request)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_after_a_write_its_author_reads_the_primary_for_ten_seconds(method):
    _, response = _after(method)
    cookie = response.cookies[PRIMARY_READS_COOKIE]
    assert cookie["httponly"] and cookie["max-age"] == 11
    later = RequestFactory().get("/dashboard/")
    later.COOKIES[PRIMARY_READS_COOKIE] = cookie.value
    assert db_router.wrote_recently(later)
    with time_machine.travel(timezone.now() + timedelta(seconds=10.5)):
        assert not db_router.wrote_recently(later)


def test_a_read_sets_no_marker_and_a_broken_cookie_counts_as_none():
    _, response = _after("GET")
    assert PRIMARY_READS_COOKIE not in response.cookies
    request = RequestFactory().get("/dashboard/")
    request.COOKIES[PRIMARY_READS_COOKIE] = "soon"
    assert not db_router.wrote_recently(request)


def test_the_window_is_never_shorter_than_the_lag_limit(settings):
    settings.REPLICA_MAX_LAG_SECONDS = 30
    assert db_router.primary_after_write_seconds() == 30


def test_an_api_key_that_wrote_reads_the_primary_without_cookies():
    """API clients keep no cookies: the marker is kept in the cache under the key's digest."""
    _after("POST", HTTP_AUTHORIZATION="Bearer dcp_abc.secret")
    same_key = RequestFactory().get("/api/v1/figures/", HTTP_AUTHORIZATION="Bearer dcp_abc.secret")
    other_key = RequestFactory().get("/api/v1/figures/", HTTP_AUTHORIZATION="Bearer dcp_xyz.other")
    assert db_router.wrote_recently(same_key)
    assert not db_router.wrote_recently(other_key)


# --- the views ----------------------------------------------------------------------------------

QUERY = "period=custom&start={start}&end={end}"


def _dashboard(client):
    today = timezone.localdate()
    url = (
        reverse("impact:organisation")
        + "?"
        + QUERY.format(start=today - timedelta(days=30), end=today)
    )
    return client.get(url)


@pytest.fixture
def one_session(org_a):
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        date=timezone.localdate() - timedelta(days=1),
    )
    return org_a


@pytest.mark.dates
def test_the_dashboard_answers_from_the_primary_when_the_replica_is_down(
    one_session, replica_alias, client_for, caplog, monkeypatch
):
    """The measurement was good a moment ago, but the replica has stopped since: the connection
    made before the view is refused, and the view reads the primary."""
    monkeypatch.setattr(db_router, "HEALTH_SECONDS", 60)
    db_router._health.record(True, "measured a moment ago")
    with caplog.at_level(logging.WARNING, logger="core.db_router"):
        response = _dashboard(client_for(one_session.pm))
    assert response.status_code == 200
    assert response.context["figures"]["headline"].sessions_completed == 1
    assert "a read on the replica failed" in caplog.text


@pytest.mark.dates
def test_a_read_failing_on_the_replica_during_the_view_is_made_again_on_the_primary(
    one_session, fresh_replica, client_for, caplog
):
    """The replica answered the checks, then fails at the view's first query (here: its port is
    closed): the view runs again on the primary and the page shows the right figures."""
    with caplog.at_level(logging.WARNING, logger="core.db_router"):
        response = _dashboard(client_for(one_session.pm))
    assert response.status_code == 200
    assert response.context["figures"]["headline"].sessions_completed == 1
    assert "a read on the replica failed" in caplog.text
    assert connections[REPLICA].connection is None


def test_a_failure_on_the_primary_is_not_retried(fresh_replica, rf, monkeypatch):
    """Only a failure of a read on the replica runs the view again."""
    calls = []

    @db_router.reading_from_replica
    def view(request):
        calls.append(1)
        raise OperationalError("the primary is down")

    with pytest.raises(OperationalError):
        view(rf.get("/"))
    assert calls == [1]


@pytest.mark.dates
def test_the_writer_of_a_change_never_reads_the_replica(
    one_session, fresh_replica, client_for, monkeypatch
):
    def no_replica():
        raise AssertionError("the replica was asked")

    monkeypatch.setattr(db_router, "replica_usable", no_replica)
    client = client_for(one_session.pm)
    client.cookies[PRIMARY_READS_COOKIE] = f"{timezone.now().timestamp() + 10:.3f}"
    response = _dashboard(client)
    assert response.status_code == 200
    assert response.context["figures"]["headline"].sessions_completed == 1
