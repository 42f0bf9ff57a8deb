"""Writes for learners' rights and retention. Erasing a learner anonymises every personal field
irreversibly, in one transaction, while their attendance stays: the organisation's session
figures do not change, but nobody can tell who was helped."""

import logging
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.audit import Action, audit_record
from core.vocabulary import SessionFormat
from devices.services import loans_forget_learner
from learners.models import Learner
from organisations.models import Organisation
from sessions_log.models import SessionDraft, SessionRevision, SupportSession
from stories.services import stories_remove_for_learner

from . import signals
from .erasure_journal import journal_append, journal_entries
from .mentions import mention_pattern, mentions
from .selectors import learners_past_retention

logger = logging.getLogger(__name__)

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
# Fields kept on purpose: none says who the person is, and the figures need them (the reference
# is a random code, so repeat learners still count once). A new field on Learner must be added
# to one list or the other (tests/privacy checks).
KEPT_FIELDS = {
    "id",
    "public_id",
    "organisation",
    "reference",
    "created_by",
    "created_at",
    "updated_at",
    "first_session_on",
    "last_session_on",
    "session_count",
    "anonymised_at",
}
ERASED_TEXT = "(removed when a learner's record was erased)"


@transaction.atomic
def learner_erase(*, learner: Learner, actor=None, reason: str = "request", request=None) -> bool:
    """Anonymise the learner. Returns False if they already were (erasing twice is harmless)."""
    learner = Learner.objects.select_for_update().get(pk=learner.pk)
    if learner.anonymised_at is not None:
        return False
    pattern = mention_pattern(learner.display_name)
    now = timezone.now()
    for field, value in CLEARED_FIELDS.items():
        setattr(learner, field, value)
    learner.anonymised_at = now
    learner.save()
    # Consents stay as the record of what was agreed and when, withdrawn, with nothing said
    # about the person.
    learner.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    learner.consents.exclude(what_they_were_told="").update(what_they_were_told="")
    _scrub_sessions(learner=learner, pattern=pattern)
    _scrub_history(learner=learner, pattern=pattern)
    _scrub_drafts(learner=learner, pattern=pattern)
    # Their stories go entirely, photos too: a story is about who they are.
    stories_remove_for_learner(learner=learner)
    # The kit they borrowed or were given stays in the history, without who had it.
    loans_forget_learner(learner=learner)
    audit_record(
        action=Action.ERASE,
        actor=actor,
        organisation=learner.organisation,
        target=learner,
        detail={"reason": reason},
        request=request,
    )
    signals.learner_erased.send(sender=Learner, learner=learner, reason=reason)
    public_id = learner.public_id
    transaction.on_commit(
        lambda: journal_append(learner_public_id=public_id, at=now, reason=reason)
    )
    return True


def erasures_replay() -> tuple[int, int]:
    """After a restore: erase again every learner the journal names who is not erased in this
    database (restored from before their erasure). Returns (erased again, already erased or
    gone). Idempotent: a second run erases nobody."""
    public_ids = {entry["learner"] for entry in journal_entries() if entry.get("learner")}
    pending = list(
        Learner.objects.filter(public_id__in=public_ids, anonymised_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    for pk in pending:
        learner_erase(learner=Learner(pk=pk), reason="replayed after a restore")
    return len(pending), len(public_ids) - len(pending)


def _scrub_sessions(*, learner: Learner, pattern) -> None:
    """A one-to-one's private notes are about this learner alone, so they go. On a group or
    drop-in, notes, a cancellation note or a venue go where they name them."""
    changed = []
    sessions = SupportSession.objects.filter(attendances__learner=learner).only(
        "pk", "format", "notes", "cancel_note", "venue"
    )
    for session in sessions:
        theirs = session.format == SessionFormat.ONE_TO_ONE
        before = (session.notes, session.cancel_note, session.venue)
        if session.notes and (theirs or mentions(session.notes, pattern)):
            session.notes = ERASED_TEXT
        if session.cancel_note and (theirs or mentions(session.cancel_note, pattern)):
            session.cancel_note = ""
        if mentions(session.venue, pattern):
            session.venue = ""
        if (session.notes, session.cancel_note, session.venue) != before:
            changed.append(session)
    SupportSession.objects.bulk_update(changed, ["notes", "cancel_note", "venue"])


def _scrub_history(*, learner: Learner, pattern) -> None:
    """Edit history names learners as "Name (L-ABC234)" (in the list of who attended and in
    confidence scores), and quotes notes as they were. Found by reference too, so a session the
    learner was later taken off is covered."""
    new_label = str(learner)
    one_to_one = set(
        SupportSession.objects.filter(
            attendances__learner=learner, format=SessionFormat.ONE_TO_ONE
        ).values_list("pk", flat=True)
    )

    def scrub(value):
        if isinstance(value, str):
            if value.endswith(f"({learner.reference})"):
                return new_label
            return ERASED_TEXT if mentions(value, pattern) else value
        if isinstance(value, list):
            return [scrub(v) for v in value]
        if isinstance(value, dict):
            return {scrub(k): scrub(v) for k, v in value.items()}
        return value

    revisions = SessionRevision.objects.filter(
        Q(session__attendances__learner=learner)
        | Q(organisation=learner.organisation, changes__icontains=learner.reference)
    ).distinct()
    changed = []
    for revision in revisions:
        changes = scrub(revision.changes)
        if revision.session_id in one_to_one:
            for field in ("notes", "cancel_note"):
                if isinstance(changes.get(field), list):
                    changes[field] = [ERASED_TEXT if v else v for v in changes[field]]
        if changes != revision.changes:
            revision.changes = changes
            changed.append(revision)
    SessionRevision.objects.bulk_update(changed, ["changes"])


def _scrub_drafts(*, learner: Learner, pattern) -> None:
    """A half-typed session that names the learner (a new learner's name, notes) is dropped."""
    if pattern is None:
        return
    for draft in SessionDraft.objects.filter(organisation=learner.organisation):
        if mentions(draft.data, pattern):
            draft.delete()


class RetentionRunIncomplete(Exception):
    pass


def anonymise_expired_learners(*, today: date | None = None) -> int:
    """The nightly retention run: anonymise every learner whose last session (or, with none,
    whose record) is older than their organisation's retention period. Idempotent: an
    anonymised learner is never touched again. One transaction per learner, so one problem
    does not undo or hold up the rest of the night's work; it is logged, and the run then
    fails so that it is noticed."""
    today = today or timezone.localdate()
    erased = failed = 0
    # Inactive organisations too: their learners' data is still held, so the clock still runs.
    for organisation in Organisation.objects.all():
        pks = list(learners_past_retention(organisation, today=today).values_list("pk", flat=True))
        for pk in pks:
            try:
                if learner_erase(learner=Learner(pk=pk), reason="retention"):
                    erased += 1
            except Exception:
                failed += 1
                logger.exception("Could not anonymise learner %s past retention", pk)
    if failed:
        raise RetentionRunIncomplete(f"{erased} learners anonymised, {failed} could not be")
    return erased
