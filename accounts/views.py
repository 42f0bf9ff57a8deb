"""The people's own choices that are not part of allauth's pages."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .language import supported_language, user_language_set


def _without_lang(url: str) -> str:
    parts = urlsplit(url)
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
    )
    return urlunsplit(parts._replace(query=query))


@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """The switcher on every page (Cymraeg / English): remembered on the person when signed in,
    on this browser always, and back to the page it was chosen on."""
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    # A learner's page asked for by ?lang= would answer the link's language again.
    response = redirect(_without_lang(next_url))
    language = supported_language(request.POST.get("language"))
    if language is None:
        return response
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
    )
    return response
