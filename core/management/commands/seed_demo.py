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
        parser.add_argument("--scale", choices=["small", "large"], default="small")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, scale, seed, **options):
        started = time.monotonic()
        if scale == "large":
            self._large(seed)
            self._log(f"Demo data ({scale}) ready in {time.monotonic() - started:.1f}s")
            return
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

    def _large(self, seed: int) -> None:
        """The national-scale set for the benchmark: bench.dataset writes organisations, people,
        learners and sessions with COPY; the toolkit adds its own 5,000 resources."""
        from bench.dataset import seed_large

        seed_large(seed=seed, log=self._log)
        for module_name in LARGE_EXTRA_SEEDERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            step = time.monotonic()
            module.seed(scale="large", rng=random.Random(f"{seed}:{module_name}"), log=self._log)
            self._log(f"{module_name}: done in {time.monotonic() - step:.1f}s")

    def _log(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
