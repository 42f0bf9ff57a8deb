"""Thin tasks: they take dates and call the services."""

from datetime import date

from celery import shared_task

from . import services


@shared_task(acks_late=True)  # safe: an anonymised learner is never touched again
def anonymise_expired_learners(today: str | None = None) -> int:
    """Nightly (see CELERY_BEAT_SCHEDULE); safe to run again at any time. `today` is an ISO
    date, for a run by hand as of another day."""
    return services.anonymise_expired_learners(today=date.fromisoformat(today) if today else None)
