"""Dashboards people are looking at, kept computed as their data changes.

After a write, the first person to open their organisation's dashboard waits while its figures
are computed again (impact/cache.py keeps them under the data's version): 240 ms for the largest
organisation of the large set, 700 ms of the national one, and in the load test that one wait was
the slowest request of every step. So each whole-organisation or network dashboard opened in the
last hour is remembered (`watch`), and beat's sweep (`warm_watched`, every few seconds) computes
the set for the data's current version wherever the cache does not hold it yet: the person who
comes next reads it from the cache.

Nothing shown is ever older than the data: a view still reads the set kept under the current
version, and computes it itself when the sweep has not got there yet. The sweep only does that
work earlier, off the request. The network's set reads every organisation, so it is computed at
most once a minute however often members write. With Redis down nothing is remembered and every
view computes, as before."""

import hashlib
import time

from django.core.cache import cache
from django.utils import timezone, translation

from .periods import Period
from .scope import Scope

WATCH_SECONDS = 60 * 60
NETWORK_EVERY_SECONDS = 60
_WATCHED = "impact:warming:watched"
_SEEN = "impact:warming:seen"
_SWEEPING = "impact:warming:sweeping"
_NETWORK_WARMED = "impact:warming:network"
# A dashboard seen again within this long is not remembered again.
_REMEMBER_EVERY_SECONDS = 5 * 60


def watch(*, scope: Scope, period: Period, unit: str) -> None:
    """Remember that someone opened this dashboard (an organisation's whole or the network's,
    optionally a sector or region), in their language: the sets hold words."""
    if scope.team is not None or scope.champion is not None:
        return  # one team's or champion's figures are computed from a few sessions
    entry = (
        scope.organisation.pk if scope.organisation is not None else None,
        scope.sector or "",
        scope.region or "",
        period.start,
        period.end,
        unit,
        translation.get_language() or "",
    )
    # One small write a view at most, and the list itself rewritten once an entry a while.
    digest = hashlib.sha1(repr(entry).encode()).hexdigest()
    if not cache.add(f"{_SEEN}:{digest}", True, _REMEMBER_EVERY_SECONDS):
        return
    now = time.time()
    watched = {
        e: seen for e, seen in (cache.get(_WATCHED) or {}).items() if now - seen < WATCH_SECONDS
    }
    watched[entry] = now
    cache.set(_WATCHED, watched, WATCH_SECONDS)


def warm_watched() -> int:
    """Compute, for the data's current version, each watched dashboard's set the cache does not
    hold (one figures-version query and one cache read for each that it does). One sweep at a
    time; returns how many dashboards it looked at."""
    from organisations.models import Organisation

    from . import reports

    if not cache.add(_SWEEPING, True, 5 * 60):
        return 0
    try:
        now = time.time()
        watched = {e: s for e, s in (cache.get(_WATCHED) or {}).items() if now - s < WATCH_SECONDS}
        organisations = Organisation.objects.in_bulk(
            [entry[0] for entry in watched if entry[0] is not None]
        )
        network_due = now - (cache.get(_NETWORK_WARMED) or 0) >= NETWORK_EVERY_SECONDS
        looked_at = 0
        for organisation_id, sector, region, start, end, unit, language in watched:
            period = Period(start=start, end=end)
            with translation.override(language or None):
                if organisation_id is None:
                    if not network_due:
                        continue
                    reports.network_dashboard(
                        scope=Scope(sector=sector or None, region=region or None),
                        period=period,
                        unit=unit,
                    )
                    cache.set(_NETWORK_WARMED, now, NETWORK_EVERY_SECONDS * 2)
                elif organisation_id in organisations:
                    reports.organisation_figures_cached(
                        scope=Scope(organisation=organisations[organisation_id]),
                        period=period,
                        unit=unit,
                        today=timezone.localdate(),
                    )
                else:
                    continue
            looked_at += 1
        return looked_at
    finally:
        cache.delete(_SWEEPING)
