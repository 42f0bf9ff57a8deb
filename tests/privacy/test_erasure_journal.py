"""The erasure journal names each erased learner by reference only, and replaying it erases
again only those a restored database still holds, once."""

import json

import pytest
from django.conf import settings

from learners.models import Learner
from privacy.services import erasures_replay, learner_erase
from tests.sessions_log.factories import LearnerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _journal() -> list[dict]:
    path = settings.ERASURE_JOURNAL
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_an_erasure_is_journalled_by_reference_only(org_a):
    learner = LearnerFactory(organisation=org_a.organisation, display_name="Gwen Prydderch")
    before = len(_journal())
    learner_erase(learner=learner, reason="request")
    entries = _journal()[before:]
    assert [e["learner"] for e in entries] == [str(learner.public_id)]
    assert "Gwen" not in settings.ERASURE_JOURNAL.read_text()


def test_replaying_erases_again_those_a_restore_brought_back_once(org_a):
    learner = LearnerFactory(organisation=org_a.organisation)
    learner_erase(learner=learner, reason="request")
    # As if restored from a backup taken before the erasure.
    Learner.objects.filter(pk=learner.pk).update(anonymised_at=None, display_name="Back again")
    again, _ = erasures_replay()
    assert again == 1
    learner.refresh_from_db()
    assert learner.anonymised_at is not None and learner.display_name != "Back again"
    assert erasures_replay()[0] == 0


def test_an_erasure_rolled_back_is_not_journalled(org_a):
    from django.db import transaction

    learner = LearnerFactory(organisation=org_a.organisation)
    before = len(_journal())
    with pytest.raises(RuntimeError), transaction.atomic():
        learner_erase(learner=learner, reason="request")
        raise RuntimeError("the request failed after the erasure")
    assert len(_journal()) == before
