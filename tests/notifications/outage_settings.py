"""Settings for the worker subprocesses in test_outage.py: the pytest run's test database, real
SMTP to the test's sink on 127.0.0.1, and the outbox's time scaled down (OUTBOX_* come from the
environment, read by settings/base.py)."""

import os

from champions_portal.settings.test import *  # noqa: F401,F403
from champions_portal.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["WORKER_DB_NAME"]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["WORKER_SMTP_PORT"])
EMAIL_TIMEOUT = 5
CELERY_TASK_ALWAYS_EAGER = False
