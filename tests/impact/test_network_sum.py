"""The network's figures kept as a sum of its organisations' parts (impact/network_sum.py) are
exactly the network's figures computed at once (reports.network_figures_at_once), after any
writes, for the network, a sector and a region, any period and either trend unit: the same
labelled set, down to the organisation table's order. After one organisation's change only its
part is computed again; a champion serving two organisations counts once; an organisation that
moves sector leaves one sum and joins another; a part gone from the cache, or Redis down, means
the whole sum computed again, with the same figures."""

import random
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.vocabulary import DataGiftKind, DeviceCondition, Region, Sector, SessionStatus
from devices import services as devices
from devices.models import Loan
from impact import network_sum
from impact.cache import organisation_versions
from impact.periods import Period
from impact.reports import _network_figures, network_figures_at_once
from impact.scope import Scope
from organisations.models import Organisation
from sessions_log import services
from tests.core.test_redis_down import _free_port, redis_at
from tests.devices.factories import DataGiftFactory, DeviceFactory
from tests.factories import MembershipFactory
from tests.impact.test_rollups import DAYS, TODAY, World, _random_data

pytestmark = pytest.mark.django_db

SCOPES = [
    Scope(),
    Scope(sector=Sector.HOUSING),
    Scope(region=Region.LONDON),
    Scope(sector=Sector.CHARITY, region=Region.WALES),  # nobody
]


class Network(World):
    """World's two organisations, a third that has done nothing yet, a champion who serves the
    first two, and kit lent and data given."""

    def __init__(self, rng: random.Random):
        super().__init__(rng)
        first, second = self.orgs
        self.quiet = Organisation.objects.create(
            name="Org quiet", sector=Sector.HOUSING, region=Region.LONDON, local_authority="Here"
        )
        both = self.champions[first.pk][0]
        MembershipFactory(organisation=second, user=both)
        self.champions[second.pk].append(both)
        for org in self.orgs:
            learner = self.learners[org.pk][0]
            device = DeviceFactory(organisation=org)
            devices.loan_make(
                device=device,
                learner=learner,
                champion=both,
                issued_on=TODAY - timedelta(days=40),
                due_on=TODAY - timedelta(days=10),  # overdue now
            )
            DeviceFactory(organisation=org)  # in stock
            DataGiftFactory(organisation=org, given_to=learner, given_on=TODAY)
            DataGiftFactory(organisation=org, kind=DataGiftKind.VOUCHER, given_on=TODAY)

    def lend(self, org):
        """A device lent to one of the organisation's learners, or the oldest loan out returned."""
        out = Loan.objects.filter(organisation=org, returned_on__isnull=True).order_by("pk").first()
        if out is not None and self.rng.random() < 0.5:
            devices.loan_return(
                loan=out,
                returned_on=TODAY,
                condition=DeviceCondition.GOOD,
                returned_to=self.champions[org.pk][0],
                today=TODAY,
            )
            return
        issued_on = self.rng.choice(DAYS)
        devices.loan_make(
            device=DeviceFactory(organisation=org),
            learner=self.rng.choice(self.learners[org.pk]),
            champion=self.champions[org.pk][0],
            issued_on=issued_on,
            due_on=issued_on + timedelta(days=14),  # overdue now, unless lent in the last fortnight
            today=TODAY,
        )

    def shared_champion_logs(self):
        """The champion of two organisations gives a completed session in each."""
        for org in self.orgs:
            data = _random_data(self.rng, self.learners[org.pk])
            data.update(status=SessionStatus.COMPLETED, date=self.rng.choice(DAYS))
            services.session_log(organisation=org, champion=self.champions[org.pk][0], data=data)


def _differences(kept, whole, path=""):
    """Where two figure sets differ, as paths into them (for the failure's message)."""
    if isinstance(kept, dict) and isinstance(whole, dict):
        for key in kept.keys() | whole.keys():
            yield from _differences(kept.get(key), whole.get(key), f"{path}.{key}")
    elif isinstance(kept, list) and isinstance(whole, list) and len(kept) == len(whole):
        for i, (a, b) in enumerate(zip(kept, whole, strict=True)):
            yield from _differences(a, b, f"{path}[{i}]")
    elif kept != whole:
        yield f"{path}: {kept!r} kept, {whole!r} at once"


def _assert_kept_sum_is_the_network(scopes, periods, units=("month",)):
    for scope in scopes:
        for period in periods:
            for unit in units:
                options = {"scope": scope, "period": period, "unit": unit, "today": TODAY}
                kept, whole = _network_figures(**options), network_figures_at_once(**options)
                assert kept == whole, (scope, period, unit, list(_differences(kept, whole))[:5])


A_YEAR = Period(TODAY - timedelta(days=364), TODAY)
FIGURES, LENDING = network_sum.PIECES.index("figures"), network_sum.PIECES.index("lending")


def _a_network(seed: int, *, sessions: int = 20) -> Network:
    network = Network(random.Random(seed))
    for _ in range(sessions):
        network.log()
    return network


def _parts_kept(scope: Scope, period: Period) -> dict:
    database, _ = organisation_versions(scope)
    kept = cache.get(network_sum._sum_key(database, scope, period, "month", TODAY))
    return {pk: tuple(pieces) for pk, pieces in kept["pieces"].items()} if kept else {}


