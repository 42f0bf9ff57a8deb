"""Writes for webhooks: endpoints, the events outbox, and its delivery. Shaped like the email
outbox (notifications.services), which it follows.

An event is recorded with one delivery row per endpoint that asked for it, in the transaction
that made the change (api.receivers listens to sessions_log's and privacy's signals), so a
change that commits always has its deliveries and a change that rolls back has none, whether
or not Redis and the workers are up. After the commit a task is kicked for each delivery, and
beat's sweep (api.tasks.sweep_webhooks) sends whatever is due, so a lost task only waits for
the next sweep.

A delivery is claimed with SELECT ... FOR UPDATE SKIP LOCKED and marked "sending" with a lease
in one short transaction, then sent with no transaction open: two workers or sweeps never take
the same row, and a row whose worker died is taken again when its lease runs out (the one case
where a receiver may get an event twice; the event id header lets it drop the repeat). A
failure (no answer, or any status but 2xx) is retried with capped exponential backoff for
RETRY_FOR after the delivery was queued, then the delivery is marked failed. A receiver that
is down for an hour gets everything once it is back."""

import json
import logging
import random
from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from organisations.models import Organisation

from . import webhook_http
from .models import (
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventType,
    new_webhook_secret,
)

logger = logging.getLogger(__name__)

Status = WebhookDelivery.Status

# The retry rules, in seconds. 60 s, 2, 4, ... 32 minutes, then hourly: about 30 tries in a day.
RETRY_FOR = 24 * 3600
BACKOFF_FIRST = 60
BACKOFF_MAX = 3600
# A "sending" row whose worker has not finished in this time is taken again. Much longer than
# one attempt can take (connect and read timeouts of TIMEOUT_SECONDS each).
SENDING_LEASE = 300
# One sweep stops taking rows after this long, so a backlog does not make sweeps pile up; the
# next one carries on (the claim lets them overlap safely anyway).
SWEEP_BUDGET_SECONDS = 50


# --- Endpoints -----------------------------------------------------------------------------------


def webhook_endpoint_create(
    *, organisation: Organisation, url: str, description: str, events: list[str], created_by
) -> tuple[WebhookEndpoint, str]:
    """Make an endpoint; return it with its secret, which the PM's page shows this once."""
    secret = new_webhook_secret()
    endpoint = WebhookEndpoint.objects.create(
        organisation=organisation,
        url=url,
        description=description,
        events=sorted(set(events)),
        secret=secret,
        created_by=created_by,
    )
    return endpoint, secret


def webhook_endpoint_update(
    *, endpoint: WebhookEndpoint, url: str, description: str, events: list[str]
) -> WebhookEndpoint:
    """Deliveries still waiting go to the new address (it is read when sending)."""
    endpoint.url, endpoint.description, endpoint.events = url, description, sorted(set(events))
    endpoint.save(update_fields=["url", "description", "events"])
    return endpoint


def webhook_secret_rotate(*, endpoint: WebhookEndpoint) -> str:
    """A new secret, used from the next attempt on (deliveries are signed when sent)."""
    endpoint.secret = new_webhook_secret()
    endpoint.save(update_fields=["secret"])
    return endpoint.secret


@transaction.atomic
def webhook_endpoint_set_active(*, endpoint: WebhookEndpoint, active: bool) -> WebhookEndpoint:
    """Pause: no new events are recorded for it and waiting deliveries are held. Resume: the
    waiting ones are tried at once (their retry time still counts from when they were queued)."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=active)
    endpoint.is_active = active
    if active:
        now = timezone.now()
        waiting = list(
            endpoint.deliveries.filter(status=Status.QUEUED).values_list("pk", flat=True)
        )
        WebhookDelivery.objects.filter(pk__in=waiting).update(next_attempt_at=now)
        _kick_after_commit(waiting)
    return endpoint


def webhook_endpoint_delete(*, endpoint: WebhookEndpoint) -> None:
    """Its deliveries and their log go with it."""
    endpoint.delete()


# --- Recording events ----------------------------------------------------------------------------


def endpoints_wanting(*, organisation_id: int, type: str) -> list[WebhookEndpoint]:
    """The organisation's active endpoints that asked for this type of event."""
    return list(
        WebhookEndpoint.objects.filter(
            organisation_id=organisation_id, is_active=True, events__contains=[type]
        ).only("pk")
    )


