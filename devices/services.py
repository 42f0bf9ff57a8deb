"""Writes for the lending library. Views, the session form, the CSV import, tasks and commands all
call these, so each rule lives once; the database holds the same rules again (devices/models.py)
so two requests racing cannot break them. Every function is one transaction."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.vocabulary import DeviceStatus

from .models import DataGift, Device, DeviceTransfer, LendingSettings, Loan, Wipe
from .selectors import devices_labelled

DEVICE_FIELDS = (
    "kind",
    "make",
    "model",
    "asset_tag",
    "serial_number",
    "source",
    "donor",
    "condition",
    "location",
    "received_on",
)
DATA_GIFT_FIELDS = (
    "kind",
    "network",
    "allowance_gb",
    "expires_on",
    "reference",
    "source",
    "donor",
)
# A due date further away than this is a slip (a year typed wrong), not a loan.
LONGEST_LOAN = timedelta(days=366)


def lending_settings(*, organisation) -> LendingSettings:
    """The organisation's settings, or the defaults (unsaved) when it has never changed them."""
    found = LendingSettings.objects.filter(organisation=organisation).first()
    return found or LendingSettings(organisation_id=getattr(organisation, "pk", organisation))


@transaction.atomic
def lending_settings_update(*, organisation, data: dict) -> LendingSettings:
    settings, _created = LendingSettings.objects.get_or_create(organisation=organisation)
    for field in ("champions_keep_stock", "loan_days", "agreement_version"):
        if field in data:
            setattr(settings, field, data[field])
    settings.full_clean(exclude=["organisation"])
    settings.save()
    return settings


# --- Devices --------------------------------------------------------------------------------------


def _clean_text(data: dict, fields) -> dict:
    return {
        f: (data.get(f) or "").strip() if isinstance(data.get(f, ""), str) else data.get(f)
        for f in fields
        if f in data
    }


def label_key(value: str) -> str:
    """How asset tags and serial numbers are compared: "LAP-001", "lap-001" and " LAP-001 "
    are one label. The database holds the same rule (devices/models.py, Lower() per
    organisation; the services store labels trimmed), and lookups ask it in that form so they
    use its index (devices.selectors.device_by_label)."""
    return (value or "").strip().lower()


def device_duplicates(*, organisation, asset_tag: str, serial_number: str, exclude=None) -> dict:
    """{field: message} for an asset tag or serial number the organisation already has, in any
    case (the message names the device's label as it is written in the stock)."""
    problems = {}
    others = Device.objects.for_organisation(organisation)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    tag = (asset_tag or "").strip()
    serial = (serial_number or "").strip()
    if tag:
        found = devices_labelled(others, field="asset_tag", value=tag)
        existing = found.values_list("asset_tag", flat=True).first()
        if existing is not None:
            problems["asset_tag"] = _(
                "Another device of your organisation has the asset tag “%(tag)s”. Check the "
                "label, or give this one its own tag."
            ) % {"tag": existing}
    if serial:
        found = devices_labelled(others, field="serial_number", value=serial)
        existing = found.values_list("serial_number", flat=True).first()
        if existing is not None:
            problems["serial_number"] = _(
                "Another device of your organisation has the serial number “%(serial)s”. It "
                "may already be in the stock list."
            ) % {"serial": existing}
    return problems


