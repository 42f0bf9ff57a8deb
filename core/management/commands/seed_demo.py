"""Load demo data. `--scale small` (what `make run` loads) is a handful of organisations a person can
click through; `--scale large` is a national programme for the benchmark, and `--scale national`
a network ten times that over five years (issue 18); `--fraction 0.01` (or NATIONAL_FRACTION)
builds a proportional slice of either. Deterministic from --seed, and idempotent: each app's
seeder skips what is already there."""

import datetime as dt
import importlib
import os
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

# Order matters: later apps hang their rows off earlier ones.
SEEDERS = [
    "organisations.demo",
    "learners.demo",
    "sessions_log.demo",
    "devices.demo",
    "feedback.demo",
    "outcomes.demo",
    "stories.demo",
    "toolkit.demo",
    "notifications.demo",
]
# --scale large: bench.dataset does organisations to sessions in bulk; then these, at scale.
LARGE_EXTRA_SEEDERS = ["toolkit.demo"]


class Command(BaseCommand):
    help = "Load demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "large", "national"], default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--fraction",
            type=float,
            default=None,
            help="large or national only: build this share of it (0.01 is 1%%; default "
            "NATIONAL_FRACTION from the environment, else 1: the whole set)",
        )
        parser.add_argument(
            "--end-date",
            type=dt.date.fromisoformat,
            default=None,
            help="large or national only: the last day of the data (default today)",
        )

    def handle(self, *args, scale, seed, fraction, end_date, **options):
        started = time.monotonic()
        if scale in ("large", "national"):
            if fraction is None:
                fraction = float(os.environ.get("NATIONAL_FRACTION") or 1)
            if not 0 < fraction <= 1:
                raise CommandError(f"--fraction is more than 0 and at most 1, not {fraction:g}")
            self._bench_scale(scale, seed, fraction=fraction, end_date=end_date)
            self._log(f"Demo data ({scale}) ready in {time.monotonic() - started:.1f}s")
            return
        from impact.rollups import rollups_paused, rollups_rebuild

        # The rollups' triggers paused while the demo loads and rebuilt once at the end (the same
        # figures): row by row they were 105 s of its 117 s on the shared machine, now 1 s.
        with transaction.atomic(), rollups_paused():
            self._run_seeders(SEEDERS, scale=scale, seed=seed)
            step = time.monotonic()
            rollups_rebuild()
            self._log(f"rollups: rebuilt in {time.monotonic() - step:.1f}s")
        self._log(f"Demo data ({scale}) ready in {time.monotonic() - started:.1f}s")

    def _bench_scale(
        self, scale_name: str, seed: int, *, fraction: float, end_date: dt.date | None
    ) -> None:
        """The benchmark's sets: bench.dataset writes organisations, people, learners, sessions
        and the lending library with COPY and set-based SQL; the toolkit adds its own resources
        (5,000 for large, 50,000 for national)."""
        from bench.dataset import SCALES, seed_large

        scale = SCALES[scale_name].fraction(fraction)
        seed_large(seed=seed, log=self._log, today=end_date, scale=scale)
        if scale_name == "national" or fraction != 1:
            try:
                from toolkit.demo import seed_large_library
            except ModuleNotFoundError:
                return
            step = time.monotonic()
            rng = random.Random(f"{seed}:toolkit.demo")
            seed_large_library(rng=rng, log=self._log, total=scale.resources)
            with connection.cursor() as cursor:  # the planner sees the library's real size
                cursor.execute("ANALYZE toolkit_resource")
            self._log(f"toolkit.demo: done in {time.monotonic() - step:.1f}s")
            return
        self._run_seeders(LARGE_EXTRA_SEEDERS, scale="large", seed=seed)

    def _run_seeders(self, module_names, *, scale: str, seed: int) -> None:
        """Each app's demo.seed, for the apps that have one, timed. Each app gets its own
        generator, so adding rows to one app's seed does not shift every other app's data."""
        for module_name in module_names:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            step = time.monotonic()
            module.seed(scale=scale, rng=random.Random(f"{seed}:{module_name}"), log=self._log)
            self._log(f"{module_name}: done in {time.monotonic() - step:.1f}s")

    def _log(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
