"""Tenancy-walk entries for follow-up checks (see tests/tenancy_registry.py)."""

from tests.sessions_log.factories import LearnerFactory


def _learner(other):
    return {"public_id": LearnerFactory(organisation=other.organisation, is_shared=True).public_id}


NOT_ORGANISATION_SCOPED = {
    "outcomes:from_learner": "public by design: the token is the organisation's published "
    "feedback link, and the answer names nobody",
}

OBJECTS_OF_ANOTHER_ORGANISATION = {"outcomes:check": _learner}
