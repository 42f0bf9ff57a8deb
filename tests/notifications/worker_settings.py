"""Settings for the worker subprocess in test_worker_killed_mid_batch: the test database the
pytest run created, and a slow one-file-per-message email backend so deliveries can be counted."""

import os

from champions_portal.settings.test import *  # noqa: F401,F403
from champions_portal.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["WORKER_DB_NAME"]
EMAIL_BACKEND = "tests.notifications.slow_backend.SlowFileBackend"
EMAIL_FILE_PATH = os.environ["WORKER_EMAIL_DIR"]
CELERY_TASK_ALWAYS_EAGER = False
