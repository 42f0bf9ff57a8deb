from django import forms

from core.vocabulary import Topic

from .models import HideReason, LearnerFeedback


class LearnerFeedbackForm(forms.Form):
    more_confident = forms.ChoiceField(
        label="Do you feel more confident using technology after getting help?",
        choices=LearnerFeedback.MoreConfident.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes, a bit or no."},
    )
    helped_with = forms.MultipleChoiceField(
        label="What did you get help with? (optional)",
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    would_recommend = forms.ChoiceField(
        label="Would you tell a friend to come for help? (optional)",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        required=False,
    )
    comment = forms.CharField(
        label="Anything else you would like to tell us? (optional)",
        help_text="Please do not write your name or contact details.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Please keep it to 500 characters or fewer."},
    )
    # People never see this field; form-filling robots do, and fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class HideForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why hide it?",
        choices=HideReason.choices,
        error_messages={
            "required": "Choose why you are hiding this answer.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )
