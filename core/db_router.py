"""Reads from the read replica (`make replica`), when there is one, it answers and it is fresh.

Only what is marked reads there: the views decorated with `reading_from_replica` (the dashboards,
the printable reports, the CSV and PDF exports and the API's read endpoints), and only the view
itself, after the sign-in, session and permission checks have read the primary. Everything else
(every write, sessions, sign-in, every page not marked) uses the primary, as without a replica.

The replica is skipped, and the primary read instead, when:
- the person (or API key) wrote something in the last few seconds (read-your-writes):
  `PrimaryAfterWriteMiddleware` marks them after any POST, PUT, PATCH or DELETE;
- it does not answer, it is not a standby, or it is further behind than
  REPLICA_MAX_LAG_SECONDS (measured at most once every HEALTH_SECONDS in each process);
- a read on it fails during the view: the view runs again on the primary.
Each change between using it and not is logged, with the reason.

The cached dashboard figures (impact/cache.py) stay exact: the version they are kept under is
read from the same database as the figures, so a set computed on the replica is kept under the
replica's (older) version, never under a newer one.

The router is installed only when REPLICA_DATABASE_URL is set (settings/base.py)."""

import contextvars
import hashlib
import logging
import threading
import time
from contextlib import contextmanager
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import StreamingHttpResponse

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
# How long one measurement of the replica's health is trusted, in each process.
HEALTH_SECONDS = 1.0
PRIMARY_READS_COOKIE = "primary_reads_until"
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}

# On the replica: is it a standby, and how many seconds of the primary's writes has it not
# replayed yet. An idle primary writes nothing, so the last replayed transaction grows old while
# the replica is fully caught up: having replayed all it received counts as no lag.
_LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()),
                          'Infinity') END
"""

_reading = contextvars.ContextVar("reading_from_replica", default=False)
_used = contextvars.ContextVar("replica_used", default=False)


class _Health:
    """The last measurement, shared by the threads of a process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.forget()

    def forget(self):
        self.measured_at = float("-inf")
        self.usable = False
        self.reason = "not measured yet"

    def record(self, usable: bool, reason: str):
        if usable != self.usable or self.measured_at == float("-inf"):
            if usable:
                logger.info("Reading from the replica: %s", reason)
            else:
                logger.warning("Reading from the primary, not the replica: %s", reason)
        self.usable, self.reason, self.measured_at = usable, reason, time.monotonic()


_health = _Health()


def replica_configured() -> bool:
    # The tests keep a mirror of the primary under the alias: only the URL means a replica.
    return bool(settings.REPLICA_DATABASE_URL) and REPLICA in settings.DATABASES


def replica_usable() -> bool:
    """Whether reads may go to the replica now: it answers as a standby within the lag limit."""
    if not replica_configured():
        return False
    if time.monotonic() - _health.measured_at < HEALTH_SECONDS:
        return _health.usable
    # One thread measures; the others use the last measurement rather than wait for it.
    if not _health.lock.acquire(blocking=False):
        return _health.usable
    try:
        _health.record(*_measure())
    finally:
        _health.lock.release()
    return _health.usable


def _standby_lag() -> tuple[bool, float]:
    """Whether the replica's database is a standby, and how many seconds behind the primary it
    is (raises DatabaseError when it does not answer)."""
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(_LAG_SQL)
        in_recovery, lag = cursor.fetchone()
    return in_recovery, float(lag)


def _measure() -> tuple[bool, str]:
    try:
        in_recovery, lag = _standby_lag()
    except DatabaseError as exc:
        connections[REPLICA].close()
        return False, f"the replica does not answer ({str(exc).strip()})"
    if not in_recovery:
        return False, "the replica's database is not a standby"
    limit = settings.REPLICA_MAX_LAG_SECONDS
    return lag <= limit, f"the replica is {lag:.1f} s behind (limit {limit} s)"


def replica_failed(exc: Exception) -> None:
    """A read on the replica failed: skip it until the next measurement."""
    connections[REPLICA].close()
    with _health.lock:
        _health.record(False, f"a read on the replica failed ({str(exc).strip()})")


