"""Writes for support sessions. Views, the CSV import, tasks and commands all call these, so each
rule (validation, history, the denormalised counts) lives once. Every function is one transaction:
nothing is ever saved half-way."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from core.vocabulary import Mode, SessionFormat, SessionStatus
from learners.models import Learner
from organisations import dates
from organisations.models import Membership, Organisation

from . import signals
from .forms import SessionForm
from .models import MAX_DURATION_MINUTES, Attendance, SessionDraft, SessionRevision, SupportSession

# The fields a champion types; the rest are derived or bookkeeping.
EDITABLE_FIELDS = (
    "status",
    "cancel_reason",
    "cancel_note",
    "date",
    "start_time",
    "duration_minutes",
    "format",
    "mode",
    "venue",
    "skill_areas",
    "topics",
    "barriers",
    "device_support",
    "data_support",
    "signposting",
    "follow_up_needed",
    "follow_up_on",
    "notes",
    "anonymous_count",
)


def _date_errors(data: dict, *, organisation, today: date, before: dict | None) -> dict:
    """The session's date and follow-up date against the one date rule (dates.py). On an edit
    (`before` is the record as stored) a date not changed now is not re-judged against the
    organisation's window, only against today for its (possibly new) status."""
    errors: dict[str, str] = {}
    status = data.get("status")
    when = data.get("date")
    date_changed = before is None or before.get("date") != when
    status_changed = before is None or before.get("status") != status
    if isinstance(when, date) and (date_changed or status_changed):
        problem = dates.date_problem(
            when, kind=status, organisation=organisation, today=today, window=date_changed
        )
        if problem:
            errors["date"] = problem
    follow_up = data.get("follow_up_on")
    if isinstance(follow_up, date):
        if isinstance(when, date) and follow_up < when:
            errors["follow_up_on"] = _("The follow-up date must be on or after the session date.")
        elif before is None or before.get("follow_up_on") != follow_up:
            problem = dates.date_problem(
                follow_up, kind=dates.FOLLOW_UP, organisation=organisation, today=today
            )
            if problem:
                errors["follow_up_on"] = problem
    return errors


def _one_off_is_one_person(data: dict) -> None:
    # One-off help with nobody named is anonymous help for one person: no record needed.
    if (
        data.get("format") == SessionFormat.ONE_TO_ONE
        and not data.get("learners")
        and not data.get("new_learner_names")
        and not data.get("anonymous_count")
    ):
        data["anonymous_count"] = 1


def session_problems(
    *, data: dict, organisation, before: dict | None = None, skip=(), today: date | None = None
) -> dict[str, str]:
    """Every rule a session's data must obey, each broken one as {field: message}, all at once.

    `skip` names fields the caller already found wrong (a form's own errors): their rules are
    not asked again, and a rule is not judged on a value the caller could not read. The session
    form asks this even when one of its fields is wrong, so a bad duration no longer hides a
    bad date until the next try."""
    data = dict(data)
    _one_off_is_one_person(data)
    skip = set(skip)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    status = data.get("status")
    errors.update(_date_errors(data, organisation=organisation, today=today, before=before))
    if "duration_minutes" not in skip:
        duration = data.get("duration_minutes") or 0
        if not 1 <= duration <= MAX_DURATION_MINUTES:
            errors["duration_minutes"] = _("Enter a duration between 1 minute and 8 hours.")
    if status == SessionStatus.CANCELLED and not data.get("cancel_reason"):
        errors["cancel_reason"] = _("Choose why the session was cancelled.")
    if data.get("follow_up_on") and not data.get("follow_up_needed"):
        errors["follow_up_needed"] = _(
            "Tick “follow-up needed” to set a follow-up date, or clear the date."
        )
    people = len(data.get("learners") or []) + len(data.get("new_learner_names") or [])
    anonymous = data.get("anonymous_count") or 0
    fmt = data.get("format")
    counted = not skip & {"learners", "new_learner_names", "anonymous_count", "people_total"}
    if status == SessionStatus.COMPLETED and counted:
        if fmt == SessionFormat.DROP_IN and anonymous < 1:
            errors["anonymous_count"] = _("Enter how many people you helped at the drop-in.")
        elif fmt == SessionFormat.ONE_TO_ONE and people + anonymous > 1:
            errors["learners"] = _(
                "A one-to-one session is with one person: keep one learner, or choose "
                "“Group” if several people came."
            )
        elif fmt == SessionFormat.GROUP and people + anonymous < 1:
            errors["learners"] = _(
                "Add the learners who came, or the number of people without a record."
            )
    for field in ("confidence_before", "confidence_after"):
        value = data.get(field)
        if value is not None and not 1 <= value <= 5:
            errors[field] = _("Choose a number from 1 to 5.")
    return {field: message for field, message in errors.items() if field not in skip}


