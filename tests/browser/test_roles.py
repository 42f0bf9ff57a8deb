"""Each role's main journey end to end, axe on every page reachable from each role's navigation,
and the session log done with the keyboard alone."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from learners.models import Learner
from organisations.models import Membership, Organisation
from sessions_log.models import SupportSession
from tests.browser.conftest import open_menu
from tests.factories import TEST_PASSWORD
from tests.sessions_log.factories import (
    AttendanceFactory,
    LearnerFactory,
    SupportSessionFactory,
)
from tests.toolkit.factories import PDF_BYTES, make_pathway, make_resource
from toolkit.models import Resource, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # the network_admin fixture's


def _current_code() -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(ADMIN_TOTP_SECRET, counters[len(counters) // 2]))


def sign_in_admin(page, live_server, admin):
    """Password, then the authenticator code. A code typed as its 30-second window closes can
    be refused, as it would be for a person: then wait for the next code and type that."""
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    for _attempt in range(3):
        code_field = page.get_by_label("Code")
        code_field.fill(_current_code())
        # allauth's own code page says "Sign In"; nobody is signed in yet to share the name.
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")
        if "/accounts/2fa/" not in page.url:
            break
        time.sleep(30 - time.time() % 30 + 1)
    assert "/accounts/" not in page.url, f"the authenticator code was refused: {page.url}"


def _handout(**extra):
    return make_resource(
        title="Spotting a scam text",
        summary="A one-page handout for learners.",
        resource_type="handout",
        audiences=["learners"],
        topics=["scams"],
        files={
            "file": SimpleUploadedFile("scam-text.pdf", PDF_BYTES),
            "file_content_type": "application/pdf",
        },
        **extra,
    )


def test_pm_invites_and_the_new_champion_gets_going(page, live_server, sign_in, org_a, axe_check):
    _handout()
    # The PM invites a champion.
    sign_in(page, org_a.pm)
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Champions", exact=True
    ).click()
    page.get_by_role("link", name="Invite").first.click()
    axe_check(page)
    page.get_by_label("Email address").fill("new.champion@example.org")
    page.get_by_role("button", name="Send invitation", exact=True).click()
    page.get_by_text("new.champion@example.org").first.wait_for()
    axe_check(page)
    invitation = next(m for m in mail.outbox if "new.champion@example.org" in m.to)
    link = re.search(r"https?://\S+/invitations/\S+/", invitation.body).group(0)
    path = link[link.index("/invitations/") :]
    page.context.clear_cookies()

    # The champion accepts, sets a password and lands signed in.
    page.goto(live_server.url + path)
    axe_check(page)
    page.get_by_label("Your name").fill("Nadia Ahmed")
    page.get_by_label("Choose a password").fill("a long walk by the canal")
    page.get_by_label("Type the password again").fill("a long walk by the canal")
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Hello, Nadia").wait_for()
    axe_check(page)
    assert Membership.objects.get(user__email="new.champion@example.org").is_champion

    # Logs a one-to-one with a new learner.
    page.get_by_role("main").get_by_role("link", name="Log a session").click()
    page.get_by_label("New learner: name or initials").fill("Mr K")
    page.get_by_text("Email", exact=True).click()
    page.get_by_role("button", name="45 min").click()
    page.get_by_role("button", name="Save session", exact=True).click()
    page.get_by_role("heading", name="One-to-one session").wait_for()
    assert SupportSession.objects.get(champion__email="new.champion@example.org").topics == [
        "email"
    ]

    # Finds a handout in the toolkit.
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Toolkit").click()
    page.get_by_role("main").get_by_label("Search the toolkit").fill("scam")
    page.get_by_role("main").get_by_role("button", name="Search", exact=True).first.click()
    page.get_by_role("link", name="Spotting a scam text").click()
    page.get_by_role("link", name=re.compile("Download scam-text.pdf")).wait_for()
    axe_check(page)
    assert not page.errors, page.errors


def test_network_admin_adds_an_organisation_publishes_and_reviews_the_network(
    page, live_server, network_admin, org_a, axe_check
):
    SupportSessionFactory.create_batch(3, organisation=org_a.organisation, champion=org_a.champion)
    draft = make_resource(title="Helping with the NHS App", status=Status.DRAFT)
    sign_in_admin(page, live_server, network_admin)
    axe_check(page)
    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Organisations").click()
    page.get_by_role("link", name="Add an organisation").click()
    axe_check(page)
    page.get_by_label("Name").fill("Canal Side Trust")
    page.get_by_label("Sector").select_option("charity")
    page.get_by_label("Region").select_option("wales")
    page.get_by_label("Local authority").fill("Cardiff")
    page.get_by_role("button", name="Add organisation").click()
    page.get_by_role("heading", name="Canal Side Trust").wait_for()
    axe_check(page)
    assert Organisation.objects.get(name="Canal Side Trust").region == "wales"

    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Curate toolkit").click()
    page.get_by_role("link", name="Helping with the NHS App").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("is now published").wait_for()
    axe_check(page)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED

    open_menu(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Network impact").click()
    page.get_by_role("heading", name="Impact across the network").wait_for()
    page.get_by_role("heading", name="Toolkit use").wait_for()
    axe_check(page)
    assert not page.errors, page.errors


def _nav_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "header nav a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
    )
    return list(dict.fromkeys(hrefs))  # in order, once each


def _some_of_everything(org):
    learner = LearnerFactory(organisation=org.organisation, display_name="Mrs P")
    AttendanceFactory(
        session__organisation=org.organisation, session__champion=org.champion, learner=learner
    )
    handout = _handout()
    make_pathway([handout])


@pytest.mark.parametrize("role", ["champion", "pm", "network_admin"])
def test_every_page_in_the_navigation_passes_axe(
    role, page, live_server, sign_in, org_a, network_admin, axe_check
):
    _some_of_everything(org_a)
    if role == "network_admin":
        sign_in_admin(page, live_server, network_admin)
    else:
        sign_in(page, getattr(org_a, role))
    links = _nav_links(page) + ["/privacy-notice/"]
    assert len(links) >= 6, links
    visited = []
    for href in links:
        response = page.goto(live_server.url + href)
        assert response.status == 200, f"{href}: {response.status}"
        axe_check(page)
        visited.append(href)
    assert not page.errors, page.errors
    assert "/toolkit/" in visited


def _tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has the focus: proves it is reachable
    by keyboard, in a sensible order, without a mouse."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("page", [{"width": 1280, "height": 900}], indirect=True, ids=["desktop"])
def test_logging_a_session_with_the_keyboard_alone(page, live_server, org_a):
    page.goto(live_server.url + "/accounts/login/")
    _tab_to(page, "input[name=login]")
    page.keyboard.type(org_a.champion.email)
    _tab_to(page, "input[name=password]")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")
    _tab_to(page, "main a[href='/sessions/log/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sessions/log/")
    _tab_to(page, "button[data-duration='60']")
    page.keyboard.press("Enter")
    _tab_to(page, "input[name=new_learner_names]")
    page.keyboard.type("Mrs Keys")
    _tab_to(page, "input[name=topics][value=video_calls]")
    page.keyboard.press("Space")
    _tab_to(page, ".form-actions button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="One-to-one session").wait_for()
    session = SupportSession.objects.get()
    assert session.duration_minutes == 60
    assert session.topics == ["video_calls"]
    assert Learner.objects.get().display_name == "Mrs Keys"
    # The skip link is the first stop on every page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    assert not Resource.objects.exists()  # nothing else was touched
