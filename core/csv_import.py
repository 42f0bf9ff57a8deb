"""Importing many records at once from a CSV file a person uploads (past sessions, stock). Every
import works the same way, and that way is here: the file is checked as a small UTF-8 CSV, its
rows are read forgiving what people type (values in words or as codes, in any case; dates day
first as a UK spreadsheet writes them; rows starting with # are notes), and the person first
checks the file: every row's problems are listed at once and nothing is saved. A file with no
problems waits in the cache under a token for an hour, and the "Import" click saves it all or
nothing. Each app keeps only its columns and its row rule (sessions_log/importing.py,
devices/importing.py) and its pages' words (the page extends templates/components/
csv_import_page.html)."""

import csv
import io
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.csv_export import safe_writer

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# A row whose first cell starts with this is a note, not a record: the templates list the
# allowed values in such rows, and a file that keeps them imports as well as one without.
NOTE = "#"
CHECKED_FOR = 60 * 60  # a checked file waits an hour for the "Import" click


class ImportFileError(ValueError):
    """The file as a whole cannot be imported; the message says what to do."""


@dataclass
class RowResult:
    """One row: its number in the file (the header is row 1), what would be saved, and every
    problem it has. Each import adds `words`: the row's coded values as the portal shows them,
    for the preview."""

    number: int
    data: dict | None = None
    errors: list[str] = field(default_factory=list)


# --- The file --------------------------------------------------------------------------------


def read_upload(upload) -> str:
    """Check an uploaded file is a small UTF-8 CSV, and return its text."""
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB. Split it into smaller files."))
    if not upload.name.lower().endswith(".csv"):
        raise ImportFileError(
            _("Choose a CSV file (ending .csv). Spreadsheets can be saved as CSV.")
        )
    raw = upload.read()
    # Anywhere in the file, not only its start: PostgreSQL cannot store a NUL in a venue or name.
    if b"\x00" in raw:
        raise ImportFileError(_("This does not look like a CSV file. Save the spreadsheet as CSV."))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from exc