def _validate(data: dict, *, today: date, organisation, before: dict | None = None) -> None:
    """Raise every broken rule together (session_problems), for every write path: the form, the
    tally, the services' other callers and each row of a CSV import."""
    _one_off_is_one_person(data)
    errors = session_problems(data=data, organisation=organisation, before=before, today=today)
    if errors:
        raise ValidationError(errors)


def _full_clean(session: SupportSession) -> None:
    """Model validation of what the champion typed; bookkeeping fields are set by the services."""
    typed = set(EDITABLE_FIELDS)
    # The check constraints are not re-asked of the database here (two queries and four
    # savepoints per save): _check above gives their messages, and PostgreSQL enforces them.
    session.full_clean(
        exclude=[f.name for f in SupportSession._meta.fields if f.name not in typed],
        validate_constraints=False,
    )


def _learners_of(organisation: Organisation, learners) -> list[Learner]:
    learners = list(learners or [])
    if any(learner.organisation_id != organisation.pk for learner in learners):
        # The form only offers the organisation's learners: this is a forged request.
        raise ValidationError({"learners": _("Choose learners of your own organisation.")})
    return learners


def _create_new_learners(*, organisation, names, created_by) -> list[Learner]:
    """A learner record for each name or initials, in one INSERT however many."""
    return Learner.objects.bulk_create(
        [
            Learner(
                organisation=organisation, display_name=name.strip()[:80], created_by=created_by
            )
            for name in names or []
            if name.strip()
        ]
    )


def learner_stats_refresh(*, learner_ids) -> None:
    """Recompute the learners' first/last session dates and session counts from their completed,
    live sessions. Used after every change, so the figures can never drift."""
    if not learner_ids:
        return
    # One UPDATE, each learner's figures from their own attendances (the (learner, date) index).
    attended = (
        Attendance.objects.filter(
            learner_id=OuterRef("pk"),
            session__status=SessionStatus.COMPLETED,
            session__deleted_at__isnull=True,
        )
        .order_by()
        .values("learner_id")
    )
    Learner.objects.filter(pk__in=list(learner_ids)).update(
        first_session_on=Subquery(attended.annotate(first=Min("date")).values("first")),
        last_session_on=Subquery(attended.annotate(last=Max("date")).values("last")),
        session_count=Coalesce(
            Subquery(attended.annotate(n=Count("session_id", distinct=True)).values("n")), 0
        ),
    )


def _count_people(session: SupportSession, learners: list[Learner]) -> None:
    """Learners with a record plus people without: set before the session is saved."""
    session.people_count = len({learner.pk for learner in learners}) + session.anonymous_count


def _sync_attendance(
    session: SupportSession, learners: list[Learner], data: dict, *, new: bool = False
) -> set[int]:
    """Make the session's attendance match `learners`, in a few queries however many (those no
    longer there deleted, the others given the session's date, new ones inserted together);
    return every learner id touched. A new session has none to read first."""
    existing = {} if new else {a.learner_id: a for a in session.attendances.order_by()}
    wanted = {learner.pk: learner for learner in learners}
    gone = [a.pk for learner_id, a in existing.items() if learner_id not in wanted]
    if gone:
        Attendance.objects.filter(pk__in=gone).delete()
    # Attendances copy the session's date for fast learner figures; a one-to-one's confidence
    # and goal belong to its one learner.
    copied = {"date": session.date}
    if session.format == SessionFormat.ONE_TO_ONE:
        copied.update(
            confidence_before=data.get("confidence_before"),
            confidence_after=data.get("confidence_after"),
            goal_met=data.get("goal_met"),
        )
    changed = []
    for learner_id, attendance in existing.items():
        if learner_id in wanted and any(getattr(attendance, f) != v for f, v in copied.items()):
            for field, value in copied.items():
                setattr(attendance, field, value)
            changed.append(attendance)
    if changed:
        Attendance.objects.bulk_update(changed, list(copied))
    Attendance.objects.bulk_create(
        [
            Attendance(
                organisation_id=session.organisation_id, session=session, learner=learner, **copied
            )
            for learner_id, learner in wanted.items()
            if learner_id not in existing
        ]
    )
    return set(existing) | set(wanted)


