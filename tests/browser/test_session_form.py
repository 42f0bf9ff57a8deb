"""The new session form on a phone (issue 20 points 1-3): the carried-over line, a group's
total, every error at once and big confidence targets, with axe-core (WCAG 2.2 AA) on each
state of the page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sessions_log.models import SupportSession
from tests.browser.conftest import PHONE, new_context
from tests.sessions_log.factories import SupportSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser):
    context = new_context(browser, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30000)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide"


def test_a_group_session_on_a_phone(phone, live_server, sign_in, org_a, axe_check):
    page = phone
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        mode="in_person",
        venue="Central library",
        date=timezone.localdate() - timedelta(days=1),
    )
    sign_in(page, org_a.champion)
    page.goto(live_server.url + "/sessions/log/")
    # What is carried over is one line at the top, the fields behind "change".
    line = page.locator("[data-setting-summary]")
    assert "Same as last time: in person at Central library" in line.inner_text()
    assert not page.get_by_label("Where (optional)").is_visible()
    axe_check(page)
    _no_sideways_scroll(page)
    # "change" shows the fields, and the line goes.
    page.get_by_role("button", name="change how and where").click()
    assert page.get_by_label("Where (optional)").is_visible()
    assert page.locator("#id_mode_0").evaluate("el => el === document.activeElement")
    axe_check(page)

    # The confidence scale: five big targets in one row (one-to-one is the default).
    options = page.locator("#div_id_confidence_before .scale-row .scale-option")
    assert options.count() == 5
    boxes = [options.nth(i).bounding_box() for i in range(5)]
    assert all(b["width"] >= 44 and b["height"] >= 44 for b in boxes), boxes
    assert len({round(b["y"]) for b in boxes}) == 1, "the scale is not one row"
    page.locator("#div_id_confidence_before").get_by_text("2", exact=True).click()
    assert page.locator("#id_confidence_before_2").is_checked()

    # Everything wrong at once: the date and the duration, both listed.
    page.get_by_text("Group", exact=True).click()
    page.get_by_label("How many people were there?").fill("7")
    page.get_by_label("New learner: name or initials").fill("AB, CD")
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    page.get_by_label("Date").fill(future)
    page.get_by_label("How long (minutes)").fill("0")
    page.get_by_role("button", name="Save session", exact=True).click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    text = summary.inner_text()
    assert "cannot be in the future" in text and "between 1 minute and 8 hours" in text
    assert page.get_by_label("How many people were there?").input_value() == "7"
    assert page.get_by_label("New learner: name or initials").input_value() == "AB, CD"
    axe_check(page)
    _no_sideways_scroll(page)

    # Sent back, the form shows how and where in full; put things right, change where, save.
    assert page.get_by_label("Where (optional)").input_value() == "Central library"
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="1 hour").click()
    page.get_by_label("Where (optional)").fill("Community hub")
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_role("heading", name="Group session").wait_for()
    axe_check(page)
    session = SupportSession.objects.latest("created_at")
    assert (session.format, session.people_count, session.anonymous_count) == ("group", 7, 5)
    assert (session.mode, session.venue, session.duration_minutes) == (
        "in_person",
        "Community hub",
        60,
    )
    assert not page.errors, page.errors


def test_plan_then_record_how_it_went_on_a_phone(phone, live_server, sign_in, org_a, axe_check):
    page = phone
    sign_in(page, org_a.champion)
    page.goto(live_server.url + "/sessions/plan/")
    axe_check(page)
    _no_sideways_scroll(page)
    assert page.locator("[name=confidence_before]").count() == 0
    page.get_by_label("When will it be?").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="1 hour").click()
    page.get_by_text("Group", exact=True).click()
    page.get_by_role("button", name="Plan this session").click()
    page.get_by_role("link", name="Record how it went").click()
    page.get_by_role("heading", name="Record how the session planned for").wait_for()
    axe_check(page)
    _no_sideways_scroll(page)
    page.get_by_label("How many people were there?").fill("4")
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_role("heading", name="Group session").wait_for()
    session = SupportSession.objects.get()
    assert (session.status, session.people_count, session.duration_minutes) == (
        "completed",
        4,
        60,
    )
    assert not page.errors, page.errors


def test_without_javascript_the_carried_over_fields_show(browser, live_server, sign_in, org_a):
    """The server folds how and where behind "change"; with no script to unfold them, the
    noscript style shows the fields and hides the button that could not work."""
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        venue="Central library",
        date=timezone.localdate() - timedelta(days=1),
    )
    context = new_context(browser, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, org_a.champion)
    page.goto(live_server.url + "/sessions/log/")
    assert page.get_by_label("Where (optional)").is_visible()
    assert not page.get_by_role("button", name="change how and where").is_visible()
    context.close()
