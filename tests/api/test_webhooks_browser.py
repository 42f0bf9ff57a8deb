"""A PM sets up a webhook in a real Chromium, phone and desktop, with axe: adds the endpoint,
copies its secret, sends a test event to a real receiver and reads it in the delivery log."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_pm_adds_an_endpoint_and_sends_a_test_event(
    page, live_server, sign_in, org_a, receiver, axe_check, tmp_path
):
    sign_in(page, org_a.pm)
    page.goto(live_server.url + "/api/keys/")
    page.get_by_role("link", name="Manage webhooks").click()
    axe_check(page)
    page.get_by_role("button", name="Add endpoint").click()
    assert "Enter the address to send events to." in page.inner_text("main")
    assert "Choose at least one event to send." in page.inner_text("main")
    page.get_by_label("Address").fill(receiver.url)
    page.get_by_label("A session is logged").check()
    page.get_by_role("button", name="Add endpoint").click()
    secret = page.locator("#new-secret").inner_text()
    assert secret.startswith("whsec_")
    axe_check(page)
    page.get_by_role("button", name="Send a test event").click()
    assert "A test event is on its way" in page.inner_text("main")
    log = page.locator("table").inner_text()
    assert "Test event" in log and "Delivered" in log and "200" in log
    axe_check(page)
    page.screenshot(path=str(tmp_path / "webhook.png"), full_page=True)
    assert len(receiver.received) == 1
    assert not page.errors, page.errors
