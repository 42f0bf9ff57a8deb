"""Evidence that wins senior buy-in (issue 15), in a real browser at 360 and 1280 px with axe:
a champion records a due follow-up and writes a story, the PM approves it and sees what lasted
on the dashboard and the report; a learner answers the follow-up through the feedback link."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.services import link_for
from outcomes.models import OutcomeCheck
from stories.models import Story
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory
from tests.stories.tenancy import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_follow_up_and_a_story_reach_the_board_report(
    page, live_server, sign_in, org_a, axe_check, tmp_path
):
    first = timezone.localdate() - timedelta(weeks=8)
    learner = LearnerFactory(
        organisation=org_a.organisation, display_name="Maria Lopez", first_session_on=first
    )
    session = SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=first
    )
    AttendanceFactory(session=session, learner=learner)

    sign_in(page, org_a.champion)
    page.get_by_text("1 person you helped is due a follow-up").wait_for()
    axe_check(page)
    page.get_by_role("link", name="Ask Maria Lopez how things are going").click()
    page.get_by_role("button", name="Save follow-up").click()
    page.get_by_text("Choose whether they can now do it on their own.").first.wait_for()
    axe_check(page)
    page.get_by_label("Yes, on their own").check()
    page.get_by_label("NHS App").check()
    page.get_by_label("Started a course").check()
    page.get_by_role("button", name="Save follow-up").click()
    page.get_by_role("heading", name="Follow-ups due").wait_for()
    axe_check(page)
    assert OutcomeCheck.objects.get().services_used == ["nhs_app"]

    page.goto(f"{live_server.url}/learners/{learner.public_id}/")
    page.get_by_role("link", name="Write their story").click()
    page.get_by_role("button", name="Save story").click()
    page.get_by_text("Say what changed for them.").first.wait_for()
    axe_check(page)
    page.get_by_label("What did they want to be able to do?").fill("Order her prescriptions")
    page.get_by_label("What changed for them?").fill("She orders them on the NHS App herself")
    page.get_by_label("A quote in their own words (optional)").fill("It saves me a trip")
    photo = tmp_path / "maria.png"
    photo.write_bytes(png_bytes())
    page.get_by_label("A photo (optional)").set_input_files(str(photo))
    page.get_by_label("What the photo shows").fill("Maria holding her phone")
    page.get_by_label("In our organisation's reports").check()
    page.get_by_label("With the photo").check()
    page.get_by_label("What were they told?").fill("It goes in our board report")
    page.get_by_role("button", name="Save story").click()
    page.get_by_text("Waiting for a project manager to approve it.").wait_for()
    axe_check(page)
    story = Story.objects.get()

    page.context.clear_cookies()  # sign out
    sign_in(page, org_a.pm)
    page.goto(f"{live_server.url}/stories/{story.public_id}/")
    page.get_by_role("button", name="Approve the story").click()
    page.get_by_text("Story approved").first.wait_for()
    axe_check(page)
    page.goto(f"{live_server.url}/impact/organisation/")
    page.get_by_role("heading", name="Outcomes that lasted").wait_for()
    page.get_by_role("heading", name="How this compares").wait_for()
    axe_check(page)
    page.goto(f"{live_server.url}/impact/organisation/report/")
    page.get_by_text("She orders them on the NHS App herself").wait_for()
    assert page.locator("img.story-photo").evaluate("img => img.naturalWidth") > 0
    axe_check(page)
    assert not page.errors, page.errors


def test_a_learner_answers_the_follow_up_on_their_phone(page, live_server, org_a, axe_check):
    link = link_for(org_a.organisation)
    page.goto(f"{live_server.url}/feedback/{link.token}/")
    page.get_by_role("link", name="First came for help some weeks ago?").click()
    axe_check(page)
    page.get_by_role("button", name="Send", exact=True).click()
    page.get_by_text("Choose whether they can now do it on their own.").first.wait_for()
    axe_check(page)
    page.get_by_label("Only with some help").check()
    page.get_by_label("Video calls").check()
    page.get_by_role("button", name="Send", exact=True).click()
    page.get_by_role("heading", name="Thank you").wait_for()
    check = OutcomeCheck.objects.get()
    assert (check.can_do_alone, check.services_used, check.learner) == (
        "with_help",
        ["video_calls"],
        None,
    )


def test_the_task_by_task_self_assessment(page, live_server, sign_in, org_a, axe_check):
    from learners.models import SelfAssessment

    learner = LearnerFactory(organisation=org_a.organisation, display_name="Ada", is_shared=True)
    sign_in(page, org_a.champion)
    page.goto(f"{live_server.url}/learners/{learner.public_id}/assessments/new/")
    axe_check(page)
    page.get_by_label("I can turn on a device and use its controls").check()
    page.get_by_label("I can spot a scam email, text or call").check()
    page.get_by_role("button", name="Save self-assessment").click()
    page.get_by_text("Tick the area of each task you asked about too").first.wait_for()
    axe_check(page)
    page.get_by_label("Being safe and legal online").check()
    page.get_by_role("button", name="Save self-assessment").click()
    page.get_by_role("heading", name="Ada").wait_for()
    found = SelfAssessment.objects.get()
    assert (found.foundation_tasks, found.life_tasks) == (["device_controls"], ["spot_scam"])