def read_rows(text: str, *, required: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """The file's records as (row number, {column: text}), notes and empty rows left out. The
    header is checked for the required columns at once, before any row is read; a file of more
    than MAX_ROWS records, or of none, is refused as the rows are read."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFileError(
            _("The file has no column named %(columns)s. Start from the template.")
            % {"columns": ", ".join(missing)}
        )
    return _records(reader)


def _records(reader) -> Iterator[tuple[int, dict]]:
    count = 0
    for number, row in enumerate(reader, start=2):
        # A short row's missing cells are None, a long row's extra cells a list under None.
        row = {k: (v if isinstance(v, str) else "") for k, v in row.items() if k}
        if _is_note_or_blank(row):
            continue
        if count >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)s rows. Split it.") % {"max": MAX_ROWS}
            )
        count += 1
        yield number, row
    if not count:
        raise ImportFileError(_("The file has no rows under its header."))


def _is_note_or_blank(row: dict) -> bool:
    cells = [v.strip() for v in row.values()]
    return not any(cells) or (cells and cells[0].startswith(NOTE))


# --- The values in a row ---------------------------------------------------------------------


def choice(value: str, choices, label: str) -> str:
    """The code of a vocabulary value typed as its words or its code, in any case ("" for
    nothing typed). Raises ValueError with a message that lists every value allowed."""
    value = value.strip()
    if not value:
        return ""
    if value in choices.values:
        return value
    by_label = {str(lbl).lower(): code for code, lbl in choices.choices}
    by_code = {code.lower(): code for code in choices.values}
    if value.lower() in by_label:
        return by_label[value.lower()]
    if value.lower() in by_code:
        return by_code[value.lower()]
    allowed = ", ".join(f"{lbl} ({code})" for code, lbl in choices.choices if code)
    raise ValueError(
        _("%(label)s: “%(value)s” is not one of %(allowed)s.")
        % {"label": label, "value": value[:40], "allowed": allowed}
    )


def whole_number(value: str, label: str, default=None):
    """A whole number, or default for nothing typed. Raises ValueError with a message."""
    value = value.strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(
            _("%(label)s: “%(value)s” is not a whole number.")
            % {"label": label, "value": value[:40]}
        ) from exc


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
UK_DATE = re.compile(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})")
WORDS_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")


def read_date(text: str) -> date | None:
    """A date as a UK spreadsheet writes it: day first (12/10/2026 or 12-10-2026 is 12 October),
    with the month in words (12 Oct 2026, 12 October 2026), or ISO (2026-10-12); None for
    anything else. Two-digit years are refused: 12/10/26 could be 1926 or 2026."""
    text = text.strip()
    year = month = day = None
    if m := ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := UK_DATE.fullmatch(text):
        day, month, year = (int(g) for g in m.groups())
    elif (m := WORDS_DATE.fullmatch(text)) and m.group(2).lower() in MONTHS:
        day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3))
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- The template to start from --------------------------------------------------------------


def allowed_values(vocabulary_columns) -> list[dict]:
    """Every value each vocabulary column, (column, label, vocabulary), allows, in words and as
    code, for the page and the template."""
    return [
        {"column": column, "label": str(label), "choices": [(c, str(w)) for c, w in vocab.choices]}
        for column, label, vocab in vocabulary_columns
    ]


def template_csv(*, columns, example, notes, vocabulary_columns) -> str:
    """The template: the header, one example row, then notes: the import's own (`notes`, each
    starting with #) and every value each vocabulary column allows."""
    buffer = io.StringIO()
    writer = safe_writer(buffer)
    writer.writerow(columns)
    writer.writerow(example)
    writer.writerow([_("# Notes (rows starting with # are not imported; delete them if you like)")])
    for note in notes:
        writer.writerow([note])
    for values in allowed_values(vocabulary_columns):
        words = "; ".join(f"{word} ({code})" for code, word in values["choices"])
        writer.writerow(
            [
                _("# %(column)s: one of %(words)s — the words or the code in brackets")
                % {"column": values["column"], "words": words}
            ]
        )
    return buffer.getvalue()


def template_response(text: str, *, file_name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


# --- The two steps: check, then import -------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("At most 5 MB. Start from the template."),
        error_messages={"required": gettext_lazy("Choose the CSV file to check.")},
    )


@dataclass(frozen=True)
class CsvImport:
    """One kind of import's pages. `check(request, text)` reads the rows (nothing saved);
    `save(request, text, file_name)` imports them all or nothing, raising ImportFileError, and
    returns the batch; `saved(batch)` is the message that says what came in. The page is
    `page_url` (a URL name), drawn with `template` and `page_context(request)`; the imported
    batch's page is `batch_url`, given the batch's public_id."""

    name: str
    page_url: str
    batch_url: str
    template: str
    check: Callable[[HttpRequest, str], list[RowResult]]
    save: Callable[[HttpRequest, str, str], object]
    saved: Callable[[object], str]
    page_context: Callable[[HttpRequest], dict]

    def _cache_key(self, request, token: str) -> str:
        # The person's and their organisation's own: another's token finds nothing.
        return f"{self.name}:{request.organisation.pk}:{request.user.pk}:{token}"


def import_page(request: HttpRequest, flow: CsvImport) -> HttpResponse:
    """Step 1: upload and check (nothing saved), with a preview of what will be saved; step 2
    (a POST with the token of a checked file): import what was checked."""
    if request.method == "POST" and request.POST.get("token"):
        return _import_checked(request, flow, request.POST["token"])
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    context = {"form": form, **flow.page_context(request)}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = read_upload(upload)
            results = flow.check(request, text)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            problems = [r for r in results if r.errors]
            context.update(results=results, problems=problems)
            if not problems:
                token = secrets.token_urlsafe(16)
                cache.set(
                    flow._cache_key(request, token),
                    {"text": text, "name": upload.name[:200]},
                    CHECKED_FOR,
                )
                context["token"] = token
    return render(request, flow.template, context)


def _import_checked(request: HttpRequest, flow: CsvImport, token: str) -> HttpResponse:
    """Import the file checked in step 1, all or nothing, and show what came in."""
    checked = cache.get(flow._cache_key(request, token))
    if not isinstance(checked, dict):
        messages.error(request, _("That check has expired. Upload the file again."))
        return redirect(flow.page_url)
    try:
        batch = flow.save(request, checked["text"], checked.get("name", ""))
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect(flow.page_url)
    cache.delete(flow._cache_key(request, token))
    messages.success(request, flow.saved(batch))
    return redirect(flow.batch_url, public_id=batch.public_id)
