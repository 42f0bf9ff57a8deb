from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from notifications import selectors, services
from notifications.models import OutboundEmail


class Command(BaseCommand):
    help = (
        "List the outbox's failed and delayed emails; --requeue ID... or --requeue-all sends them "
        "again (the same services as the network admins' page, audited)."
    )

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--requeue", nargs="+", metavar="ID", help="public ids from the list")
        group.add_argument("--requeue-all", action="store_true")

    def handle(self, *args, requeue, requeue_all, **options):
        if requeue_all:
            count = services.outbox_requeue_all()
            self.stdout.write(f"{count} emails requeued.")
            return
        if requeue:
            for public_id in requeue:
                try:
                    email = OutboundEmail.objects.get(public_id=public_id)
                except (OutboundEmail.DoesNotExist, ValidationError) as exc:
                    raise CommandError(f"No email {public_id} in the outbox.") from exc
                done = services.email_requeue(email=email)
                self.stdout.write(
                    f"{public_id} {'requeued' if done else 'left alone: ' + email.status}"
                )
            return
        emails = list(selectors.outbox_attention())
        for email in emails:
            error = email.last_error.splitlines()[0][:80] if email.last_error else ""
            self.stdout.write(
                f"{email.public_id}  {email.status:8} {email.attempts:3}x  "
                f"{email.queued_at:%Y-%m-%d %H:%M}  {email.kind:20} {email.to:35} {error}"
            )
        self.stdout.write(f"{len(emails)} emails failed or delayed.")
