"""Thin tasks for webhooks (see api.webhooks). No Celery retries, as for email: a failed attempt
writes its next attempt time on the row and beat's sweep sends it when it is due."""

from celery import shared_task

from .webhooks import delivery_deliver, webhook_sweep


@shared_task(acks_late=True, reject_on_worker_lost=True)  # safe: the claim makes it idempotent
def deliver_webhook(delivery_id: int) -> str:
    return delivery_deliver(delivery_id=delivery_id)


@shared_task
def sweep_webhooks() -> int:
    return webhook_sweep()
