"""Tests through a real Celery worker on the real Redis: the worker thread, a broker of a test's
own, and waiting for what the worker does. The `real_worker` fixture (tests/conftest.py) starts
the worker; tests mark themselves `worker` and `django_db(transaction=True)`, since the worker's
thread has its own connection and cannot see rows inside a test's transaction."""

import time
from contextlib import contextmanager

from celery.contrib.testing.worker import start_worker

from champions_portal.celery import app


@contextmanager
def celery_worker():
    """A worker thread on the broker the app is set to (TEST_CELERY_BROKER_URL, see
    settings/test.py, unless a test moved it with `broker`), with eager mode off meanwhile and
    whatever an earlier run left queued purged first."""
    app.conf.task_always_eager = False
    app.control.purge()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


@contextmanager
def broker(url: str):
    """Send the app's tasks to another Redis database while inside, so no other run's worker can
    take them and no other test's purge can drop them. The producer pools start afresh on the new
    broker and the old ones are put back after (never closed: the next test uses them)."""
    saved = (app.conf.broker_url, app._pool, app.amqp._producer_pool)
    app.conf.broker_url = url
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.broker_url = saved[0]
        app._pool, app.amqp._producer_pool = saved[1], saved[2]


def wait_for(predicate, timeout: float = 20.0) -> bool:
    """Whether predicate() came true within timeout seconds, asked five times a second."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False
