"""Essential Digital Skills task by task (issue 15 point 2): "can you do this on your own?" for
each foundation task and the life tasks of the areas chosen, in first-person wording; distance
travelled counted in tasks gained; older assessments keep working beside the new ones."""

from datetime import date

import pytest
from django.urls import reverse

from impact import selectors
from impact.periods import Period
from impact.scope import Scope
from learners.models import SelfAssessment
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory

pytestmark = pytest.mark.dates

YEAR = Period(start=date(2026, 1, 1), end=date(2026, 12, 31))


def test_the_form_asks_in_the_first_person_and_stores_each_task(org_a, client_for):
    learner = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    url = reverse("learners:assessment_create", args=[learner.public_id])
    client = client_for(org_a.champion)
    page = client.get(url).content.decode()
    assert "I can turn on a device and use its controls" in page
    assert "I can spot a scam email, text or call" in page
    response = client.post(
        url,
        {
            "assessed_on": "2026-03-02",
            "foundation_tasks": ["device_controls", "browser"],
            "life_areas_asked": ["communicating", "transacting"],
            "life_tasks": ["video_call"],
        },
    )
    assert response.status_code == 302
    found = SelfAssessment.objects.get()
    assert found.foundation_tasks == ["browser", "device_controls"]
    assert (found.life_areas_asked, found.life_tasks) == (
        ["communicating", "transacting"],
        ["video_call"],
    )


def test_a_life_task_outside_the_areas_asked_is_explained(org_a, client_for):
    learner = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    response = client_for(org_a.champion).post(
        reverse("learners:assessment_create", args=[learner.public_id]),
        {
            "assessed_on": "2026-03-02",
            "life_areas_asked": ["communicating"],
            "life_tasks": ["spot_scam"],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Tick the area of each task you asked about too" in html
    assert not SelfAssessment.objects.exists()


def _assess(learner, day, foundation=(), areas=(), life=(), **scores):
    return SelfAssessment.objects.create(
        organisation=learner.organisation,
        learner=learner,
        assessed_on=day,
        foundation_tasks=list(foundation),
        life_areas_asked=list(areas),
        life_tasks=list(life),
        **scores,
    )


def test_tasks_gained_against_hand_computed_assessments(org_a, org_b):
    """L1: 2 tasks then 5 (gained 3). L2: 4 then 4 (none). L3: only scores (older style,
    not counted). L4: one assessment (not counted). Mean 3 -> 4.5, half gained one."""
    org = org_a.organisation
    learners = [LearnerFactory(organisation=org) for _ in range(4)]
    for learner in learners:
        session = SupportSessionFactory(
            organisation=org, champion=org_a.champion, date=date(2026, 5, 1)
        )
        AttendanceFactory(session=session, learner=learner)
    l1, l2, l3, l4 = learners
    _assess(l1, date(2026, 2, 1), foundation=["browser", "home_screen"])
    _assess(
        l1,
        date(2026, 6, 1),
        foundation=["browser", "home_screen", "safe_wifi"],
        areas=["communicating"],
        life=["send_email", "video_call"],
    )
    _assess(
        l2,
        date(2026, 2, 1),
        foundation=["browser"],
        areas=["transacting"],
        life=["bank_online", "buy_safely", "fill_form"],
    )
    _assess(
        l2,
        date(2026, 6, 1),
        foundation=["browser", "device_controls"],
        areas=["transacting"],
        life=["bank_online", "buy_safely"],
    )
    _assess(l3, date(2026, 2, 1), communicating=2)
    _assess(l3, date(2026, 6, 1), communicating=4)
    _assess(l4, date(2026, 6, 1), foundation=["browser"])
    found = selectors.tasks_gained(scope=Scope(organisation=org), period=YEAR)
    assert found == {
        "learners": 2,
        "tasks_first": 3.0,
        "tasks_latest": 4.5,
        "tasks_gained": 1.5,
        "gained_share": 0.5,
    }
    # The organisation and the network read who was helped from the rollups, a champion from
    # the session tables: the same answer either way.
    assert selectors.tasks_gained(scope=Scope(), period=YEAR) == found
    assert (
        selectors.tasks_gained(scope=Scope(organisation=org, champion=org_a.champion), period=YEAR)
        == found
    )
    assert selectors.tasks_gained(scope=Scope(organisation=org_b.organisation), period=YEAR) is None


def test_older_assessments_show_beside_the_new_ones(org_a, client_for):
    learner = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    _assess(learner, date(2026, 2, 1), foundation=["browser"], communicating=2)
    _assess(
        learner,
        date(2026, 6, 1),
        foundation=["browser", "safe_wifi"],
        areas=["communicating"],
        life=["send_email"],
    )
    page = (
        client_for(org_a.pm)
        .get(reverse("learners:detail", args=[learner.public_id]))
        .content.decode()
    )
    assert "Life tasks they can do on their own" in page
    row = page[page.index("Life tasks they can do on their own") :][:300]
    assert "not asked" in row and ">1<" in row
