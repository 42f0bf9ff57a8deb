"""The network's figures kept as a running sum of its organisations' parts.

Computing the network's figures again after one organisation's change read a year of every
organisation's rollups: 3.4 s on the national set (bench/FINDINGS.md, 4 December). But every
network figure is a sum over organisations (impact._from_rollups.organisation_parts), so the
sum can be kept: each organisation's part is kept under its own version, and the sum with the
versions it was made from. On a view, only the organisations whose version moved (usually one)
are computed again: their old parts are taken away from the sum and their new ones added.

What is taken away is exactly what was added: each part is written once, under a key of its
own, and the sum names the key of each part in it. So two views adding parts at the same time,
or a part computed while a write commits, can never leave the sum holding anything but the sum
of the parts it names. A part is computed after its version is read, so it is at least as new
as that version; a newer write has moved the version on, and the next view computes it again.

Sums are kept per scope (the network, a sector or a region), period, trend unit and day (the
loans overdue are as of today), with no words in them: reports labels them in the reader's
language. When Redis is down, or a part the sum names is gone, the whole sum is computed again:
the same figures, only slower."""

import hashlib
import uuid
from dataclasses import asdict, fields
from datetime import date

from django.core.cache import cache
from django.db.models import Q

from devices.selectors import LendingFigures, lending_figures_by_organisation

from . import selectors
from .cache import TTL_SECONDS, code_version, organisation_versions
from .periods import Period
from .scope import Scope

# A sum lasts a day at most (it is kept per day), so two days outlive any sum naming a part.
PART_TTL_SECONDS = min(TTL_SECONDS, 2 * 24 * 60 * 60)
_LENDING_FIELDS = [f.name for f in fields(LendingFigures)]


def network_sum(*, scope: Scope, period: Period, unit: str, today: date) -> dict:
    """The sum of the scope's organisations' parts for the period, up to date with their
    versions: {"tally": {category: {key: number}}, "rows": {organisation id: its table row's
    sums}}. Reads one query of versions and, for each organisation changed since the kept sum,
    computes its part (a few queries for all of them together)."""
    database, versions = organisation_versions(scope)
    key = _sum_key(database, scope, period, unit, today)
    kept = cache.get(key)
    changed, gone = list(versions), []
    if kept is not None:
        gone = [pk for pk, version in kept["versions"].items() if versions.get(pk) != version]
        changed = [pk for pk, version in versions.items() if kept["versions"].get(pk) != version]
        old = cache.get_many([kept["parts"][pk] for pk in gone]) if gone else {}
        if len(old) == len(gone):
            for pk in gone:
                _add(kept["tally"], old[kept["parts"][pk]]["tally"], sign=-1)
                kept["rows"].pop(pk, None)
                del kept["versions"][pk], kept["parts"][pk]
        else:  # a part is gone from the cache: what it added cannot be taken away
            kept, changed = None, list(versions)
    if kept is None:
        kept = {"versions": {}, "parts": {}, "tally": _empty_tally(), "rows": {}}
    elif not gone and not changed:
        return kept
    fresh = {}
    if changed:
        fresh = _parts(
            organisation_ids=changed,
            period=period,
            unit=unit,
            today=today,
            every_in=scope if len(changed) == len(versions) else None,
        )
    written = {}
    for pk, part in fresh.items():
        _add(kept["tally"], part["tally"], sign=1)
        if part["row"] is not None:
            kept["rows"][pk] = part["row"]
        part_key = f"impact:network-part:{uuid.uuid4().hex}"
        written[part_key] = part
        kept["versions"][pk] = versions[pk]
        kept["parts"][pk] = part_key
    if written:
        cache.set_many(written, PART_TTL_SECONDS)
    cache.set(key, kept, PART_TTL_SECONDS)
    return kept


def lending_from_sum(tally: dict) -> LendingFigures:
    found = tally["lending"]
    return LendingFigures(**{name: found.get(name, 0) for name in _LENDING_FIELDS})


def _parts(
    *, organisation_ids: list[int], period: Period, unit: str, today: date, every_in: Scope | None
) -> dict:
    """The organisations' parts, with their lending figures. every_in: the ids are every
    organisation of this scope (read through its filter, not a list of thousands of ids)."""
    parts = selectors.organisation_parts(
        organisation_ids=organisation_ids, period=period, unit=unit, every_in=every_in
    )
    # The scope's own filter of rows by their organisation (its sector or region, or none).
    within = None if every_in is None else Q(**every_in._filters(""))
    lending = lending_figures_by_organisation(
        organisation_ids=organisation_ids,
        start=period.start,
        end=period.end,
        today=today,
        every_in=within,
    )
    for pk, part in parts.items():
        part["tally"]["lending"] = {k: v for k, v in asdict(lending[pk]).items() if v}
    return parts


def _empty_tally() -> dict:
    return {category: {} for category in (*selectors.PART_CATEGORIES, "lending")}


def _add(tally: dict, part: dict, *, sign: int) -> None:
    """Add a part into the tally (sign 1) or take it away (-1), in place; a number that comes
    to zero is dropped, so a champion no organisation counts any more is not counted."""
    for category, numbers in part.items():
        into = tally[category]
        for name, n in numbers.items():
            total = into.get(name, 0) + sign * n
            if total:
                into[name] = total
            else:
                into.pop(name, None)


def _sum_key(database: int, scope: Scope, period: Period, unit: str, today: date) -> str:
    parts = [
        code_version(),
        str(database),
        scope.sector or "",
        scope.region or "",
        str(period.start),
        str(period.end),
        unit,
        str(today),
    ]
    return "impact:network-sum:" + hashlib.sha1(":".join(parts).encode()).hexdigest()
