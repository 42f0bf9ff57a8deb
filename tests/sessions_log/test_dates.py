"""Dates people could not mean are refused (issue 12, point 9), on every write path: the session
form, the tally, the services and each row of a CSV import. The clock is pinned to half past
midnight on 1 July 2027, UK summer time, while the UTC date is still 30 June: a session dated
1 July is "today" only if every path asks for the UK date (timezone.localdate)."""

import html
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learners.models import Learner
from organisations import dates
from sessions_log import services
from sessions_log.models import SupportSession
from tests.sessions_log.factories import SupportSessionFactory

# Depends on today: runs again at every moment of the date matrix (tests/clock.py).
pytestmark = pytest.mark.dates

UK = ZoneInfo("Europe/London")
MOMENT = datetime(2027, 7, 1, 0, 30, tzinfo=UK)  # 23:30 UTC on 30 June
TODAY = date(2027, 7, 1)
YEAR_AHEAD = date(2028, 6, 30)  # TODAY + 365 days (2028 is a leap year)

BEFORE_START = "Enter a date on or after 1 January 2015 — the start of your programme’s records."
HAPPENED = "A session that has happened cannot be in the future."
PLANNED_PAST = "A planned session cannot be in the past."
PLAN_AHEAD = "Plan sessions no more than a year ahead: choose 30 June 2028 or earlier."


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(MOMENT, tick=False):
        yield


def _post(**overrides):
    data = {
        "status": "completed",
        "date": TODAY.isoformat(),
        "duration_minutes": "45",
        "format": "one_to_one",
        "mode": "in_person",
        "anonymous_count": "0",
        "venue": "Community hub",
        "notes": "Typed notes stay",
    }
    data.update(overrides)
    return data


def _field_error(body: str, field: str) -> str:
    """The error shown beside a field (crispy's invalid-feedback block under its input)."""
    match = re.search(rf'<div id="id_{field}_error"[^>]*>(.*?)</div>', body, re.S)
    assert match, f"no error beside {field}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def test_the_clock_is_pinned_to_a_uk_date_the_server_has_not_reached():
    from django.utils import timezone

    assert timezone.localdate() == TODAY
    assert datetime.now(ZoneInfo("UTC")).date() == date(2027, 6, 30)


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"date": "0001-01-01"}, "date", BEFORE_START),
        ({"date": "2014-12-31"}, "date", BEFORE_START),
        ({"date": "2027-07-02"}, "date", HAPPENED),
        ({"date": "9999-12-31"}, "date", HAPPENED),
        ({"status": "no_show", "date": "2027-07-02"}, "date", HAPPENED),
        ({"status": "planned", "date": "2027-06-30"}, "date", PLANNED_PAST),
        ({"status": "planned", "date": "0001-01-01"}, "date", BEFORE_START),
        ({"status": "planned", "date": "2028-07-01"}, "date", PLAN_AHEAD),
        ({"status": "planned", "date": "9999-12-31"}, "date", PLAN_AHEAD),
        (
            {"status": "cancelled", "cancel_reason": "disruption", "date": "9999-12-31"},
            "date",
            "A session can be no more than a year ahead",
        ),
        (
            {"follow_up_needed": "on", "follow_up_on": "2028-07-01"},
            "follow_up_on",
            "Set a follow-up no more than a year ahead: choose 30 June 2028 or earlier.",
        ),
    ],
)
def test_form_shows_the_message_beside_the_field_and_keeps_what_was_typed(
    overrides, field, message, org_a, client_for
):
    data = _post(**overrides)
    response = client_for(org_a.champion).post(reverse("sessions_log:create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert _field_error(body, field).startswith(message)
    assert f'value="{data[field]}"' in body
    assert 'value="Community hub"' in body and "Typed notes stay" in body
    assert not SupportSession.objects.exists() and not Learner.objects.exists()


@pytest.mark.parametrize(
    "status,day",
    [
        ("completed", "2015-01-01"),
        ("completed", TODAY.isoformat()),
        ("planned", TODAY.isoformat()),
        ("planned", YEAR_AHEAD.isoformat()),
        ("no_show", TODAY.isoformat()),
    ],
)
def test_the_edges_of_the_window_are_accepted(status, day, org_a, client_for):
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"), _post(status=status, date=day)
    )
    assert response.status_code == 302
    assert SupportSession.objects.get().date == date.fromisoformat(day)


def test_tally_refuses_a_date_beside_its_field(org_a, client_for):
    response = client_for(org_a.champion).post(
        reverse("sessions_log:tally"),
        {"count": "7", "topics": ["email"], "date": "0001-01-01", "duration_minutes": "120"},
    )
    assert response.status_code == 200
    assert _field_error(response.content.decode(), "date") == BEFORE_START
    assert not SupportSession.objects.exists()


def _data(**overrides):
    data = {
        "status": "completed",
        "date": TODAY,
        "duration_minutes": 45,
        "format": "drop_in",
        "mode": "in_person",
        "anonymous_count": 3,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"date": date(1, 1, 1)}, "date"),
        ({"date": date(9999, 12, 31)}, "date"),
        ({"status": "planned", "date": date(9999, 12, 31)}, "date"),
        ({"status": "planned", "date": date(2027, 6, 30)}, "date"),
        ({"follow_up_needed": True, "follow_up_on": date(9999, 12, 31)}, "follow_up_on"),
    ],
)
def test_service_refuses_whoever_calls_it(overrides, field, org_a):
    with pytest.raises(ValidationError) as refused:
        services.session_log(
            organisation=org_a.organisation, champion=org_a.champion, data=_data(**overrides)
        )
    assert field in refused.value.message_dict
    assert not SupportSession.objects.exists()


