"""A learner answers the feedback form on their phone from the QR code's link; the PM reads it."""

import pytest

from feedback import services
from feedback.models import LearnerFeedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_gives_feedback_and_the_pm_reads_it(page, live_server, sign_in, org_a, axe_check):
    link = services.link_for(org_a.organisation)
    page.goto(f"{live_server.url}/feedback/{link.token}/")
    axe_check(page)
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Choose yes, a bit or no.").first.wait_for()  # nothing chosen yet
    axe_check(page)
    page.get_by_label("A bit").check()
    page.get_by_label("NHS App and GP booking").check()
    page.get_by_label("Anything else you would like to tell us? (optional)").fill(
        "Now I can order my prescriptions"
    )
    page.get_by_role("button", name="Send").click()
    page.get_by_role("heading", name="Thank you").wait_for()
    axe_check(page)
    assert LearnerFeedback.objects.get().helped_with == ["nhs_app"]

    sign_in(page, org_a.pm)
    page.get_by_role("link", name="Learners’ feedback: the link and QR code").click()
    page.get_by_text("Now I can order my prescriptions").wait_for()
    axe_check(page)