def _apply(session: SupportSession, data: dict) -> None:
    for field in EDITABLE_FIELDS:
        if field in data:
            value = data[field]
            if field in ("skill_areas", "topics", "barriers", "signposting"):
                value = sorted(set(value or []))
            elif field in (
                "cancel_reason",
                "cancel_note",
                "venue",
                "notes",
                "device_support",
                "data_support",
            ):
                value = value or ""
            elif field == "anonymous_count":
                value = value or 0
            setattr(session, field, value)
    if session.status != SessionStatus.CANCELLED:
        session.cancel_reason = ""
        session.cancel_note = ""
    if not session.follow_up_needed:
        session.follow_up_on = None


@transaction.atomic
def session_log(
    *, organisation: Organisation, champion, data: dict, created_by=None
) -> SupportSession:
    """Record a session (completed, planned, cancelled or no-show) with its learners."""
    _validate(data, today=timezone.localdate(), organisation=organisation)
    learners = _learners_of(organisation, data.get("learners"))
    learners += _create_new_learners(
        organisation=organisation,
        names=data.get("new_learner_names"),
        created_by=created_by or champion,
    )
    team_id = (
        Membership.objects.filter(user=champion, organisation=organisation)
        .values_list("team_id", flat=True)
        .first()
    )
    session = SupportSession(
        organisation=organisation,
        champion=champion,
        team_id=team_id,
        created_by=created_by or champion,
    )
    _apply(session, data)
    _full_clean(session)
    _count_people(session, learners)
    session.save()
    touched = _sync_attendance(session, learners, data, new=True)
    learner_stats_refresh(learner_ids=touched)
    SessionDraft.objects.filter(organisation=organisation, champion=champion).delete()
    signals.session_logged.send(sender=SupportSession, session=session)
    return session


def _jsonable(value):
    if isinstance(value, (date, timezone.datetime)):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@transaction.atomic
def session_update(*, session: SupportSession, data: dict, changed_by) -> SupportSession:
    """Change a session. Every change is kept in its history (who, when, before → after)."""
    session = SupportSession.objects.select_for_update().get(pk=session.pk)
    merged = {f: getattr(session, f) for f in EDITABLE_FIELDS} | data
    current_learners = list(session.learners.all())
    merged.setdefault("learners", current_learners)
    stored = {f: getattr(session, f) for f in ("date", "status", "follow_up_on")}
    _validate(merged, today=timezone.localdate(), organisation=session.organisation, before=stored)
    learners = _learners_of(session.organisation, merged.get("learners"))
    learners += _create_new_learners(
        organisation=session.organisation,
        names=data.get("new_learner_names"),
        created_by=changed_by,
    )
    before = {f: getattr(session, f) for f in EDITABLE_FIELDS}
    before_learners = sorted(str(learner) for learner in current_learners)
    _apply(session, merged)
    _full_clean(session)
    _count_people(session, learners)
    session.save()
    touched = _sync_attendance(session, learners, merged)
    learner_stats_refresh(learner_ids=touched)
    changes = {
        field: [_jsonable(before[field]), _jsonable(getattr(session, field))]
        for field in EDITABLE_FIELDS
        if before[field] != getattr(session, field)
    }
    after_learners = sorted(str(learner) for learner in learners)
    if after_learners != before_learners:
        changes["learners"] = [before_learners, after_learners]
    if changes:
        SessionRevision.objects.create(
            organisation=session.organisation,
            session=session,
            changed_by=changed_by,
            action="edit",
            changes=changes,
        )
        cancelled = changes.get("status", [None, None])[1] == SessionStatus.CANCELLED
        signal = signals.session_cancelled if cancelled else signals.session_changed
        signal.send(sender=SupportSession, session=session)
    return session


