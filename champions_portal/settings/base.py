"""Settings shared by every environment. Real configuration lives here, switched by environment
variables (django-environ); local/test/production only change what must differ."""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Safe defaults: DEBUG is off unless asked for.
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env(
    "SECRET_KEY", default="insecure-development-key-change-me-in-production-0123456789"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
SITE_NAME = env("SITE_NAME", default="Digital Champions Portal")
# The Site row (allauth's emails read it) takes its name and domain from these two on every
# migrate (accounts.services.site_update_from_settings).
SITE_ID = 1
# Django's admin at /django-admin/ (reached through the portal's sign-in and an authenticator).
ADMIN_ENABLED = env.bool("ADMIN_ENABLED", default=True)
# A do-nothing view at /bench/floor for `make loadtest` to compare with (core/bench_floor.py);
# only bench/loadtest.sh turns it on, for its own gunicorn.
BENCH_FLOOR_VIEW = env.bool("BENCH_FLOOR_VIEW", default=False)

INSTALLED_APPS = [
    # Django's admin, reached only through the portal's sign-in (accounts/admin_site.py).
    "accounts.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_filters",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from our static (no CDN)
    # Our apps: one per domain noun.
    "core",
    "accounts",
    "organisations",
    "notifications",
    "learners",
    "sessions_log",
    "toolkit",
    "privacy",
    "feedback",
    "outcomes",
    "stories",
    "devices",
    "impact",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.StripNulCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.language.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "organisations.tenancy.CurrentOrganisationMiddleware",
    "accounts.middleware.RequireMfaMiddleware",
]

ROOT_URLCONF = "champions_portal.urls"
WSGI_APPLICATION = "champions_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "core.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db(
        "DATABASE_URL", default="postgres://champions:champions@127.0.0.1:5432/champions"
    ),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A read replica (`make replica` prints its URL): dashboards, reports, exports and the API's reads
# go there while it answers and is at most REPLICA_MAX_LAG_SECONDS behind; everything else, and
# whoever wrote in the last REPLICA_PRIMARY_AFTER_WRITE_SECONDS, reads the primary
# (core/db_router.py). In tests the alias mirrors the primary unless a test points it at the
# real replica (tests/core/test_replica.py).
REPLICA_DATABASE_URL = env("REPLICA_DATABASE_URL", default="")
REPLICA_MAX_LAG_SECONDS = env.float("REPLICA_MAX_LAG_SECONDS", default=5.0)
REPLICA_PRIMARY_AFTER_WRITE_SECONDS = env.float("REPLICA_PRIMARY_AFTER_WRITE_SECONDS", default=10.0)
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = {
        **environ.Env.db_url_config(REPLICA_DATABASE_URL),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        # A replica that is down answers "refused" at once; one that is unreachable, in 2 s.
        "OPTIONS": {"connect_timeout": 2},
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["core.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.append("core.db_router.PrimaryAfterWriteMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
# With Redis down the cache answers "miss" and drops writes (core/cache.py): no page depends on it.
CACHES = {
    "default": {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": env("CACHE_URL", default="redis://127.0.0.1:6379/1"),
        "KEY_PREFIX": "portal",
        "OPTIONS": {
            # Give up on an unreachable Redis quickly, then skip it for RETRY_AFTER seconds.
            "socket_connect_timeout": 0.5,
            "socket_timeout": 0.5,
            "RETRY_AFTER": 5,
        },
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# --- allauth -------------------------------------------------------------------------------------
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Digital Champions] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("HTTP_PROTOCOL", default="http")
# How many reverse proxies of ours stand in front of the portal: rate limits then read the
# client's address from X-Forwarded-For (core/client_ip.py). 0 means none: the header is ignored.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT  # allauth's own reading agrees
# Failed logins are limited per IP and per account; password resets per IP and per address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "10/m/ip",
    "reset_password": "10/m/ip,3/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Digital Champions Portal"
# Network admins must have an authenticator before they can use the portal.
MFA_REQUIRED_FOR_NETWORK_ADMINS = env.bool("MFA_REQUIRED_FOR_NETWORK_ADMINS", default=True)
# Project managers too, after a week's grace from their first page (accounts/mfa.py).
MFA_REQUIRED_FOR_PROJECT_MANAGERS = env.bool("MFA_REQUIRED_FOR_PROJECT_MANAGERS", default=True)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
CRISPY_FAIL_SILENTLY = False

# --- sessions: idle and absolute timeouts (WCAG 2.2.1: warned and extendable) -------------------
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=60 * 60 * 2)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=60 * 60 * 12)
SESSION_WARNING_SECONDS = 5 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- i18n ----------------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
# Each language is named in itself, so a reader finds their own in the switcher whatever the page's
# language. Welsh first-class under the Welsh Language Standards (issue #16).
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Remembered for a signed-out visitor; a signed-in person's choice is stored on them.
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- static and media ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads are never served from a public URL: views check who asks, then stream the file.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Every erasure by reference, outside the database and its backups, so a restore can erase again
# whoever was erased after the backup was taken (privacy/erasure_journal.py). In production put
# it on storage that backups do not roll back.
ERASURE_JOURNAL = Path(env("ERASURE_JOURNAL", default=str(BASE_DIR / "var" / "erasures.jsonl")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)  # toolkit files
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- email ---------------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "sent-emails"))
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Digital Champions <no-reply@digitalchampions.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every outbox row's Message-ID is <outbox-{id}@this domain> (notifications.models).
EMAIL_MESSAGE_ID_DOMAIN = env(
    "EMAIL_MESSAGE_ID_DOMAIN", default=DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >")
)
# The outbox's retry rules (notifications.services), in seconds. An email is retried with capped
# backoff for OUTBOX_RETRY_FOR after it was queued, then marked failed (a network admin can
# requeue it); /healthz reports "delayed" when one has waited longer than OUTBOX_DELAYED_AFTER.
OUTBOX_RETRY_FOR = env.float("OUTBOX_RETRY_FOR", default=48 * 3600)
OUTBOX_BACKOFF_FIRST = env.float("OUTBOX_BACKOFF_FIRST", default=60)
OUTBOX_BACKOFF_MAX = env.float("OUTBOX_BACKOFF_MAX", default=3600)
OUTBOX_SENDING_LEASE = env.float("OUTBOX_SENDING_LEASE", default=600)
# How long a row's task may wait in Redis before the sweep publishes it again.
OUTBOX_REDISPATCH_AFTER = env.float("OUTBOX_REDISPATCH_AFTER", default=900)
OUTBOX_DELAYED_AFTER = env.float("OUTBOX_DELAYED_AFTER", default=3600)

# --- Celery --------------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
# Fail fast when Redis is down: the outbox sweep sends the email later.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "max_retries": 0,
    # A request that queues a task gives up quickly on an unreachable or hung broker (callers
    # catch the error; see notifications.services._enqueue_delivery). Without a read timeout a
    # publish to a hung Redis waits forever. The worker's BRPOP runs in kombu's event loop,
    # which this timeout does not apply to; it bounds synchronous commands (publish, ack).
    "socket_connect_timeout": 0.5,
    "socket_timeout": 1,
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The one place where periodic jobs are scheduled (UK time).
CELERY_BEAT_SCHEDULE = {
    "sweep-email-outbox": {
        "task": "notifications.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    # Webhook deliveries that are due (retries, and any whose task Redis lost): api.webhooks.
    "sweep-webhook-outbox": {
        "task": "api.tasks.sweep_webhooks",
        "schedule": 60.0,
    },
    # Dashboards opened in the last hour, computed again as their data changes, so that the
    # next person to look reads them from the cache (impact/warming.py).
    "warm-watched-dashboards": {
        "task": "impact.tasks.warm_watched_dashboards",
        "schedule": 5.0,
    },
    # The network dashboard's first view of the day, built before anyone opens it: its kept
    # sum is per day (impact.reports.warm_the_network_for_the_day).
    "warm-the-network-dashboard-for-the-day": {
        "task": "impact.tasks.warm_the_network_dashboard_for_the_day",
        "schedule": crontab(hour=0, minute=5),
    },
    "champion-reminders": {
        "task": "notifications.tasks.send_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "weekly-impact-summaries": {
        "task": "notifications.tasks.send_impact_summaries",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "args": ("weekly",),
    },
    "monthly-impact-summaries": {
        "task": "notifications.tasks.send_impact_summaries",
        "schedule": crontab(hour=7, minute=0, day_of_month="1"),
        "args": ("monthly",),
    },
    "anonymise-expired-learners": {
        "task": "privacy.tasks.anonymise_expired_learners",
        "schedule": crontab(hour=2, minute=30),
    },
    "monthly-network-summary": {
        "task": "notifications.tasks.send_network_summary",
        "schedule": crontab(hour=7, minute=30, day_of_month="1"),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / "var" / "celerybeat-schedule")

# --- security ------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": [SELF, NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- the API (api/) ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # A key first, so a refused request answers 401 with WWW-Authenticate; then a signed-in
    # browser (with its CSRF token), which the offline sync uses to send sessions.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerKeyThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per key (or signed-in person, or address) in DRF's "number/period" form.
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="120/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "Digital Champions Portal API",
    "DESCRIPTION": (
        "Figures for funders' and councils' systems, and sessions sent in from other tools. "
        "Send a key made on the API keys page as `Authorization: Bearer <key>`."
    ),
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CancelReasonEnum": "core.vocabulary.CancelReason",
        "YesNoPreferNotEnum": "core.vocabulary.YesNoPreferNot",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every PDF step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
