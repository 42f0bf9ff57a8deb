"""The documentation page in a real Chromium (Debian's) under the portal's CSP: Swagger UI draws
every operation and the browser reports no refused script or style."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_works_under_the_csp(live_server, browser):
    errors = []
    page = browser.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server.url + "/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=30000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    page.close()
    assert any("/api/v1/sessions/" in path for path in paths)
    assert not [e for e in errors if "Content Security Policy" in e], errors
    assert not errors, errors
