"""Turns other apps' signals into webhook events, inside the sender's transaction (connected in
api.apps). What an event says is here, in one place: ids and codes only. No learner's name,
contact details or notes, and no free text a champion typed (a venue or a cancellation note may
name someone); a receiver that needs more asks the API with its key."""

from django.dispatch import receiver

from privacy.signals import learner_erased
from sessions_log.models import Attendance, SupportSession
from sessions_log.signals import session_cancelled, session_changed, session_logged

from .models import WebhookEventType
from .webhooks import endpoints_wanting, event_record

SESSION_EVENT_FIELDS = (
    "status",
    "cancel_reason",
    "date",
    "start_time",
    "duration_minutes",
    "format",
    "mode",
    "skill_areas",
    "topics",
    "anonymous_count",
    "people_count",
    "updated_at",
)


def session_event_data(session: SupportSession) -> dict:
    """The session as its row now stands (counts are written after the session itself)."""
    row = (
        SupportSession.objects.filter(pk=session.pk)
        .values("public_id", "champion__public_id", "team__public_id", *SESSION_EVENT_FIELDS)
        .get()
    )
    learners = Attendance.objects.filter(session_id=session.pk).order_by("learner_id")
    return {
        "session": {
            "id": row.pop("public_id"),
            "champion": row.pop("champion__public_id"),
            "team": row.pop("team__public_id"),
            **row,
            "learners": [str(i) for i in learners.values_list("learner__public_id", flat=True)],
        }
    }


def _session_event(type: str, session: SupportSession) -> None:
    endpoints = endpoints_wanting(organisation_id=session.organisation_id, type=type)
    if endpoints:
        event_record(
            organisation_id=session.organisation_id,
            type=type,
            data=session_event_data(session),
            endpoints=endpoints,
        )


@receiver(session_logged, dispatch_uid="api.webhooks.session_logged")
def on_session_logged(sender, session, **kwargs):
    _session_event(WebhookEventType.SESSION_LOGGED, session)


@receiver(session_changed, dispatch_uid="api.webhooks.session_changed")
def on_session_changed(sender, session, **kwargs):
    _session_event(WebhookEventType.SESSION_CHANGED, session)


@receiver(session_cancelled, dispatch_uid="api.webhooks.session_cancelled")
def on_session_cancelled(sender, session, **kwargs):
    _session_event(WebhookEventType.SESSION_CANCELLED, session)


@receiver(learner_erased, dispatch_uid="api.webhooks.learner_erased")
def on_learner_erased(sender, learner, reason, **kwargs):
    type = WebhookEventType.LEARNER_ERASED
    endpoints = endpoints_wanting(organisation_id=learner.organisation_id, type=type)
    if endpoints:
        event_record(
            organisation_id=learner.organisation_id,
            type=type,
            data={"learner": {"id": str(learner.public_id), "reason": reason}},
            endpoints=endpoints,
        )
