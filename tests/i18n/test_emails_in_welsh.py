"""Emails follow the reader (issue 16 point 4): reminders, summaries, invitations and password
emails in the recipient's language — their choice, else their organisation's default — with
dates written in it, whatever language the page or the worker that sent them was in."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from notifications import jobs
from organisations import services as organisation_services
from tests.sessions_log.factories import SupportSessionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


def _welsh(english: str) -> str:
    with translation.override("cy"):
        welsh = translation.gettext(english)
    assert welsh != english, f"no Welsh for {english!r}"
    return welsh


def test_a_welsh_champion_s_reminder_is_in_welsh_with_welsh_dates(
    org_a, django_capture_on_commit_callbacks
):
    org_a.champion.language = "cy"
    org_a.champion.save(update_fields=["language"])
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=date(2026, 11, 2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        jobs.send(jobs.reminders_for_organisation(organisation=org_a.organisation, as_of=TODAY))
    sent = mail.outbox[0]
    assert sent.subject == _welsh("Helped someone lately? Log it in a minute")
    assert "Tachwedd" in sent.body and "November" not in sent.body
    assert translation.get_language() != "cy"  # the worker's own language is left as it was


def test_an_english_champion_in_a_welsh_organisation_reads_english(
    org_a, django_capture_on_commit_callbacks
):
    org_a.organisation.default_language = "cy"
    org_a.organisation.save(update_fields=["default_language"])
    org_a.champion.language = "en-gb"
    org_a.champion.save(update_fields=["language"])
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        date=TODAY - timedelta(days=20),
    )
    with django_capture_on_commit_callbacks(execute=True):
        jobs.send(jobs.reminders_for_organisation(organisation=org_a.organisation, as_of=TODAY))
    assert mail.outbox[0].subject.startswith("Helped someone lately")


def test_an_invitation_follows_the_organisation_s_default(
    org_a, django_capture_on_commit_callbacks
):
    org_a.organisation.default_language = "cy"
    org_a.organisation.save(update_fields=["default_language"])
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.invitation_create(
            organisation=org_a.organisation,
            invited_by=org_a.pm,
            email="newcomer@example.org",
            role="champion",
        )
    assert _welsh("If you were not expecting this, you can ignore this email.") in (
        mail.outbox[0].body
    )


def test_a_password_reset_reaches_a_welsh_speaker_in_welsh_from_an_english_page(
    client, org_a, django_capture_on_commit_callbacks
):
    org_a.champion.language = "cy"
    org_a.champion.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_reset_password"),
            {"email": org_a.champion.email},
            HTTP_ACCEPT_LANGUAGE="en-GB",
        )
    sent = mail.outbox[0]
    assert "password" not in sent.subject.lower(), sent.subject
    assert "cyfrinair" in (sent.subject + sent.body).lower()
