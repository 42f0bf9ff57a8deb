"""Benchmark and load test: production-like settings (DEBUG off, real Redis cache, template
caching as in production), pointed at the champions_bench database by DATABASE_URL."""

import warnings

from .base import *  # noqa: F401,F403
from .base import CACHES, env

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
# Emails from the weekly summary and reminder runs go nowhere: we time the work, not SMTP.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# Static files are not what we measure, and the benchmark must not need collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# WhiteNoise warns when collectstatic has not been run; pages are timed without static files.
warnings.filterwarnings("ignore", message="No directory at")

# The benchmark database's cached figures must never mix with a developer's `make run` ones
# (same Redis), and its refresh tasks go to their own queue database, taken by the load test's
# own worker.
CACHES["default"]["KEY_PREFIX"] = "portal-bench"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/7")
