"""What depends on today, checked against today: these tests take their dates from the clock
(UK time), so the date matrix (tests/clock.py) runs them on the first and last of a month, a
leap day, New Year's Eve and the days the clocks change, at 00:30 and 23:30. At 00:30 in
summer the UTC date is still yesterday, so a rule that asked for the date in UTC fails here."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from impact import _from_rollups, _from_sessions
from impact.periods import PRESETS, Period, period_from_preset
from impact.scope import Scope
from learners.models import Learner
from notifications import jobs
from privacy import services as privacy_services
from sessions_log.models import SupportSession
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory

pytestmark = pytest.mark.dates


def test_every_preset_ends_today_and_compares_with_a_period_as_long(client_for, org_a):
    today = timezone.localdate()
    for preset in PRESETS:
        period = period_from_preset(preset, today=today)
        assert period.start <= period.end, preset
        assert period.end == today or preset == "last_month", preset
        previous = period.previous()
        assert previous.days == period.days and previous.end == period.start - timedelta(1)
    last_month = period_from_preset("last_month", today=today)
    assert last_month.start.day == 1 and (last_month.end + timedelta(1)) == today.replace(day=1)
    assert 365 <= period_from_preset("last_12_months", today=today).days <= 366
    page = client_for(org_a.pm).get(reverse("impact:organisation"))
    assert page.context["figures"]["period"].end == today


def test_weeks_start_on_mondays_and_months_on_the_first_in_both_sources(org_a):
    today = timezone.localdate()
    for back in (0, 1, 2, 6, 7, 8, 27, 28, 29, 30, 31, 59, 60):
        AttendanceFactory(
            session__organisation=org_a.organisation,
            session__champion=org_a.champion,
            session__date=today - timedelta(days=back),
        )
    scope = Scope(organisation=org_a.organisation)
    period = period_from_preset("last_3_months", today=today)
    for unit, first_day in (("week", lambda d: d.weekday() == 0), ("month", lambda d: d.day == 1)):
        rolled = _from_rollups.trend(scope=scope, period=period, unit=unit)
        assert rolled == [
            tuple(r) for r in _from_sessions.trend(scope=scope, period=period, unit=unit)
        ]
        assert all(first_day(start) for start, *_ in rolled), unit
        assert sum(sessions for _, sessions, *_ in rolled) == 13


def test_summaries_cover_the_last_whole_week_and_month():
    today = timezone.localdate()
    week = jobs.summary_period(frequency="weekly", as_of=today)
    assert week.start.weekday() == 0 and week.days == 7
    assert week.end < today <= week.end + timedelta(days=7)
    month = jobs.summary_period(frequency="monthly", as_of=today)
    assert month.start.day == 1 and month.end + timedelta(days=1) == today.replace(day=1)


def test_reminders_today_tomorrow_and_after_the_quiet_days(org_a):
    organisation, champion = org_a.organisation, org_a.champion
    today = timezone.localdate()
    days = organisation.reminder_after_days
    SupportSessionFactory(
        organisation=organisation, champion=champion, date=today - timedelta(days)
    )
    SupportSessionFactory(
        organisation=organisation,
        champion=champion,
        date=today + timedelta(days=1),
        status="planned",
    )
    kinds = {
        e.kind for e in jobs.reminders_for_organisation(organisation=organisation, as_of=today)
    }
    assert kinds == {"reminder_inactive", "reminder_planned"}
    yesterday = today - timedelta(days=1)
    kinds = {
        e.kind for e in jobs.reminders_for_organisation(organisation=organisation, as_of=yesterday)
    }
    assert kinds == set()  # a day earlier: not yet quiet, and the planned session is in two days


def test_a_session_logged_for_today_is_today_in_the_uk(org_a, client_for):
    client = client_for(org_a.champion)
    today = timezone.localdate()
    form = client.get(reverse("sessions_log:tally")).context["form"]
    assert form.initial["date"] == today
    response = client.post(
        reverse("sessions_log:tally"),
        {"date": today.isoformat(), "count": "3", "duration_minutes": "60", "topics": ["email"]},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert SupportSession.objects.get().date == today
    tomorrow = client.post(
        reverse("sessions_log:tally"),
        {
            "date": (today + timedelta(days=1)).isoformat(),
            "count": "3",
            "duration_minutes": "60",
            "topics": ["email"],
        },
    )
    assert tomorrow.status_code == 200 and SupportSession.objects.count() == 1


def test_retention_takes_a_learner_the_day_after_their_period_ends(org_a):
    organisation = org_a.organisation
    today = timezone.localdate()
    cutoff = today - relativedelta(months=organisation.retention_months)
    kept, taken = (
        LearnerFactory(organisation=organisation),
        LearnerFactory(organisation=organisation),
    )
    Learner.objects.filter(pk=kept.pk).update(last_session_on=cutoff)
    Learner.objects.filter(pk=taken.pk).update(last_session_on=cutoff - timedelta(days=1))
    assert privacy_services.anonymise_expired_learners() == 1
    assert set(
        Learner.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
    ) == {taken.pk}


def test_this_month_so_far_counts_today(org_a):
    today = timezone.localdate()
    AttendanceFactory(
        session__organisation=org_a.organisation,
        session__champion=org_a.champion,
        session__date=today,
    )
    scope = Scope(organisation=org_a.organisation)
    this_month = period_from_preset("this_month", today=today)
    assert _from_rollups.headline(scope=scope, period=this_month).sessions_completed == 1
    assert _from_rollups.headline(scope=scope, period=Period(today, today)).people_supported == 1
