"""After a restore from a backup: erase again every learner erased since it was taken."""

from django.core.management.base import BaseCommand

from privacy.erasure_journal import journal_path
from privacy.services import erasures_replay


class Command(BaseCommand):
    help = "Erase again every learner in the erasure journal who is not erased in this database."

    def handle(self, *args, **options):
        again, already = erasures_replay()
        self.stdout.write(
            f"Erasure journal {journal_path()}: {again} learners erased again, "
            f"{already} already erased or not in this database."
        )
