"""Thin tasks: they take ids and dates, and call the jobs. Reminders and summaries fan out one
task per batch of organisations, so a national run spreads over the workers and one failure
stays within its batch."""

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


# Organisations per task: a batch's emails are planned in a fixed number of queries
# (notifications.jobs), so the network is a few tasks, still spread over the workers.
ORGANISATIONS_PER_TASK = 500


def _batches() -> list[list[int]]:
    ids = list(
        Organisation.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
    )
    return [ids[i : i + ORGANISATIONS_PER_TASK] for i in range(0, len(ids), ORGANISATIONS_PER_TASK)]


@shared_task(acks_late=True)
def send_reminders(as_of: str | None = None) -> int:
    day = _as_of(as_of)
    for organisation_ids in _batches():
        send_organisations_reminders.delay(organisation_ids, day.isoformat())
    return 0


@shared_task(acks_late=True)
def send_organisations_reminders(organisation_ids: list[int], as_of: str) -> int:
    organisations = Organisation.objects.filter(pk__in=organisation_ids).order_by("pk")
    return jobs.send(
        jobs.reminders_for_organisations(organisations=organisations, as_of=_as_of(as_of))
    )


@shared_task(acks_late=True)
def send_organisation_reminders(organisation_id: int, as_of: str) -> int:
    """Kept for tasks queued, one per organisation, before the batches."""
    return send_organisations_reminders([organisation_id], as_of)


@shared_task(acks_late=True)
def send_impact_summaries(frequency: str, as_of: str | None = None) -> int:
    day = _as_of(as_of)
    for organisation_ids in _batches():
        send_organisations_summaries.delay(organisation_ids, frequency, day.isoformat())
    return 0


@shared_task(acks_late=True)
def send_organisations_summaries(organisation_ids: list[int], frequency: str, as_of: str) -> int:
    organisations = Organisation.objects.filter(pk__in=organisation_ids).order_by("pk")
    return jobs.send(
        jobs.summaries_for_organisations(
            organisations=organisations, frequency=frequency, as_of=_as_of(as_of)
        )
    )


@shared_task(acks_late=True)
def send_organisation_summary(organisation_id: int, frequency: str, as_of: str) -> int:
    """Kept for tasks queued, one per organisation, before the batches."""
    return send_organisations_summaries([organisation_id], frequency, as_of)


@shared_task(acks_late=True)
def send_network_summary(as_of: str | None = None) -> int:
    return jobs.send(jobs.network_summaries(as_of=_as_of(as_of)))
