import time

from django.core.management.base import BaseCommand

from impact.tasks import warm_dashboards


class Command(BaseCommand):
    help = "Compute every organisation's default dashboard and the network's into the cache."

    def handle(self, *args, **options):
        started = time.monotonic()
        computed = warm_dashboards()
        self.stdout.write(f"{computed} figure sets computed in {time.monotonic() - started:.1f}s")
