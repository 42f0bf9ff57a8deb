"""Forms for the lending library. They read what was typed; the rules are the services'."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from core.vocabulary import (
    DataGiftKind,
    DeviceCondition,
    DeviceKind,
    DeviceSource,
    DeviceStatus,
    WipeMethod,
)
from learners.models import Learner

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_MESSAGES = {
    "invalid": _("Enter a real date, like 25/11/2026."),
    "required": _("Enter the date."),
}


def _date(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET, error_messages=DATE_MESSAGES, **kwargs)


class DeviceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=DeviceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of device it is.")},
    )
    make = forms.CharField(
        label=_("Make"),
        max_length=60,
        help_text=_("Like Lenovo, Apple or Samsung."),
        error_messages={"required": _("Enter the make, like Lenovo.")},
    )
    model = forms.CharField(label=_("Model (optional)"), max_length=80, required=False)
    asset_tag = forms.CharField(
        label=_("Asset tag"),
        max_length=40,
        required=False,
        help_text=_("The label your organisation put on it. Enter this or the serial number."),
    )
    serial_number = forms.CharField(label=_("Serial number"), max_length=80, required=False)
    source = forms.ChoiceField(
        label=_("Where it came from"),
        choices=DeviceSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the device came from.")},
    )
    donor = forms.CharField(
        label=_("Donor or scheme (optional)"),
        max_length=120,
        required=False,
        help_text=_("Who gave it, or which scheme it came through."),
    )
    condition = forms.ChoiceField(
        label=_("Condition"),
        choices=DeviceCondition.choices,
        initial=DeviceCondition.GOOD,
        error_messages={"required": _("Choose the device's condition.")},
    )
    location = forms.CharField(
        label=_("Where it is kept (optional)"), max_length=120, required=False
    )
    received_on = _date(_("Received on (optional)"), required=False)


class StockFilterForm(forms.Form):
    q = forms.CharField(label=_("Asset tag, serial, make or place"), max_length=80, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any"))] + DeviceStatus.choices, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any"))] + DeviceKind.choices, required=False
    )


class LearnerByReferenceField(forms.CharField):
    """A learner named by their reference (L-ABC234), as on their record and their card: the
    form stays small however many learners the organisation has."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Learner's reference"))
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("help_text", _("As on their record, like L-ABC234."))
        super().__init__(*args, **kwargs)
        self.queryset = Learner.objects.none()

    def clean(self, value):
        value = super().clean(value).strip().upper()
        if not value:
            return None
        learner = self.queryset.filter(reference=value).first()
        if learner is None:
            raise forms.ValidationError(
                _("No learner of your organisation has the reference “%(ref)s”."),
                params={"ref": value[:12]},
            )
        return learner


