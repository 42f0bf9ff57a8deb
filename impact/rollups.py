"""Rollups: the dashboards' figures kept summed as sessions are written.

A year of the largest organisation is 40,000 sessions and the network's is 430,000: summing them
per request took 1.2 s and 3.7 s (bench/FINDINGS.md). These tables (impact/models.py) hold the
same figures already summed, small enough to read in milliseconds:

- DayTotals: per organisation and day, sessions by status, minutes, people, devices and data
  support, and the confidence ratings of learners at completed sessions. Headline figures,
  trends, the organisation, sector and region tables.
- ChampionDay: per organisation, champion, team and day, the same for the team and champion
  tables and each champion's last session.
- DimensionMonth: per organisation, month and value (a topic, skill area, barrier, signposting,
  mode, format or cancellation reason), completed (or cancelled) sessions, with a count per day
  of the month for periods that start or end mid-month.
- ChampionActivity and LearnerActivity: per champion (in an organisation) and per learner, the
  days they gave or came to a completed session as one bit per day. Distinct champions,
  distinct and repeat learners in *any* period are then one row each, not their sessions; the
  learner's row also carries their demographic bands and their first and latest
  self-assessment, for the demographics and distance travelled.

They are kept by PostgreSQL triggers in the transaction that writes a session, an attendance, a
learner's bands or a self-assessment (impact/sql/rollups.sql), so every way of
writing counts (services, the CSV import, the admin, bulk updates, a shell, test factories) and
nothing can forget to call a refresh. `rollups_rebuild()` recomputes all of them from the session
tables with set-based SQL (20 s for a million sessions); the large demo seed pauses the triggers
while it loads (`rollups_paused()`) and rebuilds at the end. The figures read from them are the
same as from the session tables (impact/_from_sessions.py): tests/impact/test_rollups.py checks
both after random creates, edits, cancellations, deletions and restores.

What the rollups do not hold, a team's or a champion's learner figures and breakdowns, is still
read from the session tables (one team is a small number of rows).
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction

# The one live source of the functions and triggers; migrations run snapshots of it.
ROLLUP_SQL = Path(__file__).resolve().parent / "sql" / "rollups.sql"

ROLLUP_TABLES = (
    "impact_daytotals",
    "impact_championday",
    "impact_dimensionmonth",
    "impact_championactivity",
    "impact_learneractivity",
)


def rollups_rebuild() -> None:
    """Recompute every rollup from the session tables (idempotent; one transaction)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT impact_rollups_rebuild()")
        for table in ROLLUP_TABLES:
            cursor.execute(f'ANALYZE "{table}"')


# impact_rollups_rebuild()'s parts (impact/sql/rollups.sql), as two chains that can run at once
# on two connections, each in its order: DimensionMonth, about 70% of the work on the national
# set, alone; ChampionActivity after ChampionDay, which it is summed from.
REBUILD_CHAINS = (
    ("impact_rebuild_dimensionmonth",),
    (
        "impact_rebuild_daytotals",
        "impact_rebuild_championday",
        "impact_rebuild_championactivity",
        "impact_rebuild_learneractivity",
    ),
)


def rollups_rebuild_at_once(*, alongside: Callable[[], None] | None = None) -> None:
    """The rebuild on two connections at once, each part committed as it ends, with `alongside`
    (more of a bulk load) after the shorter chain: about half the time of rollups_rebuild() on
    two cores. Only for a bulk load into a database nobody reads yet: until the last part
    commits, a reader would see rollups half-filled. Outside any transaction (the other
    connection must see the committed rows)."""
    if connection.in_atomic_block:
        raise RuntimeError("rollups_rebuild_at_once() needs rows committed: use rollups_rebuild()")
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(ROLLUP_TABLES))

    def chain(parts: tuple[str, ...], then: Callable[[], None] | None = None) -> None:
        try:
            with connection.cursor() as cursor:
                for part in parts:
                    cursor.execute(f"SELECT {part}()")
            if then is not None:
                then()
        finally:
            connection.close()  # this thread's own connection

    longest, shortest = REBUILD_CHAINS
    with ThreadPoolExecutor(max_workers=2) as pool:
        running = [pool.submit(chain, longest), pool.submit(chain, shortest, alongside)]
        for done in running:
            done.result()  # re-raises a chain's failure here
    with connection.cursor() as cursor:
        cursor.execute("SELECT impact_figures_touch_all()")
        for table in ROLLUP_TABLES:
            cursor.execute(f'ANALYZE "{table}"')


@contextmanager
def rollups_paused():
    """Inside the current transaction, writes do not update the rollups (a bulk load that
    calls rollups_rebuild() at the end). Only inside transaction.atomic(): the setting is local
    to the transaction, so a failure can never leave the triggers off."""
    if not connection.in_atomic_block:
        raise RuntimeError("rollups_paused() only works inside transaction.atomic()")
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('impact.rollups_paused', 'on', true)")
    yield
    # On an exception the enclosing atomic block rolls back, and the setting with it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('impact.rollups_paused', 'off', true)")