def test_a_later_records_start_refuses_earlier_dates(org_a, client_for):
    organisation = org_a.organisation
    organisation.records_start = date(2024, 4, 1)
    organisation.save()
    client = client_for(org_a.champion)
    response = client.post(reverse("sessions_log:create"), _post(date="2024-03-31"))
    assert _field_error(response.content.decode(), "date") == (
        "Enter a date on or after 1 April 2024 — the start of your programme’s records."
    )
    assert not SupportSession.objects.exists()
    with pytest.raises(ValidationError):
        services.session_log(
            organisation=organisation, champion=org_a.champion, data=_data(date=date(2020, 1, 1))
        )
    assert client.post(reverse("sessions_log:create"), _post(date="2024-04-01")).status_code == 302
    assert SupportSession.objects.get().date == date(2024, 4, 1)


def test_an_old_record_stays_editable_after_the_start_moves(org_a, client_for):
    """A PM who moves the records' start later does not lock the older sessions: they can still
    be corrected and cancelled, but not moved to another date before the start."""
    session = SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        date=date(2016, 5, 1),
        format="drop_in",
        anonymous_count=4,
    )
    org_a.organisation.records_start = date(2020, 1, 1)
    org_a.organisation.save()
    services.session_update(session=session, data={"venue": "Library"}, changed_by=org_a.pm)
    with pytest.raises(ValidationError) as refused:
        services.session_update(
            session=session, data={"date": date(2016, 5, 2)}, changed_by=org_a.pm
        )
    assert "1 January 2020" in refused.value.message_dict["date"][0]
    services.session_cancel(session=session, reason="disruption", changed_by=org_a.pm)
    session.refresh_from_db()
    assert session.date == date(2016, 5, 1)
    assert (session.venue, session.status) == ("Library", "cancelled")


def test_an_overdue_planned_session_can_still_be_edited_and_completed(org_a):
    session = SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        status="planned",
        date=date(2027, 6, 20),
        format="drop_in",
        anonymous_count=2,
    )
    services.session_update(session=session, data={"venue": "Hub"}, changed_by=org_a.champion)
    with pytest.raises(ValidationError) as refused:
        services.session_update(
            session=session, data={"date": date(2027, 6, 21)}, changed_by=org_a.champion
        )
    assert refused.value.message_dict["date"][0].startswith(PLANNED_PAST)
    services.session_update(
        session=session, data={"status": "completed"}, changed_by=org_a.champion
    )
    session.refresh_from_db()
    assert session.status == "completed"


def test_completing_a_planned_session_that_is_still_ahead_is_refused(org_a):
    session = SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        status="planned",
        date=date(2027, 7, 5),
        format="drop_in",
        anonymous_count=2,
    )
    with pytest.raises(ValidationError) as refused:
        services.session_update(
            session=session, data={"status": "completed"}, changed_by=org_a.champion
        )
    assert refused.value.message_dict["date"][0].startswith(HAPPENED)
    session.refresh_from_db()
    assert session.status == "planned"


