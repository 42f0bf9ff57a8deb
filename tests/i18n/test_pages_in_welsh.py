"""Every page in Welsh (issue 16 point 2): each page a champion, a project manager, a network
admin or a signed-out visitor can open, with their own objects for the URLs that take one,
rendered in Welsh, shows no English sentence that the English catalogue holds. A string left
unmarked, or marked but rendered before the language was chosen, fails here by name."""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.i18n import po
from tests.tenancy_registry import OBJECTS_OF_ANOTHER_ORGANISATION
from tests.test_tenancy_walk import PARAM_URLS, PLAIN_URLS

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S)


def _english_sentences() -> list[str]:
    """Sentences of four words or more, each literal part of a message with placeholders."""
    sentences = set()
    for entry in po.entries(CATALOGUE):
        if not entry.get("msgid") or "msgid_plural" in entry:
            continue
        for part in PLACEHOLDER.split(entry["msgid"]):
            part = " ".join(re.sub(r"<[^>]+>", " ", part).split())
            if len(part.split()) >= 4 and part != entry.get("msgstr"):
                sentences.add(part)
    return sorted(sentences)


def _visible_text(body: str) -> str:
    text = re.sub(r"<[^>]+>", " ", INVISIBLE.sub(" ", body))
    return " ".join(html.unescape(text).split())


# Pages in another language on purpose: the poster speaks the language of the organisation's
# learners (English here), whatever its PM reads (tests/i18n/test_choosing_a_language.py).
OTHER_LANGUAGE_ON_PURPOSE = {"feedback:poster"}


def _pages(org_a):
    for name in PLAIN_URLS:
        if name not in OTHER_LANGUAGE_ON_PURPOSE:
            yield name, reverse(name)
    for name in PARAM_URLS:
        make = OBJECTS_OF_ANOTHER_ORGANISATION.get(name)
        if make is not None:
            yield name, reverse(name, kwargs=make(org_a))


def _english_on(client, pages) -> list[str]:
    sentences = _english_sentences()
    found = []
    for name, url in pages:
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = b"".join(response) if response.streaming else response.content
        text = _visible_text(body.decode())
        found += [f"{name}: {s!r}" for s in sentences if s in text]
    return found


@pytest.mark.parametrize("role", ["champion", "pm", "network_admin"])
def test_no_english_sentence_on_any_page_in_welsh(role, org_a, network_admin, client_for):
    person = network_admin if role == "network_admin" else getattr(org_a, role)
    person.language = "cy"
    person.save(update_fields=["language"])
    pages = list(_pages(org_a))
    found = _english_on(client_for(person), pages)
    assert not found, f"{len(found)} English sentences in Welsh pages:\n" + "\n".join(found[:40])


def test_no_english_sentence_on_signed_out_pages_in_welsh(client, org_a):
    from feedback import services as feedback_services

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    link = feedback_services.link_for(org_a.organisation)
    pages = [
        ("account_login", reverse("account_login")),
        ("account_reset_password", reverse("account_reset_password")),
        ("privacy_notice", reverse("privacy_notice")),
        ("feedback:give", reverse("feedback:give", args=[link.token])),
        ("feedback:thanks", reverse("feedback:thanks", args=[link.token])),
    ]
    found = _english_on(client, pages)
    assert not found, "English sentences in Welsh pages:\n" + "\n".join(found)