class LoanForm(forms.Form):
    learner = LearnerByReferenceField(
        error_messages={"required": _("Enter the reference of the learner it is lent to.")}
    )
    issued_on = _date(_("Lent on"))
    due_on = _date(_("Due back on"))
    agreement_accepted = forms.BooleanField(
        label=_("The learner accepted the loan agreement"),
        required=False,
    )

    def __init__(self, *args, learner_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner"].queryset = learner_queryset


class ReturnForm(forms.Form):
    returned_on = _date(_("Returned on"))
    condition = forms.ChoiceField(
        label=_("Condition as it came back"),
        choices=DeviceCondition.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the device's condition as it came back.")},
    )


class ExtendForm(forms.Form):
    due_on = _date(_("New due date"))


class LostForm(forms.Form):
    lost_on = _date(_("Reported lost on"))


class WipeForm(forms.Form):
    wiped_on = _date(_("Wiped on"))
    method = forms.ChoiceField(
        label=_("How the data was wiped"),
        choices=WipeMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the data was wiped.")},
    )


class DataGiftForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=DataGiftKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a SIM card or a data voucher.")},
    )
    network = forms.CharField(
        label=_("Network"),
        max_length=60,
        error_messages={"required": _("Enter the network, like Vodafone.")},
    )
    allowance_gb = forms.DecimalField(
        label=_("Data allowance (GB)"),
        min_value=0,
        max_value=10000,
        decimal_places=2,
        max_digits=7,
        error_messages={
            "required": _("Enter the data allowance in gigabytes, like 20."),
            "invalid": _("Enter the allowance as a number of gigabytes, like 20 or 7.5."),
            "min_value": _("Enter 0 GB or more."),
            "max_value": _("Enter 10,000 GB or less."),
            "max_decimal_places": _("Enter at most 2 decimal places."),
            "max_digits": _("Enter 10,000 GB or less."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    expires_on = _date(_("Expires on (optional)"), required=False)
    reference = forms.CharField(label=_("Reference (optional)"), max_length=80, required=False)
    source = forms.ChoiceField(
        label=_("Where it came from (optional)"),
        choices=[("", _("Not recorded"))] + DeviceSource.choices,
        required=False,
    )
    donor = forms.CharField(label=_("Donor or scheme (optional)"), max_length=120, required=False)


class DataGiveForm(forms.Form):
    learner = LearnerByReferenceField(
        error_messages={"required": _("Enter the reference of the learner it is given to.")}
    )
    given_on = _date(_("Given on"))

    def __init__(self, *args, learner_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner"].queryset = learner_queryset


class LendingSettingsForm(forms.Form):
    champions_keep_stock = forms.BooleanField(
        label=_("Champions may keep the stock"),
        required=False,
        help_text=_(
            "Let champions add devices, record returns and wipes, and import stock, as project "
            "managers do. Every champion can lend from the session form either way."
        ),
    )
    loan_days = forms.IntegerField(
        label=_("Usual loan length (days)"),
        min_value=1,
        max_value=365,
        error_messages={
            "required": _("Enter the usual loan length in days, like 28."),
            "invalid": _("Enter a whole number of days, like 28."),
            "min_value": _("Enter 1 day or more."),
            "max_value": _("Enter 365 days or fewer."),
        },
    )
    agreement_version = forms.CharField(
        label=_("Loan agreement version"),
        max_length=40,
        help_text=_("As printed on the agreement learners accept."),
        error_messages={"required": _("Enter the agreement's version, like 1 or 2026-03.")},
    )


class TransferForm(forms.Form):
    from_organisation = forms.ModelChoiceField(
        label=_("From"),
        queryset=None,
        to_field_name="public_id",
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation the devices leave.")},
    )
    to_organisation = forms.ModelChoiceField(
        label=_("To"),
        queryset=None,
        to_field_name="public_id",
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation the devices go to.")},
    )
    asset_tags = forms.CharField(
        label=_("Asset tags or serial numbers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        help_text=_("One a line, or separated by commas. Only devices in stock can move."),
        error_messages={"required": _("Enter the asset tags of the devices to transfer.")},
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_organisation"].queryset = organisations
        self.fields["to_organisation"].queryset = organisations

    def clean_asset_tags(self):
        raw = self.cleaned_data["asset_tags"].replace(",", "\n")
        tags = sorted({line.strip() for line in raw.splitlines() if line.strip()})
        if len(tags) > 1000:
            raise forms.ValidationError(_("Transfer at most 1,000 devices at a time."))
        return tags


class SessionLoanForm(forms.Form):
    """The session form's "lent a device": the device from the stock, by its asset tag or serial
    (the label on the device in the champion's hand), offered from what is in stock."""

    prefix = "loan"
    OFFERED = 50  # at most this many in-stock devices suggested as the champion types

    device = forms.CharField(
        label=_("Which device? Its asset tag or serial number"),
        max_length=80,
        required=False,
        help_text=_("From your stock. Leave empty if you lent none."),
        widget=forms.TextInput(attrs={"list": "loan-devices", "autocomplete": "off"}),
    )
    due_on = _date(_("Due back on"), required=False)
    agreement_accepted = forms.BooleanField(
        label=_("The learner accepted the loan agreement"), required=False
    )
    data = forms.CharField(
        label=_("Gave a SIM or data voucher from your stock? Its reference"),
        max_length=80,
        required=False,
        help_text=_("As printed on the card or voucher. Leave empty if you gave none."),
    )

    def __init__(self, *args, organisation, loan_days: int, today, **kwargs):
        kwargs.setdefault("initial", {"due_on": today + timedelta(days=loan_days)})
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.today = today

    def offered(self):
        from .selectors import devices_to_lend

        return devices_to_lend(organisation=self.organisation).only(
            "asset_tag", "serial_number", "kind", "make", "model"
        )[: self.OFFERED]

    def clean_device(self):
        from .session_lending import device_to_lend

        return device_to_lend(
            organisation=self.organisation, typed=self.cleaned_data.get("device") or ""
        )

    def clean_data(self):
        from .session_lending import data_to_give

        return data_to_give(
            organisation=self.organisation, typed=self.cleaned_data.get("data") or ""
        )

    def clean(self):
        from .session_lending import session_loan_terms_problems

        cleaned = super().clean()
        if cleaned.get("device"):
            problems = session_loan_terms_problems(
                due_on=cleaned.get("due_on"),
                due_on_unreadable="due_on" in self.errors,
                agreement_accepted=bool(cleaned.get("agreement_accepted")),
                today=self.today,
            )
            for name, message in problems.items():
                self.add_error(name, message)
        return cleaned
