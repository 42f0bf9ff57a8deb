"""A learner answers the feedback form on their phone from the QR code's link; the PM reads it."""

import pytest

from feedback import services
from feedback.models import LearnerFeedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_gives_feedback_and_the_pm_reads_it(page, live_server, sign_in, org_a, axe_check):
    link = services.link_for(org_a.organisation)
    page.goto(f"{live_server.url}/feedback/{link.token}/")
    axe_check(page)
    page.get_by_role("button", name="Send", exact=True).click()
    page.get_by_text("Choose yes, a bit or no.").first.wait_for()  # nothing chosen yet
    axe_check(page)
    page.get_by_label("A bit").check()
    page.get_by_label("NHS App and GP booking").check()
    page.get_by_label("Anything else you would like to tell us? (optional)").fill(
        "Now I can order my prescriptions"
    )
    page.get_by_role("button", name="Send", exact=True).click()
    page.get_by_role("heading", name="Thank you").wait_for()
    axe_check(page)
    assert LearnerFeedback.objects.get().helped_with == ["nhs_app"]

    sign_in(page, org_a.pm)
    page.get_by_role("link", name="Learners’ feedback: the link and QR code").click()
    page.get_by_text("Now I can order my prescriptions").wait_for()
    axe_check(page)


def test_every_choice_on_the_feedback_form_is_a_big_target(page, live_server, org_a, axe_check):
    """Each radio and checkbox, with its label, is at least 44x44 CSS px, at phone and desktop
    sizes: learners may be new to touch screens."""
    link = services.link_for(org_a.organisation)
    page.goto(f"{live_server.url}/feedback/{link.token}/")
    choices = page.locator(".feedback-form .form-check")
    assert choices.count() > 10
    for i in range(choices.count()):
        box = choices.nth(i).bounding_box()
        label = choices.nth(i).locator("label").inner_text()
        assert box["height"] >= 44 and box["width"] >= 44, (label, box)
        # The label itself takes the tap too: clicking it ticks the input.
        label_box = choices.nth(i).locator("label").bounding_box()
        assert label_box["height"] >= 44, (label, label_box)
    axe_check(page)


def test_the_poster_is_the_qr_code_the_name_and_one_line(page, live_server, sign_in, org_a):
    sign_in(page, org_a.pm)
    page.goto(f"{live_server.url}/organisation/feedback/poster/")
    page.get_by_role("heading", name=org_a.organisation.name).wait_for()
    page.emulate_media(media="print")
    assert page.locator(".no-print").is_hidden()
    assert page.locator("svg").first.bounding_box()["width"] > 250
