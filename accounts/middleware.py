import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from . import mfa

SESSION_STARTED = "portal_session_started"
SESSION_LAST_SEEN = "portal_last_seen"
# Touching the session on every request would write to the database each time; once a minute is
# precise enough for an idle timeout counted in hours.
LAST_SEEN_RESOLUTION = 60
# The API's own endpoints (the people's pages for keys and webhooks under /api/ are pages).
API_PREFIX = "/api/v1/"


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _api_unauthorised(detail: str) -> JsonResponse:
    """What the API answers when a browser's session may not go on: 401 with a body like DRF's
    own, never a redirect. fetch() follows redirects silently, so the offline sync would read the
    sign-in page as a 200 and believe its queue had been sent."""
    response = JsonResponse({"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


class SessionTimeoutMiddleware:
    """Idle and absolute session timeouts (OWASP ASVS 3.3). The page warns before the idle timeout
    and offers to extend (static/js/portal.js), as WCAG 2.2.1 asks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_STARTED, now)
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            idle = now - last_seen > settings.SESSION_COOKIE_AGE
            expired = now - started > settings.SESSION_ABSOLUTE_SECONDS
            if idle or expired:
                logout(request)
                if _is_api(request):
                    return _api_unauthorised(
                        _("Your session has ended. Sign in again to carry on.")
                    )
                messages.info(
                    request,
                    _(
                        "You were signed out because you had been away for a while. Sign in "
                        "again to carry on: anything you were typing in the session form is kept."
                    ),
                )
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if now - last_seen >= LAST_SEEN_RESOLUTION or SESSION_LAST_SEEN not in request.session:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class RequireMfaMiddleware:
    """Staff, network admins and project managers must have used an authenticator in this
    session before any page (the rule is accounts.mfa); project managers without one have a
    grace period to set it up, told its end date once a session."""

    # allauth's own pages (sign-in, set-up, the code prompt) and what they need must stay open.
    # So do the JavaScript translations every page loads (holding nothing of anyone's): a redirect
    # there would leave the page without them, and spend the once-a-session grace notice.
    allowed_prefixes = ("/accounts/", "/static/", "/media/", "/healthz", "/session/", "/jsi18n/")
    GRACE_TOLD = "portal_mfa_grace_told"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated or request.path.startswith(self.allowed_prefixes):
            return self.get_response(request)
        decision = mfa.decide(request)
        if _is_api(request) and decision.need in (mfa.Need.SET_UP, mfa.Need.USE):
            return _api_unauthorised(
                _("Sign in with the code from your authenticator app to use the API.")
            )
        if decision.need is mfa.Need.SET_UP:
            messages.warning(request, self._set_up_text(request.user))
            return redirect("mfa_activate_totp")
        if decision.need is mfa.Need.USE:
            messages.info(request, _("Type the code from your authenticator app to carry on."))
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.path})}")
        if decision.need is mfa.Need.GRACE and not request.session.get(self.GRACE_TOLD):
            request.session[self.GRACE_TOLD] = True
            ends = timezone.localtime(decision.grace_ends)
            messages.warning(
                request,
                format_html(
                    # Translators: {url} is the set-up page, {time} a time like 14:30, {day} a
                    # date like Monday 1 June 2026. Keep the <a> tags around the link's words.
                    _(
                        "Project managers must protect their account with an authenticator app, "
                        "because they can see, export and erase learners' details. "
                        '<a href="{url}">Set one up now</a>: from {time} on {day} the portal will '
                        "ask you to before showing any page."
                    ),
                    url=reverse("mfa_activate_totp"),
                    time=date_format(ends, "H:i"),
                    day=date_format(ends, "l j F Y"),
                ),
            )
        return self.get_response(request)

    @staticmethod
    def _set_up_text(user) -> str:
        if user.is_staff or user.is_network_admin:
            return _(
                "Network admins must protect their account with an authenticator app. "
                "Set it up now to continue."
            )
        return _(
            "Project managers must protect their account with an authenticator app, and the "
            "week to set one up has ended. Set it up now to continue."
        )
