"""The lending library in a real browser, at a phone's and a desktop's size with axe (WCAG 2.2
AA) on each page: a PM imports donated laptops from CSV and finds them in the stock list; a
champion lends one from the session form; the device's page shows the loan, its return and the
wipe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.vocabulary import DeviceStatus
from devices import services
from devices.models import Device, Loan
from tests.devices.factories import DeviceFactory
from tests.sessions_log.factories import LearnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"the page is {width}px wide at {viewport}px"


def test_a_pm_imports_laptops_and_keeps_the_stock(page, live_server, sign_in, org_a, axe_check,
                                                  tmp_path):  # fmt: skip
    rows = "kind,make,model,asset_tag,serial_number,source,donor,condition,location,received_on\n"
    rows += "".join(
        f"Laptop,Dell,Latitude 5490,DON-{n:03},SER{n:05},Donated,Riverside Bank,Good,Hub,"
        f"14/09/2026\n"
        for n in range(40)
    )
    upload = tmp_path / "laptops.csv"
    upload.write_text(rows)
    sign_in(page, org_a.pm)
    page.goto(live_server.url + "/devices/import/")
    axe_check(page)
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 40 devices").wait_for()
    axe_check(page)
    assert not Device.objects.exists()
    page.get_by_role("button", name="Import 40 devices").click()
    page.get_by_role("heading", name="40 devices imported").wait_for()
    assert Device.objects.filter(organisation=org_a.organisation).count() == 40
    page.goto(live_server.url + "/devices/")
    assert "40 in stock" in page.inner_text("main")
    axe_check(page)
    _no_sideways_scroll(page)
    page.get_by_label("Asset tag, serial, make or place").fill("DON-007")
    page.get_by_role("button", name="Show", exact=True).click()
    page.get_by_role("link", name="Laptop: Dell Latitude 5490").click()
    page.get_by_role("heading", name="Laptop: Dell Latitude 5490").wait_for()
    axe_check(page)
    _no_sideways_scroll(page)
    assert not page.errors, page.errors


def test_a_device_page_with_its_history(page, live_server, sign_in, org_a, axe_check):
    today = timezone.localdate()
    device = DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-0001")
    learner = LearnerFactory(organisation=org_a.organisation)
    loan = services.loan_make(device=device, learner=learner, champion=org_a.champion,
                              issued_on=today, due_on=today + timedelta(days=28))  # fmt: skip
    services.loan_return(loan=loan, returned_on=today, condition="fair", returned_to=org_a.pm)
    sign_in(page, org_a.pm)
    page.goto(live_server.url + f"/devices/{device.public_id}/")
    assert "data wipe" in page.inner_text("main")
    axe_check(page)
    page.get_by_role("link", name="Record a data wipe").click()
    axe_check(page)
    page.get_by_text("Factory reset", exact=True).click()
    page.get_by_role("button", name="Record the wipe").click()
    page.get_by_role("link", name="Lend it").wait_for()
    device.refresh_from_db()
    assert device.status == DeviceStatus.IN_STOCK
    axe_check(page)
    _no_sideways_scroll(page)


def test_a_champion_lends_from_the_session_form(page, live_server, sign_in, org_a, axe_check):
    DeviceFactory(organisation=org_a.organisation, asset_tag="RHA-0042")
    sign_in(page, org_a.champion)
    page.goto(live_server.url + "/sessions/log/")
    page.get_by_label("New learner: name or initials").fill("Mrs P")
    page.get_by_text("Barriers, devices, signposting and follow-up").click()
    page.get_by_text("Device lent", exact=True).click()
    page.get_by_label("Which device? Its asset tag or serial number").fill("RHA-0042")
    page.get_by_label("The learner accepted the loan agreement").check()
    axe_check(page)
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Save session", exact=True).click()
    page.wait_for_url("**/sessions/*/?saved=1")
    loan = Loan.objects.get()
    assert loan.learner.display_name == "Mrs P" and loan.session.device_support == "lent"