def _device_problems(device: Device) -> dict:
    problems = {}
    try:
        device.full_clean(
            exclude=["organisation", "created_by", "status", "loan_count", "import_batch"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        problems.update(exc.message_dict)
    if not device.asset_tag and not device.serial_number:
        problems.setdefault("asset_tag", []).append(
            _("Enter the asset tag or the serial number (or both), so the device can be found.")
        )
    for field, message in device_duplicates(
        organisation=device.organisation,
        asset_tag=device.asset_tag,
        serial_number=device.serial_number,
        exclude=device if device.pk else None,
    ).items():
        problems.setdefault(field, []).append(message)
    return problems


def _save_device(device: Device) -> Device:
    problems = _device_problems(device)
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            device.save()
    except IntegrityError as exc:
        # Another request saved the same tag or serial in between.
        raise ValidationError(
            {"asset_tag": _("Another device of your organisation has this asset tag or serial.")}
        ) from exc
    return device


@transaction.atomic
def device_create(*, organisation, data: dict, created_by, import_batch=None) -> Device:
    device = Device(
        organisation=organisation,
        created_by=created_by,
        import_batch=import_batch,
        **_clean_text(data, DEVICE_FIELDS),
    )
    return _save_device(device)


@transaction.atomic
def device_update(*, device: Device, data: dict) -> Device:
    device = Device.objects.select_for_update().get(pk=device.pk)
    for field, value in _clean_text(data, DEVICE_FIELDS).items():
        setattr(device, field, value)
    return _save_device(device)


@transaction.atomic
def device_retire(*, device: Device) -> Device:
    device = Device.objects.select_for_update().get(pk=device.pk)
    if device.status == DeviceStatus.ON_LOAN:
        raise ValidationError(_("This device is out on loan: record its return first."))
    device.status = DeviceStatus.RETIRED
    device.save(update_fields=["status"])
    return device


# --- Loans ----------------------------------------------------------------------------------------

# Why a device cannot be lent, by its status (translated when shown).
NOT_LENDABLE = {
    DeviceStatus.ON_LOAN: gettext_lazy(
        "This device is already out on loan. Record its return first."
    ),
    DeviceStatus.NEEDS_WIPE: gettext_lazy(
        "This device was returned and its data has not been wiped yet. Record the wipe first, "
        "so the last learner's data cannot reach the next one."
    ),
    DeviceStatus.LOST: gettext_lazy("This device is marked lost."),
    DeviceStatus.RETIRED: gettext_lazy("This device is retired."),
}


def not_lendable_message(status: str) -> str:
    return str(NOT_LENDABLE[status])


def loan_problems(
    *,
    device: Device | None,
    learner,
    issued_on,
    due_on,
    today: date,
    agreement_accepted: bool = True,
) -> dict:
    """Every rule a new loan must obey, each broken one as {field: message}, all at once (the
    session form asks these before saving anything)."""
    problems = {}
    if device is not None and device.status != DeviceStatus.IN_STOCK:
        problems["device"] = not_lendable_message(device.status)
    if learner is None:
        problems["learner"] = _("Choose the learner the device is lent to.")
    elif device is not None and learner.organisation_id != device.organisation_id:
        problems["learner"] = _("Choose a learner of your own organisation.")
    elif getattr(learner, "anonymised_at", None):
        problems["learner"] = _("This learner's record was erased: a device cannot be lent.")
    if isinstance(issued_on, date) and issued_on > today:
        problems["issued_on"] = _("The loan cannot start in the future: enter today or earlier.")
    if isinstance(issued_on, date) and isinstance(due_on, date):
        if due_on < issued_on:
            problems["due_on"] = _("The due date must be on or after the day it was lent.")
        elif due_on - issued_on > LONGEST_LOAN:
            problems["due_on"] = _("Enter a due date within a year of the loan.")
    if not agreement_accepted:
        problems["agreement_accepted"] = _(
            "Tick to record that the learner accepted the loan agreement: a device is lent only "
            "with it."
        )
    return problems


def _wipe_clearing(device: Device) -> Wipe | None:
    """The wipe that clears the device for its next loan: the one after its last loan."""
    if device.loan_count == 0:
        return None
    return Wipe.objects.filter(device=device, after_loan__number=device.loan_count).first()


@transaction.atomic
def loan_make(
    *,
    device: Device,
    learner,
    champion,
    issued_on: date,
    due_on: date,
    recorded_by=None,
    session=None,
    today: date | None = None,
) -> Loan:
    """Lend a device. The learner accepted the organisation's current loan agreement; who
    recorded that, and when, is kept with the loan. Refused when the device is out, waits for
    its wipe, is lost or retired."""
    today = today or timezone.localdate()
    # The device row is locked: a second loan of the same device waits here and then finds it
    # out (and the open-loan index refuses it even if a path forgot the lock).
    device = Device.objects.select_for_update().get(pk=device.pk)
    problems = loan_problems(
        device=device, learner=learner, issued_on=issued_on, due_on=due_on, today=today
    )
    if problems:
        raise ValidationError(problems)
    wipe = _wipe_clearing(device)
    if device.loan_count and wipe is None:
        raise ValidationError({"device": not_lendable_message(DeviceStatus.NEEDS_WIPE)})
    settings = lending_settings(organisation=device.organisation_id)
    # No savepoint of its own: a refused insert ends this function's transaction anyway.
    try:
        loan = Loan.objects.create(
            organisation_id=device.organisation_id,
            device=device,
            number=device.loan_count + 1,
            wipe_before=wipe,
            learner=learner,
            champion=champion,
            session=session,
            issued_on=issued_on,
            due_on=due_on,
            agreement_version=settings.agreement_version,
            agreement_recorded_by=recorded_by or champion,
            agreement_recorded_at=timezone.now(),
        )
    except IntegrityError as exc:
        raise ValidationError({"device": not_lendable_message(DeviceStatus.ON_LOAN)}) from exc
    Device.objects.filter(pk=device.pk).update(
        status=DeviceStatus.ON_LOAN, loan_count=F("loan_count") + 1
    )
    return loan


def _open_loan(loan: Loan) -> Loan:
    loan = Loan.objects.select_for_update().select_related("device").get(pk=loan.pk)
    if not loan.is_open:
        raise ValidationError(_("This loan has already ended (returned or lost)."))
    return loan


@transaction.atomic
def loan_return(
    *, loan: Loan, returned_on: date, condition: str, returned_to, today: date | None = None
) -> Loan:
    """The device is back. It waits for its data wipe before it can be lent again."""
    today = today or timezone.localdate()
    loan = _open_loan(loan)
    problems = {}
    if returned_on > today:
        problems["returned_on"] = _("Enter today or an earlier date.")
    elif returned_on < loan.issued_on:
        problems["returned_on"] = _("The return date must be on or after the day it was lent.")
    if not condition:
        problems["condition"] = _("Choose the device's condition as it came back.")
    if problems:
        raise ValidationError(problems)
    loan.returned_on = returned_on
    loan.return_condition = condition
    loan.returned_to = returned_to
    loan.save(update_fields=["returned_on", "return_condition", "returned_to"])
    Device.objects.filter(pk=loan.device_id).update(
        status=DeviceStatus.NEEDS_WIPE, condition=condition
    )
    return loan


@transaction.atomic
def loan_extend(*, loan: Loan, due_on: date) -> Loan:
    loan = _open_loan(loan)
    if due_on <= loan.due_on:
        raise ValidationError(
            {
                "due_on": _("Enter a date after the current due date, %(day)s.")
                % {"day": loan.due_on.strftime("%d/%m/%Y")}
            }
        )
    if due_on - loan.issued_on > LONGEST_LOAN:
        raise ValidationError({"due_on": _("Enter a due date within a year of the loan.")})
    loan.due_on = due_on
    loan.extended_count += 1
    loan.save(update_fields=["due_on", "extended_count"])
    return loan


@transaction.atomic
def loan_mark_lost(*, loan: Loan, lost_on: date, today: date | None = None) -> Loan:
    today = today or timezone.localdate()
    loan = _open_loan(loan)
    if lost_on > today or lost_on < loan.issued_on:
        raise ValidationError({"lost_on": _("Enter a date between the day it was lent and today.")})
    loan.lost_on = lost_on
    loan.save(update_fields=["lost_on"])
    Device.objects.filter(pk=loan.device_id).update(status=DeviceStatus.LOST)
    return loan


@transaction.atomic
def wipe_record(
    *, device: Device, wiped_by, wiped_on: date, method: str, today: date | None = None
) -> Wipe:
    """The device's data was wiped. After a return this clears it for the next loan; a wipe
    can also be recorded for a device in stock (a donor's data, before its first loan)."""
    today = today or timezone.localdate()
    device = Device.objects.select_for_update().get(pk=device.pk)
    if device.status not in (DeviceStatus.NEEDS_WIPE, DeviceStatus.IN_STOCK):
        raise ValidationError(
            _("Only a device in stock or returned can be wiped: this one is %(status)s.")
            % {"status": device.get_status_display().lower()}
        )
    last_loan = (
        Loan.objects.filter(device=device, number=device.loan_count).first()
        if device.loan_count
        else None
    )
    problems = {}
    if not method:
        problems["method"] = _("Choose how the data was wiped.")
    if wiped_on > today:
        problems["wiped_on"] = _("Enter today or an earlier date.")
    elif last_loan and last_loan.returned_on and wiped_on < last_loan.returned_on:
        problems["wiped_on"] = _(
            "The wipe must be on or after the return, %(day)s: a wipe before it did not remove "
            "the last learner's data."
        ) % {"day": last_loan.returned_on.strftime("%d/%m/%Y")}
    if problems:
        raise ValidationError(problems)
    already = last_loan is not None and Wipe.objects.filter(after_loan=last_loan).exists()
    wipe = Wipe.objects.create(
        organisation=device.organisation,
        device=device,
        after_loan=None if already else last_loan,
        wiped_by=wiped_by,
        wiped_on=wiped_on,
        method=method,
    )
    if device.status == DeviceStatus.NEEDS_WIPE:
        Device.objects.filter(pk=device.pk).update(status=DeviceStatus.IN_STOCK)
    return wipe


def loans_forget_learner(*, learner) -> int:
    """Erasure: the learner's loans and gifts stay (the kit's history, the figures) without who
    had them. Called inside privacy.services.learner_erase's transaction."""
    count = Loan.objects.filter(learner=learner).update(learner=None)
    count += DataGift.objects.filter(given_to=learner).update(given_to=None)
    return count


# --- SIMs and data vouchers -----------------------------------------------------------------------


@transaction.atomic
def data_gift_create(*, organisation, data: dict) -> DataGift:
    gift = DataGift(organisation=organisation, **_clean_text(data, DATA_GIFT_FIELDS))
    problems = {}
    try:
        gift.full_clean(
            exclude=["organisation", "given_to", "given_by", "session"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        problems.update(exc.message_dict)
    if (
        gift.reference
        and DataGift.objects.for_organisation(organisation)
        .filter(kind=gift.kind, reference=gift.reference)
        .exists()
    ):
        problems.setdefault("reference", []).append(
            _("Your organisation already has a %(kind)s with the reference “%(ref)s”.")
            % {"kind": gift.get_kind_display().lower(), "ref": gift.reference}
        )
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            gift.save()
    except IntegrityError as exc:
        raise ValidationError({"reference": _("This reference is already in your stock.")}) from exc
    return gift


@transaction.atomic
def data_gift_give(
    *, gift: DataGift, learner, given_by, given_on: date, session=None, today: date | None = None
) -> DataGift:
    """A SIM or voucher is given, not lent: it leaves the stock for good."""
    today = today or timezone.localdate()
    gift = DataGift.objects.select_for_update().get(pk=gift.pk)
    problems = {}
    if gift.given_on is not None:
        problems["gift"] = _("This SIM or voucher has already been given.")
    if learner is None or learner.organisation_id != gift.organisation_id:
        problems["learner"] = _("Choose the learner it is given to.")
    if given_on > today:
        problems["given_on"] = _("Enter today or an earlier date.")
    if problems:
        raise ValidationError(problems)
    gift.given_on = given_on
    gift.given_to = learner
    gift.given_by = given_by
    gift.session = session
    gift.save(update_fields=["given_on", "given_to", "given_by", "session"])
    return gift


# --- Across the network ---------------------------------------------------------------------------


@transaction.atomic
def devices_transfer(*, devices, to_organisation, by, note: str = "") -> DeviceTransfer:
    """A network admin moves devices in stock from one organisation to another. Their loans and
    wipes stay in the history of the organisation that made them."""
    devices = list(Device.objects.select_for_update().filter(pk__in=[d.pk for d in devices]))
    problems = []
    if not devices:
        problems.append(_("Choose at least one device."))
    origins = {d.organisation_id for d in devices}
    if len(origins) > 1:
        problems.append(_("Transfer devices of one organisation at a time."))
    if to_organisation.pk in origins:
        problems.append(_("Choose another organisation to transfer them to."))
    for device in devices:
        if device.status != DeviceStatus.IN_STOCK:
            problems.append(
                _("%(device)s is not in stock (%(status)s).")
                % {"device": device, "status": device.get_status_display().lower()}
            )
        duplicate = device_duplicates(
            organisation=to_organisation,
            asset_tag=device.asset_tag,
            serial_number=device.serial_number,
        )
        if duplicate:
            problems.append(
                _(
                    "%(device)s: the other organisation already has a device with its asset tag "
                    "or serial number."
                )
                % {"device": device}
            )
    if problems:
        raise ValidationError(problems)
    transfer = DeviceTransfer.objects.create(
        from_organisation_id=origins.pop(),
        to_organisation=to_organisation,
        device_count=len(devices),
        note=note,
        recorded_by=by,
    )
    transfer.devices.set(devices)
    Device.objects.filter(pk__in=[d.pk for d in devices]).update(organisation=to_organisation)
    return transfer
