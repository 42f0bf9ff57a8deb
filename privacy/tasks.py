from celery import shared_task

from .services import anonymise_expired_learners


@shared_task
def anonymise_expired_learners_task() -> int:
    """Nightly (see CELERY_BEAT_SCHEDULE); safe to run again at any time."""
    return anonymise_expired_learners()
