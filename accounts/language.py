"""Which language a person reads the portal in, decided in one place (Welsh Language Standards:
a person's language choice is asked for, recorded and followed, emails included).

- A signed-in person who has chosen reads their choice, on every device (User.language).
- Anyone else reads what they chose on this browser (the language cookie), else what their
  browser asks for (Accept-Language): Django's LocaleMiddleware decides that part.
- Emails have no browser: they follow the person's choice, else their organisation's default
  (Organisation.default_language), else the portal's (settings.LANGUAGE_CODE).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def supported_language(code: str | None) -> str | None:
    """The portal's own code for what was asked ("cy-GB" -> "cy", "en" -> "en-gb"), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code.strip().lower())
    except LookupError:
        return None


def language_for(user=None, *, organisation=None) -> str:
    """The language to write to this person in when no browser tells us (emails, PDFs sent)."""
    chosen = getattr(user, "language", "") if user is not None else ""
    if chosen in SUPPORTED:
        return chosen
    default = getattr(organisation, "default_language", "") if organisation is not None else ""
    if default in SUPPORTED:
        return default
    return settings.LANGUAGE_CODE


def learner_page_language(request, organisation) -> str:
    """The learners' pages (the QR feedback form, the privacy notice) open in the language the
    link asks for (?lang=cy, printed on a Welsh poster), else the one chosen on this browser,
    else the organisation's default for its learners."""
    asked = supported_language(request.GET.get("lang"))
    if asked:
        return asked
    chosen = supported_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if chosen:
        return chosen
    return language_for(None, organisation=organisation)


def use_learner_page_language(request, organisation) -> str:
    """Read the rest of this request in learner_page_language's choice."""
    language = learner_page_language(request, organisation)
    translation.activate(language)
    request.LANGUAGE_CODE = language
    return language


def user_language_set(*, user, language: str) -> None:
    """Remember a signed-in person's choice, for every device they sign in on."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


class UserLanguageMiddleware:
    """A signed-in person's recorded choice wins over the cookie and the browser. Runs after
    AuthenticationMiddleware; reads the user the request loads anyway, so it adds no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        chosen = getattr(user, "language", "") if signed_in else ""
        if not signed_in:
            # A link may ask for its language (a learner's Welsh poster, the privacy notice it
            # links to): for this page only, nothing remembered.
            chosen = supported_language(request.GET.get("lang")) or ""
        if chosen in SUPPORTED and chosen != translation.get_language():
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)
