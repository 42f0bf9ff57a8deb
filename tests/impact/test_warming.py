"""Dashboards someone opened are computed again by beat's sweep after their data changes
(impact/warming.py), so the next person reads them from the cache; never an older figure."""

from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from impact import reports, warming
from impact.tasks import warm_the_network_dashboard_for_the_day, warm_watched_dashboards
from tests.sessions_log.factories import AttendanceFactory, SupportSessionFactory
from tests.workers import broker, wait_for

pytestmark = pytest.mark.django_db
OCTOBER = {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False) as traveller:
        yield traveller


def _session(org_a, day=date(2026, 10, 6)):
    session = SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, date=day, anonymous_count=0
    )
    AttendanceFactory(session=session)
    return session


def _look(client, url=None, params=OCTOBER):
    """The dashboard's completed sessions, and how many queries the page took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url or reverse("impact:organisation"), params)
    return response.context["figures"]["headline"].sessions_completed, len(queries)


def test_the_sweep_computes_a_watched_dashboard_after_a_write(org_a, client_for):
    client = client_for(org_a.pm)
    _session(org_a)
    assert _look(client)[0] == 1
    cached_queries = _look(client)[1]
    _session(org_a, date(2026, 10, 7))

    assert reports.warm_watched() == 1

    sessions, queries = _look(client)
    assert sessions == 2  # the new figure, read from the set the sweep kept
    assert queries == cached_queries


def test_without_the_sweep_the_next_look_computes_the_new_figure_itself(org_a, client_for):
    client = client_for(org_a.pm)
    _session(org_a)
    _look(client)
    cached_queries = _look(client)[1]
    _session(org_a, date(2026, 10, 7))
    sessions, queries = _look(client)
    assert sessions == 2
    assert queries > cached_queries


def test_a_dashboard_nobody_opened_for_an_hour_is_left_alone(org_a, client_for, _clock):
    _look(client_for(org_a.pm))
    _clock.shift(60 * 60 + 1)
    assert reports.warm_watched() == 0


def test_one_team_or_champion_is_not_watched(org_a, client_for):
    client = client_for(org_a.pm)
    client.get(reverse("impact:organisation"), {**OCTOBER, "champion": org_a.champion.public_id})
    assert reports.warm_watched() == 0


def test_the_network_is_computed_at_most_once_a_minute(org_a, network_admin, client_for, _clock):
    url = reverse("impact:network")
    client = client_for(network_admin)
    client.get(url, OCTOBER)
    assert reports.warm_watched() == 1
    _session(org_a)
    assert reports.warm_watched() == 0
    _clock.shift(warming.NETWORK_EVERY_SECONDS)
    assert reports.warm_watched() == 1
    assert client.get(url, OCTOBER).context["figures"]["headline"].sessions_completed == 1


def test_the_sweep_never_counts_as_someone_opening_the_page(
    org_a, network_admin, client_for, _clock
):
    """Otherwise a dashboard opened once would be watched, and computed, for ever."""
    from django.core.cache import cache

    client_for(org_a.pm).get(reverse("impact:organisation"), OCTOBER)
    client_for(network_admin).get(reverse("impact:network"), OCTOBER)
    opened = cache.get(warming._WATCHED)
    assert len(opened) == 2
    cache.clear()  # the marks that stop a page being remembered twice in five minutes too
    cache.set(warming._WATCHED, opened, warming.WATCH_SECONDS)
    _clock.shift(10 * 60)
    assert reports.warm_watched() == 2
    assert cache.get(warming._WATCHED) == opened


def test_each_language_is_kept_warm_in_its_own_words(org_a, client_for):
    org_a.pm.language = "cy"
    org_a.pm.save(update_fields=["language"])
    client = client_for(org_a.pm)
    _session(org_a)
    page = client.get(reverse("impact:organisation"), OCTOBER).content.decode()
    assert 'lang="cy"' in page
    cached_queries = _look(client)[1]
    _session(org_a, date(2026, 10, 7))
    assert not _kept(org_a)
    reports.warm_watched()
    assert _kept(org_a, language="cy") and not _kept(org_a)
    assert _look(client) == (2, cached_queries)


def _kept(org_a, language=settings.LANGUAGE_CODE) -> bool:
    """Whether the cache holds October's set for the data's current version, looked up without
    computing it."""
    from django.core.cache import cache
    from django.utils import timezone, translation

    from impact.cache import _key, figures_version
    from impact.periods import Period
    from impact.reports import _organisation_figures
    from impact.scope import Scope

    scope = Scope(organisation=org_a.organisation)
    period = Period(start=date(2026, 10, 1), end=date(2026, 10, 31))
    options = {"unit": "month", "today": timezone.localdate()}
    with translation.override(language):
        version = figures_version(scope, of="all but lending")
        key = _key(_organisation_figures, scope, period, options, version)
    return cache.get(key) is not None


def _network_kept_for_the_day() -> list[str]:
    """The languages whose network dashboard, as it first opens today (the last 12 months, by
    month), the cache holds for the data's current version: looked up without computing it."""
    from django.core.cache import cache
    from django.utils import timezone, translation

    from impact.cache import _key, figures_version
    from impact.periods import period_from_preset
    from impact.reports import _network_figures
    from impact.scope import Scope

    today = timezone.localdate()
    period = period_from_preset("last_12_months", today=today)
    kept = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            key = _key(
                _network_figures,
                Scope(),
                period,
                {"unit": "month", "today": today},
                figures_version(Scope()),
            )
        if cache.get(key) is not None:
            kept.append(language)
    return kept


def test_the_network_dashboard_is_built_for_the_new_day_in_each_language(
    org_a, network_admin, client_for, _clock
):
    _session(org_a, date(2026, 11, 19))
    assert _network_kept_for_the_day() == []
    assert reports.warm_the_network_for_the_day() == len(settings.LANGUAGES)
    assert _network_kept_for_the_day() == [code for code, _ in settings.LANGUAGES]
    # The first network admin of the day reads it from the cache (no organisation's part is
    # computed), and sees the session.
    with CaptureQueriesContext(connection) as queries:
        response = client_for(network_admin).get(reverse("impact:network"))
    assert response.context["figures"]["headline"].sessions_completed == 1
    assert not [q for q in queries.captured_queries if "impact_daytotals" in q["sql"]]
    # Beat sends it just after midnight.
    entry = settings.CELERY_BEAT_SCHEDULE["warm-the-network-dashboard-for-the-day"]
    assert entry["task"] == warm_the_network_dashboard_for_the_day.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({0}, {5})


@pytest.fixture
def own_broker():
    """A Redis database no other test's tasks travel on (see tests/notifications)."""
    with broker("redis://127.0.0.1:6379/12"):
        yield


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_sweep(org_a, client_for, own_broker, real_worker):
    client = client_for(org_a.pm)
    _session(org_a)
    _look(client)
    _session(org_a, date(2026, 10, 7))
    assert not _kept(org_a)
    warm_watched_dashboards.delay()
    assert wait_for(lambda: _kept(org_a))
    assert _look(client)[0] == 2


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_network_dashboard_for_the_day(org_a, own_broker, real_worker):
    _session(org_a, date(2026, 11, 19))
    assert _network_kept_for_the_day() == []
    warm_the_network_dashboard_for_the_day.delay()
    assert wait_for(lambda: len(_network_kept_for_the_day()) == len(settings.LANGUAGES))
