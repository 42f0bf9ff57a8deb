"""Thin tasks: they take ids and dates, and call the jobs. Summaries fan out one task per
organisation, so a national run spreads over the workers and one failure stays local."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from organisations.models import Organisation

from . import jobs
from .services import email_claim, email_deliver, outbox_sweep


# No Celery retries: a failed attempt writes its next attempt time on the row and beat's sweep
# hands it to a worker when it is due (see notifications.services). A countdown in Redis would
# outlive the broker's visibility timeout and be delivered twice, and would not survive a flush.
@shared_task(
    acks_late=True,  # safe: delivery is idempotent through the claim in email_claim
    reject_on_worker_lost=True,
)
def deliver_email(email_id: int) -> str:
    email = email_claim(email_id=email_id)
    if email is None:
        return "not due, already claimed or sent"
    return email_deliver(email=email)


@shared_task
def sweep_outbox() -> int:
    return outbox_sweep()


def _as_of(value: str | None) -> date:
    return date.fromisoformat(value) if value else timezone.localdate()


@shared_task(acks_late=True)
def send_reminders(as_of: str | None = None) -> int:
    day = _as_of(as_of)
    for organisation_id in Organisation.objects.filter(is_active=True).values_list("pk", flat=True):
        send_organisation_reminders.delay(organisation_id, day.isoformat())
    return 0


@shared_task(acks_late=True)
def send_organisation_reminders(organisation_id: int, as_of: str) -> int:
    organisation = Organisation.objects.get(pk=organisation_id)
    return jobs.send(
        jobs.reminders_for_organisation(organisation=organisation, as_of=_as_of(as_of))
    )


@shared_task(acks_late=True)
def send_impact_summaries(frequency: str, as_of: str | None = None) -> int:
    day = _as_of(as_of)
    for organisation_id in Organisation.objects.filter(is_active=True).values_list("pk", flat=True):
        send_organisation_summary.delay(organisation_id, frequency, day.isoformat())
    return 0


@shared_task(acks_late=True)
def send_organisation_summary(organisation_id: int, frequency: str, as_of: str) -> int:
    organisation = Organisation.objects.get(pk=organisation_id)
    return jobs.send(
        jobs.summaries_for_organisation(
            organisation=organisation, frequency=frequency, as_of=_as_of(as_of)
        )
    )


@shared_task(acks_late=True)
def send_network_summary(as_of: str | None = None) -> int:
    return jobs.send(jobs.network_summaries(as_of=_as_of(as_of)))
