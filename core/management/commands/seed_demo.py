"""Load demo data. `--scale small` (what `make run` loads) is a handful of organisations a person can
click through; `--scale large` is a national programme for the benchmark. Deterministic from
--seed, and idempotent: each app's seeder skips what is already there."""

import importlib
import random
import time

from django.core.management.base import BaseCommand

# Order matters: later apps hang their rows off earlier ones.
SEEDERS = [
    "organisations.demo",
    "learners.demo",
    "sessions_log.demo",
    "toolkit.demo",
    "notifications.demo",
]


class Command(BaseCommand):
    help = "Load demo data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "large"], default="small")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        started = time.monotonic()
        for module_name in SEEDERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            step = time.monotonic()
            # Each app gets its own generator, so adding rows to one app's seed does not shift
            # every other app's data.
            rng = random.Random(f"{seed}:{module_name}")
            module.seed(scale=scale, rng=rng, log=self._log)
            self._log(f"{module_name}: done in {time.monotonic() - step:.1f}s")
        self._log(f"Demo data ({scale}) ready in {time.monotonic() - started:.1f}s")

    def _log(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
