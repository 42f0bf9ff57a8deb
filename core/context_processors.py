from django.conf import settings


def portal(request):
    """What every page's navigation needs: the user's role and organisations."""
    return {
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
    }
