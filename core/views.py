import logging
import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.middleware import SESSION_LAST_SEEN
from core.selectors import needs_attention
from organisations.selectors import organisation_overview
from organisations.tenancy import current_membership

logger = logging.getLogger(__name__)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Everyone starts here; each role is sent to the page that fits what they do."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "core/landing.html")
    membership = current_membership(request)
    if membership:
        if membership.is_pm:
            organisation = membership.organisation
            today = timezone.localdate()
            return render(
                request,
                "core/home_pm.html",
                {
                    "overview": organisation_overview(organisation=organisation),
                    "attention": needs_attention(organisation=organisation, today=today),
                    "yesterday": today - timedelta(days=1),
                },
            )
        return render(request, "core/home_champion.html")
    if user.is_network_admin:
        return redirect("organisations:network_list")
    return render(request, "organisations/no_membership.html", status=403)


@require_GET
def privacy_notice(request: HttpRequest) -> HttpResponse:
    """A privacy notice for learners that an organisation can adapt: filled in with the current
    organisation's name and retention period when a member opens it, with placeholders
    otherwise."""
    organisation = request.organisation if request.user.is_authenticated else None
    return render(request, "core/privacy_notice.html", {"notice_organisation": organisation})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: is the database up, is Redis up, is email flowing?"""
    checks = {"database": _check_database(), "redis": _check_redis()}
    healthy = all(v == "ok" for v in checks.values())
    # "delayed" when an email has waited more than OUTBOX_DELAYED_AFTER (an hour) unsent. It is
    # reported but does not make the answer 503: a load balancer would take every web node out
    # of service for a mail server's outage, turning a late email into a site that is down.
    # Monitoring should alert on this key; the emails are retried and listed for the admins.
    outbox = _check_outbox() if checks["database"] == "ok" else "unknown"
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks, "outbox": outbox},
        status=200 if healthy else 503,
    )


def _check_outbox() -> str:
    from notifications.selectors import outbox_delayed

    try:
        return "delayed" if outbox_delayed() else "ok"
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        logger.warning("healthz: outbox check failed: %s", exc)
        return "unknown"


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        logger.warning("healthz: database check failed: %s", exc)
        return "error"


def _check_redis() -> str:
    """Ping the broker's Redis, and the cache's when it is another one, with a short timeout
    and no retry, so that a Redis that is down or hung answers "error" within a second."""
    import redis

    urls = [settings.CELERY_BROKER_URL]
    cache = settings.CACHES.get("default", {})
    if "redis" in cache.get("BACKEND", "").lower():
        location = cache.get("LOCATION", "")
        urls += re.split("[;,]", location) if isinstance(location, str) else list(location)
    servers = {}
    for url in urls:
        parts = urlsplit(url)
        servers.setdefault((parts.hostname, parts.port, parts.path if not parts.port else ""), url)
    for url in servers.values():
        client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            client.ping()
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            logger.warning("healthz: redis check failed: %s", exc)
            return "error"
        finally:
            client.close()
    return "ok"


@require_POST
def session_extend(request: HttpRequest) -> JsonResponse:
    """Called by the timeout warning's "Stay signed in" button; the middleware has already
    refreshed last-seen on the way in."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    request.session[SESSION_LAST_SEEN] = int(time.time())
    return JsonResponse({"signed_in": True, "idle_seconds": settings.SESSION_COOKIE_AGE})


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)


def audit_log(request: HttpRequest) -> HttpResponse:
    """PMs see their organisation's audit log; network admins see the whole network's."""
    from django.core.exceptions import PermissionDenied

    from core.forms import AuditFilterForm
    from core.paging import keyset_page, without_cursor
    from core.selectors import AUDIT_ORDER, audit_events

    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    membership = request.membership
    if (
        request.user.is_network_admin
        and request.GET.get("scope") == "network"
        or (request.user.is_network_admin and not membership)
    ):
        organisation = None
    elif membership and membership.is_pm:
        organisation = membership.organisation
    else:
        raise PermissionDenied(
            gettext("Only project managers and network admins see the audit log.")
        )
    form = AuditFilterForm(without_cursor(request.GET) or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = keyset_page(
        audit_events(organisation=organisation, **filters),
        order=AUDIT_ORDER,
        params=request.GET,
        list_name="audit",
        per_page=50,
    )
    return render(
        request,
        "core/audit_log.html",
        {"form": form, "page_obj": page, "organisation": organisation},
    )
