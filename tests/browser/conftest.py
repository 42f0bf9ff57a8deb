"""Real Chromium (Debian's) driven by Playwright against pytest-django's live server."""

import os

import pytest
import time_machine
from django.utils import timezone

from tests.factories import TEST_PASSWORD

# Playwright's sync API runs an event loop in this thread; Django's ORM is still used
# synchronously by the tests around it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The session's one Chromium (the `browser` fixture) is in tests/conftest.py: browser tests live
# in more than one directory, and two Playwright drivers in one thread cannot both run.
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Every browser is in the UK, whatever the machine's zone: "today" on a page is a UK day.
UK_TIME = "Europe/London"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def keep_the_servers_time(context):
    """A browser's clock is the machine's, but the live server's is the test's (tests/clock.py,
    time-machine): where they differ, the pages' clock is moved to the server's and keeps
    ticking, so "today" on the device (the offline form's date, "due today") is the server's
    today, as on a real phone. Service workers keep the machine's clock (Playwright reaches only
    pages); the portal's worker does not ask it for dates."""
    escape = time_machine.escape_hatch
    if escape.is_travelling() and abs(timezone.now().timestamp() - escape.time.time()) > 60:
        context.clock.install(time=timezone.now())
    return context


def new_context(browser, **options):
    """A browser context as every browser test opens one: in UK time, on the server's clock."""
    return keep_the_servers_time(browser.new_context(timezone_id=UK_TIME, **options))


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def page(request, browser):
    context = new_context(browser, viewport=request.param, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30000)  # generous: CI machines have two busy cores
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()


@pytest.fixture
def sign_in(live_server):
    def do(page, user, password=TEST_PASSWORD):
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(live_server.url + "/")
        return page

    return do


@pytest.fixture
def axe_check():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        # A check straight after a click can otherwise run before the new
        # page's stylesheets arrive, and judge unstyled links.
        page.wait_for_load_state("load")
        # Nor while a button's colours are still changing (Bootstrap's 0.15 s transition after
        # a click), when axe judges a blend of the two states. An animation cancelled meanwhile
        # (its element replaced, a transition interrupted) is over too: its `finished` rejects
        # with an AbortError, which failed the check once (ci-like, 4 December).
        page.evaluate(
            "Promise.all(document.getAnimations()"
            ".filter((a) => a.effect.getTiming().iterations !== Infinity)"
            ".map((a) => a.finished.catch(() => null)))"
        )
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


def open_menu(page):
    """On a phone the navigation is behind the menu button."""
    toggler = page.get_by_role("button", name="Menu", exact=True)
    if toggler.is_visible():
        toggler.click()
        page.locator("#main-nav.show").wait_for()
