from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from notifications import jobs
from organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Send impact summaries for a date (default today): weekly or monthly to project "
        "managers, or the monthly network summary to admins. --dry-run only lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=["weekly", "monthly", "network"], default="weekly")
        parser.add_argument("--date", type=date.fromisoformat, default=None)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, kind, date, dry_run, **options):
        as_of = date or timezone.localdate()
        if kind == "network":
            batches = [("Network", jobs.network_summaries(as_of=as_of))]
        else:
            # Every organisation at once: a fixed number of queries (notifications.jobs).
            emails = jobs.summaries_for_organisations(
                organisations=Organisation.objects.filter(is_active=True).order_by("name"),
                frequency=kind,
                as_of=as_of,
            )
            batches = [(email.context["organisation"].name, [email]) for email in emails]
        total = new = 0
        for name, emails in batches:
            for email in emails:
                if dry_run:
                    self.stdout.write(f"{email.kind:16} {email.to:40} {name}")
            total += len(emails)
            new += jobs.send(emails, dry_run=dry_run)
        verb = "would be sent" if dry_run else "queued (others were sent before)"
        self.stdout.write(f"{total} {kind} summaries for {as_of}; {new} {verb}.")
