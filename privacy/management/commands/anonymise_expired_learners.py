from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from organisations.models import Organisation
from privacy import selectors, services


class Command(BaseCommand):
    help = (
        "Anonymise learners past their organisation's retention period, as of a date (default "
        "today), as the nightly task does. --dry-run only counts them."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, default=None)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, date, dry_run, **options):
        today = date or timezone.localdate()
        if not dry_run:
            erased = services.anonymise_expired_learners(today=today)
            self.stdout.write(f"{erased} learners anonymised as of {today}.")
            return
        total = 0
        for organisation in Organisation.objects.order_by("name"):
            due = selectors.learners_past_retention(organisation, today=today).count()
            if due:
                self.stdout.write(f"{due:6} {organisation.name}")
            total += due
        self.stdout.write(f"{total} learners would be anonymised as of {today}.")
