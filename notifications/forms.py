from django import forms

from .models import EmailPreference


class EmailPreferenceForm(forms.ModelForm):
    class Meta:
        model = EmailPreference
        fields = ["reminders", "summary_frequency", "network_summary"]
        widgets = {"summary_frequency": forms.RadioSelect}
