"""Follow-up checks: who is due one, recording it in a few taps (champion) or through the
feedback link (learner), the organisation's interval, and the figures against hand-computed data."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from feedback.services import link_for
from impact.periods import Period
from impact.scope import Scope
from notifications import jobs
from outcomes import selectors, services
from outcomes.models import OutcomeCheck, OutcomeSettings
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory

pytestmark = pytest.mark.dates

TODAY = date(2026, 11, 25)
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOON, tick=False):
        yield


def _helped(org_people, *, first: date, name: str, champion=None):
    """A learner whose first session, with the champion, was on `first`."""
    learner = LearnerFactory(
        organisation=org_people.organisation, display_name=name, first_session_on=first
    )
    session = SupportSessionFactory(
        organisation=org_people.organisation,
        champion=champion or org_people.champion,
        date=first,
    )
    AttendanceFactory(session=session, learner=learner)
    return learner


def test_a_check_is_due_from_the_interval_for_eight_weeks(org_a):
    weeks8 = TODAY - timedelta(weeks=8)
    due_today = _helped(org_a, first=weeks8, name="Due today")
    _helped(org_a, first=weeks8 + timedelta(days=1), name="Due tomorrow")
    oldest = _helped(org_a, first=weeks8 - timedelta(days=56), name="Last day due")
    _helped(org_a, first=weeks8 - timedelta(days=57), name="Missed")
    done = _helped(org_a, first=weeks8, name="Already asked")
    services.outcome_check_record(
        learner=done, recorded_by=org_a.champion, data={"can_do_alone": "yes"}
    )
    found = selectors.checks_due_for(membership=org_a.champion_membership, today=TODAY)
    assert [lr.display_name for lr in found["learners"]] == ["Last day due", "Due today"]
    assert found["count"] == 2 and found["weeks"] == 8
    assert found["learners"][0].check_due_on == oldest.first_session_on + timedelta(weeks=8)
    assert found["learners"][1] == due_today


def test_the_interval_is_the_organisations_setting(org_a, client_for):
    learner = _helped(org_a, first=TODAY - timedelta(weeks=4), name="Four weeks")
    assert selectors.checks_due_for(membership=org_a.champion_membership, today=TODAY)["count"] == 0
    response = client_for(org_a.pm).post(reverse("outcomes:settings"), {"check_after_weeks": "4"})
    assert response.status_code == 302
    assert OutcomeSettings.objects.get(organisation=org_a.organisation).check_after_weeks == 4
    found = selectors.checks_due_for(membership=org_a.champion_membership, today=TODAY)
    assert found["learners"] == [learner]


@pytest.mark.parametrize("weeks", ["3", "13", "", "eight", "-4"])
def test_the_interval_stays_between_4_and_12_weeks(org_a, client_for, weeks):
    response = client_for(org_a.pm).post(reverse("outcomes:settings"), {"check_after_weeks": weeks})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not OutcomeSettings.objects.exists()


def test_only_a_pm_sets_the_interval(org_a, client_for):
    assert client_for(org_a.champion).get(reverse("outcomes:settings")).status_code == 403
    assert (
        client_for(org_a.champion)
        .post(reverse("outcomes:settings"), {"check_after_weeks": "5"})
        .status_code
        == 403
    )


def test_due_checks_are_on_the_champions_home_and_in_their_reminder(org_a, client_for):
    _helped(org_a, first=TODAY - timedelta(weeks=9), name="Maria")
    page = client_for(org_a.champion).get(reverse("home")).content.decode()
    assert "1 person you helped is due a follow-up" in page
    assert "Ask Maria how things are going" in page
    emails = jobs.reminders_for_organisation(organisation=org_a.organisation, as_of=TODAY)
    checks = [e for e in emails if e.kind == "reminder_checks"]
    assert [(e.to, e.context["count"]) for e in checks] == [(org_a.champion.email, 1)]


def test_a_champion_records_a_check_in_a_few_taps(org_a, client_for):
    learner = _helped(org_a, first=TODAY - timedelta(weeks=8), name="Maria")
    url = reverse("outcomes:check", args=[learner.public_id])
    response = client_for(org_a.champion).post(
        url,
        {
            "can_do_alone": "yes",
            "services_used": ["nhs_app", "video_calls"],
            "what_followed": ["course"],
            "from": "due",
        },
    )
    assert response["Location"] == reverse("outcomes:due")
    check = OutcomeCheck.objects.get()
    assert (check.learner, check.source, check.recorded_by) == (learner, "champion", org_a.champion)
    assert (check.can_do_alone, check.services_used, check.what_followed, check.checked_on) == (
        "yes", ["nhs_app", "video_calls"], ["course"], TODAY,
    )  # fmt: skip
    # Asking again replaces the answer: a learner counts once.
    client_for(org_a.champion).post(url, {"can_do_alone": "with_help"})
    assert OutcomeCheck.objects.get().can_do_alone == "with_help"
    assert selectors.checks_due_for(membership=org_a.champion_membership, today=TODAY)["count"] == 0


def test_a_bad_check_is_explained_and_keeps_what_was_ticked(org_a, client_for):
    learner = _helped(org_a, first=TODAY - timedelta(weeks=8), name="Maria")
    response = client_for(org_a.champion).post(
        reverse("outcomes:check", args=[learner.public_id]),
        {
            "can_do_alone": "maybe",
            "services_used": ["nhs_app", "teleport"],
            "what_followed": ["job"],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "Choose one of the answers listed." in html
    assert "Choose only services from the list." in html
    assert re.search(r'value="job"[^>]*checked', html)  # what was ticked is still ticked
    assert not re.search(r'value="course"[^>]*checked', html)
    assert not OutcomeCheck.objects.exists()


def test_a_learner_answers_through_the_feedback_link(org_a, client):
    link = link_for(org_a.organisation)
    # The feedback form links to the follow-up form.
    give = client.get(reverse("feedback:give", args=[link.token])).content.decode()
    url = reverse("outcomes:from_learner", args=[link.token])
    assert url in give
    response = client.post(url, {"can_do_alone": "yes", "services_used": ["online_banking"]})
    assert response["Location"] == reverse("feedback:thanks", args=[link.token])
    check = OutcomeCheck.objects.get()
    assert (check.learner, check.source, check.organisation) == (
        None,
        "learner",
        org_a.organisation,
    )
    robot = client.post(url, {"can_do_alone": "yes", "website": "http://spam.example"})
    assert robot.status_code == 302 and OutcomeCheck.objects.count() == 1
    assert client.get(reverse("outcomes:from_learner", args=["not-a-token"])).status_code == 404


def test_an_erased_learner_cannot_be_checked(org_a):
    from django.core.exceptions import ValidationError

    from privacy.services import learner_erase

    learner = _helped(org_a, first=TODAY - timedelta(weeks=8), name="Maria")
    learner_erase(learner=learner)
    learner.refresh_from_db()
    with pytest.raises(ValidationError):
        services.outcome_check_record(
            learner=learner, recorded_by=None, data={"can_do_alone": "yes"}
        )
    assert selectors.checks_due_for(membership=org_a.champion_membership, today=TODAY)["count"] == 0


def test_figures_against_hand_computed_checks(org_a, org_b):
    """November: 4 checks (2 alone, 1 with help, 1 not yet); NHS App used by 3, banking by 1;
    1 course and 1 job. October (the previous period): 1 check, alone. Another organisation's
    check is not counted."""
    org = org_a.organisation

    def check(day, alone, services_used=(), followed=()):
        return OutcomeCheck.objects.create(
            organisation=org, checked_on=day, can_do_alone=alone, source="learner",
            services_used=list(services_used), what_followed=list(followed),
        )  # fmt: skip

    check(date(2026, 11, 2), "yes", ["nhs_app", "online_banking"], ["course"])
    check(date(2026, 11, 10), "yes", ["nhs_app"])
    check(date(2026, 11, 20), "with_help", ["nhs_app"], ["job"])
    check(date(2026, 11, 30), "not_yet")
    check(date(2026, 10, 15), "yes")
    OutcomeCheck.objects.create(
        organisation=org_b.organisation, checked_on=date(2026, 11, 3), can_do_alone="not_yet",
        source="learner",
    )  # fmt: skip
    november = Period(start=date(2026, 11, 1), end=date(2026, 11, 30))
    with exactly(["checks now and in the previous period"]):
        found = selectors.outcome_figures(scope=Scope(organisation=org), period=november)
    assert (found["checks"], found["alone"], found["with_help"], found["alone_share"]) == (
        4,
        2,
        1,
        0.5,
    )
    services_used = {r["code"]: (r["count"], r["share"]) for r in found["services"]}
    assert services_used["nhs_app"] == (3, 0.75) and services_used["online_banking"] == (1, 0.25)
    assert services_used["job_sites"] == (0, 0.0)
    followed = {r["code"]: r["count"] for r in found["progression"]}
    assert (followed["course"], followed["job"], followed["volunteering"]) == (1, 1, 0)
    assert found["any_progress_share"] == 0.5
    assert (found["previous"]["checks"], found["previous"]["alone_share"]) == (1, 1.0)
    network = selectors.outcome_figures(scope=Scope(), period=november)
    assert network["checks"] == 5


def test_due_list_and_check_page_query_bounds(org_a, client_for):
    for i in range(3):
        _helped(org_a, first=TODAY - timedelta(weeks=8, days=i), name=f"L{i}")
    c = client_for(org_a.champion)
    c.get(reverse("outcomes:due"))
    queries = [
        "session",
        "user",
        "memberships (tenancy)",
        "the organisation's follow-up interval",
        "learners due, helped by the champion (fewer than the limit: no count)",
    ]
    with exactly(queries):
        c.get(reverse("outcomes:due"))
    for i in range(3, 8):
        _helped(org_a, first=TODAY - timedelta(weeks=8, days=i), name=f"L{i}")
    with exactly(queries):
        page = c.get(reverse("outcomes:due")).content.decode()
    assert page.count("how things are going") == 8


def test_a_learners_checks_are_in_their_data_export(org_a, client_for):
    from privacy.selectors import learner_export_data

    learner = _helped(org_a, first=TODAY - timedelta(weeks=8), name="Maria")
    services.outcome_check_record(
        learner=learner,
        recorded_by=org_a.champion,
        data={"can_do_alone": "with_help", "services_used": ["nhs_app"], "what_followed": ["job"]},
    )
    [held] = learner_export_data(learner=learner)["follow_up_checks"]
    assert held == {
        "checked_on": "2026-11-25",
        "can_do_alone": "Only with some help",
        "services_used": ["NHS App"],
        "what_followed": ["Got a job"],
        "recorded_by": org_a.champion.display_name,
    }
    page = client_for(org_a.pm).get(reverse("privacy:learner_export", args=[learner.public_id]))
    assert "can they now do it on their own? Only with some help" in page.content.decode()
