"""The lending library's figures on the organisation and network dashboards, their CSV and the
board report; the network admin's counts and transfers."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from core.vocabulary import DeviceStatus
from devices import selectors, services
from devices.models import Device, DeviceTransfer
from impact.periods import Period
from tests.devices.factories import DataGiftFactory, DeviceFactory
from tests.sessions_log.factories import LearnerFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)
QUARTER = {"period": "custom", "start": "2026-10-01", "end": "2026-12-31"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        yield


@pytest.fixture
def kit(org_a, org_b):
    """In org A this quarter: three loans to two people (one returned, one overdue), one loan
    to a learner since erased, a SIM (20 GB) and a voucher (7.5 GB) given, two devices in
    stock; one loan from last year. Org B's kit never counts for A."""
    from privacy.services import learner_erase

    org = org_a.organisation
    joan, ali, erased = (LearnerFactory(organisation=org) for _ in range(3))

    def lend(learner, issued, due):
        return services.loan_make(
            device=DeviceFactory(organisation=org),
            learner=learner,
            champion=org_a.champion,
            issued_on=issued,
            due_on=due,
        )

    returned = lend(joan, date(2026, 10, 5), date(2026, 11, 2))
    services.loan_return(loan=returned, returned_on=date(2026, 11, 1), condition="good",
                         returned_to=org_a.pm)  # fmt: skip
    lend(joan, date(2026, 11, 3), date(2026, 11, 17))  # overdue now
    lend(ali, date(2026, 11, 10), date(2026, 12, 10))
    lend(erased, date(2026, 11, 11), date(2026, 12, 11))
    learner_erase(learner=erased, actor=org_a.pm)
    lend(LearnerFactory(organisation=org), date(2025, 11, 1), date(2025, 12, 1))
    for kind, gb in (("sim", 20), ("voucher", "7.5")):
        services.data_gift_give(
            gift=DataGiftFactory(organisation=org, kind=kind, allowance_gb=gb),
            learner=ali,
            given_by=org_a.pm,
            given_on=date(2026, 11, 12),
        )
    DeviceFactory.create_batch(2, organisation=org)
    DeviceFactory.create_batch(3, organisation=org_b.organisation)
    return org_a


def test_the_figures_count_what_happened(kit):
    figures = selectors.lending_figures(
        organisations=[kit.organisation.pk],
        start=date(2026, 10, 1),
        end=date(2026, 12, 31),
        today=TODAY,
    )
    assert (figures.loans_made, figures.loans_returned, figures.overdue_now) == (4, 1, 2)
    assert (figures.devices_in_stock, figures.devices_on_loan) == (2, 4)
    assert (figures.sims_given, figures.vouchers_given, str(figures.gigabytes_given)) == (
        1,
        1,
        "27.50",
    )
    # Joan, Ali, and the erased learner: three people helped with kit this quarter.
    assert figures.people_lent_kit == 3


def test_the_dashboard_csv_and_report_show_them(kit, client_for):
    client = client_for(kit.pm)
    page = client.get(reverse("impact:organisation"), QUARTER).content.decode()
    assert "People helped who were lent a device or given data" in page
    csv = client.get(reverse("impact:organisation_table_csv"), QUARTER | {"table": "lending"})
    lines = csv.content.decode().splitlines()
    assert "People helped who were lent a device or given data,3,people_lent_kit" in lines
    assert "Data given (GB),27.50,gigabytes_given" in lines
    report = client.get(reverse("impact:report"), QUARTER).content.decode()
    assert "Loans overdue now" in report


def test_the_network_dashboard_and_admin_counts(kit, org_b, network_admin, client_for):
    client = client_for(network_admin)
    page = client.get(reverse("impact:network"), QUARTER).content.decode()
    assert "Devices and data" in page
    counts = client.get(reverse("devices:network")).content.decode()
    assert "Organisation A" in counts and "Organisation B" in counts
    by_sector = client.get(reverse("devices:network"), {"by": "sector"}).content.decode()
    assert "Charity" in by_sector
    # Counts only, never who had the kit.
    for learner in kit.organisation.learners.all():
        assert learner.reference not in counts


def test_a_team_filter_hides_the_organisations_kit(kit, client_for):
    from impact import reports
    from impact.selectors import Scope

    scope = Scope(organisation=kit.organisation, team=kit.champion_membership.team)
    period = Period(start=date(2026, 10, 1), end=date(2026, 12, 31))
    assert reports.lending(scope=scope, period=period) is None


def test_a_network_admin_transfers_devices_in_stock(org_a, org_b, network_admin, client_for):
    moving = DeviceFactory(organisation=org_a.organisation, asset_tag="MOVE-1")
    out = DeviceFactory(organisation=org_a.organisation, asset_tag="OUT-1")
    services.loan_make(
        device=out,
        learner=LearnerFactory(organisation=org_a.organisation),
        champion=org_a.champion,
        issued_on=TODAY,
        due_on=TODAY + timedelta(days=7),
    )
    client = client_for(network_admin)
    data = {
        "from_organisation": org_a.organisation.public_id,
        "to_organisation": org_b.organisation.public_id,
        "asset_tags": "MOVE-1\nOUT-1, NOPE-9",
    }
    page = client.post(reverse("devices:network_transfer"), data).content.decode()
    assert "NOPE-9" in page and not DeviceTransfer.objects.exists()
    page = client.post(
        reverse("devices:network_transfer"), data | {"asset_tags": "MOVE-1\nOUT-1"}
    ).content.decode()
    assert "is not in stock" in page and not DeviceTransfer.objects.exists()
    response = client.post(reverse("devices:network_transfer"), data | {"asset_tags": "MOVE-1"})
    assert response.status_code == 302
    moving.refresh_from_db()
    assert moving.organisation == org_b.organisation and moving.status == DeviceStatus.IN_STOCK
    transfer = DeviceTransfer.objects.get()
    assert (transfer.from_organisation, transfer.device_count) == (org_a.organisation, 1)
    # A's PM no longer finds it: another organisation's device is a 404.
    response = client_for(org_a.pm).get(reverse("devices:detail", args=[moving.public_id]))
    assert response.status_code == 404
    assert Device.objects.filter(organisation=org_a.organisation).count() == 1
