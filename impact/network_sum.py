"""The network's figures kept as a running sum of its organisations' parts.

Computing the network's figures again after one organisation's change read a year of every
organisation's rollups: 3.4 s on the national set (bench/FINDINGS.md, 4 December). But every
network figure is a sum over organisations (impact._from_rollups.organisation_parts), so the
sum can be kept: each organisation's part is kept under its own version, and the sum with the
versions it was made from. On a view, only the organisations whose version moved (usually one)
are computed again: their old parts are taken away from the sum and their new ones added. A part
is two pieces with versions of their own, the lending library's figures and the rest, so a
session computes the rest again and a loan the lending alone.

What is taken away is exactly what was added: each piece is written once, under a key of its
own, and the sum names the key of each piece in it. So two views adding parts at the same time,
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


# An organisation's part is in two pieces, each kept under its own version (impact.cache.
# organisation_versions): its lending library's figures, and the rest. A session's change
# computes the rest again and a loan's its lending alone: on the national set the largest
# organisation's lending figures are 90 of the 220 ms of SQL its whole part takes.
PIECES = ("figures", "lending")


def network_sum(*, scope: Scope, period: Period, unit: str, today: date) -> dict:
    """The sum of the scope's organisations' parts for the period, up to date with their
    versions: {"tally": {category: {key: number}}, "rows": {organisation id: its table row's
    sums}}. Reads one query of versions and, for each organisation changed since the kept sum,
    computes the piece of its part that changed (a few queries for all of them together)."""
    database, versions = organisation_versions(scope)
    key = _sum_key(database, scope, period, unit, today)
    kept = cache.get(key)
    taken_away = 0
    if kept is not None:
        taken_away = _take_away_what_changed(kept, versions)
        if taken_away is None:  # a piece is gone from the cache: what it added stays in the sum
            kept = None
    if kept is None:
        kept = {"versions": {}, "pieces": {}, "tally": _empty_tally(), "rows": {}}
    changed = {
        piece: [
            pk
            for pk, now in versions.items()
            if kept["versions"].get(pk, (None, None))[i] != now[i]
        ]
        for i, piece in enumerate(PIECES)
    }
    if not taken_away and not any(changed.values()):
        return kept
    written = {}
    for i, piece in enumerate(PIECES):
        if not changed[piece]:
            continue
        compute = _figures_pieces if piece == "figures" else _lending_pieces
        fresh = compute(
            organisation_ids=changed[piece],
            period=period,
            unit=unit,
            today=today,
            every_in=scope if len(changed[piece]) == len(versions) else None,
        )
        for pk, part in fresh.items():
            _add(kept["tally"], part["tally"], sign=1)
            if part.get("row") is not None:
                kept["rows"][pk] = part["row"]
            piece_key = f"impact:network-part:{uuid.uuid4().hex}"
            written[piece_key] = part
            kept["versions"].setdefault(pk, [None, None])[i] = versions[pk][i]
            kept["pieces"].setdefault(pk, [None, None])[i] = piece_key
    if written:
        cache.set_many(written, PART_TTL_SECONDS)
    cache.set(key, kept, PART_TTL_SECONDS)
    return kept


def _take_away_what_changed(kept: dict, versions: dict) -> int | None:
    """Take each piece whose organisation's version of it moved (or whose organisation left the
    scope) away from the kept sum, in place: how many, or None when one of them is no longer in
    the cache (the sum is then left as it was, to be computed whole)."""
    stale = [
        (pk, i)
        for pk, was in kept["versions"].items()
        for i in range(len(PIECES))
        if pk not in versions or versions[pk][i] != was[i]
    ]
    old = cache.get_many([kept["pieces"][pk][i] for pk, i in stale]) if stale else {}
    if len(old) != len(stale):
        return None
    for pk, i in stale:
        _add(kept["tally"], old[kept["pieces"][pk][i]]["tally"], sign=-1)
        if PIECES[i] == "figures":
            kept["rows"].pop(pk, None)
        kept["versions"][pk][i] = kept["pieces"][pk][i] = None
    for pk in [pk for pk in kept["versions"] if pk not in versions]:
        del kept["versions"][pk], kept["pieces"][pk]
    return len(stale)


def lending_from_sum(tally: dict) -> LendingFigures:
    found = tally["lending"]
    return LendingFigures(**{name: found.get(name, 0) for name in _LENDING_FIELDS})


def _figures_pieces(
    *, organisation_ids: list[int], period: Period, unit: str, today: date, every_in: Scope | None
) -> dict:
    """The organisations' parts but their lending. every_in: the ids are every organisation of
    this scope (read through its filter, not a list of thousands of ids)."""
    return selectors.organisation_parts(
        organisation_ids=organisation_ids, period=period, unit=unit, every_in=every_in
    )


def _lending_pieces(
    *, organisation_ids: list[int], period: Period, unit: str, today: date, every_in: Scope | None
) -> dict:
    """The organisations' lending figures, as pieces of their parts."""
    # The scope's own filter of rows by their organisation (its sector or region, or none).
    within = None if every_in is None else Q(**every_in._filters(""))
    lending = lending_figures_by_organisation(
        organisation_ids=organisation_ids,
        start=period.start,
        end=period.end,
        today=today,
        every_in=within,
    )
    return {
        pk: {"tally": {"lending": {k: v for k, v in asdict(found).items() if v}}}
        for pk, found in lending.items()
    }


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
