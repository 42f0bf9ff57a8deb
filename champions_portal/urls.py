from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_GET

from accounts.views import language_choose
from core import views as core_views
from core.bench_floor import bench_floor
from core.javascript_catalog import javascript_catalog
from core.offline import views as offline_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    # From the site root: a service worker controls only the paths under its own.
    path("manifest.webmanifest", offline_views.manifest, name="manifest"),
    path("sw.js", offline_views.service_worker, name="service_worker"),
    path("offline/", include("core.offline.urls")),
    path("language/", language_choose, name="language_choose"),
    path("privacy-notice/", core_views.privacy_notice, name="privacy_notice"),
    path("session/extend/", core_views.session_extend, name="session_extend"),
    # The translations static/js/ reads (core/javascript_catalog.py).
    path("jsi18n/<str:language>/", javascript_catalog, name="javascript_catalog"),
    path("audit/", require_GET(core_views.audit_log), name="audit_log"),
    path("accounts/", include("allauth.urls")),
    path("", include("organisations.urls")),
    path("learners/", include("learners.urls")),
    path("sessions/", include("sessions_log.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("impact/", include("impact.urls")),
    path("devices/", include("devices.urls")),
    path("notifications/", include("notifications.urls")),
    path("privacy/", include("privacy.urls")),
    path("", include("feedback.urls")),
    path("", include("outcomes.urls")),
    path("stories/", include("stories.urls")),
    path("api/", include("api.urls")),
]
# The admin signs no one in itself (accounts/admin_site.py); production serves it only if asked.
if settings.ADMIN_ENABLED:
    urlpatterns.append(path("django-admin/", admin.site.urls))
# The load test's floor (core/bench_floor.py): only in the load test's own gunicorn.
if settings.BENCH_FLOOR_VIEW:
    urlpatterns.append(path("bench/floor", bench_floor, name="bench_floor"))

handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"