def forget_replica_health() -> None:
    """Measure again on the next read (for tests and after `make replica`)."""
    _health.forget()


class PrimaryReplicaRouter:
    """Reads inside `reading_from_replica` go to the replica while it is usable; every other
    read, and every write, goes to the primary."""

    def db_for_read(self, model, **hints):
        if _reading.get() and replica_usable():
            _used.set(True)
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


@contextmanager
def replica_reads():
    """Reads in this block go to the replica when it is usable (writes still go to the
    primary). For code outside a request; views use `reading_from_replica`."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


# --- read-your-writes ---------------------------------------------------------------------------


def primary_after_write_seconds() -> float:
    """How long after a write its author reads the primary: at least the lag the replica may have
    while still in use, so what they just changed is never missing from their next page."""
    return max(settings.REPLICA_PRIMARY_AFTER_WRITE_SECONDS, settings.REPLICA_MAX_LAG_SECONDS)


def _api_key_marker(request) -> str | None:
    """A cache key for the API key in the Authorization header (a digest: no secret kept)."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    return "replica:primary-until:" + hashlib.sha256(header.encode()).hexdigest()


def wrote_recently(request) -> bool:
    now = time.time()
    try:
        if float(request.COOKIES.get(PRIMARY_READS_COOKIE, 0)) > now:
            return True
    except ValueError:
        pass
    marker = _api_key_marker(request)
    return marker is not None and (cache.get(marker) or 0) > now


class PrimaryAfterWriteMiddleware:
    """After a request that may have written (any method but GET, HEAD, OPTIONS and TRACE), its
    author reads the primary for a few seconds: a cookie for a browser, a cache entry for an API
    key (the cache is Redis, shared by every process)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in _SAFE_METHODS:
            seconds = primary_after_write_seconds()
            until = time.time() + seconds
            response.set_cookie(
                PRIMARY_READS_COOKIE,
                f"{until:.3f}",
                max_age=int(seconds) + 1,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            marker = _api_key_marker(request)
            if marker is not None:
                cache.set(marker, until, int(seconds) + 1)
        return response


# --- the views that read from the replica -------------------------------------------------------


def _request_in(args):
    """The request among a view's arguments: first for a function view, second for a method."""
    for arg in args[:2]:
        if hasattr(arg, "COOKIES") and hasattr(arg, "method"):
            return arg
    raise TypeError("reading_from_replica decorates views: no request among the arguments")


def _streamed_from_replica(chunks):
    """A streamed response's rows are read while it is sent, after the view has returned: read
    each chunk inside the block too."""
    iterator = iter(chunks)
    while True:
        with replica_reads():
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


def _replica_connected() -> bool:
    """Open (or check) the replica's connection before the view runs, as the connection's health
    check would at its first query: a replica stopped since the last measurement is found here,
    before a streamed response has begun, and the primary is read instead."""
    replica = connections[REPLICA]
    try:
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except DatabaseError as exc:
        replica_failed(exc)
        return False
    return True


def reading_from_replica(view):
    """The view's own reads go to the replica when one is configured and usable and the person
    has not just written something. Put it below the permission decorators, so the sign-in and
    the checks read the primary. If a read on the replica fails during the view, the view runs
    again on the primary: the page answers all the same. (A streamed export that loses the
    replica halfway through ends early: it cannot start again once sent.)"""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if (
            not replica_configured()
            or wrote_recently(_request_in(args))
            or not replica_usable()
            or not _replica_connected()
        ):
            return view(*args, **kwargs)
        used = _used.set(False)
        try:
            with replica_reads():
                response = view(*args, **kwargs)
        except (OperationalError, InterfaceError) as exc:
            if not _used.get():
                raise
            replica_failed(exc)
            return view(*args, **kwargs)
        finally:
            _used.reset(used)
        if isinstance(response, StreamingHttpResponse):
            response.streaming_content = _streamed_from_replica(response.streaming_content)
        return response

    return wrapped
