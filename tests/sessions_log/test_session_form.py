"""The session forms fit the session (issue 20, points 1, 2, 3 and 6): what is carried over from
the last session is shown at the top; a group asks for its total; planning has its own short
form and completing opens the full one; every problem is shown at once."""

import html
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from impact import selectors as impact_selectors
from impact.periods import Period
from impact.scope import Headline
from learners.models import Learner
from sessions_log.models import SupportSession
from tests.sessions_log.factories import LearnerFactory, SupportSessionFactory

# Depends on today: runs again at every moment of the date matrix (tests/clock.py). Tests that
# need a particular day pin the clock themselves.
pytestmark = pytest.mark.dates

UK = ZoneInfo("Europe/London")
HAPPENED = (
    "A session that has happened cannot be in the future. Choose today or an earlier date, or "
    "mark it as planned."
)


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _post(**overrides):
    data = {
        "status": "completed",
        "date": _today().isoformat(),
        "duration_minutes": "45",
        "format": "one_to_one",
        "mode": "in_person",
        "venue": "Community hub",
        "notes": "Typed notes stay",
    }
    data.update(overrides)
    return data


def _field_error(body: str, field: str) -> str:
    match = re.search(rf'<div [^>]*id="id_{field}_error"[^>]*>(.*?)</div>', body, re.S)
    assert match, f"no error beside {field}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def _summary(body: str) -> str:
    match = re.search(r"data-error-summary.*?</ul>", body, re.S)
    assert match, "no error summary"
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(0)))


def _text(body: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


# --- 1. Nothing recorded that the champion did not choose -----------------------------------


def test_what_is_carried_over_is_one_line_at_the_top(org_a, client_for):
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        mode="in_person",
        venue="Central library",
    )
    body = client_for(org_a.champion).get(reverse("sessions_log:create")).content.decode()
    text = _text(body)
    assert "Same as last time: in person at Central library — change how and where" in text
    # The line and the fields it folds come before everything else the form asks.
    form = body[body.index("data-session-form") :]
    line, mode, venue, day = (
        form.index("Same as last time"),
        form.index('name="mode"'),
        form.index('name="venue"'),
        form.index('name="date"'),
    )
    assert line < mode < day and line < venue < day
    # The fields are in the page, folded as sent (nothing moves once drawn); noscript.css shows
    # them when no script can unfold them.
    assert re.search(r'<input[^>]*value="in_person"[^>]*checked', form)
    assert 'value="Central library"' in form
    assert "data-setting-fields hidden>" in form
    assert "css/noscript" in body and "<noscript>" in body


def test_nothing_is_saved_that_the_page_did_not_show(org_a, client_for):
    """The form posts what it shows: the carried-over how and where are the ones the line
    names, and a champion who changes them saves their choice, not the last session's."""
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, mode="video", venue="Online"
    )
    client = client_for(org_a.champion)
    text = _text(client.get(reverse("sessions_log:create")).content.decode())
    assert "Same as last time: video call at Online" in text
    client.post(reverse("sessions_log:create"), _post(mode="phone", venue=""))
    session = SupportSession.objects.latest("created_at")
    assert (session.mode, session.venue) == ("phone", "")


def test_a_first_session_shows_how_and_where_without_claiming_a_last_time(org_a, client_for):
    body = client_for(org_a.champion).get(reverse("sessions_log:create")).content.decode()
    assert "Same as last time" not in body
    assert "data-setting-fields data-setting-open" in body
    form = body[body.index("data-session-form") :]
    assert form.index('name="mode"') < form.index('name="date"')


def test_a_form_sent_back_with_errors_shows_how_and_where(org_a, client_for):
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, venue="Central library"
    )
    body = (
        client_for(org_a.champion)
        .post(reverse("sessions_log:create"), _post(mode="teleport"))
        .content.decode()
    )
    assert "There is a problem" in body
    assert "data-setting-fields data-setting-open" in body
    assert "Same as last time" not in body


# --- 2. The form fits the session -------------------------------------------------------------


def test_a_group_gives_its_total_and_the_rest_are_counted_without_a_record(org_a, client_for):
    known = LearnerFactory(organisation=org_a.organisation, created_by=org_a.champion)
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"),
        _post(
            format="group",
            learners=[str(known.public_id)],
            new_learner_names="AB",
            people_total="8",
        ),
    )
    assert response.status_code == 302
    session = SupportSession.objects.get()
    assert (session.people_count, session.anonymous_count) == (8, 6)
    assert session.attendances.count() == 2