class NotPlannedAnyMore(Exception):
    """Completing a session that is no longer planned: its outcome was recorded meanwhile (on
    another device, in another tab, by a project manager). `code` is the status it has now."""

    def __init__(self, code: str):
        self.code = code
        if code == SessionStatus.CANCELLED:
            message = _(
                "This session was cancelled meanwhile, so it cannot be recorded as it went."
            )
        else:
            message = _(
                "How this session went was already recorded, on another device or by your "
                "project manager."
            )
        self.message = message
        super().__init__(message)


@transaction.atomic
def session_complete(*, session: SupportSession, data: dict, changed_by) -> SupportSession:
    """Record how a planned session went (completed, cancelled or a no-show), once: the session
    is locked and must still be planned, so two devices completing it at once cannot record one
    outcome over the other (the second gets NotPlannedAnyMore). Otherwise it is an edit, with
    session_update's rules and history."""
    locked = SupportSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != SessionStatus.PLANNED:
        raise NotPlannedAnyMore(locked.status)
    if data.get("status", SessionStatus.COMPLETED) == SessionStatus.PLANNED:
        raise ValidationError(
            {"status": _("Choose how the session went: completed, cancelled or a no-show.")}
        )
    return session_update(session=locked, data=data, changed_by=changed_by)


def session_cancel(*, session: SupportSession, reason: str, note: str = "", changed_by):
    return session_update(
        session=session,
        data={"status": SessionStatus.CANCELLED, "cancel_reason": reason, "cancel_note": note},
        changed_by=changed_by,
    )


@transaction.atomic
def _set_deleted(*, session: SupportSession, by, deleted: bool) -> SupportSession:
    session = SupportSession.objects.select_for_update().get(pk=session.pk)
    if (session.deleted_at is not None) != deleted:
        session.deleted_at = timezone.now() if deleted else None
        session.deleted_by = by if deleted else None
        session.save(update_fields=["deleted_at", "deleted_by"])
        SessionRevision.objects.create(
            organisation=session.organisation,
            session=session,
            changed_by=by,
            action="delete" if deleted else "restore",
            changes={},
        )
        learner_stats_refresh(
            learner_ids=list(session.attendances.values_list("learner_id", flat=True))
        )
    return session


def session_delete(*, session: SupportSession, deleted_by) -> SupportSession:
    """Soft delete: the session leaves every list and figure but a PM can restore it."""
    return _set_deleted(session=session, by=deleted_by, deleted=True)


def session_restore(*, session: SupportSession, restored_by) -> SupportSession:
    return _set_deleted(session=session, by=restored_by, deleted=False)


@transaction.atomic
def attendance_scores_update(*, session: SupportSession, scores: dict, changed_by) -> None:
    """Each learner's own confidence before and after, and whether they met their goal, for a
    session with several learners. `scores` maps attendance id to (before, after, goal_met)."""
    attendances = {a.pk: a for a in session.attendances.select_related("learner")}
    errors = {}
    changes = {}
    for attendance_id, (before, after, goal) in scores.items():
        attendance = attendances.get(attendance_id)
        if attendance is None:
            raise ValidationError(_("Choose learners who were at this session."))
        for value in (before, after):
            if value is not None and not 1 <= value <= 5:
                errors[f"score_{attendance_id}"] = _("Choose a number from 1 to 5.")
        old = (attendance.confidence_before, attendance.confidence_after, attendance.goal_met)
        if old != (before, after, goal):
            changes[str(attendance.learner)] = [list(old), [before, after, goal]]
            attendance.confidence_before, attendance.confidence_after = before, after
            attendance.goal_met = goal
    if errors:
        raise ValidationError(errors)
    Attendance.objects.bulk_update(
        attendances.values(), ["confidence_before", "confidence_after", "goal_met"]
    )
    if changes:
        SessionRevision.objects.create(
            organisation=session.organisation,
            session=session,
            changed_by=changed_by,
            action="edit",
            changes={"confidence": changes},
        )


