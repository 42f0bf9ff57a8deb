from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AuditEvent


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What"), choices=[("", _("Everything"))] + AuditEvent.Action.choices, required=False
    )
    person = forms.CharField(label=_("Who (email)"), required=False, max_length=100)
    date_from = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
