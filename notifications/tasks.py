from celery import shared_task

from .services import email_claim, email_deliver, outbox_sweep


@shared_task(
    bind=True,
    acks_late=True,  # safe: delivery is idempotent through the claim in email_claim
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=7,
)
def deliver_email(self, email_id: int) -> str:
    email = email_claim(email_id=email_id)
    if email is None:
        return "already claimed or sent"
    email_deliver(email=email)
    return "sent"


@shared_task
def sweep_outbox() -> int:
    return outbox_sweep()
