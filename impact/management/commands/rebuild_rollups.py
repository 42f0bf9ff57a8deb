import time

from django.core.management.base import BaseCommand

from impact.rollups import rollups_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the dashboards' rollup tables from the session tables (idempotent). Needed "
        "only after writing sessions with the rollup triggers paused, e.g. a bulk load."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        rollups_rebuild()  # which also moves every organisation's figures version on
        self.stdout.write(f"Rollups rebuilt in {time.monotonic() - started:.1f}s")
