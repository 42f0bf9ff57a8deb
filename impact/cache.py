"""Dashboard figures, computed once per change of the data behind them.

A year of a large organisation is tens of thousands of sessions; computing its dashboard takes
a second or more, and the answer is the same until a session, learner or team of that
organisation changes. So each figure set is kept in the cache with the *version* of the data it
was computed from (per organisation, and one for the network). Any write to those tables bumps
the version (signals in impact/signals.py).

When the version has moved on, the figures are computed again. So that a busy organisation's PM
never waits for that, the previous figures are shown for a short while (`STALE_SECONDS`, with
the time they were computed, which the page shows) while a Celery task computes the new ones;
with no recent figures, or no worker to ask, they are computed there and then. A nightly task
warms every organisation's default dashboard, so the day's first views are quick too. Keys also carry a
global epoch that bulk loads bump with `forget_everything()`."""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

TTL_SECONDS = 48 * 60 * 60
# How old the figures on screen may be while newer ones are being computed: a little over a day,
# so that the nightly warm-up (impact.tasks.warm_dashboards) covers the next day's first views.
STALE_SECONDS = 26 * 60 * 60
EPOCH_KEY = "impact:epoch"
NETWORK = "network"


def _version_key(owner) -> str:
    return f"impact:version:{owner}"


def _version(owner) -> int:
    return cache.get(_version_key(owner)) or 0


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or evicted): any new value differs from the old keys'
        cache.set(key, 1, None)


def data_changed(organisation_id: int | None) -> None:
    """Call when data behind an organisation's figures changes. The version moves at once (so
    this transaction's own next read is fresh) and again after the commit (so a concurrent
    reader that computed the old figures in between, under the new version, is not believed)."""

    def bump():
        if organisation_id is not None:
            _incr(_version_key(organisation_id))
        _incr(_version_key(NETWORK))

    bump()
    transaction.on_commit(bump)


def forget_everything() -> None:
    _incr(EPOCH_KEY)


def _owner(scope):
    organisation = getattr(scope, "organisation", None)
    return organisation.pk if organisation is not None else NETWORK


def _key(name: str, scope, period, extra) -> str:
    parts = [
        name,
        str(cache.get(EPOCH_KEY) or 0),
        str(_owner(scope)),
        _scope_key(scope),
        str(period.start) if period else "",
        str(period.end) if period else "",
        *map(str, extra),
    ]
    return "impact:figures:" + hashlib.sha1(":".join(parts).encode()).hexdigest()


def remember(name: str, scope, period, *extra):
    """The figures `name` (see impact.figures.COMPUTATIONS) for this scope and period."""
    from .figures import compute

    key = _key(name, scope, period, extra)
    version = _version(_owner(scope))
    entry = cache.get(key)
    if entry is not None and entry["version"] == version:
        return entry["value"]
    workers = not settings.CELERY_TASK_ALWAYS_EAGER  # else tasks would run here anyway
    if workers and entry is not None and time.time() - entry["at"] < STALE_SECONDS:
        _refresh_soon(key, name, scope, period, extra)
        return entry["value"]
    value = compute(name, scope, period, *extra)
    store(key, version, value)
    return value


def warm(name: str, scope, period, *extra) -> bool:
    """Compute the figures now unless the cache already has them for the current data."""
    from .figures import compute

    key = _key(name, scope, period, extra)
    version = _version(_owner(scope))
    entry = cache.get(key)
    if entry is not None and entry["version"] == version:
        return False
    store(key, version, compute(name, scope, period, *extra))
    return True


def store(key: str, version: int, value) -> None:
    cache.set(key, {"version": version, "at": time.time(), "value": value}, TTL_SECONDS)


def _refresh_soon(key, name, scope, period, extra) -> None:
    """Ask a worker to compute the new figures, once, however many people are looking."""
    from .tasks import refresh_figures

    if not cache.add(f"{key}:refreshing", 1, 60):
        return
    try:
        refresh_figures.delay(key, name, scope_ids(scope), _period_ids(period), list(extra))
    except Exception:  # no broker: the figures stay a little older until the next visit
        logger.warning("Could not queue a dashboard refresh", exc_info=True)
        cache.delete(f"{key}:refreshing")


def scope_ids(scope) -> dict:
    return {
        name: getattr(getattr(scope, name, None), "pk", getattr(scope, name, None))
        for name in ("organisation", "team", "champion", "sector", "region")
    }


def _period_ids(period):
    return [str(period.start), str(period.end)] if period else None


def _scope_key(scope) -> str:
    return ":".join(str(value or "") for value in scope_ids(scope).values())
