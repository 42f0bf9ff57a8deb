"""The session form's "lent a device", for sessions_log's views: the loan's part of the form, its
check together with the session's, and the save of both in one transaction (the rules are in
devices/session_lending.py). The session's own "Device lent" is written from the loan, never
apart."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from . import services, session_lending
from .forms import SessionLoanForm


def loan_form_for(request, *, data=None) -> SessionLoanForm:
    settings = services.lending_settings(organisation=request.organisation)
    return SessionLoanForm(
        data,
        organisation=request.organisation,
        loan_days=settings.loan_days,
        today=timezone.localdate(),
    )


def loan_checked(loan_form: SessionLoanForm, session_form) -> bool:
    """Check the loan's fields and its rules against what the session form read; every problem
    also joins the session form's summary at the top, so all are listed at once."""
    valid = loan_form.is_valid()
    read = getattr(session_form, "cleaned_data", {})
    picked = loan_form.cleaned_data
    problems = session_lending.session_loan_problems(
        organisation=loan_form.organisation,
        device_support=read.get("device_support", ""),
        status=read.get("status", ""),
        device=picked.get("device") if valid or "device" not in loan_form.errors else None,
        data_support=read.get("data_support", ""),
        gift=picked.get("data") if valid or "data" not in loan_form.errors else None,
    )
    for name, message in problems.items():
        loan_form.add_error(name.removeprefix("loan_"), message)
    for errors in loan_form.errors.values():
        for message in errors:
            session_form.add_error(None, message)
    return not loan_form.errors


def session_log_lending(*, loan_form: SessionLoanForm, organisation, champion, data):
    """Log the session, and its loan when a device was picked. A refused loan's message goes
    beside its field too; the session form shows it at the top (the caller's handler)."""
    from sessions_log import services as sessions

    device = loan_form.cleaned_data.get("device")
    gift = loan_form.cleaned_data.get("data")
    if device is None and gift is None:
        return sessions.session_log(organisation=organisation, champion=champion, data=data)
    try:
        return session_lending.session_log_lending(
            organisation=organisation,
            champion=champion,
            data=data,
            device=device,
            due_on=loan_form.cleaned_data.get("due_on"),
            gift=gift,
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                if name.startswith("loan_"):
                    field = name.removeprefix("loan_")
                    for message in messages:
                        loan_form.add_error(field if field in loan_form.fields else None, message)
        raise


def edit_keeps_loans(session, session_form) -> bool:
    """A session edited after it lent a device keeps "Device lent": the loan is the record,
    changed on the device's page (returned, extended, lost), never by unticking the session."""
    read = getattr(session_form, "cleaned_data", {})
    problems = session_lending.session_edit_problems(
        session=session,
        device_support=read.get("device_support"),
        data_support=read.get("data_support"),
    )
    for field, problem in problems.items():
        session_form.add_error(field, problem)
    return not problems
