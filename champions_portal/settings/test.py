"""Tests: only what makes them faster. Real PostgreSQL and Redis stay."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import DATABASES, MIDDLEWARE, REPLICA_DATABASE_URL, env

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
# The suite reads the primary only, even with REPLICA_DATABASE_URL in the environment: the URL is
# kept for the tests against the real replica (tests/core/test_replica.py, make test-replica),
# which install the router themselves. The alias is always there, mirroring the primary (Django
# makes no test database for a mirror), so a test may name it and point it elsewhere. The replica
# streams the whole primary cluster, test databases too: on it, the test database has the same
# name.
REPLICA_TEST_URL = REPLICA_DATABASE_URL
REPLICA_DATABASE_URL = ""
DATABASE_ROUTERS = []
MIDDLEWARE = [m for m in MIDDLEWARE if m != "core.db_router.PrimaryAfterWriteMiddleware"]
DATABASES["replica"] = {
    **DATABASES["default"],
    "NAME": DATABASES["default"]["TEST"]["NAME"],
    "TEST": {"MIRROR": "default"},
}

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
