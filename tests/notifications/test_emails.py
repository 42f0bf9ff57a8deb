"""Who gets which email on which date, exactly once, and how to stop them."""

import time
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from notifications import jobs
from notifications.models import EmailPreference, OutboundEmail
from notifications.services import outbox_sweep
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory, SupportSessionFactory

# Depends on today: runs again at every moment of the date matrix (tests/clock.py).
pytestmark = pytest.mark.dates

TODAY = date(2026, 11, 25)  # a Wednesday


def _run_reminders(org, as_of=TODAY):
    return jobs.send(jobs.reminders_for_organisation(organisation=org, as_of=as_of))


def test_inactive_champion_gets_a_gentle_reminder(org_a, django_capture_on_commit_callbacks):
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=TODAY - timedelta(days=20)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert _run_reminders(org_a.organisation) == 1
    sent = mail.outbox[0]
    assert sent.to == [org_a.champion.email]
    assert "Helped someone lately" in sent.subject
    assert (
        org_a.organisation.name in sent.body and org_a.organisation.name in sent.alternatives[0][0]
    )
    assert sent.extra_headers["List-Unsubscribe"].startswith("<http")
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_active_champion_is_left_alone(org_a):
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=TODAY - timedelta(days=3)
    )
    assert jobs.reminders_for_organisation(organisation=org_a.organisation, as_of=TODAY) == []


def test_reminder_window_follows_the_organisation_setting(org_a):
    org_a.organisation.reminder_after_days = 30
    org_a.organisation.save()
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=TODAY - timedelta(days=20)
    )
    assert jobs.reminders_for_organisation(organisation=org_a.organisation, as_of=TODAY) == []


def test_follow_ups_and_planned_sessions(org_a):
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        date=TODAY - timedelta(days=1),
        follow_up_needed=True,
        follow_up_on=TODAY + timedelta(days=3),
    )
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        date=TODAY + timedelta(days=1),
        status="planned",
        venue="Library",
    )
    kinds = sorted(
        e.kind
        for e in jobs.reminders_for_organisation(organisation=org_a.organisation, as_of=TODAY)
    )
    assert kinds == ["reminder_followups", "reminder_planned"]


