"""Tenancy-walk entries for learners (see tests/tenancy_registry.py)."""

from tests.sessions_log.factories import LearnerFactory


def _learner(other):
    return {"public_id": LearnerFactory(organisation=other.organisation, is_shared=True).public_id}


OBJECTS_OF_ANOTHER_ORGANISATION = {
    "learners:detail": _learner,
    "learners:edit": _learner,
    "learners:assessment_create": _learner,
    "learners:consent_withdraw": lambda other: {**_learner(other), "kind": "media"},
}
