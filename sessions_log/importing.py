"""Import past sessions from CSV: a dry run lists every row's problem before anything is saved,
and the import itself is all or nothing (one transaction). Rows go through the same service and
validation as the form, so an imported session is exactly like a logged one."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.csv_export import safe_writer
from core.vocabulary import CancelReason, Mode, SessionFormat, SessionStatus, Topic
from learners.models import Learner
from organisations.models import Organisation

from . import services

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
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
    "2026-09-14",
    "45",
    "one_to_one",
    "in_person",
    "completed",
    "",
    "online_banking;scams",
    "Mrs P",
    "",
    "0",
    "2",
    "4",
    "Central library",
    "",
]


def template_csv() -> str:
    buffer = io.StringIO()
    writer = safe_writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE)
    return buffer.getvalue()


@dataclass
class RowResult:
    number: int
    data: dict | None = None
    errors: list[str] = field(default_factory=list)


class ImportFileError(ValueError):
    pass


def read_upload(upload) -> str:
    """Check an uploaded file is a small UTF-8 CSV, and return its text."""
    if upload.size > MAX_BYTES:
        raise ImportFileError("The file is larger than 5 MB. Split it into smaller files.")
    if not upload.name.lower().endswith(".csv"):
        raise ImportFileError("Choose a CSV file (ending .csv). Spreadsheets can be saved as CSV.")
    raw = upload.read()
    # Anywhere in the file, not only its start: PostgreSQL cannot store a NUL in a venue or name.
    if b"\x00" in raw:
        raise ImportFileError("This does not look like a CSV file. Save the spreadsheet as CSV.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError("The file is not UTF-8 text. Save it as “CSV UTF-8”.") from exc


def _choice(value: str, choices, label: str) -> str:
    value = value.strip()
    if not value:
        return ""
    by_label = {str(lbl).lower(): code for code, lbl in choices.choices}
    if value in choices.values:
        return value
    if value.lower() in by_label:
        return by_label[value.lower()]
    raise ValueError(f"{label}: “{value}” is not one of {', '.join(choices.values)}.")


def _int(value: str, label: str, default=None):
    value = value.strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{label}: “{value}” is not a whole number.") from exc


def parse(*, text: str, organisation: Organisation, importer: User) -> list[RowResult]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("date", "duration_minutes") if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFileError(
            f"The file has no column named {', '.join(missing)}. Start from the template."
        )
    champions = {
        u.email.lower(): u
        for u in User.objects.filter(
            memberships__organisation=organisation, memberships__is_active=True
        )
    }
    references = {lr.reference: lr for lr in Learner.objects.for_organisation(organisation)}
    # UK today, once for the whole file: each row's date is judged by the same rule as the form.
    today = timezone.localdate()
    results = []
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            raise ImportFileError(f"The file has more than {MAX_ROWS} rows. Split it.")
        row = {k: (v or "") for k, v in row.items() if k}
        result = RowResult(number=number)
        data: dict = {}
        for key, parse_value in (
            ("date", lambda v: date.fromisoformat(v.strip())),
            ("duration_minutes", lambda v: _int(v, "Duration")),
            ("format", lambda v: _choice(v, SessionFormat, "Format") or SessionFormat.ONE_TO_ONE),
            ("mode", lambda v: _choice(v, Mode, "Mode") or Mode.IN_PERSON),
            ("status", lambda v: _choice(v, SessionStatus, "Status") or SessionStatus.COMPLETED),
            ("cancel_reason", lambda v: _choice(v, CancelReason, "Cancel reason")),
            ("anonymous_count", lambda v: _int(v, "Anonymous people", 0)),
            ("confidence_before", lambda v: _int(v, "Confidence before")),
            ("confidence_after", lambda v: _int(v, "Confidence after")),
        ):
            try:
                data[key] = parse_value(row.get(key, ""))
            except ValueError as exc:
                message = str(exc)
                if key == "date":
                    message = f"Date: “{row.get('date', '')}” is not a date like 2026-09-14."
                result.errors.append(message)
        try:
            data["topics"] = [
                _choice(t, Topic, "Topic")
                for t in row.get("topics", "").replace(",", ";").split(";")
                if t.strip()
            ]
        except ValueError as exc:
            result.errors.append(str(exc))
        data["venue"] = row.get("venue", "").strip()[:120]
        data["learners"] = []
        data["new_learner_names"] = []
        reference = row.get("learner_reference", "").strip().upper()
        if reference:
            if reference in references:
                data["learners"] = [references[reference]]
            else:
                result.errors.append(f"Learner reference “{reference}” is not one of yours.")
        elif row.get("learner_name", "").strip():
            data["new_learner_names"] = [row["learner_name"].strip()[:80]]
        email = row.get("champion_email", "").strip().lower()
        data["champion"] = champions.get(email) if email else importer
        if email and data["champion"] is None:
            result.errors.append(f"Champion “{email}” is not a member of your organisation.")
        # Check the rest of the row even when a field above had a problem, so one pass lists
        # every problem (it needs at least a date and a duration to check against).
        if isinstance(data.get("date"), date) and data.get("duration_minutes") is not None:
            try:
                services._validate(data, today=today, organisation=organisation)
            except ValidationError as exc:
                result.errors += [
                    f"{f.replace('_', ' ').capitalize()}: {m}"
                    for f, msgs in exc.message_dict.items()
                    for m in msgs
                ]
        result.data = data
        results.append(result)
    if not results:
        raise ImportFileError("The file has no rows under its header.")
    return results


@transaction.atomic
def import_sessions(*, text: str, organisation: Organisation, importer: User) -> int:
    """All or nothing: any row with a problem and nothing is saved."""
    results = parse(text=text, organisation=organisation, importer=importer)
    if any(r.errors for r in results):
        raise ImportFileError("Some rows have problems. Fix them and check the file again.")
    for result in results:
        data = dict(result.data)
        champion = data.pop("champion")
        services.session_log(
            organisation=organisation, champion=champion, data=data, created_by=importer
        )
    return len(results)
