from django import forms
from django.utils.translation import gettext_lazy as _

from core.vocabulary import Topic

from .models import HideReason, LearnerFeedback


class LearnerFeedbackForm(forms.Form):
    more_confident = forms.ChoiceField(
        label=_("Do you feel more confident using technology after getting help?"),
        choices=LearnerFeedback.MoreConfident.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes, a bit or no.")},
    )
    helped_with = forms.MultipleChoiceField(
        label=_("What did you get help with? (optional)"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    would_recommend = forms.ChoiceField(
        label=_("Would you tell a friend to come for help? (optional)"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        required=False,
    )
    comment = forms.CharField(
        label=_("Anything else you would like to tell us? (optional)"),
        help_text=_("Please do not write your name or contact details."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Please keep it to 500 characters or fewer.")},
    )
    # People never see this field; form-filling robots do, and fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class HideForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why hide it?"),
        choices=HideReason.choices,
        error_messages={
            "required": _("Choose why you are hiding this answer."),
            "invalid_choice": _("Choose one of the reasons listed."),
        },
    )
