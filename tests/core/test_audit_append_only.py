import pytest
from django.db import DatabaseError, transaction

from core.audit import Action, audit_record
from core.models import AuditEvent
from tests.factories import UserFactory
from tests.sessions_log.factories import LearnerFactory


def test_audit_rows_cannot_be_changed_or_deleted(org_a):
    event = audit_record(action=Action.VIEW, actor=org_a.pm, organisation=org_a.organisation)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action=Action.DELETE)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == Action.VIEW


def test_deleting_a_user_keeps_their_audit_rows(db):
    user = UserFactory(email="leaver@example.org")
    event = audit_record(action=Action.SIGN_IN, actor=user)
    user.delete()
    event.refresh_from_db()
    assert (event.actor_id, event.actor_label) == (None, "leaver@example.org")


def test_learners_are_named_by_reference_never_by_name(org_a):
    learner = LearnerFactory(organisation=org_a.organisation, display_name="Mrs Prudence Smith")
    event = audit_record(action=Action.VIEW, organisation=org_a.organisation, target=learner)
    assert event.target_label == f"Learner {learner.reference}"
    assert "Prudence" not in str(event)
