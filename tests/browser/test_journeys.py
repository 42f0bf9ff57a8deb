"""The main journeys in a real browser, at a phone and a desktop size, with axe-core (WCAG 2.0,
2.1 and 2.2, A and AA) on every page visited."""

import pytest
from django.utils import timezone

from learners.models import Learner
from sessions_log.models import SupportSession
from tests.browser.conftest import open_menu
from tests.sessions_log.factories import SupportSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_champion_logs_sessions(page, live_server, sign_in, org_a, axe_check):
    sign_in(page, org_a.champion)
    axe_check(page)  # champion home
    page.get_by_role("main").get_by_role("link", name="Log a session").click()
    axe_check(page)
    # A one-to-one with a new learner.
    page.get_by_label("New learner: name or initials").fill("Mrs P")
    page.get_by_text("Online banking", exact=True).click()
    page.get_by_role("button", name="1 hour").click()
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_role("heading", name="One-to-one session").wait_for()
    axe_check(page)
    assert Learner.objects.get().display_name == "Mrs P"
    # A group session with that learner and two people without a record.
    page.goto(live_server.url + "/sessions/log/?format=group")
    page.locator("#learner-search").fill("Mrs")
    page.get_by_role("button", name="Add Mrs P").click()
    page.get_by_label("How many people were there?").fill("3")  # Mrs P and two more
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_role("heading", name="Group session").wait_for()
    page.get_by_label("Confidence before, Mrs P").select_option("2")
    page.get_by_label("Confidence after, Mrs P").select_option("4")
    page.get_by_role("button", name="Save each learner’s confidence").click()
    page.get_by_text("Each learner's confidence is saved.").wait_for()
    axe_check(page)
    # A cancellation, from the session's page.
    planned = SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        status="planned",
        date=timezone.localdate(),
    )
    page.goto(f"{live_server.url}/sessions/{planned.public_id}/")
    page.get_by_role("link", name="Mark as cancelled").click()
    page.get_by_label("Why was it cancelled?").select_option("disruption")
    page.get_by_role("button", name="Mark as cancelled").click()
    page.get_by_text("marked as cancelled").wait_for()
    assert SupportSession.objects.filter(status="cancelled").count() == 1
    page.get_by_role("link", name="Back to sessions").click()
    axe_check(page)
    assert page.get_by_role("cell", name="Cancelled").count() == 1
    assert not page.errors, page.errors


def test_bad_input_keeps_what_was_typed(page, live_server, sign_in, org_a, axe_check):
    sign_in(page, org_a.champion)
    page.goto(live_server.url + "/sessions/log/")
    page.get_by_label("Private notes (optional)").fill("Set up the NHS App together")
    page.get_by_label("How long (minutes)").fill("0")
    page.get_by_role("button", name="Save session", exact=True).click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "between 1 minute and 8 hours" in summary.inner_text()
    assert page.get_by_label("Private notes (optional)").input_value() == (
        "Set up the NHS App together"
    )
    axe_check(page)


def test_pm_reviews_the_dashboard_and_downloads(page, live_server, sign_in, org_a, axe_check):
    team = org_a.champion_membership.team
    SupportSessionFactory.create_batch(
        3, organisation=org_a.organisation, champion=org_a.champion, team=team
    )
    SupportSessionFactory(organisation=org_a.organisation, champion=org_a.pm)  # no team
    sign_in(page, org_a.pm)
    axe_check(page)
    open_menu(page)
    page.get_by_role("link", name="Impact", exact=True).click()
    page.get_by_role("heading", name="Impact of Organisation A").wait_for()
    axe_check(page)
    page.get_by_label("Period", exact=True).select_option("this_month")
    page.get_by_label("Team", exact=True).select_option(label=team.name)
    page.get_by_role("button", name="Show figures").click()
    page.get_by_text("1 champion gave 2.2 hours of support").first.wait_for()
    assert (
        page.locator(".card-stat")
        .filter(has_text="Sessions completed")
        .locator(".display-6")
        .inner_text()
        == "3"
    )
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download sessions (CSV)").click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    with open(csv_download.value.path(), encoding="utf-8") as handle:
        assert len(handle.read().strip().splitlines()) == 1 + 3  # the team's three sessions
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download report (PDF)").click()
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    for name in ("Champions", "Teams", "Sessions", "Learners"):
        page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)
    page.goto(live_server.url + "/organisation/members/")
    axe_check(page)


def test_an_expired_login_loses_nothing_typed(page, live_server, sign_in, org_a):
    sign_in(page, org_a.champion)
    page.goto(live_server.url + "/sessions/log/")
    page.get_by_label("New learner: name or initials").fill("Mr Draft")
    page.get_by_text("NHS App and GP booking", exact=True).click()
    page.get_by_label("Where (optional)").fill("Moss Side library")
    # The login expires while the champion is still typing...
    page.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Save session", exact=True).click()
    # ...so the session is kept on this device (issue 13: nothing typed is lost), and sent by
    # itself once the champion has signed in again.
    page.get_by_text(
        "Saved on this device; it will be sent as soon as you are signed in and online."
    ).wait_for()
    assert not SupportSession.objects.exists()
    sign_in(page, org_a.champion)
    for _ in range(60):
        if SupportSession.objects.exists():
            break
        page.wait_for_timeout(500)
    session = SupportSession.objects.get()
    assert (session.topics, session.venue) == (["nhs_app"], "Moss Side library")
    assert [a.learner.display_name for a in session.attendances.all()] == ["Mr Draft"]


def test_pm_sees_a_sessions_history(page, live_server, sign_in, org_a, client_for):
    session = SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, duration_minutes=30
    )
    sign_in(page, org_a.champion)
    page.goto(f"{live_server.url}/sessions/{session.public_id}/edit/")
    page.get_by_role("button", name="1 hour").click()
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_role("heading", name="One-to-one session").wait_for()
    # Signed out by dropping the session only: with every cookie gone, a page the service
    # worker was still fetching for the champion could set a new CSRF cookie between the
    # login form and its POST (seen twice in whole-suite runs: "CSRF token incorrect").
    page.context.clear_cookies(name="sessionid")
    sign_in(page, org_a.pm)
    page.goto(f"{live_server.url}/sessions/all/")
    page.get_by_role("link", name=session.date.strftime("%-d %b %Y")).first.click()
    page.get_by_role("heading", name="History").wait_for()
    history = page.get_by_role("region", name="History").inner_text()
    assert org_a.champion.display_name in history
    assert "30" in history and "60" in history