@pytest.mark.parametrize("seed", [pytest.param(1, marks=pytest.mark.dates), 2])
def test_the_kept_sum_is_the_network_computed_at_once_after_any_writes(seed):
    network = Network(random.Random(seed))
    for _ in range(30):
        network.log()
    network.shared_champion_logs()
    periods = network.periods()[:5]
    _assert_kept_sum_is_the_network(SCOPES, periods, units=("month", "week"))
    for _ in range(6):
        for _ in range(8):
            network.act()
        network.shared_champion_logs()
        network.lend(network.rng.choice(network.orgs))
        # The sums kept are now brought up to date by the changed organisations' parts.
        _assert_kept_sum_is_the_network(SCOPES, periods)
    network.hard_cases()
    _assert_kept_sum_is_the_network(SCOPES, periods)
    # The champion serving both organisations is counted once.
    whole = network_figures_at_once(scope=Scope(), period=periods[0], unit="month", today=TODAY)
    assert whole["figures"]["headline"].active_champions < sum(
        network_figures_at_once(
            scope=Scope(sector=org.sector), period=periods[0], unit="month", today=TODAY
        )["figures"]["headline"].active_champions
        for org in network.orgs
    )


def test_one_organisations_change_computes_only_its_part():
    network = _a_network(5)
    _assert_kept_sum_is_the_network([Scope()], [A_YEAR])
    before = _parts_kept(Scope(), A_YEAR)
    first, second = network.orgs
    assert set(before) == {first.pk, second.pk, network.quiet.pk}

    data = _random_data(network.rng, network.learners[first.pk])
    data.update(status=SessionStatus.COMPLETED, date=TODAY)
    services.session_log(organisation=first, champion=network.champions[first.pk][1], data=data)
    with CaptureQueriesContext(connection) as queries:
        figures = _network_figures(scope=Scope(), period=A_YEAR, unit="month", today=TODAY)
    assert figures == network_figures_at_once(
        scope=Scope(), period=A_YEAR, unit="month", today=TODAY
    )
    after = _parts_kept(Scope(), A_YEAR)
    assert after[second.pk] == before[second.pk]
    assert after[network.quiet.pk] == before[network.quiet.pk]
    assert after[first.pk][FIGURES] != before[first.pk][FIGURES]
    # A session moves no lending figure: that piece of the part is kept, not computed again.
    assert after[first.pk][LENDING] == before[first.pk][LENDING]
    assert not [q for q in queries.captured_queries if "devices_loan" in q["sql"]]
    # The parts were computed for the changed organisation alone.
    parts = [q["sql"] for q in queries.captured_queries if "unnest(ARRAY[" in q["sql"]]
    assert parts and all(f"unnest(ARRAY[{first.pk}]::bigint[])" in sql for sql in parts)


def test_a_loans_change_computes_only_its_organisations_lending():
    network = _a_network(9)
    _assert_kept_sum_is_the_network([Scope()], [A_YEAR])
    before = _parts_kept(Scope(), A_YEAR)
    lending_before = _network_figures(scope=Scope(), period=A_YEAR, unit="month", today=TODAY)[
        "lending"
    ]
    first, second = network.orgs
    network.lend(first)
    with CaptureQueriesContext(connection) as queries:
        figures = _network_figures(scope=Scope(), period=A_YEAR, unit="month", today=TODAY)
    assert figures == network_figures_at_once(
        scope=Scope(), period=A_YEAR, unit="month", today=TODAY
    )
    assert figures["lending"] != lending_before
    after = _parts_kept(Scope(), A_YEAR)
    assert after[first.pk][LENDING] != before[first.pk][LENDING]
    assert after[first.pk][FIGURES] == before[first.pk][FIGURES]
    assert after[second.pk] == before[second.pk]
    # Only the lending figures were read again, and only the changed organisation's.
    read = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in read if "impact_daytotals" in sql]
    lent = [sql for sql in read if "devices_loan" in sql]
    assert lent and all(f"IN ({first.pk})" in sql for sql in lent)


def test_an_organisation_moving_sector_leaves_one_sum_and_joins_the_other():
    network = _a_network(6, sessions=25)
    periods = [A_YEAR]
    scopes = [Scope(sector=Sector.HOUSING), Scope(sector=Sector.CHARITY), Scope()]
    _assert_kept_sum_is_the_network(scopes, periods)
    charity = next(org for org in network.orgs if org.sector == Sector.CHARITY)
    Organisation.objects.filter(pk=charity.pk).update(sector=Sector.HOUSING)
    _assert_kept_sum_is_the_network(scopes, periods)
    assert charity.pk in _parts_kept(Scope(sector=Sector.HOUSING), periods[0])
    assert charity.pk not in _parts_kept(Scope(sector=Sector.CHARITY), periods[0])


def test_a_part_gone_from_the_cache_means_the_whole_sum_again():
    network = _a_network(7)
    _assert_kept_sum_is_the_network([Scope()], [A_YEAR])
    first = network.orgs[0]
    for piece in (FIGURES, LENDING):
        cache.delete(_parts_kept(Scope(), A_YEAR)[first.pk][piece])
        network.shared_champion_logs()
        network.lend(first)
        _assert_kept_sum_is_the_network([Scope()], [A_YEAR])
        assert set(_parts_kept(Scope(), A_YEAR)) == {o.pk for o in Organisation.objects.all()}


def test_with_redis_down_the_network_is_computed_whole():
    network = _a_network(8)
    with redis_at(_free_port()):
        _assert_kept_sum_is_the_network(SCOPES[:2], [A_YEAR])
        network.shared_champion_logs()
        _assert_kept_sum_is_the_network(SCOPES[:2], [A_YEAR])
