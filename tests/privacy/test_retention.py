"""The nightly retention run, and the PM's warning in the summary email."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.models import AuditEvent
from learners.models import Learner
from notifications import jobs
from privacy import selectors, services
from privacy.tasks import anonymise_expired_learners
from tests.sessions_log.factories import LearnerFactory

# Depends on today: runs again at every moment of the date matrix (tests/clock.py).
pytestmark = pytest.mark.dates

TODAY = date(2026, 11, 25)


def _last_seen(organisation, day, name="Someone"):
    learner = LearnerFactory(organisation=organisation, display_name=name)
    Learner.objects.filter(pk=learner.pk).update(last_session_on=day)
    return learner


def _erased():
    return set(Learner.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True))


def test_only_learners_past_their_organisations_period_are_anonymised(org_a, org_b):
    org_b.organisation.retention_months = 36
    org_b.organisation.save()
    cutoff = date(2024, 11, 25)  # 24 months before TODAY
    old = _last_seen(org_a.organisation, cutoff - timedelta(days=1), "Old Timer")
    on_the_day = _last_seen(org_a.organisation, cutoff, "Just In Time")
    recent = _last_seen(org_a.organisation, TODAY - timedelta(days=300), "Recent One")
    never = LearnerFactory(organisation=org_a.organisation, display_name="Never Came")
    Learner.objects.filter(pk=never.pk).update(  # no session: the record's age counts
        created_at=timezone.make_aware(datetime(2024, 9, 16, 12, 0))
    )
    longer_kept = _last_seen(org_b.organisation, date(2024, 1, 1), "Other Org")

    assert services.anonymise_expired_learners(today=TODAY) == 2
    assert _erased() == {old.pk, never.pk}
    for kept in (on_the_day, recent, longer_kept):
        kept.refresh_from_db()
        assert kept.anonymised_at is None and kept.display_name != "Erased learner"
    events = AuditEvent.objects.filter(action="erase")
    assert events.count() == 2
    assert all(e.actor is None and e.detail == {"reason": "retention"} for e in events)

    # Idempotent: the next night changes nothing and logs nothing new.
    assert services.anonymise_expired_learners(today=TODAY) == 0
    assert _erased() == {old.pk, never.pk}
    assert AuditEvent.objects.filter(action="erase").count() == 2


def test_one_learner_that_fails_does_not_stop_the_run(org_a, monkeypatch):
    first = _last_seen(org_a.organisation, date(2020, 1, 1), "First")
    second = _last_seen(org_a.organisation, date(2020, 1, 1), "Second")
    erase = services.learner_erase

    def broken_for_first(*, learner, **kwargs):
        if learner.pk == first.pk:
            raise RuntimeError("disk full")
        return erase(learner=learner, **kwargs)

    monkeypatch.setattr(services, "learner_erase", broken_for_first)
    with pytest.raises(services.RetentionRunIncomplete, match="1 learners anonymised, 1 could"):
        services.anonymise_expired_learners(today=TODAY)
    assert _erased() == {second.pk}


def test_the_nightly_task_and_the_command_run_the_retention(org_a, settings):
    assert "privacy.tasks.anonymise_expired_learners" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    old = _last_seen(org_a.organisation, date(2020, 1, 1))
    assert anonymise_expired_learners.delay().get() == 1
    assert _erased() == {old.pk}

    # By hand, as of a date: --dry-run only counts.
    later = _last_seen(org_a.organisation, TODAY - timedelta(days=100))
    out = StringIO()
    call_command("anonymise_expired_learners", "--date", "2029-01-01", "--dry-run", stdout=out)
    assert "1 learners would be anonymised as of 2029-01-01" in out.getvalue()
    assert _erased() == {old.pk}
    call_command("anonymise_expired_learners", "--date", "2029-01-01", stdout=out)
    assert _erased() == {old.pk, later.pk}


def test_learners_due_are_those_the_next_30_days_of_runs_will_anonymise(org_a, org_b):
    cutoff = selectors.retention_cutoff(org_a.organisation, TODAY)
    _last_seen(org_a.organisation, cutoff + timedelta(days=10))  # goes in ten days
    _last_seen(org_a.organisation, cutoff - timedelta(days=1))  # missed by a night's run
    _last_seen(org_a.organisation, cutoff + timedelta(days=45))  # not yet
    _last_seen(org_b.organisation, cutoff + timedelta(days=10))  # another organisation's
    assert selectors.learners_due_for_anonymisation(org_a.organisation, today=TODAY) == 2
    assert (
        selectors.learners_due_for_anonymisation(org_a.organisation, today=TODAY, within_days=60)
        == 3
    )


def _summary_for(org_a, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        jobs.send(
            jobs.summaries_for_organisation(
                organisation=org_a.organisation, frequency="weekly", as_of=TODAY
            )
        )
    (email,) = mail.outbox
    return email.body, email.alternatives[0][0]


def test_the_summary_email_warns_about_learners_due(org_a, django_capture_on_commit_callbacks):
    text, html = _summary_for(org_a, django_capture_on_commit_callbacks)
    assert "anonymised" not in text and "anonymised" not in html  # nobody due: no warning

    cutoff = selectors.retention_cutoff(org_a.organisation, TODAY)
    for days in (3, 10):
        _last_seen(org_a.organisation, cutoff + timedelta(days=days))
    # Another week's summary (a new period), now with two learners due.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        jobs.send(
            jobs.summaries_for_organisation(
                organisation=org_a.organisation, frequency="weekly", as_of=TODAY + timedelta(7)
            )
        )
    (email,) = mail.outbox
    for body in (email.body, email.alternatives[0][0]):
        assert "2 learner records will be anonymised in the next 30 days" in body
        assert "because they have had no session for 24 months" in body
