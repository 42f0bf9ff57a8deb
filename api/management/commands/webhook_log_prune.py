"""Delete webhook deliveries that ended more than --days ago (default 90), and their events."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from api.webhooks import webhook_log_prune


class Command(BaseCommand):
    help = "Delete finished webhook deliveries (and events) older than --days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args, days, **options):
        deleted = webhook_log_prune(before=timezone.now() - timedelta(days=days))
        self.stdout.write(f"Deleted {deleted} webhook deliveries older than {days} days.")
