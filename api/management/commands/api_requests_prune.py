"""Delete the API's request log older than --days (default API_REQUEST_LOG_DAYS, 90)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from api.services import api_requests_prune


class Command(BaseCommand):
    help = "Delete recorded API requests older than --days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days, **options):
        days = days if days is not None else getattr(settings, "API_REQUEST_LOG_DAYS", 90)
        deleted = api_requests_prune(before=timezone.now() - timedelta(days=days))
        self.stdout.write(f"Deleted {deleted} API requests older than {days} days.")