def test_a_group_total_smaller_than_the_people_named_is_refused(org_a, client_for):
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"),
        _post(format="group", new_learner_names="AB, CD, EF", people_total="2"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert _field_error(body, "people_total") == (
        "You named 3 people but entered 2 in total. Enter everyone who was there, named or not."
    )
    assert 'value="AB, CD, EF"' in body and 'value="2"' in body
    assert not SupportSession.objects.exists() and not Learner.objects.exists()


def test_a_group_with_nobody_counted_asks_for_its_total(org_a, client_for):
    body = (
        client_for(org_a.champion)
        .post(reverse("sessions_log:create"), _post(format="group"))
        .content.decode()
    )
    assert _field_error(body, "people_total") == (
        "Enter how many people were there, or name the learners who came."
    )
    assert 'id="id_learners_error"' not in body  # said once, beside the total
    assert not SupportSession.objects.exists()


def test_changing_a_group_starts_from_its_total(org_a, client_for):
    session = SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        format="group",
        anonymous_count=9,
        people_count=9,
    )
    body = (
        client_for(org_a.champion)
        .get(reverse("sessions_log:edit", args=[session.public_id]))
        .content.decode()
    )
    assert re.search(r'name="people_total" value="9"', body)


def test_a_drop_in_total_is_its_people_without_a_record(org_a, client_for):
    client_for(org_a.champion).post(
        reverse("sessions_log:create"), _post(format="drop_in", people_total="12")
    )
    session = SupportSession.objects.get()
    assert (session.people_count, session.anonymous_count) == (12, 12)


def test_the_log_form_asks_a_total_and_offers_no_planned_status(org_a, client_for):
    body = client_for(org_a.champion).get(reverse("sessions_log:create")).content.decode()
    assert 'name="people_total"' in body and "How many people were there?" in body
    assert 'value="planned"' not in body
    # The anonymous count is worked out, not asked.
    assert 'name="anonymous_count"' not in body


def test_confidence_is_a_row_of_five_in_a_fieldset(org_a, client_for):
    body = client_for(org_a.champion).get(reverse("sessions_log:create")).content.decode()
    scale = re.search(
        r'<fieldset class="scale[^"]*" id="div_id_confidence_before".*?</fieldset>', body, re.S
    )
    assert scale, "no confidence fieldset"
    block = scale.group(0)
    assert "<legend" in block and "Their confidence before" in block
    row = re.search(r'<div class="scale-row">(.*?)</div>', block, re.S).group(1)
    assert re.findall(r'type="radio"[^>]*value="(\d)"', row) == ["1", "2", "3", "4", "5"]
    assert "Not asked" in block


def test_planning_has_its_own_short_form(org_a, client_for):
    client = client_for(org_a.champion)
    body = client.get(reverse("sessions_log:plan")).content.decode()
    for absent in ("confidence_before", "confidence_after", "goal_met", "people_total", "status"):
        assert f'name="{absent}"' not in body
    assert "When will it be?" in body and "How long will it be (minutes)" in body
    # The old link from the home page lands here.
    old = client.get(reverse("sessions_log:create"), {"status": "planned"})
    assert old["Location"] == reverse("sessions_log:plan")
    future = (_today() + timedelta(days=7)).isoformat()
    response = client.post(
        reverse("sessions_log:plan"),
        {"date": future, "duration_minutes": "60", "format": "group", "mode": "in_person"},
    )
    session = SupportSession.objects.get()
    assert response["Location"] == reverse("sessions_log:detail", args=[session.public_id])
    assert session.status == "planned" and session.people_count == 0
    detail = _text(client.get(response["Location"]).content.decode())
    assert "People helped" not in detail and "0 people helped" not in detail
    assert "Record how it went" in detail


def test_a_plan_in_the_past_is_refused_beside_the_date(org_a, client_for):
    past = (_today() - timedelta(days=3)).isoformat()
    response = client_for(org_a.champion).post(
        reverse("sessions_log:plan"),
        {"date": past, "duration_minutes": "0", "format": "group", "mode": "in_person"},
    )
    body = response.content.decode()
    assert _field_error(body, "date").startswith("A planned session cannot be in the past.")
    assert _field_error(body, "duration_minutes").startswith("Enter a duration between")
    assert not SupportSession.objects.exists()


