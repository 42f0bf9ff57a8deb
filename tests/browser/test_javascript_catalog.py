"""The portal's scripts read their words from Django's JavaScript catalogue (core/javascript_catalog.py)
under the strict CSP: it loads before them, and the timeout warning's countdown is written through
gettext() and interpolate()."""

import re

import pytest

from tests.browser.conftest import DESKTOP, new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desktop(browser):
    context = new_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(30000)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()


def test_the_catalogue_loads_and_the_countdown_speaks_through_it(
    desktop, live_server, sign_in, org_a, settings
):
    # Idle for 302 seconds, warned 300 before: the warning opens two seconds after the page.
    settings.SESSION_COOKIE_AGE = 302
    page = desktop
    sign_in(page, org_a.champion)
    # The catalogue itself, not portal.js's English stand-in, defines gettext (and `django`).
    assert page.evaluate(
        "typeof window.django === 'object' && window.django.gettext === window.gettext"
    )
    countdown = page.locator("#session-timeout [data-countdown]")
    countdown.wait_for(state="visible")
    page.wait_for_function(
        "() => / min \\d/.test(document.querySelector('#session-timeout [data-countdown]').textContent)"
    )
    assert re.fullmatch(r"\d+ min \d+ s", countdown.inner_text())
    assert page.errors == []
