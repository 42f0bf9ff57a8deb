"""Lending at a session: a device lent or a SIM or voucher given while logging it. The session's
"Device lent" and "SIM card" / "Data voucher" and the loan or gift behind them are one record,
made in one transaction by session_log_lending, and the rules are here once for both ways a
session comes in: the session form (devices/session_loans.py) and the API (api/receiving.py and
api.services.session_receive, for other systems and the offline sync)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import services
from .models import DataGift, Device, Loan
from .selectors import device_by_label


def device_to_lend(*, organisation, typed: str) -> Device | None:
    """The device a champion named by its label at a session (the web form and the API), or
    None when they named none; refused with the reason when it cannot be lent now."""
    typed = (typed or "").strip()
    if not typed:
        return None
    device = device_by_label(organisation=organisation, typed=typed)
    if device is None:
        raise ValidationError(
            _("No device of your stock has the asset tag or serial number “%(typed)s”.")
            % {"typed": typed[:40]}
        )
    if not device.can_be_lent:
        raise ValidationError(services.not_lendable_message(device.status))
    return device


def data_to_give(*, organisation, typed: str) -> DataGift | None:
    """The SIM or voucher a champion named by its reference at a session, or None."""
    typed = (typed or "").strip()
    if not typed:
        return None
    gift = (
        DataGift.objects.for_organisation(organisation)
        .filter(reference__iexact=typed)
        .order_by("given_on")
        .first()
    )
    if gift is None:
        raise ValidationError(
            _("No SIM or voucher of your stock has the reference “%(typed)s”.")
            % {"typed": typed[:40]}
        )
    if gift.given_on is not None:
        raise ValidationError(_("This SIM or voucher has already been given."))
    return gift


def session_loan_terms_problems(
    *, due_on, agreement_accepted: bool, today: date, due_on_unreadable: bool = False
) -> dict:
    """A device lent at a session needs a due date from today on and the learner's acceptance
    of the loan agreement: {field: message}, all at once."""
    problems = {}
    if due_on is None and not due_on_unreadable:
        problems["due_on"] = _("Enter the date the device is due back.")
    elif due_on is not None and due_on < today:
        problems["due_on"] = _("The due date must be today or later.")
    if not agreement_accepted:
        problems["agreement_accepted"] = _(
            "Tick to record that the learner accepted the loan agreement."
        )
    return problems


def session_loan_problems(
    *, organisation, device_support: str, status: str, device, data_support: str = "", gift=None
) -> dict:
    """The session form's "Device lent" and "SIM card" / "Data voucher" and the records they make
    are one record each: a device or SIM picked sets the session's field, and an organisation
    that keeps that stock says which one. (One without any stock still ticks them alone.)"""
    problems = {}
    if device is not None and status != "completed":
        problems["loan_device"] = _(
            "A device is lent at a session that took place: choose "
            "“Completed”, or lend it from the device's page."
        )
    elif (
        device is None
        and device_support == "lent"
        and Device.objects.for_organisation(organisation).exists()
    ):
        problems["loan_device"] = _(
            "Enter the asset tag of the device you lent, from your stock, so it is on loan to "
            "this learner."
        )
    if gift is not None and status != "completed":
        problems["loan_data"] = _(
            "A SIM or voucher is given at a session that took place: choose “Completed”."
        )
    elif (
        gift is None
        and data_support in ("sim", "voucher")
        and DataGift.objects.for_organisation(organisation).filter(kind=data_support).exists()
    ):
        problems["loan_data"] = _(
            "Enter the reference of the SIM or voucher you gave, from your stock, so it is "
            "recorded as given to this learner."
        )
    return problems


@transaction.atomic
def session_log_lending(
    *, organisation, champion, data: dict, device, due_on: date | None, gift=None, created_by=None
):
    """Log a session at which a device was lent or a SIM or voucher given, and the loan or the
    gift, in one transaction: if either is refused (the device went out meanwhile), the session
    is not saved either."""
    from sessions_log import services as sessions

    settled = {"device_support": "lent"} if device is not None else {}
    if gift is not None:
        settled["data_support"] = gift.kind
    session = sessions.session_log(
        organisation=organisation,
        champion=champion,
        data=data | settled,
        **({"created_by": created_by} if created_by is not None else {}),
    )
    learners = list(session.learners.all())
    if len(learners) != 1:
        raise ValidationError(
            {
                "loan_device" if device is not None else "loan_data": _(
                    "Name the one learner the device or data is for (it needs a learner "
                    "record), or record it from the stock pages."
                )
            }
        )
    try:
        if device is not None:
            services.loan_make(
                device=device,
                learner=learners[0],
                champion=champion,
                issued_on=session.date,
                due_on=due_on,
                recorded_by=champion,
                session=session,
            )
        if gift is not None:
            services.data_gift_give(
                gift=gift,
                learner=learners[0],
                given_by=champion,
                given_on=session.date,
                session=session,
            )
    except ValidationError as exc:
        raise ValidationError(
            {f"loan_{name}": messages for name, messages in exc.message_dict.items()}
        ) from exc
    return session


def session_edit_problems(*, session, device_support, data_support=None) -> dict:
    """{field: message} when an edit would make the session's kit fields disagree with its loans
    and gifts: untick "Device lent" on a session that made a loan, or tick "Device lent" or a SIM
    or voucher afresh on one that made none in an organisation that keeps that stock (the loan
    or gift is the record: it is made on the device's or the data's page). A field the edit
    leaves out (None) is not changed."""
    problems = {}
    if device_support is not None and device_support != session.device_support:
        lent = Loan.objects.filter(session=session).exists()
        if device_support != "lent" and lent:
            problems["device_support"] = _(
                "A device was lent at this session, so it stays “Device lent”. Record its "
                "return on the device's page."
            )
        elif (
            device_support == "lent"
            and not lent
            and Device.objects.filter(organisation_id=session.organisation_id).exists()
        ):
            problems["device_support"] = _(
                "To record a device lent at this session, lend it from the device's page: the "
                "loan is the record, and it ticks “Device lent” here."
            )
    if (
        data_support in ("sim", "voucher")
        and data_support != session.data_support
        and DataGift.objects.filter(
            organisation_id=session.organisation_id, kind=data_support
        ).exists()
        and not DataGift.objects.filter(session=session, kind=data_support).exists()
    ):
        problems["data_support"] = _(
            "To record a SIM or voucher given at this session, give it from the SIMs and data "
            "vouchers page: the gift is the record, and it ticks it here."
        )
    return problems


def session_kit_read(
    *,
    organisation,
    session_data: dict,
    device_label: str = "",
    due_on: date | None = None,
    agreement_accepted: bool = False,
    data_reference: str = "",
    today: date,
) -> dict:
    """The kit a session sent by the API names (a device's asset tag or serial, a SIM's or
    voucher's reference), read and checked as the session form checks its own fields:
    {"device", "gift", "due_on"} to hand to session_log_lending, or every problem at once as
    ValidationError {"loan_<field>": message}. A due date left out is the organisation's usual
    loan length from today, as the form offers it."""
    problems: dict = {}
    device = gift = None
    try:
        device = device_to_lend(organisation=organisation, typed=device_label)
    except ValidationError as exc:
        problems["loan_device"] = exc.messages[0]
    try:
        gift = data_to_give(organisation=organisation, typed=data_reference)
    except ValidationError as exc:
        problems["loan_data"] = exc.messages[0]
    if device is not None:
        if due_on is None:
            loan_days = services.lending_settings(organisation=organisation).loan_days
            due_on = today + timedelta(days=loan_days)
        terms = session_loan_terms_problems(
            due_on=due_on, agreement_accepted=agreement_accepted, today=today
        )
        problems.update({f"loan_{name}": message for name, message in terms.items()})
    # Only what the form would also say: an unknown label is not also "enter the label".
    for name, message in session_loan_problems(
        organisation=organisation,
        device_support=session_data.get("device_support", ""),
        status=session_data.get("status", ""),
        device=device,
        data_support=session_data.get("data_support", ""),
        gift=gift,
    ).items():
        problems.setdefault(name, message)
    if problems:
        raise ValidationError({name: [message] for name, message in problems.items()})
    return {"device": device, "gift": gift, "due_on": due_on}
