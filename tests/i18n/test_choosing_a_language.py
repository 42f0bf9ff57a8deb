"""Choosing a language (issue 16 point 3): a switcher on every page, remembered on the person
when signed in and on the browser when not; the first visit follows Accept-Language; learners'
pages follow the link, then the organisation's default; `<html lang>` says which."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.language import language_for, learner_page_language
from accounts.models import User
from feedback import services as feedback_services

pytestmark = pytest.mark.django_db


def _lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_a_signed_out_visitor_chooses_welsh_and_the_browser_remembers(client):
    page = client.get(reverse("account_login"))
    assert _lang(page) == "en-GB"
    assert 'name="language" value="cy" lang="cy">Cymraeg</button>' in page.content.decode()
    response = client.post(
        reverse("language_choose"), {"language": "cy", "next": "/accounts/login/"}
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    page = client.get(reverse("account_login"))
    assert _lang(page) == "cy"
    assert 'name="language" value="en-gb" lang="en-GB">English</button>' in page.content.decode()


def test_the_first_visit_follows_the_browser(client):
    assert (
        _lang(client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="cy-GB,cy;q=0.9")) == "cy"
    )
    assert _lang(client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="fr-FR")) == "en-GB"


def test_a_signed_in_choice_is_stored_on_the_person_and_follows_them(org_a, client_for):
    client = client_for(org_a.champion)
    client.post(reverse("language_choose"), {"language": "cy", "next": "/"})
    assert User.objects.get(pk=org_a.champion.pk).language == "cy"
    # Another device, no cookie, an English browser: still Welsh.
    other = Client()
    other.force_login(org_a.champion, backend="django.contrib.auth.backends.ModelBackend")
    assert _lang(other.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB")) == "cy"


def test_the_switch_goes_back_only_to_this_site_and_ignores_unknown_languages(client):
    response = client.post(
        reverse("language_choose"), {"language": "cy", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    response = client.post(reverse("language_choose"), {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert client.get(reverse("language_choose")).status_code == 405


def test_emails_follow_the_person_then_their_organisation(org_a):
    organisation = org_a.organisation
    assert language_for(org_a.champion, organisation=organisation) == "en-gb"
    organisation.default_language = "cy"
    assert language_for(org_a.champion, organisation=organisation) == "cy"
    org_a.champion.language = "en-gb"
    assert language_for(org_a.champion, organisation=organisation) == "en-gb"
    assert language_for(None) == settings.LANGUAGE_CODE


def test_the_feedback_form_opens_in_the_links_language_then_the_organisations(client, org_a):
    link = feedback_services.link_for(org_a.organisation)
    url = reverse("feedback:give", args=[link.token])
    assert _lang(client.get(url)) == "en-GB"
    assert _lang(client.get(url + "?lang=cy")) == "cy"
    org_a.organisation.default_language = "cy"
    org_a.organisation.save(update_fields=["default_language"])
    assert _lang(client.get(url)) == "cy"
    assert _lang(client.get(url + "?lang=en-gb")) == "en-GB"
    # Switching on the learner's page drops the link's ?lang=, or the link would win again.
    response = client.post(
        reverse("language_choose"), {"language": "en-gb", "next": url + "?lang=cy"}
    )
    assert response["Location"] == url


def test_a_link_s_language_is_read_before_the_browser_s(rf, org_a):
    request = rf.get("/", {"lang": "cy"}, HTTP_ACCEPT_LANGUAGE="en")
    assert learner_page_language(request, org_a.organisation) == "cy"


def test_choosing_welsh_adds_no_query_to_a_page(org_a, client_for):
    client = client_for(org_a.champion)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as english:
        client.get(reverse("home"))
    client.post(reverse("language_choose"), {"language": "cy", "next": "/"})
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as welsh:
        client.get(reverse("home"))
    assert len(welsh.captured_queries) == len(english.captured_queries)


def test_a_pm_prints_a_welsh_or_a_bilingual_poster(org_a, client_for):
    client = client_for(org_a.pm)
    welsh = client.get(reverse("feedback:poster"), {"language": "cy"}).content.decode()
    assert welsh.count('class="invitation" lang="cy"') == 1 and "?lang=cy" in welsh
    both = client.get(reverse("feedback:poster"), {"language": "both"}).content.decode()
    assert both.index('lang="cy"') < both.index('class="invitation" lang="en-GB"')


def test_a_learner_s_data_export_prints_in_welsh_for_an_english_pm(org_a, client_for):
    from tests.sessions_log.factories import LearnerFactory

    learner = LearnerFactory(organisation=org_a.organisation)
    client = client_for(org_a.pm)
    url = reverse("privacy:learner_export", args=[learner.public_id])
    english = client.get(url)
    assert (
        _lang(english) == "en-GB"
        and 'href="?lang=cy" lang="cy">Yn Gymraeg' in english.content.decode()
    )
    welsh = client.get(url, {"lang": "cy"})
    assert _lang(welsh) == "cy"
    assert _lang(client.get(reverse("home"))) == "en-GB"  # the PM's own language is untouched


def test_a_pm_chooses_the_organisation_s_default_language(org_a, client_for):
    client = client_for(org_a.pm)
    page = client.get(reverse("organisations:settings")).content.decode()
    assert 'name="default_language" value="cy"' in page
    data = {
        "name": "Organisation A",
        "reminder_after_days": "14",
        "retention_months": "24",
        "records_start": "2020-04-01",
        "default_language": "cy",
    }
    client.post(reverse("organisations:settings"), data)
    org_a.organisation.refresh_from_db()
    assert org_a.organisation.default_language == "cy"
    response = client.post(reverse("organisations:settings"), {**data, "default_language": "fr"})
    assert "Choose English or Cymraeg." in response.content.decode()
    org_a.organisation.refresh_from_db()
    assert org_a.organisation.default_language == "cy"
