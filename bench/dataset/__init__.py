"""A national programme's worth of demo data for the benchmark: 250 organisations, ~5,300 people,
100,000 learners and 1,000,000 support sessions over three years up to today (LARGE); or a national
network ten times that, 2,500 organisations, 1,000,000 learners and 10,000,000 sessions over five
years (NATIONAL, issue 18); or a proportional slice of either (`Scale.fraction`).

`seed_large(seed=..., log=..., scale=...)` is called by `manage.py seed_demo --scale large|national`.
The same code builds both: only the numbers differ. Memory stays flat as the set grows: sessions
and attendances are generated a day at a time into 50,000-row COPY chunks (only per-learner
figures and the people are held, never the sessions). It is
deterministic from the seed (and today's date, since the data runs "up to today"), idempotent (it
does nothing if the data set is already there) and fast: the small tables go in with bulk_create,
the big ones with PostgreSQL COPY from in-memory buffers, in chunks, while the next chunk is being
generated. Secondary indexes and foreign keys of the big tables are dropped for the load and put
back afterwards (one sort per index instead of a million random inserts), then ANALYZE runs, so
the planner sees the real sizes before the first request.

The load happens in one transaction; then its indexes, the rollups, the lending library and the
vacuum run two at a time on two connections. A build that stops after the load committed leaves
the database marked (`BUILDING`), and the next run says to drop it rather than take it as built.
Inside a test's transaction everything runs in that transaction, one step after another.

The modules: `shape` (the size, the known people and the mixes of a real programme's records),
`builder` (organisations, teams and people, and the order of the load), `session_rows` and
`learner_rows` (the big tables, generated row by row), `pgload` (COPY and the load window).
"""

from __future__ import annotations

import datetime as dt
import time

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone

from impact.rollups import ROLLUP_TABLES, rollups_paused, rollups_rebuild, rollups_rebuild_at_once

from .builder import Builder
from .device_rows import seed_lending
from .pgload import run_at_once, use_bulk_settings
from .shape import (
    ADMIN_EMAIL,
    ADMIN_TOTP_SECRET,
    EMAIL_DOMAIN,
    LARGE,
    LARGEST_CHAMPION_EMAIL,
    LARGEST_PM_EMAIL,
    NATIONAL,
    PASSWORD,
    SCALES,
    Log,
    Scale,
    big_tables,
)

__all__ = [
    "ADMIN_EMAIL",
    "ADMIN_TOTP_SECRET",
    "EMAIL_DOMAIN",
    "LARGE",
    "LARGEST_CHAMPION_EMAIL",
    "LARGEST_PM_EMAIL",
    "NATIONAL",
    "PASSWORD",
    "SCALES",
    "Scale",
    "dataset_exists",
    "seed_large",
]


# The database's comment while a build runs its steps after the load has committed: a build
# stopped there leaves the people in, and must not be taken for a whole data set.
BUILDING = "bench data set: still building"


def _mark_database(cursor, comment: str | None) -> None:
    cursor.execute(f'COMMENT ON DATABASE "{connection.settings_dict["NAME"]}" IS %s', [comment])


def dataset_exists() -> bool:
    from accounts.models import User

    if not User.objects.filter(email=LARGEST_PM_EMAIL).exists():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                       "WHERE datname = current_database()")  # fmt: skip
        if cursor.fetchone()[0] == BUILDING:
            raise RuntimeError(
                f"An earlier build of the data set in {connection.settings_dict['NAME']} stopped "
                "part-way: drop that database and build again."
            )
    return True


def seed_large(
    *, seed: int = 2026, log: Log = print, today: dt.date | None = None, scale: Scale = LARGE
) -> bool:
    """Build the large data set unless it is there already. Returns True if it built it."""
    if dataset_exists():
        log("large: data set already present")
        # The lending library came later: added to a data set built before it (devices/).
        with transaction.atomic():
            seed_lending(today=today or timezone.localdate(), log=log)
        return False
    started = time.monotonic()

    def say(message: str) -> None:  # every line names the scale, and the time since the start
        log(f"{scale.name} [{time.monotonic() - started:4.0f}s]: {message}")

    # The load commits, then its indexes, the rollups, the lending library and the vacuum run
    # two at a time on two connections (both cores busy: issue 18's 15 minutes). Inside a test's
    # transaction no other connection could see the rows, so there all of it runs in it, in turn.
    at_once = not connection.in_atomic_block
    builder = Builder(
        seed=seed, log=say, today=today or timezone.localdate(), scale=scale, rebuild_later=at_once
    )
    lending = {"devices": scale.sessions // 20, "data_gifts": scale.sessions // 40}
    with transaction.atomic():
        with connection.cursor() as cursor:
            use_bulk_settings(cursor, local=True)
            if at_once:
                _mark_database(cursor, BUILDING)
        # The dashboards' rollups are summed once at the end, not a million times row by row.
        with rollups_paused():
            builder.build()
        if not at_once:
            step = time.monotonic()
            rollups_rebuild()
            say(f"dashboard rollups rebuilt in {time.monotonic() - step:.0f}s")
            # 50,000 devices and 200,000 loans for a million sessions (device_rows.py).
            seed_lending(today=builder.today, log=log, **lending)
    if not at_once:
        return True
    say(f"loaded and committed in {time.monotonic() - started:.0f}s")
    _finish_two_at_a_time(builder, lending=lending, log=log, say=say)
    say(f"total {time.monotonic() - started:.0f}s")
    return True


def _finish_two_at_a_time(builder: Builder, *, lending: dict, log: Log, say: Log) -> None:
    window = builder.load_window
    step = time.monotonic()
    run_at_once(window.indexes_sql)
    say(f"{len(window.indexes_sql)} indexes rebuilt in {time.monotonic() - step:.0f}s")

    step = time.monotonic()

    def foreign_keys_then_lending() -> None:
        with connection.cursor() as cursor:
            use_bulk_settings(cursor, local=False)
            for statement in window.foreign_keys_sql:
                cursor.execute(statement)
        say(f"{len(window.foreign_keys_sql)} foreign keys back")
        with transaction.atomic():
            seed_lending(today=builder.today, log=log, **lending)

    rollups_rebuild_at_once(alongside=foreign_keys_then_lending)
    say(f"rollups (and, beside them, keys and lending) in {time.monotonic() - step:.0f}s")

    step = time.monotonic()
    # VACUUM sets the visibility map, so count-style queries can use index-only scans from the
    # first request, as they would on a database that has been running for a while.
    run_at_once(
        [f'VACUUM (ANALYZE) "{table}"' for table in [*big_tables(), *ROLLUP_TABLES]]
        + [
            f'ANALYZE "{apps.get_model(model)._meta.db_table}"'
            for model in ("accounts.User", "organisations.Membership", "organisations.Team")
        ]
    )
    with connection.cursor() as cursor:
        _mark_database(cursor, None)
    say(f"vacuum/analyse {time.monotonic() - step:.0f}s")