def test_running_a_job_twice_sends_once(org_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert _run_reminders(org_a.organisation) == 1
        assert _run_reminders(org_a.organisation) == 0
        # The next day is in the same window: still nothing new.
        assert _run_reminders(org_a.organisation, TODAY + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.filter(status="sent").count() == 1


def test_unsubscribed_people_get_nothing(org_a):
    EmailPreference.objects.create(user=org_a.champion, reminders=False)
    assert jobs.reminders_for_organisation(organisation=org_a.organisation, as_of=TODAY) == []


def test_weekly_summary_uses_the_dashboard_figures(org_a, django_capture_on_commit_callbacks):
    attendance = AttendanceFactory(
        session__organisation=org_a.organisation,
        session__champion=org_a.champion,
        session__date=date(2026, 11, 18),
        session__duration_minutes=90,
        confidence_before=2,
        confidence_after=4,
    )
    assert attendance.session.date.isocalendar()[1] == 47
    with django_capture_on_commit_callbacks(execute=True):
        sent_count = jobs.send(
            jobs.summaries_for_organisation(
                organisation=org_a.organisation, frequency="weekly", as_of=TODAY
            )
        )
    assert sent_count == 1
    sent = mail.outbox[0]
    assert sent.to == [org_a.pm.email]
    sentence = (
        "Between 16 November and 22 November 2026, 1 champion gave 1.5 hours of support "
        "to 1 person; 100% of those asked felt more confident afterwards."
    )
    assert sentence in sent.body and sentence in sent.alternatives[0][0]
    assert "/impact/organisation/?period=custom&start=2026-11-16&end=2026-11-22" in sent.body


def test_monthly_choice_is_respected(org_a):
    EmailPreference.objects.create(user=org_a.pm, summary_frequency="monthly")
    assert (
        jobs.summaries_for_organisation(
            organisation=org_a.organisation, frequency="weekly", as_of=TODAY
        )
        == []
    )
    assert (
        len(
            jobs.summaries_for_organisation(
                organisation=org_a.organisation, frequency="monthly", as_of=TODAY
            )
        )
        == 1
    )


def test_network_summary_goes_to_admins(network_admin, org_a):
    emails = jobs.network_summaries(as_of=TODAY)
    assert [e.to for e in emails] == [network_admin.email]
    assert emails[0].key == f"summary:network:{network_admin.pk}:2026-10-01"


def test_one_click_unsubscribe(org_a, client):
    url = jobs.unsubscribe_url(user=org_a.champion, kind="reminders")
    path = url.split("http://127.0.0.1:8000")[-1]
    page = client.get(path)
    assert b"Yes, unsubscribe me" in page.content
    assert not EmailPreference.objects.filter(user=org_a.champion).exists()  # GET changes nothing
    client.post(path)  # no CSRF token, as a mail client's one-click POST
    assert EmailPreference.objects.get(user=org_a.champion).reminders is False


def test_tampered_unsubscribe_link(client, db):
    response = client.get(reverse("notifications:unsubscribe", args=["nonsense"]))
    assert response.status_code == 400 and b"does not work" in response.content


def test_preferences_page(org_a, client_for, client):
    assert client.get(reverse("notifications:preferences")).status_code == 302
    c = client_for(org_a.pm)
    c.post(
        reverse("notifications:preferences"),
        {"reminders": "", "summary_frequency": "monthly", "network_summary": "on"},
    )
    preference = EmailPreference.objects.get(user=org_a.pm)
    assert preference.summary_frequency == "monthly" and preference.reminders is False


def test_commands_dry_run_list_recipients(org_a, capsys):
    from django.core.management import call_command

    call_command("send_reminders", "--dry-run", "--date", "2026-11-25")
    out = capsys.readouterr().out
    assert org_a.champion.email in out and "would be sent" in out
    call_command("send_impact_summaries", "--dry-run", "--kind", "weekly", "--date", "2026-11-25")
    assert org_a.pm.email in capsys.readouterr().out
    assert not OutboundEmail.objects.exists()


def test_redis_down_during_a_request_loses_nothing(
    org_a, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    """The broker is unreachable when the invitation is sent: the page still works, the email
    waits in the outbox, and the sweep delivers it once Redis is back. (The outage is simulated
    at the publish call, the one place the web request touches the broker.)"""
    from kombu.exceptions import OperationalError

    from notifications.tasks import deliver_email

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(deliver_email, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(org_a.pm).post(
            reverse("organisations:invitation_create"),
            {"email": "new@example.org", "role": "champion"},
        )
    assert response.status_code == 302
    email = OutboundEmail.objects.get(kind="invitation")
    assert email.status == "queued" and not mail.outbox
    monkeypatch.undo()  # Redis is back
    assert outbox_sweep(older_than=timedelta(0)) == 1
    email.refresh_from_db()
    assert email.status == "sent" and len(mail.outbox) == 1


@pytest.fixture
def broker_on_closed_port():
    """Point the Celery app at a port where nothing listens, as if Redis were down."""
    from champions_portal.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager, app._pool, app.amqp._producer_pool)
    app.conf.broker_url = "redis://127.0.0.1:6390/5"
    app.conf.task_always_eager = False
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved[0], saved[1]
        app._pool, app.amqp._producer_pool = saved[2], saved[3]


def test_request_is_fast_when_the_broker_port_is_closed(
    org_a, client_for, broker_on_closed_port, django_capture_on_commit_callbacks
):
    """A real connection refused (not a mock): publishing fails fast, the page still succeeds,
    the email waits in the outbox for the sweep."""
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(org_a.pm).post(
            reverse("organisations:invitation_create"),
            {"email": "new@example.org", "role": "champion"},
        )
    assert response.status_code == 302
    assert time.monotonic() - started < 3
    assert OutboundEmail.objects.get(kind="invitation").status == "queued"
    assert not mail.outbox


def test_email_pages_refuse_other_methods(org_a, client_for, client):
    assert client_for(org_a.pm).put(reverse("notifications:preferences")).status_code == 405
    url = jobs.unsubscribe_url(user=org_a.pm, kind="summary").split("8000")[-1]
    assert client.delete(url).status_code == 405


def test_unsubscribe_from_summaries_stops_them(org_a, client):
    url = jobs.unsubscribe_url(user=org_a.pm, kind="summary").split("8000")[-1]
    client.post(url)
    assert EmailPreference.objects.get(user=org_a.pm).summary_frequency == "off"
    planned = jobs.summaries_for_organisation(
        organisation=org_a.organisation, frequency="weekly", as_of=TODAY
    )
    assert planned == []


def test_preferences_page_query_bound(org_a, client_for):
    c = client_for(org_a.pm)
    c.get(reverse("notifications:preferences"))  # creates the row once
    queries = [
        "session",
        "user",
        "the person's email choices",
        "their latest summaries, delivered or not",
        "memberships (for the navigation)",
    ]
    with exactly(queries):
        page = c.get(reverse("notifications:preferences"))
    assert b"Which emails do you want?" in page.content
    assert b"<label" in page.content
