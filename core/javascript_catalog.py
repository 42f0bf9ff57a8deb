"""Django's JavaScript catalogue (the translations static/js/ asks for with gettext()), served from
an address that names its language and the version of its translations: /jsi18n/cy/?v=3f2a…

base.html loads it with a deferred <script src> before the portal's own scripts (the CSP allows no
inline script, so the translations cannot be written into the page). Since the address changes
whenever the language or a compiled translation does, the browser and the server's cache can both
keep the answer for a day without anyone reading an old translation after a switch or a deploy."""

import hashlib
from functools import cache
from pathlib import Path

import django
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from django.views.i18n import JavaScriptCatalog

CACHE_SECONDS = 24 * 60 * 60


def catalog_version() -> str:
    """A short fingerprint of the compiled JavaScript translations and of Django (whose own
    catalogue is part of the answer). Read once per process: a deploy starts new ones. With
    DEBUG on it is read again each time, so a `compilemessages` shows at the next page."""
    if settings.DEBUG:
        return _fingerprint()
    return _cached_fingerprint()


def _fingerprint() -> str:
    digest = hashlib.sha256(django.get_version().encode())
    for directory in settings.LOCALE_PATHS:
        for compiled in sorted(Path(directory).glob("*/LC_MESSAGES/djangojs.mo")):
            digest.update(compiled.parent.parent.name.encode())
            digest.update(compiled.read_bytes())
    return digest.hexdigest()[:12]


_cached_fingerprint = cache(_fingerprint)


def catalog_url() -> str:
    """The catalogue's address for the language of the current request."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    try:
        language = translation.get_supported_language_variant(language)
    except LookupError:
        language = settings.LANGUAGE_CODE
    return f"{reverse('javascript_catalog', args=[language])}?v={catalog_version()}"


@require_GET
@cache_page(CACHE_SECONDS)
def javascript_catalog(request: HttpRequest, language: str) -> HttpResponse:
    """The catalogue in the language the address names (not the reader's current one, so that
    one address always holds one language and may be cached)."""
    if language not in dict(settings.LANGUAGES):
        raise Http404
    with translation.override(language):
        return JavaScriptCatalog.as_view()(request)
