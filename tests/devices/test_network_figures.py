"""The kit figures across the network (the network dashboard's "Devices and data" and the network
admin's counts by organisation, sector and region) are kept in the versioned cache
(impact/cache.py): read in a fixed number of queries however much stock there is, and never
older than the stock, because every write to a device, a loan or a SIM moves the version on in
the writer's own transaction (impact/sql/rollups.sql)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from devices import services
from devices.models import Device
from tests.devices.factories import DataGiftFactory, DeviceFactory
from tests.queries import exactly
from tests.sessions_log.factories import LearnerFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 20)
QUARTER = {"period": "custom", "start": "2026-10-01", "end": "2026-12-31"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        yield


def _lend(org, device=None, **kw):
    return services.loan_make(
        device=device or DeviceFactory(organisation=org.organisation),
        learner=LearnerFactory(organisation=org.organisation),
        champion=org.champion,
        issued_on=kw.pop("issued_on", TODAY),
        due_on=kw.pop("due_on", TODAY + timedelta(days=28)),
    )


def _network_lending(client):
    return client.get(reverse("impact:network"), QUARTER).context["lending"]


def test_a_loans_write_shows_on_the_cached_network_dashboard(
    org_a, org_b, network_admin, client_for
):
    client = client_for(network_admin)
    DeviceFactory.create_batch(2, organisation=org_b.organisation)
    before = _network_lending(client)
    assert (before.devices_in_stock, before.loans_made) == (2, 0)
    assert _network_lending(client) == before  # from the cache
    loan = _lend(org_a)
    after = _network_lending(client)
    assert (after.devices_in_stock, after.devices_on_loan, after.loans_made) == (2, 1, 1)
    services.loan_return(loan=loan, returned_on=TODAY, condition="good", returned_to=org_a.pm)
    assert _network_lending(client).loans_returned == 1
    services.data_gift_give(
        gift=DataGiftFactory(organisation=org_b.organisation, allowance_gb=20),
        learner=LearnerFactory(organisation=org_b.organisation),
        given_by=org_b.pm,
        given_on=TODAY,
    )
    assert str(_network_lending(client).gigabytes_given) == "20.00"


def test_overdue_now_is_counted_again_the_next_day(org_a):
    from impact import reports
    from impact.periods import Period
    from impact.scope import Scope

    def overdue_now():
        period = Period(start=date(2026, 10, 1), end=date(2026, 12, 31))
        return reports.network_dashboard(scope=Scope(), period=period)["lending"].overdue_now

    _lend(org_a, due_on=TODAY)
    assert overdue_now() == overdue_now() == 0  # the second from the cache
    with time_machine.travel("2026-11-21 10:00 +00:00", tick=False):
        assert overdue_now() == 1


def test_the_organisation_dashboard_shows_a_loan_made_since_it_was_cached(org_a, client_for):
    client = client_for(org_a.pm)
    url = reverse("impact:organisation")
    assert client.get(url, QUARTER).context["lending"].loans_made == 0
    _lend(org_a)
    assert client.get(url, QUARTER).context["lending"].loans_made == 1


def _counts(client, by="organisation"):
    rows = client.get(reverse("devices:network"), {"by": by}).context["rows"]
    return {row["label"]: (row["devices"], row["in_stock"], row["on_loan"]) for row in rows}


def test_the_admins_counts_follow_loans_and_transfers(org_a, org_b, network_admin, client_for):
    client = client_for(network_admin)
    moving = DeviceFactory(organisation=org_a.organisation)
    DeviceFactory(organisation=org_b.organisation)
    a, b = org_a.organisation.name, org_b.organisation.name
    assert _counts(client) == {a: (1, 1, 0), b: (1, 1, 0)}
    services.devices_transfer(devices=[moving], to_organisation=org_b.organisation, by=None)
    assert _counts(client) == {b: (2, 2, 0)}
    _lend(org_b, device=Device.objects.filter(organisation=org_b.organisation).first())
    assert _counts(client) == {b: (2, 1, 1)}
    assert sum(n for n, _s, _l in _counts(client, by="region").values()) == 2


def test_the_admins_counts_page_query_count_does_not_grow(org_a, org_b, network_admin, client_for):
    client = client_for(network_admin)
    client.get(reverse("home"))
    url = reverse("devices:network")
    signed_in = ["session", "user", "the admin's memberships"]
    computed = [
        "version of the network's figures",
        "devices by organisation and status (the index alone)",
        "those organisations' names",
    ]
    cached = ["version of the network's figures"]
    latest = ["the latest transfers, with their organisations"]
    for n in (1, 40):
        DeviceFactory.create_batch(n, organisation=org_a.organisation)
        DeviceFactory.create_batch(n, organisation=org_b.organisation)
        with exactly(signed_in + computed + latest):
            client.get(url)
        with exactly(signed_in + cached + latest):
            assert client.get(url).status_code == 200
