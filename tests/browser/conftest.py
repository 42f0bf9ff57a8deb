"""Real Chromium (Debian's) driven by Playwright against pytest-django's live server."""

import os

import pytest

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
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def page(request, browser):
    context = browser.new_context(viewport=request.param, accept_downloads=True)
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
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


def open_menu(page):
    """On a phone the navigation is behind the menu button."""
    toggler = page.get_by_role("button", name="Menu", exact=True)
    if toggler.is_visible():
        toggler.click()
        page.locator("#main-nav.show").wait_for()
