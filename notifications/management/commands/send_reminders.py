from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications import jobs
from organisations.models import Organisation


class Command(BaseCommand):
    help = "Send the champions' reminders for a date (default today). --dry-run only lists them."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, default=None)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, date, dry_run, **options):
        as_of = date or timezone.localdate()
        # Every organisation at once: a fixed number of queries (notifications.jobs).
        emails = jobs.reminders_for_organisations(
            organisations=Organisation.objects.filter(is_active=True).order_by("name"),
            as_of=as_of,
        )
        if dry_run:
            for email in emails:
                name = email.context["organisation"].name
                self.stdout.write(f"{email.kind:22} {email.to:40} {name}")
        total = len(emails)
        new = jobs.send(emails, dry_run=dry_run)
        verb = "would be sent" if dry_run else "queued (others were sent before)"
        self.stdout.write(f"{total} reminders for {as_of}; {new} {verb}.")
