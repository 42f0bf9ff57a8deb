"""Issue 9's "done means": a PM exports and then erases a learner in the browser; the dashboard
still counts their sessions; the audit log shows both actions."""

import pytest

from learners.models import Learner
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pm_exports_then_erases_a_learner(page, live_server, sign_in, org_a, axe_check):
    learner = LearnerFactory(organisation=org_a.organisation, display_name="Mrs Prudence Okoro")
    for _ in range(2):
        AttendanceFactory(
            learner=learner,
            session__organisation=org_a.organisation,
            session__champion=org_a.champion,
        )
    sign_in(page, org_a.pm)
    page.goto(f"{live_server.url}/learners/{learner.public_id}/")
    page.get_by_role("link", name="See everything we hold").click()
    page.get_by_role(
        "heading", name="Everything Organisation A holds about Mrs Prudence Okoro"
    ).wait_for()
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as JSON").click()
    assert download.value.suggested_filename.startswith(f"learner-{learner.reference}")

    page.goto(f"{live_server.url}/learners/{learner.public_id}/")
    page.get_by_role("link", name="Erase this learner").click()
    axe_check(page)
    page.get_by_role("button", name="Erase this learner").click()
    page.get_by_text("Tick the box to confirm").first.wait_for()  # nothing erased without it
    assert Learner.objects.get(pk=learner.pk).anonymised_at is None
    page.get_by_label("I understand that this cannot be undone").check()
    page.get_by_role("button", name="Erase this learner").click()
    page.get_by_text(f"Learner {learner.reference} is erased").wait_for()
    axe_check(page)
    assert page.get_by_text("Prudence").count() == 0

    page.goto(live_server.url + "/impact/organisation/")
    # The dashboard still counts both sessions and the learner they helped.
    sentence = page.locator(".summary-sentence").inner_text()
    assert "1 champion gave 1.5 hours of support to 1 person" in sentence, sentence
    page.goto(live_server.url + "/audit/")
    log = page.get_by_role("table").inner_text()
    assert "Erased" in log and "Exported" in log and f"Learner {learner.reference}" in log
    assert "Prudence" not in log
