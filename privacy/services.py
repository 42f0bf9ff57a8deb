"""Writes for learners' rights and retention. Erasing a learner anonymises every personal field
irreversibly, in one transaction, while their attendance stays: the organisation's session
figures do not change, but nobody can tell who was helped."""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.audit import Action, audit_record
from learners.models import Learner
from organisations.models import Organisation
from sessions_log.models import SessionDraft, SessionRevision, SupportSession

from .selectors import learners_past_retention

ERASED_NAME = "Erased learner"
# Every field that could identify the learner or describe them as a person.
CLEARED_FIELDS = {
    "display_name": ERASED_NAME,
    "contact_email": "",
    "contact_phone": "",
    "postcode_district": "",
    "age_band": "",
    "gender": "",
    "employment_status": "",
    "disability": "",
    "first_language_english": "",
    "heard_from": "",
    "is_shared": False,
}
ERASED_TEXT = "(removed when a learner's record was erased)"


@transaction.atomic
def learner_erase(*, learner: Learner, actor=None, reason: str = "request", request=None) -> bool:
    """Anonymise the learner. Returns False if they already were (erasing twice is harmless)."""
    learner = Learner.objects.select_for_update().get(pk=learner.pk)
    if learner.anonymised_at is not None:
        return False
    name = learner.display_name.strip()
    now = timezone.now()
    for field, value in CLEARED_FIELDS.items():
        setattr(learner, field, value)
    learner.anonymised_at = now
    learner.save()
    # Consents stay as the record of what was agreed, without anything said about the person.
    learner.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    learner.consents.update(what_they_were_told="")
    _scrub_free_text(learner=learner, name=name)
    audit_record(
        action=Action.ERASE,
        actor=actor,
        organisation=learner.organisation,
        target=learner,
        detail={"reason": reason},
        request=request,
    )
    return True


# Words in a display name that say nothing about who someone is.
_NOT_NAMES = {"mr", "mrs", "ms", "miss", "mx", "dr", "the", "and"}


def name_words(display_name: str) -> list[str]:
    """The parts of a name worth searching free text for: "Mrs Prudence O." -> ["Prudence"].
    Initials and titles are too short or too common to find safely."""
    words = [w.strip(".,'()") for w in display_name.split()]
    return [w for w in words if len(w) >= 3 and w.lower() not in _NOT_NAMES]


def _mentions(text: str, words: list[str]) -> bool:
    lowered = text.lower()
    return any(w.lower() in lowered for w in words)


def _scrub_free_text(*, learner: Learner, name: str) -> None:
    """Free text may name the learner: notes on their sessions, the edit history of those
    sessions, and unsaved drafts. Where the name is only initials, nothing can be searched for
    safely, so every note on their one-to-one sessions goes instead."""
    sessions = SupportSession.objects.filter(attendances__learner=learner)
    words = name_words(name)
    if not words:
        one_to_one = sessions.filter(format="one_to_one").exclude(notes="")
        SupportSession.objects.filter(pk__in=one_to_one.values("pk")).update(notes=ERASED_TEXT)
        return
    mention = Q()
    for word in words:
        mention |= Q(notes__icontains=word)
    SupportSession.objects.filter(pk__in=sessions.filter(mention).values("pk")).update(
        notes=ERASED_TEXT
    )
    mention = Q()
    for word in words:
        mention |= Q(cancel_note__icontains=word)
    SupportSession.objects.filter(pk__in=sessions.filter(mention).values("pk")).update(
        cancel_note=""
    )
    for revision in SessionRevision.objects.filter(session__in=sessions.values("pk")):
        if _mentions(str(revision.changes), words):
            revision.changes = {
                field: ([ERASED_TEXT, ERASED_TEXT] if _mentions(str(values), words) else values)
                for field, values in revision.changes.items()
            }
            revision.save(update_fields=["changes"])
    for draft in SessionDraft.objects.filter(organisation=learner.organisation):
        if _mentions(str(draft.data), words):
            draft.delete()


def anonymise_expired_learners(*, today: date | None = None) -> int:
    """The nightly retention run: anonymise every learner whose last session (or, with none,
    whose record) is older than their organisation's retention period. Idempotent: an
    anonymised learner is never touched again. One transaction per learner, so one problem
    does not undo the rest of the night's work."""
    today = today or timezone.localdate()
    erased = 0
    # Inactive organisations too: their learners' data is still held, so the clock still runs.
    for organisation in Organisation.objects.all():
        for learner in learners_past_retention(organisation, today=today).only("pk").iterator():
            if learner_erase(learner=learner, reason="retention"):
                erased += 1
    return erased