def event_record(
    *,
    organisation_id: int,
    type: str,
    data: dict,
    endpoints=None,
) -> WebhookEvent | None:
    """Record an event and one delivery per active endpoint of the organisation that asked for
    it (or for the given endpoints), inside the caller's transaction; each is sent after the
    commit. Nothing is recorded when no endpoint wants it: one query, then nothing."""
    if endpoints is None:
        endpoints = endpoints_wanting(organisation_id=organisation_id, type=type)
    endpoint_ids = [e.pk for e in endpoints]
    if not endpoint_ids:
        return None
    event = WebhookEvent.objects.create(
        organisation_id=organisation_id,
        type=type,
        data=json.loads(json.dumps(data, cls=DjangoJSONEncoder)),
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(endpoint_id=pk, event=event) for pk in endpoint_ids]
    )
    _kick_after_commit([d.pk for d in deliveries])
    return event


def webhook_test_send(*, endpoint: WebhookEndpoint, by) -> WebhookEvent:
    """The "send a test event" button: one event of type "test" for this endpoint only."""
    with transaction.atomic():
        return event_record(
            organisation_id=endpoint.organisation_id,
            type=WebhookEventType.TEST,
            data={"message": "A test event from the Digital Champions Portal."},
            endpoints=[endpoint],
        )


def _kick_after_commit(delivery_ids: list[int]) -> None:
    for delivery_id in delivery_ids:
        transaction.on_commit(lambda pk=delivery_id: _kick(pk))


def _kick(delivery_id: int) -> None:
    from .tasks import deliver_webhook

    try:
        deliver_webhook.delay(delivery_id)
    except Exception:  # noqa: BLE001 - a broker outage must not break the change; the sweep sends it
        logger.warning("Broker unavailable; the sweep will send webhook delivery %s", delivery_id)


# --- Delivering ----------------------------------------------------------------------------------


def _due() -> Q:
    now = timezone.now()
    return Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_at__lt=now - timedelta(seconds=SENDING_LEASE)
    )


def delivery_claim(*, delivery_id: int | None = None) -> WebhookDelivery | None:
    """Take one due delivery (this one, or the one due longest) for this worker, or None. Rows
    another transaction holds are skipped, not waited for, and the claim commits before anything
    is sent; only the delivery's row is locked, not its endpoint's."""
    with transaction.atomic():
        due = WebhookDelivery.objects.filter(_due(), endpoint__is_active=True)
        if delivery_id is not None:
            due = due.filter(pk=delivery_id)
        delivery = (
            due.select_for_update(skip_locked=True, of=("self",))
            .order_by("next_attempt_at")
            .first()
        )
        if delivery is None:
            return None
        now = timezone.now()
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return WebhookDelivery.objects.select_related("endpoint", "event__organisation").get(
        pk=delivery.pk
    )


def event_body(event: WebhookEvent) -> bytes:
    """The same bytes on every attempt and to every endpoint (the signature's timestamp is what
    changes). Documented in the README, "Webhooks"."""
    body = {
        "id": str(event.public_id),
        "type": event.type,
        "created": event.created_at,
        "organisation": str(event.organisation.public_id),
        "data": event.data,
    }
    return json.dumps(body, cls=DjangoJSONEncoder, sort_keys=True).encode()


def retry_delay(*, attempts: int) -> timedelta:
    """Backoff after the n-th failed attempt with "equal jitter" (half the step to all of it),
    as notifications.services.retry_delay: never 0 s, and retries after an outage spread out."""
    step = min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** min(max(attempts - 1, 0), 30))
    return timedelta(seconds=step / 2 + random.uniform(0, step / 2))  # noqa: S311 - not crypto


