"""Tenancy-walk entries for learners' rights pages (see tests/tenancy_registry.py)."""

from tests.sessions_log.factories import LearnerFactory


def _learner(other):
    return {"public_id": LearnerFactory(organisation=other.organisation, is_shared=True).public_id}


OBJECTS_OF_ANOTHER_ORGANISATION = {
    "privacy:learner_export": _learner,
    "privacy:learner_export_json": _learner,
    "privacy:learner_erase": _learner,
}

ROLE_REQUIRED = dict.fromkeys(OBJECTS_OF_ANOTHER_ORGANISATION, "pm")
