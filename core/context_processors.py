from django.conf import settings

from core.javascript_catalog import catalog_url


def portal(request):
    """What every page's layout needs: the session timeout warning's timings, and the address of
    the JavaScript translations in the reader's language."""
    return {
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "session_warning_minutes": settings.SESSION_WARNING_SECONDS // 60,
        "javascript_catalog_url": catalog_url(),
    }
