"""Development: what `make run` uses. Emails are written to files a developer can read."""

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, env

# `make run` shows the portal as production serves it: no debug pages, and static files with
# hashed names and compressed copies. `DEBUG=1 make run` for Django's debug pages (static files
# are then served as they are in static/, uncompressed).
DEBUG = env.bool("DEBUG", default=False)
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "sent-emails"))
# Static files as production serves them: hashed names (cached for a year) and gzip and Brotli
# copies made by `collectstatic`, which `make run` runs first. A phone on a weak signal is the
# case the pages are built for, so the demo should be as quick as the real thing. After editing
# a file in static/, run `manage.py collectstatic --noinput` (or `make run` again).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# A webhook receiver on the developer's own machine may be plain HTTP (api.webhook_http).
WEBHOOKS_ALLOW_INSECURE_HOSTS = ["127.0.0.1", "localhost"]
