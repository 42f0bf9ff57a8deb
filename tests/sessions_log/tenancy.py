"""Tenancy-walk entries for sessions_log (see tests/tenancy_registry.py)."""

from tests.sessions_log.factories import SupportSessionFactory


def _session(other):
    return {
        "public_id": SupportSessionFactory(
            organisation=other.organisation, champion=other.champion
        ).public_id
    }


OBJECTS_OF_ANOTHER_ORGANISATION = {
    f"sessions_log:{name}": _session
    for name in (
        "detail",
        "edit",
        "complete",
        "cancel",
        "delete",
        "restore",
        "follow_up_done",
        "attendance_scores",
    )
}

ROLE_REQUIRED = {"sessions_log:restore": "pm"}


def _import_batch(other):
    """One CSV import of `other` (sessions_log.importing), made within the day, so undoable."""
    from sessions_log.models import ImportBatch

    return {"public_id": ImportBatch.objects.create(organisation=other.organisation).public_id}


OBJECTS_OF_ANOTHER_ORGANISATION |= {
    "sessions_log:import_batch": _import_batch,
    "sessions_log:import_undo": _import_batch,
}
ROLE_REQUIRED |= {"sessions_log:import_batch": "pm", "sessions_log:import_undo": "pm"}
