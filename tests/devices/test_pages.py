"""The stock pages: who may use them, what they show, forms that keep what was typed and save
nothing half-done, and query counts that do not grow with the stock."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from core.vocabulary import DeviceStatus
from devices import services
from devices.models import DataGift, Device, LendingSettings, Loan, Wipe
from tests.devices.factories import DataGiftFactory, DeviceFactory
from tests.queries import exactly
from tests.sessions_log.factories import LearnerFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        yield


def _lent(org, **kw):
    device = kw.pop("device", None) or DeviceFactory(organisation=org.organisation)
    return services.loan_make(
        device=device,
        learner=kw.pop("learner", None) or LearnerFactory(organisation=org.organisation),
        champion=org.champion,
        issued_on=kw.pop("issued_on", TODAY),
        due_on=kw.pop("due_on", TODAY + timedelta(days=28)),
    )


def test_a_champion_keeps_the_stock_only_when_the_organisation_allows_it(org_a, client_for):
    client = client_for(org_a.champion)
    assert client.get(reverse("devices:stock")).status_code == 403
    assert client.get(reverse("devices:create")).status_code == 403
    LendingSettings.objects.create(organisation=org_a.organisation, champions_keep_stock=True)
    assert client.get(reverse("devices:stock")).status_code == 200
    # The settings themselves stay the project manager's.
    assert client.get(reverse("devices:settings")).status_code == 403


def test_pm_changes_the_lending_settings(org_a, client_for):
    client = client_for(org_a.pm)
    response = client.post(
        reverse("devices:settings"),
        {"champions_keep_stock": "on", "loan_days": "0", "agreement_version": ""},
    )
    assert "Enter 1 day or more." in response.content.decode()
    assert "Enter the agreement" in response.content.decode()
    assert not LendingSettings.objects.exists()
    client.post(
        reverse("devices:settings"),
        {"champions_keep_stock": "on", "loan_days": "14", "agreement_version": "2026-03"},
    )
    settings = LendingSettings.objects.get()
    assert (settings.champions_keep_stock, settings.loan_days) == (True, 14)


def test_network_pages_are_for_network_admins(org_a, client_for):
    assert client_for(org_a.pm).get(reverse("devices:network")).status_code == 403
    assert client_for(org_a.pm).get(reverse("devices:network_transfer")).status_code == 403


def test_wrong_method_and_signed_out(client, org_a, client_for):
    assert client.get(reverse("devices:stock")).status_code == 302
    assert client_for(org_a.pm).put(reverse("devices:stock")).status_code == 405


def test_pm_adds_a_device_and_a_duplicate_keeps_what_was_typed(org_a, client_for):
    client = client_for(org_a.pm)
    data = {
        "kind": "laptop",
        "make": "Lenovo",
        "model": "ThinkPad",
        "asset_tag": "RHA-1",
        "serial_number": "PF1",
        "source": "donated",
        "donor": "Local bank",
        "condition": "good",
        "location": "Cupboard 2",
        "received_on": "2026-11-02",
    }
    response = client.post(reverse("devices:create"), data)
    device = Device.objects.get()
    assert response["Location"] == reverse("devices:detail", args=[device.public_id])
    assert (device.donor, device.received_on) == ("Local bank", date(2026, 11, 2))
    response = client.post(reverse("devices:create"), data | {"serial_number": "PF2"})
    page = response.content.decode()
    assert "asset tag “RHA-1”" in page and 'value="Cupboard 2"' in page
    assert Device.objects.count() == 1


def test_every_problem_of_the_device_form_at_once(org_a, client_for):
    response = client_for(org_a.pm).post(reverse("devices:create"), {"model": "X1"})
    page = response.content.decode()
    for message in (
        "Choose what kind of device it is.",
        "Enter the make, like Lenovo.",
        "Choose where the device came from.",
    ):
        assert message in page
    assert 'value="X1"' in page and not Device.objects.exists()


def test_lend_return_wipe_and_lend_again_from_the_device_page(org_a, client_for):
    client = client_for(org_a.pm)
    device = DeviceFactory(organisation=org_a.organisation)
    first, second = (LearnerFactory(organisation=org_a.organisation) for _ in range(2))
    lend = reverse("devices:lend", args=[device.public_id])
    response = client.post(
        lend, {"learner": first.reference, "issued_on": "2026-11-20", "due_on": "2026-12-18"}
    )
    assert "accepted the loan agreement" in response.content.decode()
    assert not Loan.objects.exists()
    client.post(
        lend,
        {
            "learner": first.reference.lower(),
            "issued_on": "2026-11-20",
            "due_on": "2026-12-18",
            "agreement_accepted": "on",
        },
    )
    loan = Loan.objects.get()
    assert (loan.learner, loan.agreement_recorded_by) == (first, org_a.pm)
    page = client.get(reverse("devices:detail", args=[device.public_id])).content.decode()
    assert first.reference in page and "18 Dec 2026" in page
    client.post(
        reverse("devices:loan_return", args=[loan.public_id]),
        {"returned_on": "2026-11-20", "condition": "fair"},
    )
    response = client.post(
        lend,
        {
            "learner": second.reference,
            "issued_on": "2026-11-20",
            "due_on": "2026-12-18",
            "agreement_accepted": "on",
        },
    )
    assert "Record the wipe first" in response.content.decode()
    client.post(
        reverse("devices:wipe", args=[device.public_id]),
        {"wiped_on": "2026-11-20", "method": "factory_reset"},
    )
    assert Wipe.objects.get().after_loan == loan
    client.post(
        lend,
        {
            "learner": second.reference,
            "issued_on": "2026-11-20",
            "due_on": "2026-12-18",
            "agreement_accepted": "on",
        },
    )
    assert Loan.objects.open().get().learner == second


def test_extend_and_lost(org_a, client_for):
    client = client_for(org_a.pm)
    loan = _lent(org_a)
    response = client.post(
        reverse("devices:loan_extend", args=[loan.public_id]), {"due_on": "2026-12-01"}
    )
    assert "after the current due date" in response.content.decode()
    client.post(reverse("devices:loan_extend", args=[loan.public_id]), {"due_on": "2027-01-15"})
    loan.refresh_from_db()
    assert loan.due_on == date(2027, 1, 15)
    client.post(reverse("devices:loan_lost", args=[loan.public_id]), {"lost_on": "2026-11-20"})
    assert Device.objects.get().status == DeviceStatus.LOST


def test_sims_and_vouchers_are_added_and_given(org_a, client_for):
    client = client_for(org_a.pm)
    learner = LearnerFactory(organisation=org_a.organisation)
    response = client.post(
        reverse("devices:data_create"),
        {"kind": "sim", "network": "Vodafone", "allowance_gb": "abc", "reference": "NDB-1"},
    )
    assert "Enter the allowance as a number" in response.content.decode()
    client.post(
        reverse("devices:data_create"),
        {"kind": "sim", "network": "Vodafone", "allowance_gb": "20", "reference": "NDB-1"},
    )
    gift = DataGift.objects.get()
    client.post(
        reverse("devices:data_give", args=[gift.public_id]),
        {"learner": learner.reference, "given_on": "2026-11-20"},
    )
    gift.refresh_from_db()
    assert (gift.given_to, gift.given_on) == (learner, TODAY)
    assert b"No SIMs or data vouchers in stock" in client.get(reverse("devices:data_list")).content


def test_stock_list_filters(org_a, client_for):
    DeviceFactory(organisation=org_a.organisation, asset_tag="TAB-1", kind="tablet")
    DeviceFactory(organisation=org_a.organisation, asset_tag="LAP-1", kind="laptop")
    client = client_for(org_a.pm)
    page = client.get(reverse("devices:stock"), {"kind": "tablet"}).content.decode()
    assert "TAB-1" in page and "LAP-1" not in page
    page = client.get(reverse("devices:stock"), {"q": "lap-1"}).content.decode()
    assert "LAP-1" in page and "TAB-1" not in page
    # A made-up filter value is ignored, not a server error.
    assert client.get(reverse("devices:stock"), {"status": "<x>"}).status_code == 200


def test_stock_list_query_count_does_not_grow(org_a, client_for):
    client = client_for(org_a.pm)
    client.get(reverse("home"))
    queries = [
        "session",
        "user",
        "memberships (the current organisation)",
        "this page of devices (keyset; the counts by status say how many)",
        "devices by status (the counts)",
    ]
    DeviceFactory.create_batch(3, organisation=org_a.organisation)
    with exactly(queries):
        client.get(reverse("devices:stock"))
    DeviceFactory.create_batch(60, organisation=org_a.organisation)
    _lent(org_a)
    with exactly(queries):
        response = client.get(reverse("devices:stock"))
    assert response.content.count(b'href="/devices/') >= 50


def test_device_page_query_count_does_not_grow(org_a, client_for):
    client = client_for(org_a.pm)
    client.get(reverse("home"))
    device = DeviceFactory(organisation=org_a.organisation)
    queries = [
        "session",
        "user",
        "memberships (the current organisation)",
        "the device",
        "its latest loans, with learner, champion and the wipe after each",
        "its wipes, with who wiped",
    ]
    with exactly(queries):
        client.get(reverse("devices:detail", args=[device.public_id]))
    for _n in range(4):
        loan = _lent(org_a, device=device)
        services.loan_return(loan=loan, returned_on=TODAY, condition="good", returned_to=org_a.pm)
        services.wipe_record(device=device, wiped_by=org_a.pm, wiped_on=TODAY, method="mdm")
    _lent(org_a, device=device)
    with exactly(queries):
        response = client.get(reverse("devices:detail", args=[device.public_id]))
    assert response.content.decode().count("Returned 20 Nov 2026") == 4


def test_data_list_shows_only_own_organisation(org_a, org_b, client_for):
    DataGiftFactory(organisation=org_b.organisation, network="Outsider Mobile")
    DataGiftFactory(organisation=org_a.organisation, network="Three")
    page = client_for(org_a.pm).get(reverse("devices:data_list")).content.decode()
    assert "Three" in page and "Outsider Mobile" not in page


def test_a_loans_save_query_count_does_not_grow(org_a, client_for):
    client = client_for(org_a.pm)
    client.get(reverse("home"))
    learner = LearnerFactory(organisation=org_a.organisation)
    data = {
        "learner": learner.reference,
        "issued_on": "2026-11-20",
        "due_on": "2026-12-18",
        "agreement_accepted": "on",
    }
    queries = [
        "session",
        "user",
        "memberships (the current organisation)",
        "the device",
        "the learner, by reference",
        "savepoint (loan_make)",
        "the device again, locked",
        "the wipe that cleared it (after an earlier loan)",
        "the lending settings (the agreement's version)",
        "the loan",
        "the device: on loan, one more loan",
        "release savepoint",
    ]
    for n in range(2):
        device = DeviceFactory(organisation=org_a.organisation)
        if n:  # a device with loans behind it, back in stock after its wipe
            loan = _lent(org_a, device=device)
            services.loan_return(
                loan=loan, returned_on=TODAY, condition="good", returned_to=org_a.pm
            )
            services.wipe_record(device=device, wiped_by=org_a.pm, wiped_on=TODAY, method="mdm")
        with exactly(queries if n else [q for q in queries if "wipe" not in q]):
            response = client.post(reverse("devices:lend", args=[device.public_id]), data)
        assert response.status_code == 302
