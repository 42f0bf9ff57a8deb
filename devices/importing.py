"""Import stock from CSV: 40 donated laptops in one go. The first step checks every row and lists
all of each row's problems at once (a duplicate asset tag or serial, in the file or already in
stock, included); nothing is saved until the PM imports, all or nothing, as one DeviceImport.
Values are forgiven as every import forgives them (core/csv_import.py: words or codes, UK dates
day first), which also reads the file and runs the check-then-import steps; here are the columns
and the row rule, and each row goes through the same service as the add form."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import csv_import
from core.csv_import import ImportFileError, RowResult, choice, read_date, read_rows
from core.vocabulary import DeviceCondition, DeviceKind, DeviceSource

from . import services
from .models import Device, DeviceImport
from .selectors import stock_labels

# The add form's fields, in its order: one list (devices.services.DEVICE_FIELDS).
COLUMNS = list(services.DEVICE_FIELDS)
EXAMPLE = [
    "Laptop",
    "Lenovo",
    "ThinkPad T480",
    "RHA-0001",
    "PF1ABC23",
    "Donated",
    "Good Things Foundation",
    "Good",
    "Office cupboard",
    "14/09/2026",
]
VOCABULARY_COLUMNS = [
    ("kind", gettext_lazy("Kind"), DeviceKind),
    ("source", gettext_lazy("Where it came from"), DeviceSource),
    ("condition", gettext_lazy("Condition"), DeviceCondition),
]
FIELD_LABELS = {
    "kind": gettext_lazy("Kind"),
    "make": gettext_lazy("Make"),
    "model": gettext_lazy("Model"),
    "asset_tag": gettext_lazy("Asset tag"),
    "serial_number": gettext_lazy("Serial number"),
    "source": gettext_lazy("Where it came from"),
    "donor": gettext_lazy("Donor"),
    "condition": gettext_lazy("Condition"),
    "location": gettext_lazy("Where it is kept"),
    "received_on": gettext_lazy("Received on"),
}


def allowed_values() -> list[dict]:
    return csv_import.allowed_values(VOCABULARY_COLUMNS)


def template_csv() -> str:
    return csv_import.template_csv(
        columns=COLUMNS,
        example=EXAMPLE,
        notes=[
            _("# asset_tag or serial_number: at least one, each used once in your stock"),
            _("# received_on (optional): like 14/09/2026 or 2026-09-14 (day first)"),
        ],
        vocabulary_columns=VOCABULARY_COLUMNS,
    )


class DeviceRow(RowResult):
    @property
    def words(self) -> dict[str, str]:
        data = self.data or {}
        return {
            column: str(dict(vocab.choices).get(data.get(column), data.get(column) or ""))
            for column, _label, vocab in VOCABULARY_COLUMNS
        }


def parse(*, text: str, organisation) -> list[DeviceRow]:
    rows = read_rows(text, required=("kind", "make"))
    # What the organisation has already, once for the whole file (two queries), compared as
    # the add form and the database compare labels: in any case (services.label_key).
    tags, serials = (
        {services.label_key(v) for v in stock_labels(organisation=organisation, field=f)}
        for f in ("asset_tag", "serial_number")
    )
    seen_tags: dict[str, int] = {}
    seen_serials: dict[str, int] = {}
    results = []
    for number, row in rows:
        result = _parse_row(number, row)
        data = result.data or {}
        for key, in_stock, seen, message_stock, message_file in (
            (
                "asset_tag",
                tags,
                seen_tags,
                _("Asset tag: “%(value)s” is already in your stock."),
                _("Asset tag: “%(value)s” is also on row %(row)s."),
            ),
            (
                "serial_number",
                serials,
                seen_serials,
                _("Serial number: “%(value)s” is already in your stock."),
                _("Serial number: “%(value)s” is also on row %(row)s."),
            ),
        ):
            value = data.get(key) or ""
            label = services.label_key(value)
            if not label:
                continue
            if label in in_stock:
                result.errors.append(message_stock % {"value": value[:40]})
            elif label in seen:
                result.errors.append(message_file % {"value": value[:40], "row": seen[label]})
            else:
                seen[label] = number
        if result.errors:
            result.data = None
        results.append(result)
    return results


def _parse_row(number: int, row: dict) -> DeviceRow:
    """One row: every problem it has, at once, and what would be saved."""
    result = DeviceRow(number=number)
    data: dict = {}
    for column, label, vocab in VOCABULARY_COLUMNS:
        try:
            data[column] = choice(row.get(column, ""), vocab, str(label))
        except ValueError as exc:
            result.errors.append(str(exc))
    if not data.get("condition") and "condition" not in " ".join(result.errors):
        data["condition"] = DeviceCondition.GOOD
    for column in ("make", "model", "asset_tag", "serial_number", "donor", "location"):
        data[column] = (row.get(column) or "").strip()
    received = (row.get("received_on") or "").strip()
    if received:
        if (found := read_date(received)) is not None:
            data["received_on"] = found
        else:
            result.errors.append(
                _("Received on: “%(value)s” is not a date like 14/09/2026 (day before month).")
                % {"value": received[:40]}
            )
    # The service's own checks of one device (lengths, required fields, tag or serial), asked
    # without saving; the duplicates are checked across the file by parse().
    device = Device(**{k: v for k, v in data.items() if v not in (None,)})
    try:
        device.full_clean(
            exclude=["organisation", "created_by", "status", "loan_count", "import_batch"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for name, messages_ in exc.message_dict.items():
            if name in ("kind", "source", "condition") and any(
                str(FIELD_LABELS[name]) in e for e in result.errors
            ):
                continue
            for message in messages_:
                result.errors.append(f"{FIELD_LABELS.get(name, name)}: {message}")
    if not data["asset_tag"] and not data["serial_number"]:
        result.errors.append(_("Enter the asset tag or the serial number (or both)."))
    result.data = None if result.errors else data
    return result


def import_devices(*, text: str, organisation, importer, file_name: str = "") -> DeviceImport:
    """All or nothing: the file is checked again (the stock may have changed since the dry run)
    and imported in one transaction through the add form's service."""
    results = parse(text=text, organisation=organisation)
    if any(r.errors for r in results):
        raise ImportFileError(
            _("The file has problems now (the stock changed since it was checked). Check it again.")
        )
    with transaction.atomic():
        batch = DeviceImport.objects.create(
            organisation=organisation, imported_by=importer, file_name=file_name[:200]
        )
        for result in results:
            try:
                services.device_create(
                    organisation=organisation,
                    data=result.data,
                    created_by=importer,
                    import_batch=batch,
                )
            except ValidationError as exc:
                raise ImportFileError(
                    _("Row %(row)s: %(problem)s")
                    % {"row": result.number, "problem": exc.messages[0]}
                ) from exc
        batch.device_count = len(results)
        batch.save(update_fields=["device_count"])
    return batch
