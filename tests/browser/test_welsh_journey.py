"""A Welsh-speaking champion on a phone (issue 16 point 7): signs in, chooses Cymraeg once, logs
a session, reads their impact; a learner gives feedback from a Welsh poster's link. Every page
in Welsh, axe-core (WCAG 2.2 AA) on each, and the figures the same as in English."""

import pytest
from django.utils import translation

from accounts.models import User
from feedback import services as feedback_services
from sessions_log.models import SupportSession
from tests.browser.conftest import PHONE, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def cy(english: str) -> str:
    with translation.override("cy"):
        return translation.gettext(english)


@pytest.fixture
def phone(browser):
    context = new_context(browser, viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30000)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def test_a_welsh_speaking_champion_s_day(phone, live_server, sign_in, org_a, axe_check):
    page = phone
    sign_in(page, org_a.champion)
    # Chosen once, on any page: from then on Welsh, stored on the champion.
    page.get_by_role("button", name="Cymraeg", exact=True).click()
    page.wait_for_selector("html[lang=cy]")
    assert User.objects.get(pk=org_a.champion.pk).language == "cy"
    axe_check(page)

    page.goto(live_server.url + "/sessions/log/")
    assert page.locator("html").get_attribute("lang") == "cy"
    axe_check(page)
    page.get_by_text(cy("Group"), exact=True).click()
    page.get_by_label(cy("How many people were there?")).fill("3")
    page.get_by_role("button", name=cy("1 hour")).click()
    page.get_by_role("button", name=cy("Save session"), exact=True).click()
    page.wait_for_url("**/?saved=1")
    heading = page.get_by_role("heading", level=1).inner_text()
    with translation.override("cy"):
        expected = translation.gettext("%(format)s session on %(day)s").split("%")[0].strip()
    assert expected in heading or cy("Group").lower() in heading.lower(), heading
    axe_check(page)
    session = SupportSession.objects.get()
    assert (session.format, session.people_count, session.duration_minutes) == ("group", 3, 60)

    page.goto(live_server.url + "/impact/mine/")
    page.get_by_role("heading", name=cy("My impact")).first.wait_for()
    axe_check(page)
    welsh_figures = page.locator(".card-stat .display-6").all_inner_texts()
    assert welsh_figures, "no headline figures"
    # The same figures in English: the language changes the words, never the numbers.
    page.get_by_role("button", name="English", exact=True).click()
    page.wait_for_selector("html[lang=en-GB]")
    assert page.locator(".card-stat .display-6").all_inner_texts() == (welsh_figures)
    assert not page.errors, page.errors


def test_a_learner_gives_feedback_in_welsh(phone, live_server, org_a, axe_check):
    page = phone
    link = feedback_services.link_for(org_a.organisation)
    page.goto(f"{live_server.url}/feedback/{link.token}/?lang=cy")
    assert page.locator("html").get_attribute("lang") == "cy"
    axe_check(page)
    page.get_by_role("button", name=cy("Send")).click()
    page.get_by_text(cy("Choose yes, a bit or no.")).first.wait_for()
    axe_check(page)
    page.get_by_label(cy("A bit")).check()
    page.get_by_role("button", name=cy("Send")).click()
    page.get_by_role("heading", name=cy("Thank you")).wait_for()
    assert page.locator("html").get_attribute("lang") == "cy"
    axe_check(page)
    assert not page.errors, page.errors
