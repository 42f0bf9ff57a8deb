"""A project manager's "needs attention" on the home page and the forgiving CSV import, at a
phone's and a desktop's size, with axe on each page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sessions_log.models import SupportSession
from tests.factories import MembershipFactory
from tests.sessions_log.factories import LearnerFactory, SupportSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_needs_attention_links_to_what_to_do(page, live_server, sign_in, org_a, axe_check):
    today = timezone.localdate()
    quiet = MembershipFactory(organisation=org_a.organisation).user  # never started
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        date=today - timedelta(days=3),
        status="planned",
    )
    LearnerFactory(organisation=org_a.organisation, display_name="No Consent Yet")
    sign_in(page, org_a.pm)
    page.goto(live_server.url + "/")
    assert quiet.display_name in page.inner_text("main")
    axe_check(page)
    page.get_by_role("link", name="No Consent Yet").first.click()
    page.wait_for_load_state()
    assert "/learners/" in page.url
    axe_check(page)


def test_a_pm_imports_a_uk_dated_file_previews_it_and_lands_on_the_batch(
    page, live_server, sign_in, org_a, axe_check, tmp_path
):
    day = timezone.localdate() - timedelta(days=2)
    rows = (
        "date,duration_minutes,format,mode,status,cancel_reason,topics,learner_name,"
        "learner_reference,anonymous_count,confidence_before,confidence_after,venue,champion_email\n"
        f"{day:%d/%m/%Y},45,One-to-one,In person,Completed,,Online banking,Mrs P,,0,2,4,Library,"
        f"{org_a.champion.email}\n"
    )
    upload = tmp_path / "sessions.csv"
    upload.write_text(rows)
    sign_in(page, org_a.pm)
    page.goto(live_server.url + "/sessions/import/")
    axe_check(page)
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 1 session").wait_for()
    axe_check(page)
    assert not SupportSession.objects.exists()  # the preview saved nothing
    page.get_by_role("button", name="Import 1 session").click()
    page.wait_for_load_state()
    assert "/sessions/import/" in page.url and page.url.rstrip("/") != (
        live_server.url + "/sessions/import"
    )
    assert SupportSession.objects.get().date == day
    axe_check(page)
