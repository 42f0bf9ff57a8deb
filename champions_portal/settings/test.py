"""Tests: only what makes them faster. Real PostgreSQL and Redis stay."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import DATABASES, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MFA_REQUIRED_FOR_NETWORK_ADMINS = True
DEBUG = False

# Several people (or agents) may run the suite at once on one machine: each can pick its own
# test database with TEST_DB_NAME.
DATABASES["default"]["TEST"] = {"NAME": env("TEST_DB_NAME", default="test_champions")}
# The read replica's alias is always there in tests, mirroring the primary (no test database is
# made on it), so a test may name it; it is read only when REPLICA_DATABASE_URL is set
# (core/db_router.py). The replica (make test-replica) streams the whole primary cluster, the test
# database too: the tests that read the real replica point the alias at the same test database on
# the replica's port (tests/core/test_replica.py).
DATABASES.setdefault("replica", {**DATABASES["default"], "TEST": {"MIRROR": "default"}})
DATABASES["replica"]["NAME"] = DATABASES["default"]["TEST"]["NAME"]

# Tests that start a real worker use their own Redis database, so a developer's `make run`
# worker (database 0) never takes their tasks.
CELERY_BROKER_URL = env("TEST_CELERY_BROKER_URL", default="redis://127.0.0.1:6379/5")

# Webhook tests run their receiver on this machine, over plain HTTP (api.webhook_http).
WEBHOOKS_ALLOW_INSECURE_HOSTS = ["127.0.0.1"]

# Each test run journals erasures in its own file (privacy/erasure_journal.py), not the
# developer's var/erasures.jsonl.
ERASURE_JOURNAL = Path(
    env(
        "ERASURE_JOURNAL",
        default=str(Path(tempfile.gettempdir()) / f"erasures-{os.getpid()}.jsonl"),
    )
)
