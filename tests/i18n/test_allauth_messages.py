"""allauth's own words on the portal's pages (issue 16 point 1): allauth ships no Welsh, so every
allauth string the portal shows is copied into accounts/allauth_messages.py for the Welsh
catalogue. This renders the sign-in, password-reset and authenticator-code pages (empty, with
errors, and the page after) and fails on any allauth string shown there that the module lacks,
so an allauth upgrade that adds a string, or a setting that brings a new field, is caught."""

import ast
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD
from tests.i18n import po

pytestmark = pytest.mark.django_db

MODULE = Path(settings.BASE_DIR) / "accounts" / "allauth_messages.py"
ALLAUTH = Path(allauth.__file__).parent
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
MARKING = {"gettext_noop", "ngettext_lazy", "pgettext_lazy", "npgettext_lazy"}
# A literal allauth marks in its own source, for strings newer than its shipped catalogue.
TEMPLATE_LITERAL = re.compile(r"\{%\s*(?:trans|translate)\s+\"([^\"]+)\"")
SOURCE_LITERALS = (
    (
        "*.py",
        re.compile(
            r"\b(?:_|gettext|gettext_lazy|pgettext|pgettext_lazy)\("
            r"(?:\s*\"[^\"]*\",)?\s*\"([^\"]+)\"\s*\)"
        ),
    ),
    ("*.html", TEMPLATE_LITERAL),
    ("*.txt", TEMPLATE_LITERAL),
)


def _module_msgids() -> set[str]:
    """Every msgid (singular and plural) the module marks, read as makemessages reads it."""
    found = set()
    for node in ast.walk(ast.parse(MODULE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in MARKING:
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id.startswith(("pgettext", "npgettext")):
                args = args[1:]  # the context
            found.update(args)
    return found


def _literals(folder: Path) -> set[str]:
    msgids = set()
    for pattern, literal in SOURCE_LITERALS:
        for path in folder.rglob(pattern):
            msgids.update(literal.findall(path.read_text(encoding="utf-8", errors="replace")))
    return msgids


def _allauth_msgids() -> set[str]:
    msgids = _literals(ALLAUTH)
    for entry in po.entries(ALLAUTH / "locale" / "en" / "LC_MESSAGES" / "django.po"):
        msgids.update(m for m in (entry.get("msgid"), entry.get("msgid_plural")) if m)
    return msgids


def _portal_msgids() -> set[str]:
    """What the portal marks itself: the module, and allauth's words in the portal's own
    templates that override allauth's (templates/mfa/authenticate.html keeps "Sign In")."""
    return _module_msgids() | _literals(Path(settings.BASE_DIR) / "templates")


def _shown_as(msgid: str) -> re.Pattern:
    """A whole piece of visible text that is this msgid, with anything in its placeholders."""
    parts = PLACEHOLDER.split(" ".join(re.sub(r"<[^>]+>", " ", msgid).split()))
    return re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$")


class _VisibleText(HTMLParser):
    """Each run of text a person reads (or hears: labels, placeholders, button values), one
    piece per text node or attribute."""

    INVISIBLE = {"script", "style", "template", "title"}
    READ_ATTRIBUTES = {"placeholder", "aria-label", "title", "alt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.INVISIBLE:
            self.hidden += 1
        attributes = dict(attrs)
        for name in self.READ_ATTRIBUTES & attributes.keys():
            self._add(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self._add(attributes.get("value"))

    def handle_endtag(self, tag):
        if tag in self.INVISIBLE and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self._add(data)

    def _add(self, text):
        text = " ".join(html.unescape(text or "").split())
        if text:
            self.pieces.append(text)


def _pieces(response) -> list[str]:
    assert response.status_code in (200, 400), response.status_code
    parser = _VisibleText()
    parser.feed(response.content.decode())
    return parser.pieces


def _allauth_strings_missing(pages: dict[str, list[str]]) -> list[str]:
    portal = _portal_msgids()
    known = [(m, _shown_as(m)) for m in _allauth_msgids() if PLACEHOLDER.sub("", m).strip()]
    missing = []
    for page, pieces in pages.items():
        for piece in pieces:
            for msgid, shown in known:
                if msgid not in portal and shown.match(piece):
                    missing.append(f"{page}: {msgid!r} (shown as {piece!r})")
    return sorted(set(missing))


def _entrance_pages(network_admin) -> dict[str, list[str]]:
    pages = {}
    client = Client()
    login = reverse("account_login")
    pages["sign in"] = _pieces(client.get(login))
    pages["sign in, empty"] = _pieces(client.post(login, {}))
    pages["sign in, wrong password"] = _pieces(
        client.post(login, {"login": network_admin.email, "password": "not the password"})
    )
    reset = reverse("account_reset_password")
    pages["password reset"] = _pieces(client.get(reset))
    pages["password reset, not an address"] = _pieces(client.post(reset, {"email": "nobody"}))
    pages["password reset, sent"] = _pieces(
        client.post(reset, {"email": network_admin.email}, follow=True)
    )
    response = client.post(
        login, {"login": network_admin.email, "password": TEST_PASSWORD}, follow=True
    )
    assert response.resolver_match.url_name == "mfa_authenticate"
    pages["authenticator code"] = _pieces(response)
    pages["authenticator code, wrong"] = _pieces(
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    )
    return pages


def test_every_allauth_string_on_the_way_in_is_in_the_module(network_admin):
    pages = _entrance_pages(network_admin)
    # The pages did render allauth's words (else this test could not fail).
    shown = {piece for pieces in pages.values() for piece in pieces}
    assert {"Email", "Password", "Code", "Incorrect code."} <= shown
    assert "The email address and/or password you specified are not correct." in shown
    assert _allauth_strings_missing(pages) == []


def test_a_string_missing_from_the_module_is_caught(network_admin, monkeypatch):
    """The check above can fail: with one of the module's msgids taken out, it names it."""
    portal_msgids = _portal_msgids()
    monkeypatch.setattr(
        "tests.i18n.test_allauth_messages._portal_msgids",
        lambda: portal_msgids - {"Incorrect code."},
    )
    missing = _allauth_strings_missing(_entrance_pages(network_admin))
    assert missing == ["authenticator code, wrong: 'Incorrect code.' (shown as 'Incorrect code.')"]


def test_the_module_copies_allauths_msgids_exactly():
    """Byte for byte, or Django would never look them up: each is one allauth knows."""
    assert _module_msgids() - _allauth_msgids() == set()
