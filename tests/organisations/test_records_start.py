"""The earliest date an organisation's records may carry is its own setting, edited by the PM
with its other settings, and never earlier than 1 January 2015 (issue 12, point 9)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from organisations.models import RECORDS_FLOOR, Organisation

MOMENT = datetime(2027, 7, 1, 0, 30, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(MOMENT, tick=False):
        yield


def _settings(**overrides):
    data = {
        "name": "Organisation A",
        "local_authority": "",
        "reminder_after_days": "14",
        "retention_months": "24",
        "records_start": "2020-04-01",
    }
    data.update(overrides)
    return data


def test_new_organisations_start_at_the_floor(org_a):
    assert org_a.organisation.records_start == RECORDS_FLOOR == date(2015, 1, 1)


def test_pm_sets_the_records_start_on_the_settings_page(org_a, client_for):
    client = client_for(org_a.pm)
    page = client.get(reverse("organisations:settings")).content.decode()
    assert 'name="records_start"' in page and 'value="2015-01-01"' in page
    response = client.post(reverse("organisations:settings"), _settings())
    assert response.status_code == 302
    org_a.organisation.refresh_from_db()
    assert org_a.organisation.records_start == date(2020, 4, 1)
    # Today (UK) is allowed: a programme that starts its records today.
    assert (
        client.post(
            reverse("organisations:settings"), _settings(records_start="2027-07-01")
        ).status_code
        == 302
    )


@pytest.mark.parametrize(
    "typed,message",
    [
        ("2014-12-31", "Choose 1 January 2015 or later"),
        ("0001-01-01", "Choose 1 January 2015 or later"),
        ("2027-07-02", "Choose today or an earlier date"),
        ("9999-12-31", "Choose today or an earlier date"),
        ("2026-02-30", "Enter a real date"),
        ("", "Enter the date your programme’s records start."),
    ],
)
def test_records_start_outside_the_floor_and_today_is_refused(typed, message, org_a, client_for):
    response = client_for(org_a.pm).post(
        reverse("organisations:settings"), _settings(records_start=typed)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    org_a.organisation.refresh_from_db()
    assert org_a.organisation.records_start == RECORDS_FLOOR


def test_champions_cannot_change_it(org_a, client_for):
    response = client_for(org_a.champion).post(reverse("organisations:settings"), _settings())
    assert response.status_code in (302, 403, 404)
    org_a.organisation.refresh_from_db()
    assert org_a.organisation.records_start == RECORDS_FLOOR


def test_records_start_is_bounded_in_the_database_too(org_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=org_a.organisation.pk).update(
            records_start=date(2014, 12, 31)
        )