def delivery_send(*, delivery: WebhookDelivery) -> str:
    """Send a claimed delivery once and record the outcome. Returns its new status."""
    endpoint, event = delivery.endpoint, delivery.event
    body = event_body(event)
    headers = webhook_http.signed_headers(
        secret=endpoint.secret, event_id=str(event.public_id), event_type=event.type, body=body
    )
    code, error, permanent = None, "", False
    try:
        code = webhook_http.post(url=endpoint.url, body=body, headers=headers).status
    except webhook_http.UnsafeAddress as exc:
        error, permanent = f"Refused: {exc}", True
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row and retried
        error = f"{type(exc).__name__}: {exc}"
    if code is not None and 200 <= code < 300:
        return _record(delivery, status=Status.DELIVERED, code=code, error="")
    if code is not None:
        error = f"HTTP {code}"
    deadline = delivery.queued_at + timedelta(seconds=RETRY_FOR)
    now = timezone.now()
    if permanent or now >= deadline:
        logger.warning("Webhook delivery %s failed for good: %s", delivery.pk, error)
        return _record(delivery, status=Status.FAILED, code=code, error=error)
    # The last try lands on the deadline itself, so the whole retry time is used.
    next_attempt = min(now + retry_delay(attempts=delivery.attempts), deadline)
    return _record(delivery, status=Status.QUEUED, code=code, error=error, next_at=next_attempt)


def _record(delivery, *, status, code, error, next_at=None) -> str:
    """Only our own claim is written: if the lease ran out and another worker took the row
    over, its outcome stands."""
    changes = {"status": status, "last_status_code": code, "last_error": error[:500]}
    if status == Status.DELIVERED:
        changes["delivered_at"] = timezone.now()
    if next_at is not None:
        changes["next_attempt_at"] = next_at
    WebhookDelivery.objects.filter(
        pk=delivery.pk, status=Status.SENDING, claimed_at=delivery.claimed_at
    ).update(**changes)
    return status


def delivery_deliver(*, delivery_id: int) -> str:
    """The task's work: claim this delivery if it is due, and send it."""
    delivery = delivery_claim(delivery_id=delivery_id)
    if delivery is None:
        return "not due, paused, already claimed or delivered"
    return delivery_send(delivery=delivery)


def webhook_sweep(*, budget_seconds: float = SWEEP_BUDGET_SECONDS) -> int:
    """Send every due delivery, one claim at a time, until none is due or the budget is spent.
    Returns how many were attempted."""
    started = timezone.now()
    attempted = 0
    while (timezone.now() - started).total_seconds() < budget_seconds:
        delivery = delivery_claim()
        if delivery is None:
            break
        delivery_send(delivery=delivery)
        attempted += 1
    return attempted


@transaction.atomic
def webhook_failed_retry(*, endpoint: WebhookEndpoint) -> int:
    """Try the endpoint's failed deliveries again now, each with a new day of retries (after the
    receiver's people fixed what made it refuse them). Returns how many."""
    now = timezone.now()
    failed = endpoint.deliveries.filter(status=Status.FAILED)
    ids = list(failed.values_list("pk", flat=True))
    failed.filter(pk__in=ids).update(
        status=Status.QUEUED, queued_at=now, next_attempt_at=now, claimed_at=None
    )
    _kick_after_commit(ids)
    return len(ids)


def webhook_log_prune(*, before) -> int:
    """Forget deliveries that ended (delivered or failed) before `before`, and events left with
    no delivery; returns how many deliveries were deleted. Waiting ones are kept whatever
    their age."""
    deleted, _ = WebhookDelivery.objects.filter(
        status__in=[Status.DELIVERED, Status.FAILED], queued_at__lt=before
    ).delete()
    WebhookEvent.objects.filter(created_at__lt=before, deliveries__isnull=True).delete()
    return deleted
