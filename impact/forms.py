from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from core.forms import LongSelect, PersonChoiceField
from core.vocabulary import Region, Role, Sector
from organisations.models import Team

from .periods import PRESETS, Period, period_from_preset

MAX_DAYS = 366 * 5


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=list(PRESETS.items()) + [("custom", _("Choose dates"))],
        required=False,
        initial="last_12_months",
    )
    start = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, like 01/04/2026.")},
    )
    end = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, like 30/09/2026.")},
    )

    trend = forms.ChoiceField(
        label=_("Trend by"),
        choices=[("month", _("Month")), ("week", _("Week"))],
        required=False,
        initial="month",
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def trend_unit(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("trend") or "month"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if cleaned.get("period") == "custom" or (start or end) and not cleaned.get("period"):
            if not start or not end:
                raise forms.ValidationError(_("Choose both a start and an end date."))
            if start > end:
                self.add_error("end", _("The end date must be on or after the start date."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("start", _("Choose a period of five years or less."))
        return cleaned

    def get_period(self) -> Period:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("start") and data.get("end") and data.get("period") in ("custom", ""):
            return Period(start=data["start"], end=data["end"])
        return period_from_preset(data.get("period") or "last_12_months", today=self.today)


class OrganisationFilterForm(PeriodForm):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("All teams"),
        to_field_name="public_id",
        widget=LongSelect,
    )
    champion = PersonChoiceField(
        label=_("Champion"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("All champions"),
        to_field_name="public_id",
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this organisation's teams and people can be chosen: another organisation's id is
        # "not one of the available choices", never its figures.
        self.fields["team"].queryset = Team.objects.for_organisation(organisation)
        self.fields["champion"].queryset = User.objects.filter(
            memberships__organisation=organisation, memberships__role=Role.CHAMPION
        ).order_by("name")


class NetworkFilterForm(PeriodForm):
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", _("All sectors"))] + Sector.choices, required=False
    )
    region = forms.ChoiceField(
        label=_("Nation or region"),
        choices=[("", _("Everywhere"))] + Region.choices,
        required=False,
    )


class FundingForm(forms.Form):
    start = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    amount = forms.DecimalField(
        label=_("Amount (£)"),
        min_value=1,
        max_digits=12,
        decimal_places=2,
        error_messages={"min_value": _("Enter an amount of at least £1.")},
    )
    note = forms.CharField(label=_("Funder or note (optional)"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("The end date must be on or after the start date."))
        return cleaned
