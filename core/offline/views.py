"""The installable, offline portal's own URLs. Thin: the service worker and the scripts it serves
(static/js/offline/) do the work on the device."""

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from organisations.tenancy import current_membership, member_required

from . import selectors

THEME_COLOUR = "#1d4f91"  # --brand in static/css/portal.css


def device_owner(request: HttpRequest) -> str:
    """Whose sessions a device's queue may send now: the person and the organisation they work
    in (the API logs a browser's session as the person signed in, in that organisation)."""
    membership = current_membership(request) if request.user.is_authenticated else None
    if membership is None:
        return ""
    return f"{request.user.public_id}:{membership.organisation.public_id}"


@require_GET
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    body = {
        "id": "/",
        "name": settings.SITE_NAME,
        "short_name": _("Champions"),
        "description": _("Log the sessions in which you help people, even with no signal."),
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "lang": request.LANGUAGE_CODE,
        "icons": [
            {"src": static("img/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
        "shortcuts": [
            {"name": _("Log a session"), "url": reverse("sessions_log:create")},
            {"name": _("Quick tally"), "url": reverse("sessions_log:tally")},
        ],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site root so it may control every page. Its body names this
    release and the files to keep, then imports the worker's code (a static file); a new release
    changes this body, so browsers install the new worker and it replaces the old caches."""
    config = {
        "release": selectors.release(),
        "precache": [static(name) for name in selectors.PRECACHED_STATIC],
        "storeScript": static("js/offline/store.js"),
        "syncScript": static("js/offline/sync.js"),
        "pages": offline_pages(),
        "fallback": reverse("offline:device"),
        "staticUrl": settings.STATIC_URL,
        "stateUrl": reverse("offline:state"),
        "learnersUrl": reverse("offline:learners"),
        "sessionsUrl": reverse("api:sessions"),
        "batchUrl": reverse("api:session_batch"),
        "logUrl": reverse("sessions_log:create"),
        # A planned session's completion page, with no signal: the log form, filled in on the
        # device from the planned session kept there (static/js/offline/page.js).
        "completeUrl": complete_url_pattern(),
        "learnerSearchUrl": reverse("sessions_log:learner_search"),
    }
    body = (
        "// Digital Champions Portal service worker. Generated: see core/offline/views.py.\n"
        f"self.PORTAL_OFFLINE = {json.dumps(config)};\n"
        f"importScripts({json.dumps(static(selectors.SERVICE_WORKER_SCRIPT))});\n"
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


# Any session id: the scripts put the planned session's own in its place.
SESSION_ID_PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


def complete_url_pattern() -> str:
    return reverse("sessions_log:complete", args=[SESSION_ID_PLACEHOLDER])


def offline_pages() -> list[str]:
    """The pages kept for use with no signal, for someone working in an organisation."""
    return [
        reverse("home"),
        reverse("sessions_log:create"),
        reverse("sessions_log:tally"),
        reverse("offline:device"),
    ]


@never_cache
@require_GET
def state(request: HttpRequest) -> JsonResponse:
    """What a device's sync asks before sending: who is signed in, in which organisation, with a
    fresh CSRF token (a cached page's may be stale after signing in again)."""
    owner = device_owner(request)
    if not owner:
        return JsonResponse({"signed_in": request.user.is_authenticated, "owner": ""})
    return JsonResponse({"signed_in": True, "owner": owner, "csrf": get_token(request)})


@never_cache
@member_required
@require_GET
def learners(request: HttpRequest) -> JsonResponse:
    """What the device keeps of the champion's work: their own learners for the offline search
    (display name and id, nothing else) and their planned sessions due today, to complete them
    with no signal."""
    return JsonResponse(
        {
            "owner": device_owner(request),
            "learners": selectors.offline_learners(membership=request.membership),
            "planned": selectors.offline_planned(
                membership=request.membership, today=timezone.localdate()
            ),
        }
    )


@require_GET
def device(request: HttpRequest) -> HttpResponse:
    """ "On this device": the sessions waiting to be sent and the toolkit resources kept, read by
    static/js/offline/page.js from the device itself. The server holds nothing for this page,
    so it opens for anyone (a session kept after signing out can still be seen or discarded)."""
    return render(request, "offline/device.html")