HEADER = (
    "date,duration_minutes,format,mode,status,cancel_reason,topics,learner_name,"
    "learner_reference,anonymous_count,confidence_before,confidence_after,venue,"
    "champion_email\n"
)


def _upload(text: str):
    return SimpleUploadedFile("sessions.csv", text.encode(), content_type="text/csv")


def test_import_dry_run_lists_each_rows_date_problem_and_stores_nothing(org_a, client_for):
    text = HEADER + (
        "2027-07-01,45,drop_in,in_person,completed,,,,,5,,,,\n"  # UK today: fine
        "0001-01-01,45,drop_in,in_person,completed,,,,,5,,,,\n"
        "2014-12-31,45,drop_in,in_person,completed,,,,,5,,,,\n"
        "2027-07-02,45,one_to_one,in_person,completed,,,Mrs P,,0,,,,\n"
        "9999-12-31,45,drop_in,in_person,planned,,,,,5,,,,\n"
        "2027-06-30,45,drop_in,in_person,planned,,,,,5,,,,\n"
        "2028-06-30,45,drop_in,in_person,planned,,,,,5,,,,\n"  # a year ahead: fine
    )
    response = client_for(org_a.pm).post(reverse("sessions_log:import"), {"file": _upload(text)})
    body = response.content.decode()
    assert "5 of 7 rows have a problem. Nothing has been saved." in body
    problems = {r.number: r.errors for r in response.context["problems"]}
    assert problems == {
        3: [f"Date: {BEFORE_START}"],
        4: [f"Date: {BEFORE_START}"],
        5: [
            "Date: A session that has happened cannot be in the future. Choose today or an "
            "earlier date, or mark it as planned."
        ],
        6: [f"Date: {PLAN_AHEAD}"],
        7: [
            "Date: A planned session cannot be in the past. Choose today or a later date, or "
            "mark it as completed."
        ],
    }
    for errors in problems.values():
        assert html.escape(errors[0], quote=False) in body
    assert "token" not in response.context
    assert not SupportSession.objects.exists() and not Learner.objects.exists()


def test_import_uses_the_organisations_records_start(org_a, client_for):
    org_a.organisation.records_start = date(2024, 4, 1)
    org_a.organisation.save()
    text = HEADER + (
        "2024-03-31,45,drop_in,in_person,completed,,,,,5,,,,\n"
        "2024-04-01,45,drop_in,in_person,completed,,,,,5,,,,\n"
    )
    client = client_for(org_a.pm)
    response = client.post(reverse("sessions_log:import"), {"file": _upload(text)})
    problems = {r.number: r.errors for r in response.context["problems"]}
    assert problems == {
        2: ["Date: Enter a date on or after 1 April 2024 — the start of your programme’s records."]
    }
    assert not SupportSession.objects.exists()


def test_a_file_dated_uk_today_imports(org_a, client_for):
    text = HEADER + "2027-07-01,45,drop_in,in_person,completed,,,,,5,,,,\n"
    client = client_for(org_a.pm)
    checked = client.post(reverse("sessions_log:import"), {"file": _upload(text)})
    assert b"The 1 row is ready to import" in checked.content
    client.post(reverse("sessions_log:import"), {"token": checked.context["token"]})
    assert SupportSession.objects.get().date == TODAY


def test_the_rule_in_one_place():
    class Org:
        records_start = date(2020, 1, 1)

    assert dates.earliest_date(Org()) == date(2020, 1, 1)
    assert dates.earliest_date(None) == date(2015, 1, 1)
    assert dates.latest_date(TODAY) == YEAR_AHEAD
    kw = {"organisation": Org(), "today": TODAY}
    assert dates.date_problem(date(2019, 12, 31), kind="completed", **kw)
    assert dates.date_problem(date(2019, 12, 31), kind="completed", window=False, **kw) is None
    assert dates.date_problem(date(2027, 7, 2), kind="completed", window=False, **kw)
    assert dates.date_problem(date(2027, 7, 2), kind="cancelled", **kw) is None
    assert dates.date_problem(YEAR_AHEAD, kind=dates.FOLLOW_UP, **kw) is None
    assert dates.date_problem(date(2028, 7, 1), kind=dates.FOLLOW_UP, **kw)
    assert dates.date_problem(date(2028, 7, 1), kind="", **kw)
    assert dates.date_problem(date(2027, 7, 2), kind=dates.ASSESSMENT, **kw)
