"""Figure sets kept in the cache under the version of the data they were computed from.

The rollups (impact/rollups.py) make every figure exact the moment a session is written, but a
dashboard still reads a few hundred milliseconds of them. The answer only changes when the data
behind it does, so `cached()` keeps each figure set under the *version* of its organisation's
data: impact.models.FiguresVersion, moved on by the same triggers that keep the rollups
(impact/sql/rollups.sql), in the writer's own transaction, for every way of writing (services,
bulk updates, raw SQL, the admin, imports, erasure, retention). The network's version is the
sum of all organisations'. So there is one source of freshness, the database: a figure set is
either computed from the current data or read from the cache under the current version, never
older. The cache is only a saving: when Redis is down, every call computes (core/cache.py makes
the cache answer "not there" rather than fail).

This module knows nothing of what it keeps: callers pass the function that computes the set."""

import hashlib
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from .scope import Scope

TTL_SECONDS = 7 * 24 * 60 * 60


# What a version counts (impact.models.FiguresVersion): every change to the data behind the
# figures, those to the lending library's data alone, or every other.
VERSIONS = {
    "all": "version",
    "lending": "lending_version",
    "all but lending": "version - lending_version",
}


def figures_version(scope: Scope, *, of: str = "all") -> str:
    """The version of the data behind the scope's figures (one query), with the database it is
    of: version numbers only grow within one database, but a database restored from an older
    backup, or another database beside it on the same Redis (the benchmarks' large and national
    sets), counts the same numbers again over different data. The database's oid is new
    whenever it is created again, as a restore into an empty database does. of: which changes
    it counts (VERSIONS)."""
    counted = VERSIONS[of]
    where, params = "", []
    if scope.organisation is not None:
        where, params = " WHERE organisation_id = %s", [scope.organisation.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT oid FROM pg_database WHERE datname = current_database()),"
            f" coalesce(sum({counted}), 0) FROM impact_figuresversion{where}",
            params,
        )
        database, version = cursor.fetchone()
    return f"{database}.{version}"


def organisation_versions(scope: Scope) -> tuple[int, dict[int, tuple[int, int]]]:
    """The database's oid (as figures_version gives it) and, for each organisation in the network
    scope (all, or one sector or region), how many times the data behind its figures changed
    other than in its lending library, and how many times in it: (0, 0) for one never written.
    One query."""
    where, params = "", {}
    for field in ("sector", "region"):
        if getattr(scope, field):
            where += f" AND o.{field} = %({field})s"
            params[field] = getattr(scope, field)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.oid, o.id, coalesce({VERSIONS['all but lending']}, 0),"
            f" coalesce({VERSIONS['lending']}, 0) FROM pg_database d"
            " LEFT JOIN (organisations_organisation o LEFT JOIN impact_figuresversion v"
            f" ON v.organisation_id = o.id) ON true{where}"
            " WHERE d.datname = current_database()",
            params,
        )
        rows = cursor.fetchall()
    versions = {pk: (other, lending) for _, pk, other, lending in rows if pk is not None}
    return rows[0][0], versions


def figures_changed(*, organisation_id: int | None = None, lending: bool = False) -> None:
    """Move an organisation's version on (every organisation's when None, their lending versions
    too), as the triggers do: after a write to its sessions, or to its lending library when
    `lending`. For the benchmark's "first view after a change" and bulk loads that paused the
    triggers, never needed by the portal's own writes."""
    with connection.cursor() as cursor:
        if organisation_id is None:
            cursor.execute("SELECT impact_figures_touch_all()")
        elif lending:
            cursor.execute("SELECT impact_lending_touch(%s)", [organisation_id])
        else:
            cursor.execute("SELECT impact_figures_touch(%s)", [organisation_id])


def cached(
    compute: Callable[..., object], *, scope: Scope, period, version_of: str = "all", **options
):
    """`compute(scope=scope, period=period, **options)`, from the cache when it holds the figures
    for the current version of the data. The version is read first: figures computed while a
    write commits are at least as new as the version they are kept under. version_of: the
    changes that move these figures (VERSIONS), when fewer than all do."""
    version = figures_version(scope, of=version_of)
    key = _key(compute, scope, period, options, version)
    found = cache.get(key)
    if found is not None:
        return found
    value = compute(scope=scope, period=period, **options)
    cache.set(key, value, TTL_SECONDS)
    return value


def cached_a_while(
    compute: Callable[..., object], *, scope: Scope, period, seconds: int, **options
):
    """`compute(scope=scope, period=period, **options)`, kept for `seconds` whatever is written
    meanwhile. Only for figures across the whole network that one organisation's change barely
    moves (the benchmarks' medians of five or more organisations): on a national network some
    organisation writes every second, so kept under the network's version they would be computed
    again from every organisation's rollups on nearly every view. The age is the set's own
    (stored with it), so a clock moved in a test ages it as well as Redis would."""
    key = _key(compute, scope, period, options, "a while")
    found = cache.get(key)
    now = time.time()
    if found is not None and now - found[0] < seconds:
        return found[1]
    value = compute(scope=scope, period=period, **options)
    cache.set(key, (now, value), seconds)
    return value


@lru_cache(maxsize=1)
def code_version() -> str:
    """The code the sets were computed by: settings.PORTAL_RELEASE when the deployment sets one,
    else a hash of the project's own Python files. A release that changes what a set holds, or
    mends how a figure is counted, must not read sets an older release kept."""
    configured = getattr(settings, "PORTAL_RELEASE", "")
    if configured:
        return str(configured)
    base = Path(settings.BASE_DIR).resolve()
    digest = hashlib.sha256()
    for config in sorted(apps.get_app_configs(), key=lambda c: c.name):
        path = Path(config.path).resolve()
        if base not in path.parents or "site-packages" in path.parts:
            continue  # Django's and the libraries' apps: pinned in requirements.txt
        for source in sorted(path.rglob("*.py")):
            digest.update(str(source.relative_to(base)).encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def _key(compute, scope: Scope, period, options: dict, version: str) -> str:
    parts = [
        f"{compute.__module__}.{compute.__qualname__}",
        code_version(),
        str(version),
        # The sets hold words (labels, the summary sentence, month names): one set per language.
        get_language() or "",
        *(str(getattr(value, "pk", value) or "") for value in scope.parts()),
        str(period.start) if period else "",
        str(period.end) if period else "",
        *(f"{name}={options[name]}" for name in sorted(options)),
    ]
    return "impact:figures:" + hashlib.sha1(":".join(parts).encode()).hexdigest()
