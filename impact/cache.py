"""Dashboard figures, computed once per change of the data behind them.

A year of a large organisation is tens of thousands of sessions; computing its dashboard takes
seconds, and the answer is the same until a session, learner or team of that organisation
changes. So each figure set is kept in the cache under a key that carries a *version* of the
organisation's data (and of the network's, for network-wide figures). Any write to those tables
bumps the version (see signals in impact/apps.py), which makes every older key unreachable: no
stale figure is ever served, and nothing has to be deleted. Keys also carry a global epoch that
bulk loads (the demo seeders, data imports by hand) bump with `forget_everything()`."""

import hashlib

from django.core.cache import cache
from django.db import transaction

TTL_SECONDS = 6 * 60 * 60
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
    reader that cached the old figures in between, under the new version, is not believed)."""

    def bump():
        if organisation_id is not None:
            _incr(_version_key(organisation_id))
        _incr(_version_key(NETWORK))

    bump()
    transaction.on_commit(bump)


def forget_everything() -> None:
    _incr(EPOCH_KEY)


def remember(name: str, scope, period, compute, *extra):
    """The cached result of `compute()` for these figures of this scope and period."""
    owner = scope.organisation.pk if getattr(scope, "organisation", None) else NETWORK
    parts = [
        name,
        str(cache.get(EPOCH_KEY) or 0),
        str(owner),
        str(_version(owner)),
        _scope_key(scope),
        str(period.start) if period else "",
        str(period.end) if period else "",
        *map(str, extra),
    ]
    key = "impact:figures:" + hashlib.sha1(":".join(parts).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TTL_SECONDS)
    return value


def _scope_key(scope) -> str:
    return ":".join(
        str(getattr(getattr(scope, name, None), "pk", getattr(scope, name, None)) or "")
        for name in ("organisation", "team", "champion", "sector", "region")
    )
