"""Outcomes, learners' own voice and benchmarks on the organisation's dashboard and report,
against hand-computed data (issue 15 points 1, 4 and 5)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from feedback.models import LearnerFeedback
from impact import selectors
from impact.evidence import benchmark_rows
from impact.periods import Period
from impact.scope import Scope
from outcomes.models import OutcomeCheck
from tests.factories import OrganisationFactory
from tests.sessions_log.factories import SupportSessionFactory

pytestmark = pytest.mark.dates

NOVEMBER = Period(start=date(2026, 11, 1), end=date(2026, 11, 30))
QUERY = {"period": "custom", "start": "2026-11-01", "end": "2026-11-30"}
UK = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 12, 2, 12, 0, tzinfo=UK), tick=False):
        yield


def _answer(organisation, day, more="yes", recommend=None, topics=(), hidden=False):
    return LearnerFeedback.objects.create(
        organisation=organisation,
        submitted_at=datetime(day.year, day.month, day.day, 12, tzinfo=UK),
        more_confident=more,
        would_recommend=recommend,
        helped_with=list(topics),
        hidden_at=datetime(2026, 12, 1, tzinfo=UK) if hidden else None,
    )


def test_learners_voice_against_hand_computed_answers(org_a):
    """Six answers in November (one hidden, one in October, not counted): 3 yes, 1 a bit,
    2 no; 5 said whether they would tell a friend, 4 yes; NHS App 5 times, email twice."""
    org = org_a.organisation
    _answer(org, date(2026, 11, 1), "yes", True, ["nhs_app", "email"])
    _answer(org, date(2026, 11, 2), "yes", True, ["nhs_app"])
    _answer(org, date(2026, 11, 3), "yes", True, ["nhs_app", "email"])
    _answer(org, date(2026, 11, 4), "a_bit", True, ["nhs_app"])
    _answer(org, date(2026, 11, 5), "no", False, ["nhs_app"])
    _answer(org, date(2026, 11, 30), "no")
    _answer(org, date(2026, 11, 6), "yes", True, hidden=True)
    _answer(org, date(2026, 10, 31), "yes", True)
    voice = selectors.learners_voice(scope=Scope(organisation=org), period=NOVEMBER)
    assert voice["answers"] == 6 and voice["enough"]
    assert voice["more_confident_share"] == 0.5
    assert voice["a_bit_share"] == 0.167
    assert voice["recommend_share"] == 0.8
    assert voice["topics"] == [("nhs_app", 5), ("email", "fewer than 5")]


def test_a_few_answers_are_counted_but_not_told(org_a, client_for):
    for day in (1, 2, 3):
        _answer(org_a.organisation, date(2026, 11, day), "no", False, ["email"])
    voice = selectors.learners_voice(scope=Scope(organisation=org_a.organisation), period=NOVEMBER)
    assert voice == {
        "answers": "fewer than 5",
        "enough": False,
        "more_confident_share": None,
        "a_bit_share": None,
        "recommend_share": None,
        "topics": [],
    }
    page = client_for(org_a.pm).get(reverse("impact:organisation"), QUERY).content.decode()
    assert "fewer than 5 learners answered the feedback form in this period: too few" in page


def test_the_dashboard_and_report_show_voice_and_outcomes(org_a, client_for):
    org = org_a.organisation
    for day in range(1, 6):
        _answer(org, date(2026, 11, day), "yes", True, ["online_banking"])
    for day, alone in ((3, "yes"), (4, "yes"), (5, "not_yet")):
        OutcomeCheck.objects.create(
            organisation=org,
            checked_on=date(2026, 11, day),
            can_do_alone=alone,
            source="learner",
            services_used=["online_banking"],
            what_followed=["volunteering"] if alone == "yes" else [],
        )
    client = client_for(org_a.pm)
    for name in ("impact:organisation", "impact:report"):
        page = client.get(reverse(name), QUERY).content.decode()
        assert "5 learners answered the feedback form in this period." in page
        assert "Would tell a friend to come for help" in page
        assert "67% of the 3 people asked some weeks after their first session can now do" in page
        assert "No follow-ups were recorded in the previous period." in page
        assert "Started volunteering" in page
    assert client.get(reverse("impact:report_pdf"), QUERY).status_code == 200


def _organisation_with(people: int, sector: str):
    organisation = OrganisationFactory(sector=sector)
    SupportSessionFactory(
        organisation=organisation,
        date=date(2026, 11, 10),
        format="drop_in",
        anonymous_count=people,
        duration_minutes=60,
    )
    return organisation


def test_benchmarks_are_medians_of_five_or_more_organisations(org_a):
    """org_a (a charity) helps 10 people in November. Charities: 10, 2, 4, 6, 8 people: median 6.
    Libraries: 1, 3, 20 people: too few to compare. Network: 1 2 3 4 6 8 10 20: median 5."""
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        date=date(2026, 11, 10),
        format="drop_in",
        anonymous_count=10,
        duration_minutes=60,
    )
    for people in (2, 4, 6, 8):
        _organisation_with(people, "charity")
    for people in (1, 3, 20):
        _organisation_with(people, "library")
    OrganisationFactory(sector="charity")  # no session: does not contribute
    headline = selectors.headline(scope=Scope(organisation=org_a.organisation), period=NOVEMBER)
    rows = benchmark_rows(
        organisation=org_a.organisation,
        period=NOVEMBER,
        own={"people_supported": headline.people_supported, "alone_share": None},
    )
    people = next(r for r in rows if r["key"] == "people_supported")
    assert (people["value"], people["sector_median"], people["sector_count"]) == (10, 6.0, 5)
    assert (people["network_median"], people["network_count"]) == (5.0, 8)
    sessions = next(r for r in rows if r["key"] == "sessions_completed")
    assert (sessions["sector_median"], sessions["network_median"]) == (1.0, 1.0)
    alone = next(r for r in rows if r["key"] == "alone_share")
    assert (alone["sector_median"], alone["network_median"]) == (None, None)  # no checks
    library = OrganisationFactory(sector="library")
    rows = benchmark_rows(organisation=library, period=NOVEMBER, own={})
    people = next(r for r in rows if r["key"] == "people_supported")
    assert (people["sector_median"], people["sector_count"]) == (None, 3)


def test_benchmarks_never_name_another_organisation(org_a, client_for):
    for people in (2, 4, 6, 8, 12):
        _organisation_with(people, "charity")
    page = client_for(org_a.pm).get(reverse("impact:organisation"), QUERY).content.decode()
    assert "Median, same sector" in page
    for name in OrganisationFactory._meta.model.objects.exclude(
        pk=org_a.organisation.pk
    ).values_list("name", flat=True):
        assert name not in page


def test_benchmarks_are_kept_for_a_quarter_of_an_hour_then_computed_again(org_a):
    """The network's medians are kept for BENCHMARK_SECONDS whatever is written meanwhile (on a
    national network some organisation writes every second), then computed again."""
    from datetime import datetime, timedelta

    import time_machine

    from impact.evidence import BENCHMARK_SECONDS

    for people in (2, 4, 6, 8, 10):
        _organisation_with(people, "charity")

    def network_median():
        rows = benchmark_rows(organisation=org_a.organisation, period=NOVEMBER, own={})
        return next(r for r in rows if r["key"] == "people_supported")["network_median"]

    with time_machine.travel(datetime(2026, 12, 1, 9, 0), tick=False) as clock:
        assert network_median() == 6.0  # 2 4 6 8 10
        _organisation_with(20, "charity")
        _organisation_with(30, "charity")
        clock.shift(timedelta(seconds=BENCHMARK_SECONDS - 1))
        assert network_median() == 6.0  # kept
        clock.shift(timedelta(seconds=2))
        assert network_median() == 8.0  # 2 4 6 8 10 20 30