def follow_up_done(*, session: SupportSession, by) -> SupportSession:
    SupportSession.objects.filter(pk=session.pk, follow_up_done_at__isnull=True).update(
        follow_up_done_at=timezone.now()
    )
    session.refresh_from_db()
    return session


# --- Drafts: nothing typed is ever lost ---------------------------------------------------------

# A draft keeps only the session form's own fields, each at most as long as the form takes it
# (a draft may be half-done, so values are not validated, only bounded): nothing else a request
# carries is stored. With one draft per champion and organisation (a constraint), a champion has
# at most as many drafts as memberships.
DRAFT_MAX_LIST = 50  # learners chosen in one session; more than any vocabulary's choices
DRAFT_LABEL_MAX = 120  # "learner_label:<id>": the chosen learner's name and reference, for restore
_DRAFT_TEXT_LIMITS = {
    forms.DateField: 10,  # 2026-09-14
    forms.TimeField: 8,
    forms.IntegerField: 6,
    forms.BooleanField: 5,  # "on"
}


def _draft_limit(field: forms.Field) -> tuple[bool, int]:
    """(takes a list, the longest value) for one of the session form's fields."""
    many = isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField)
    if isinstance(field, forms.ModelMultipleChoiceField):
        return True, 36  # a learner's public id
    if isinstance(field, forms.ChoiceField):
        return many, max(len(str(value)) for value, _ in field.choices)
    if getattr(field, "max_length", None):
        return many, field.max_length
    for kind, limit in _DRAFT_TEXT_LIMITS.items():
        if isinstance(field, kind):
            return many, limit
    return many, 200


def _draft_fields() -> dict[str, tuple[bool, int]]:
    # The form is the one list of what a champion types into a session.
    return {name: _draft_limit(field) for name, field in SessionForm.base_fields.items()}


def _draft_text(value, limit: int) -> str:
    return str(value).replace("\x00", "")[:limit]


def draft_save(*, organisation: Organisation, champion, data: dict) -> SessionDraft:
    """Keep what the champion is typing: the session form's fields (strings, or lists of strings
    for fields that take several), each cut to what the form accepts, never validated."""
    fields = _draft_fields()
    clean: dict = {}
    for key, value in data.items():
        if key not in fields:
            continue
        many, limit = fields[key]
        values = value if isinstance(value, list) else [value]
        if many:
            clean[key] = [_draft_text(v, limit) for v in values[:DRAFT_MAX_LIST]]
        else:
            clean[key] = _draft_text(values[0] if values else "", limit)
    # The labels of the chosen learners (so a restored draft shows their names), only for them.
    chosen = clean.get("learners") or []
    for learner_id in chosen:
        label = data.get(f"learner_label:{learner_id}")
        if isinstance(label, str):
            clean[f"learner_label:{learner_id}"] = _draft_text(label, DRAFT_LABEL_MAX)
    draft, _ = SessionDraft.objects.update_or_create(
        organisation=organisation, champion=champion, defaults={"data": clean}
    )
    return draft


def draft_clear(*, organisation: Organisation, champion) -> None:
    SessionDraft.objects.filter(organisation=organisation, champion=champion).delete()


def champion_defaults(*, organisation: Organisation, champion) -> dict:
    """Sensible defaults for a new session: today, and the venue, mode and duration of the
    champion's last session. "carried_over" says whether they came from one: the form shows
    them at its top as "Same as last time", so nothing is saved that the champion did not see."""
    last = (
        SupportSession.objects.live()
        .filter(organisation=organisation, champion=champion)
        .order_by("-created_at")
        .values("venue", "mode", "duration_minutes")
        .first()
    )
    defaults = {
        "date": timezone.localdate(),
        "status": SessionStatus.COMPLETED,
        "format": SessionFormat.ONE_TO_ONE,
        "mode": Mode.IN_PERSON,
        "duration_minutes": 60,
    }
    if last:
        defaults.update(last)
    defaults["carried_over"] = last is not None
    return defaults


__all__ = [
    "session_log",
    "session_problems",
    "session_update",
    "session_cancel",
    "session_complete",
    "NotPlannedAnyMore",
    "session_delete",
    "session_restore",
    "follow_up_done",
    "draft_save",
    "draft_clear",
    "champion_defaults",
    "learner_stats_refresh",
]
