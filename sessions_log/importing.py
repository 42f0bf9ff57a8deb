"""Import past sessions from CSV. It forgives what people type: dates as 12/10/2026, 12-10-2026,
12 Oct 2026 or 2026-10-12, and every allowed value as its words or its code. The first step
checks every row and lists all of each row's problems at once, with a preview of what will be
saved; nothing is saved until then. The import itself is all or nothing (one transaction), one
ImportBatch, and can be undone as one batch within a day. Rows go through the same service and
validation as the form, so an imported session is exactly like a logged one, and dates are
judged by the one rule (organisations/dates.py, through the session service). Reading the file
and the check-then-import steps are every import's (core/csv_import.py); here are the columns and
the row rule."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core import csv_import
from core.audit import Action, audit_record
from core.csv_import import ImportFileError, RowResult, choice, read_date, read_rows, whole_number
from core.vocabulary import CancelReason, Mode, SessionFormat, SessionStatus, Topic
from learners.models import Learner
from organisations.models import Organisation

from . import services
from .models import ImportBatch, SupportSession

UNDO_WITHIN = timedelta(days=1)
COLUMNS = [
    "date",
    "duration_minutes",
    "format",
    "mode",
    "status",
    "cancel_reason",
    "topics",
    "learner_name",
    "learner_reference",
    "anonymous_count",
    "confidence_before",
    "confidence_after",
    "venue",
    "champion_email",
]
EXAMPLE = [
    "14/09/2026",
    "45",
    "One-to-one",
    "In person",
    "Completed",
    "",
    "Online banking; scams",
    "Mrs P",
    "",
    "0",
    "2",
    "4",
    "Central library",
    "",
]
# The columns that take a value of the vocabulary, with each value allowed in words or as code.
VOCABULARY_COLUMNS = [
    ("format", gettext_lazy("Format"), SessionFormat),
    ("mode", gettext_lazy("How (mode)"), Mode),
    ("status", gettext_lazy("Status"), SessionStatus),
    ("cancel_reason", gettext_lazy("Cancel reason"), CancelReason),
    ("topics", gettext_lazy("Topics"), Topic),
]
# How a field the session service names is called in a row's problem.
FIELD_LABELS = {
    "date": gettext_lazy("Date"),
    "duration_minutes": gettext_lazy("Duration"),
    "format": gettext_lazy("Format"),
    "mode": gettext_lazy("Mode"),
    "status": gettext_lazy("Status"),
    "cancel_reason": gettext_lazy("Cancel reason"),
    "topics": gettext_lazy("Topics"),
    "learners": gettext_lazy("Learners"),
    "anonymous_count": gettext_lazy("Anonymous people"),
    "confidence_before": gettext_lazy("Confidence before"),
    "confidence_after": gettext_lazy("Confidence after"),
    "follow_up_on": gettext_lazy("Follow-up date"),
    "follow_up_needed": gettext_lazy("Follow-up"),
}


def allowed_values() -> list[dict]:
    """Every value each vocabulary column allows, in words and as code, for the page and the
    template."""
    return csv_import.allowed_values(VOCABULARY_COLUMNS)


def template_csv() -> str:
    return csv_import.template_csv(
        columns=COLUMNS,
        example=EXAMPLE,
        notes=[
            _("# date: like 14/09/2026, 14-09-2026, 14 Sep 2026 or 2026-09-14 (day before month)")
        ],
        vocabulary_columns=VOCABULARY_COLUMNS,
    )


def _words(vocab, value) -> str:
    return str(dict(vocab.choices).get(value, value)) if value else ""


class SessionRow(RowResult):
    @property
    def words(self) -> dict[str, str]:
        """The row's values in the words the portal shows them in, for the preview."""
        data = self.data or {}
        return {
            "format": _words(SessionFormat, data.get("format")),
            "mode": _words(Mode, data.get("mode")),
            "status": _words(SessionStatus, data.get("status")),
            "cancel_reason": _words(CancelReason, data.get("cancel_reason")),
            "topics": "; ".join(_words(Topic, t) for t in data.get("topics") or []) or "—",
        }


DATE_HINT = gettext_lazy("like 12/10/2026, 12 Oct 2026 or 2026-10-12")


def parse_date(value: str) -> date:
    """The session's date as a UK spreadsheet writes it, day first (core.csv_import.read_date).
    Raises ValueError with a message to show."""
    text = value.strip()
    if not text:
        raise ValueError(_("Date: enter the date of the session, %(hint)s.") % {"hint": DATE_HINT})
    if (found := read_date(text)) is not None:
        return found
    raise ValueError(
        _("Date: “%(value)s” is not a date %(hint)s (day before month).")
        % {"value": text[:40], "hint": DATE_HINT}
    )


def parse(*, text: str, organisation: Organisation, importer: User) -> list[SessionRow]:
    rows = read_rows(text, required=("date", "duration_minutes"))
    champions = {
        u.email.lower(): u
        for u in User.objects.filter(
            memberships__organisation=organisation, memberships__is_active=True
        )
    }
    references = {lr.reference: lr for lr in Learner.objects.for_organisation(organisation)}
    # UK today, once for the whole file: each row's date is judged by the same rule as the form.
    today = timezone.localdate()
    return [
        _parse_row(number, row, organisation, importer, champions, references, today)
        for number, row in rows
    ]


