"""The national data set (issue 18), built as a 0.05% slice: the same code path as `seed_demo
--scale national` (COPY, dropped and rebuilt indexes, rollups rebuilt by set-based SQL), checked
for its shape: counts in proportion, five years of sessions ending at the seed's end date, every
session's champion a member of its organisation, and rollups that say what the sessions say."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from bench.dataset import LARGEST_PM_EMAIL, NATIONAL, seed_large
from impact import _from_rollups, _from_sessions
from impact.periods import Period
from impact.selectors import Scope
from learners.models import Learner
from organisations.models import Membership, Organisation
from sessions_log.models import SupportSession

SHARE = 0.0005
SLICE = NATIONAL.fraction(SHARE)
# The seed's end date, on purpose not the day the test runs (the clock is moved elsewhere too).
END = dt.date(2027, 3, 31)
START = dt.date(2022, 4, 1)  # five years up to END


def test_a_fraction_is_every_count_in_proportion():
    assert SLICE.organisations == 2  # at least two, so there is a largest one
    assert (SLICE.champions, SLICE.learners, SLICE.sessions) == (25, 500, 5_000)
    assert SLICE.resources == 25
    assert SLICE.years == NATIONAL.years == 5
    one_percent = NATIONAL.fraction(0.01)
    assert (one_percent.organisations, one_percent.sessions) == (25, 100_000)
    assert NATIONAL.fraction(1) is NATIONAL
    with pytest.raises(ValueError):
        NATIONAL.fraction(0)


@pytest.mark.dates
@pytest.mark.django_db
@time_machine.travel(dt.datetime(2031, 1, 15, 12, tzinfo=dt.UTC), tick=False)
def test_a_slice_of_the_national_set_has_its_shape():
    lines: list[str] = []
    assert seed_large(seed=11, log=lines.append, today=END, scale=SLICE) is True

    assert Organisation.objects.count() == SLICE.organisations
    assert Membership.objects.filter(role="champion").count() == SLICE.champions
    assert Learner.objects.count() == SLICE.learners
    assert SupportSession.objects.count() == SLICE.sessions
    # Progress was printed, naming the scale.
    assert any(line.startswith("national x0.0005 [") and "sessions" in line for line in lines)

    # Five years ending at the seed's end date (not the clock's today); only planned sessions
    # after it, and every one of the five years busy.
    dates = SupportSession.objects.values_list("date", flat=True)
    assert min(dates) >= START
    assert not SupportSession.objects.filter(date__gt=END).exclude(status="planned").exists()
    assert SupportSession.objects.filter(date__gt=END).exists()
    assert max(dates) <= END + dt.timedelta(days=42)
    for year in range(5):
        first = START.replace(year=START.year + year)
        in_year = SupportSession.objects.filter(
            date__gte=first, date__lt=first.replace(year=first.year + 1)
        ).count()
        assert in_year > SLICE.sessions / 5 * 0.4, (year, in_year)

    with connection.cursor() as cursor:
        # Every session's champion (and creator) is a member of the session's organisation.
        cursor.execute(
            """
            SELECT count(*) FROM sessions_log_supportsession s
            WHERE NOT EXISTS (SELECT 1 FROM organisations_membership m
                              WHERE m.user_id = s.champion_id
                                AND m.organisation_id = s.organisation_id
                                AND m.role = 'champion')
            """
        )
        assert cursor.fetchone()[0] == 0
        # Every attendance's learner belongs to the session's organisation.
        cursor.execute(
            """
            SELECT count(*) FROM sessions_log_attendance a
            JOIN learners_learner l ON l.id = a.learner_id
            WHERE l.organisation_id <> a.organisation_id
            """
        )
        assert cursor.fetchone()[0] == 0

    # The rollups, rebuilt by SQL after the load, give the figures computed from the sessions.
    largest = Organisation.objects.get(memberships__user__email=LARGEST_PM_EMAIL)
    whole = Period(START, END)
    last_year = Period(END - dt.timedelta(days=364), END)
    for period in (whole, last_year):
        scope = Scope(organisation=largest)
        from_sessions = _from_sessions.headline_with_previous(scope=scope, period=period)
        assert _from_rollups.headline_with_previous(scope=scope, period=period) == from_sessions
        assert _from_rollups.breakdowns(scope=scope, period=period) == (
            _from_sessions.breakdowns(scope=scope, period=period)
        )
    assert _from_sessions.headline(
        scope=Scope(organisation=largest), period=whole
    ).sessions_completed


@pytest.mark.django_db
def test_the_command_builds_the_slice_named_by_national_fraction(monkeypatch, capsys):
    from toolkit.models import Resource

    monkeypatch.setenv("NATIONAL_FRACTION", str(SHARE))
    call_command("seed_demo", scale="national", end_date=END)
    assert "national x0.0005 [" in capsys.readouterr().out
    assert SupportSession.objects.count() == SLICE.sessions
    assert Resource.objects.filter(organisation__isnull=True).count() == SLICE.resources
    assert max(SupportSession.objects.values_list("date", flat=True)) <= END + dt.timedelta(42)
