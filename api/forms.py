from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SUBSCRIBABLE_EVENTS, Access
from .webhook_http import url_problem


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Say what will use it, like “Council Power BI”."),
        error_messages={"required": _("Enter a name for the key.")},
    )
    access = forms.ChoiceField(
        label=_("What it may do"),
        choices=Access.choices,
        initial=Access.READ,
        widget=forms.RadioSelect,
    )
    expires_on = forms.DateField(
        label=_("Stops working after (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a real date, like 31/03/2027.")},
    )
    can_read_special_category = forms.BooleanField(
        label=_("May read learners' disability answers (special category data)"),
        required=False,
        help_text=_(
            "Only if the system it is for needs them and your data protection lead agrees."
        ),
    )

    def __init__(self, *args, network: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if network:
            # A network admin's key reads network-wide figures and nothing else.
            del self.fields["access"]
            del self.fields["can_read_special_category"]

    def clean_expires_on(self):
        value = self.cleaned_data.get("expires_on")
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return value

    def expires_at(self):
        """The end of the chosen day, UK time."""
        value = self.cleaned_data.get("expires_on")
        if not value:
            return None
        return timezone.make_aware(datetime.combine(value, time.max))


class WebhookEndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The HTTPS address the other system gave you, like https://example.org/hooks."),
        error_messages={
            "required": _("Enter the address to send events to."),
            "invalid": _("Enter a full address, like https://example.org/hooks/portal."),
        },
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        max_length=100,
        required=False,
        help_text=_("Say what receives them, like “Library booking system”."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events to send"),
        choices=SUBSCRIBABLE_EVENTS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one event to send."),
            "invalid_choice": _("Choose events from the list."),
        },
    )

    PROBLEMS = {
        "not https": _(
            "Enter an address that starts with https://: events are only sent over an "
            "encrypted connection."
        ),
        "private host": _(
            "Enter a public address: the portal does not send events to itself or to a "
            "private network."
        ),
        "credentials in the address": _(
            "Take the user name and password out of the address: the signature on each event "
            "shows it came from the portal."
        ),
        "no host": _("Enter a full address, like https://example.org/hooks/portal."),
    }

    def clean_url(self):
        url = self.cleaned_data["url"]
        problem = url_problem(url)
        if problem:
            raise forms.ValidationError(self.PROBLEMS[problem])
        return url