def _parse_row(number, row, organisation, importer, champions, references, today) -> SessionRow:
    """One row: every problem it has, at once, and what would be saved."""
    result = SessionRow(number=number)
    data: dict = {}
    wrong: set[str] = set()  # fields whose text could not be read
    for key, parse_value in (
        ("date", parse_date),
        ("duration_minutes", lambda v: whole_number(v, _("Duration"))),
        ("format", lambda v: choice(v, SessionFormat, _("Format")) or SessionFormat.ONE_TO_ONE),
        ("mode", lambda v: choice(v, Mode, _("Mode")) or Mode.IN_PERSON),
        ("status", lambda v: choice(v, SessionStatus, _("Status")) or SessionStatus.COMPLETED),
        ("cancel_reason", lambda v: choice(v, CancelReason, _("Cancel reason"))),
        ("anonymous_count", lambda v: whole_number(v, _("Anonymous people"), 0)),
        ("confidence_before", lambda v: whole_number(v, _("Confidence before"))),
        ("confidence_after", lambda v: whole_number(v, _("Confidence after"))),
    ):
        try:
            data[key] = parse_value(row.get(key, ""))
        except ValueError as exc:
            data[key] = None
            wrong.add(key)
            result.errors.append(str(exc))
    try:
        data["topics"] = [
            choice(t, Topic, _("Topic"))
            for t in row.get("topics", "").replace(",", ";").split(";")
            if t.strip()
        ]
    except ValueError as exc:
        data["topics"] = []
        result.errors.append(str(exc))
    data["venue"] = row.get("venue", "").strip()[:120]
    data["learners"] = []
    data["new_learner_names"] = []
    reference = row.get("learner_reference", "").strip().upper()
    if reference:
        if reference in references:
            data["learners"] = [references[reference]]
        else:
            result.errors.append(
                _("Learner reference “%(reference)s” is not one of yours.")
                % {"reference": reference[:20]}
            )
    elif row.get("learner_name", "").strip():
        data["new_learner_names"] = [row["learner_name"].strip()[:80]]
    email = row.get("champion_email", "").strip().lower()
    data["champion"] = champions.get(email) if email else importer
    if email and data["champion"] is None:
        result.errors.append(
            _("Champion “%(email)s” is not a member of your organisation.") % {"email": email[:80]}
        )
    # The rest of the row by the session service's rules, even when a field above could not be
    # read, so one pass lists every problem; a field already reported is not reported twice.
    checked = {k: v for k, v in data.items() if k != "champion"}
    for key in ("format", "mode", "status"):
        checked[key] = checked.get(key) or ""
    try:
        services._validate(checked, today=today, organisation=organisation)
    except ValidationError as exc:
        result.errors += [
            f"{FIELD_LABELS.get(f, f.replace('_', ' ').capitalize())}: {m}"
            for f, msgs in exc.message_dict.items()
            if f not in wrong
            for m in msgs
        ]
    data["anonymous_count"] = checked.get("anonymous_count", data.get("anonymous_count"))
    result.data = data
    return result


@transaction.atomic
def import_sessions(
    *, text: str, organisation: Organisation, importer: User, file_name: str = ""
) -> ImportBatch:
    """All or nothing: any row with a problem and nothing is saved. The sessions saved belong
    to one ImportBatch, audited."""
    results = parse(text=text, organisation=organisation, importer=importer)
    if any(r.errors for r in results):
        raise ImportFileError(_("Some rows have problems. Fix them and check the file again."))
    batch = ImportBatch.objects.create(
        organisation=organisation, imported_by=importer, file_name=file_name[:200]
    )
    ids = []
    for result in results:
        data = dict(result.data)
        champion = data.pop("champion")
        session = services.session_log(
            organisation=organisation, champion=champion, data=data, created_by=importer
        )
        ids.append(session.pk)
    SupportSession.objects.filter(pk__in=ids).update(import_batch=batch)
    batch.session_count = len(ids)
    batch.save(update_fields=["session_count"])
    audit_record(
        action=Action.CREATE,
        actor=importer,
        organisation=organisation,
        target=batch,
        detail={"imported_sessions": len(ids)},
    )
    return batch


def can_undo(batch: ImportBatch, *, now=None) -> bool:
    now = now or timezone.now()
    return batch.undone_at is None and now - batch.imported_at <= UNDO_WITHIN


@transaction.atomic
def import_undo(*, batch: ImportBatch, by: User) -> int:
    """Undo an import within a day, as one batch: each of its sessions is soft-deleted through
    the session service, so figures, learners' counts and each session's history follow (and a
    PM can still restore one). Returns how many sessions were removed."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.undone_at is not None:
        raise ValidationError(_("This import was undone already."))
    if not can_undo(batch):
        raise ValidationError(
            _(
                "An import can be undone only within a day. Delete its sessions one by one "
                "from their pages instead."
            )
        )
    removed = 0
    for session in batch.sessions.live().order_by("pk"):
        services.session_delete(session=session, deleted_by=by)
        removed += 1
    batch.undone_at = timezone.now()
    batch.undone_by = by
    batch.save(update_fields=["undone_at", "undone_by"])
    audit_record(
        action=Action.DELETE,
        actor=by,
        organisation=batch.organisation,
        target=batch,
        detail={"undone_import_sessions": removed},
    )
    return removed
