import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

SESSION_STARTED = "portal_session_started"
SESSION_LAST_SEEN = "portal_last_seen"
# Touching the session on every request would write to the database each time; once a minute is
# precise enough for an idle timeout counted in hours.
LAST_SEEN_RESOLUTION = 60


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
                messages.info(
                    request,
                    "You were signed out because you had been away for a while. "
                    "Sign in again to carry on: anything you were typing in the session form is kept.",
                )
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if now - last_seen >= LAST_SEEN_RESOLUTION or SESSION_LAST_SEEN not in request.session:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class RequireMfaMiddleware:
    """Network admins see every organisation's list and curate the toolkit: they must set up an
    authenticator app before doing anything else."""

    allowed_prefixes = ("/accounts/", "/static/", "/media/", "/healthz", "/session/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.MFA_REQUIRED_FOR_NETWORK_ADMINS
            and user.is_authenticated
            and user.is_network_admin
            and not request.path.startswith(self.allowed_prefixes)
            and not _has_totp(request)
        ):
            messages.warning(
                request,
                "Network admins must protect their account with an authenticator app. "
                "Set it up now to continue.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(request) -> bool:
    from allauth.mfa.models import Authenticator

    # Remembered in the session once true, so admins do not pay a query on every page.
    if request.session.get("portal_mfa_ok"):
        return True
    found = Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
    if found:
        request.session["portal_mfa_ok"] = True
    return found