def test_completing_a_planned_session_opens_the_full_form(org_a, client_for):
    session = SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        status="planned",
        format="group",
        date=_today(),
        venue="Hub",
    )
    client = client_for(org_a.champion)
    url = reverse("sessions_log:complete", args=[session.public_id])
    body = client.get(url).content.decode()
    assert 'name="people_total"' in body and 'name="confidence_before"' in body
    assert re.search(r'<input[^>]*value="completed"[^>]*checked', body)
    assert "Record how the session planned for" in body
    # The old "?complete=1" link and "Change" on a planned session.
    legacy = client.get(reverse("sessions_log:edit", args=[session.public_id]), {"complete": "1"})
    assert legacy["Location"] == url
    change = client.get(reverse("sessions_log:edit", args=[session.public_id])).content.decode()
    assert 'name="confidence_before"' not in change and "When will it be?" in change
    response = client.post(url, _post(format="group", people_total="5", venue="Hub"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.people_count, session.anonymous_count) == ("completed", 5, 5)
    # A session that is not planned any more is changed, not completed again.
    assert client.get(url)["Location"] == reverse("sessions_log:edit", args=[session.public_id])


def test_changing_a_plan_keeps_it_planned(org_a, client_for):
    session = SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        status="planned",
        date=_today() + timedelta(days=2),
    )
    response = client_for(org_a.champion).post(
        reverse("sessions_log:edit", args=[session.public_id]),
        {
            "date": (_today() + timedelta(days=3)).isoformat(),
            "duration_minutes": "90",
            "format": "group",
            "mode": "phone",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.duration_minutes, session.mode) == ("planned", 90, "phone")


# --- 3. All errors at once ------------------------------------------------------------------


def test_a_wrong_date_and_a_wrong_duration_are_both_shown_at_once(org_a, client_for):
    future = (_today() + timedelta(days=2)).isoformat()
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"), _post(date=future, duration_minutes="0")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert _field_error(body, "date") == HAPPENED
    assert _field_error(body, "duration_minutes").startswith("Enter a duration between")
    summary = _summary(body)
    assert "cannot be in the future" in summary and "Enter a duration between" in summary
    # What was typed is kept.
    assert f'value="{future}"' in body and 'value="0"' in body
    assert 'value="Community hub"' in body and "Typed notes stay" in body
    assert not SupportSession.objects.exists()


def test_every_rule_broken_at_once_is_listed(org_a, client_for):
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"),
        _post(
            status="cancelled",
            duration_minutes="abc",
            follow_up_on=_today().isoformat(),
            confidence_before="9",
        ),
    )
    body = response.content.decode()
    for field in ("duration_minutes", "cancel_reason", "follow_up_needed", "confidence_before"):
        _field_error(body, field)


def test_the_tally_shows_every_problem_at_once(org_a, client_for):
    response = client_for(org_a.champion).post(
        reverse("sessions_log:tally"),
        {
            "count": "7",
            "topics": ["email"],
            "date": (_today() + timedelta(days=2)).isoformat(),
            "duration_minutes": "999",
        },
    )
    body = response.content.decode()
    assert _field_error(body, "date") == HAPPENED
    assert _field_error(body, "duration_minutes")
    assert not SupportSession.objects.exists()


def test_an_edit_shows_the_services_errors_beside_the_fields(org_a, client_for):
    session = SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion)
    response = client_for(org_a.champion).post(
        reverse("sessions_log:edit", args=[session.public_id]),
        _post(new_learner_names="AB, CD", date=(_today() + timedelta(days=1)).isoformat()),
    )
    body = response.content.decode()
    assert _field_error(body, "learners").startswith("A one-to-one session is with one person")
    assert _field_error(body, "date") == HAPPENED


# --- 6. My impact speaks to the champion ------------------------------------------------------

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))


def _headline(**values) -> Headline:
    base = dict(
        sessions_completed=12,
        sessions_planned=0,
        sessions_cancelled=0,
        sessions_no_show=0,
        hours=40.5,
        people_supported=226,
        learners_supported=30,
        repeat_learner_share=None,
        confidence_uplift=None,
        more_confident_share=0.8,
        active_champions=1,
        devices_given=0,
        data_support_given=0,
    )
    return Headline(**(base | values))


def test_my_impact_sentence_speaks_to_the_champion():
    assert impact_selectors.my_summary_sentence(headline=_headline(), period=OCTOBER) == (
        "Between 1 October and 31 October 2026, you gave 40.5 hours of support to 226 people; "
        "80% of those you asked felt more confident afterwards."
    )
    one = _headline(people_supported=1, hours=1, more_confident_share=None)
    assert impact_selectors.my_summary_sentence(headline=one, period=OCTOBER) == (
        "Between 1 October and 31 October 2026, you gave 1 hour of support to 1 person."
    )
    none = _headline(sessions_completed=0)
    assert impact_selectors.my_summary_sentence(headline=none, period=OCTOBER) == (
        "Between 1 October and 31 October 2026, you recorded no completed sessions."
    )


@time_machine.travel(datetime(2026, 11, 3, 12, 0, tzinfo=UK), tick=False)
def test_my_impact_page_says_you(org_a, client_for):
    for day in (5, 12):
        SupportSessionFactory(
            organisation=org_a.organisation,
            champion=org_a.champion,
            date=date(2026, 10, day),
            duration_minutes=60,
            format="drop_in",
            anonymous_count=3,
            people_count=3,
        )
    page = client_for(org_a.champion).get(
        reverse("impact:mine"), {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}
    )
    text = _text(page.content.decode())
    assert "Between 1 October and 31 October 2026, you gave 2 hours of support to 6 people." in (
        text
    )
    assert "champion gave" not in text and "Champions who gave support" not in text
