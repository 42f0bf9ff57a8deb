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

Everything happens in one transaction: a load that fails half-way leaves nothing behind.

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

from impact.rollups import ROLLUP_TABLES, rollups_paused, rollups_rebuild

from .builder import Builder
from .device_rows import seed_lending
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


def dataset_exists() -> bool:
    from accounts.models import User

    return User.objects.filter(email=LARGEST_PM_EMAIL).exists()


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

    builder = Builder(seed=seed, log=say, today=today or timezone.localdate(), scale=scale)
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Only this transaction: a faster commit and room to sort while rebuilding indexes.
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        # The dashboards' rollups are summed once at the end, not a million times row by row.
        with rollups_paused():
            builder.build()
        step = time.monotonic()
        rollups_rebuild()
        say(f"dashboard rollups rebuilt in {time.monotonic() - step:.0f}s")
        # 50,000 devices and 200,000 loans for a million sessions (bench/dataset/device_rows.py).
        seed_lending(
            today=builder.today,
            log=log,
            devices=scale.sessions // 20,
            data_gifts=scale.sessions // 40,
        )
    if connection.in_atomic_block:  # inside a test's transaction: VACUUM cannot run there
        return True
    say(f"committed in {time.monotonic() - started:.0f}s; vacuuming and analysing")
    step = time.monotonic()
    with connection.cursor() as cursor:
        # VACUUM sets the visibility map, so count-style queries can use index-only scans from
        # the first request, as they would on a database that has been running for a while.
        for table in [*big_tables(), *ROLLUP_TABLES]:
            cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        for model in ("accounts.User", "organisations.Membership", "organisations.Team"):
            cursor.execute(f'ANALYZE "{apps.get_model(model)._meta.db_table}"')
    say(f"vacuum/analyse {time.monotonic() - step:.0f}s; total {time.monotonic() - started:.0f}s")
    return True
