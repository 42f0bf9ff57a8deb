"""Dashboards people are looking at, kept computed as their data changes.

After a write, the first person to open their organisation's dashboard waits while its figures
are computed again (impact/cache.py keeps them under the data's version): 240 ms for the largest
organisation of the large set, 700 ms of the national one, and in the load test that one wait was
the slowest request of every step. So each whole-organisation or network dashboard opened in the
last hour is remembered here (`watch`), and beat's sweep (impact.reports.warm_watched, every few
seconds) computes the set for the data's current version wherever the cache does not hold it
yet: the person who comes next reads it from the cache.

Nothing shown is ever older than the data: a view still reads the set kept under the current
version, and computes it itself when the sweep has not got there yet. The sweep only does that
work earlier, off the request. The network's set reads every organisation, so it is computed at
most once a minute however often members write. With Redis down nothing is remembered and every
view computes, as before."""

import hashlib
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.utils import translation

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
    cache.set(_WATCHED, {**_opened_within_the_hour(now), entry: now}, WATCH_SECONDS)


def _opened_within_the_hour(now: float) -> dict[tuple, float]:
    return {
        e: seen for e, seen in (cache.get(_WATCHED) or {}).items() if now - seen < WATCH_SECONDS
    }


def watched() -> list[tuple]:
    """The dashboards opened in the last hour: (organisation id or None for the network, sector,
    region, period, unit, language) each."""
    return [
        (organisation_id, sector, region, Period(start=start, end=end), unit, language)
        for organisation_id, sector, region, start, end, unit, language in _opened_within_the_hour(
            time.time()
        )
    ]


@contextmanager
def one_sweep_at_a_time():
    """True inside when no other sweep runs (a sweep on a national network can outlast beat's
    interval), False when one does."""
    if not cache.add(_SWEEPING, True, 5 * 60):
        yield False
        return
    try:
        yield True
    finally:
        cache.delete(_SWEEPING)


def network_due() -> bool:
    """Whether the network's sets may be computed again: at most once a minute."""
    return time.time() - (cache.get(_NETWORK_WARMED) or 0) >= NETWORK_EVERY_SECONDS


def network_warmed() -> None:
    cache.set(_NETWORK_WARMED, time.time(), NETWORK_EVERY_SECONDS * 2)
