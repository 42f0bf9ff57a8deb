"""Tenancy-walk entries for the API (see tests/tenancy_registry.py). The walk signs people in
through the browser; tests/api/test_reads.py walks the same routes with another organisation's
API key."""

from api.services import api_key_create
from tests.sessions_log.factories import LearnerFactory, SupportSessionFactory


def _session(other):
    return {
        "public_id": SupportSessionFactory(
            organisation=other.organisation, champion=other.champion
        ).public_id
    }


def _learner(other):
    return {"public_id": LearnerFactory(organisation=other.organisation).public_id}


def _key(other):
    key, _ = api_key_create(
        organisation=other.organisation, name="Walk", access="read", created_by=other.pm
    )
    return {"public_id": key.public_id}


def _endpoint(other):
    from api.webhooks import webhook_endpoint_create

    endpoint, _ = webhook_endpoint_create(
        organisation=other.organisation,
        url="https://hooks.example.org/portal",
        description="Walk",
        events=["session.logged"],
        created_by=other.pm,
    )
    return {"public_id": endpoint.public_id}


WEBHOOK_URLS = [
    "api:webhook_detail",
    "api:webhook_pause",
    "api:webhook_resume",
    "api:webhook_test",
    "api:webhook_retry_failed",
    "api:webhook_secret",
    "api:webhook_delete",
]

OBJECTS_OF_ANOTHER_ORGANISATION = {
    "api:session_detail": _session,
    "api:session_cancel": _session,
    "api:session_complete": _session,
    "api:learner_detail": _learner,
    "api:key_revoke": _key,
    **dict.fromkeys(WEBHOOK_URLS, _endpoint),
}

# Champions' browsers reach only their own sessions (to send, change and cancel them, as the
# offline sync will); reading learners and managing keys and webhooks is for project managers.
ROLE_REQUIRED = {
    "api:learner_detail": "pm",
    "api:key_revoke": "pm",
    **dict.fromkeys(WEBHOOK_URLS, "pm"),
}
