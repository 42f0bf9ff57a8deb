"""A self-assessment records what a learner said on a day that has happened, within the
programme's records: any other date is refused beside the field (issue 12, point 9). The clock is
pinned to 00:30 UK time on 1 July 2027 (still 30 June in UTC)."""

import html
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from learners import services
from learners.models import SelfAssessment
from tests.sessions_log.factories import LearnerFactory

# Depends on today: runs again at every moment of the date matrix (tests/clock.py).
pytestmark = pytest.mark.dates

MOMENT = datetime(2027, 7, 1, 0, 30, tzinfo=ZoneInfo("Europe/London"))
BEFORE_START = "Enter a date on or after 1 January 2015 — the start of your programme’s records."
FUTURE = "A self-assessment cannot be in the future."


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(MOMENT, tick=False):
        yield


def _field_error(body: str, field: str) -> str:
    match = re.search(rf'<div id="id_{field}_error"[^>]*>(.*?)</div>', body, re.S)
    assert match, f"no error beside {field}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


@pytest.mark.parametrize(
    "typed,message",
    [
        ("0001-01-01", BEFORE_START),
        ("2014-12-31", BEFORE_START),
        ("2027-07-02", FUTURE),
        ("9999-12-31", FUTURE),
    ],
)
def test_form_shows_the_message_beside_the_date_and_keeps_what_was_typed(
    typed, message, org_a, client_for
):
    learner = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    response = client_for(org_a.champion).post(
        reverse("learners:assessment_create", args=[learner.public_id]),
        {"assessed_on": typed, "transacting": "3", "foundation_tasks": ["browser"]},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert _field_error(body, "assessed_on").startswith(message)
    assert f'value="{typed}"' in body
    assert not SelfAssessment.objects.exists()


def test_uk_today_and_the_records_start_are_accepted(org_a, client_for):
    learner = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    client = client_for(org_a.champion)
    url = reverse("learners:assessment_create", args=[learner.public_id])
    for day in ("2027-07-01", "2015-01-01"):
        assert client.post(url, {"assessed_on": day, "transacting": "3"}).status_code == 302
    assert sorted(SelfAssessment.objects.values_list("assessed_on", flat=True)) == [
        date(2015, 1, 1),
        date(2027, 7, 1),
    ]


def test_no_scores_and_a_bad_date_are_both_explained(org_a, client_for):
    learner = LearnerFactory(organisation=org_a.organisation, is_shared=True)
    response = client_for(org_a.champion).post(
        reverse("learners:assessment_create", args=[learner.public_id]),
        {"assessed_on": "0001-01-01"},
    )
    body = response.content.decode()
    assert "Rate at least one skill area" in body
    assert _field_error(body, "assessed_on") == BEFORE_START
    assert not SelfAssessment.objects.exists()


def test_service_refuses_and_follows_the_organisations_records_start(org_a):
    organisation = org_a.organisation
    learner = LearnerFactory(organisation=organisation)
    for day in (date(1, 1, 1), date(9999, 12, 31), date(2027, 7, 2)):
        with pytest.raises(ValidationError) as refused:
            services.assessment_record(
                learner=learner, data={"assessed_on": day, "transacting": 3}, recorded_by=None
            )
        assert "assessed_on" in refused.value.message_dict
    organisation.records_start = date(2024, 4, 1)
    organisation.save()
    with pytest.raises(ValidationError) as refused:
        services.assessment_record(
            learner=learner,
            data={"assessed_on": date(2024, 3, 31), "transacting": 3},
            recorded_by=None,
        )
    assert refused.value.message_dict["assessed_on"] == [
        "Enter a date on or after 1 April 2024 — the start of your programme’s records."
    ]
    assert not SelfAssessment.objects.exists()
    services.assessment_record(
        learner=learner, data={"assessed_on": date(2024, 4, 1), "transacting": 3}, recorded_by=None
    )
    assert SelfAssessment.objects.get().assessed_on == date(2024, 4, 1)
