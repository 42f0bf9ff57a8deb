from django import forms

from core.vocabulary import ConsentMethod, FoundationTask

from .models import Learner, SelfAssessment

SCORE_CHOICES = [("", "Not asked")] + [(str(i), str(i)) for i in range(1, 6)]


class LearnerForm(forms.ModelForm):
    consent_method = forms.ChoiceField(
        label="How did they agree to us keeping a record?",
        choices=ConsentMethod.choices,
        initial=ConsentMethod.VERBAL,
    )
    contact_consent = forms.BooleanField(
        label="They agree to be contacted by email or phone", required=False
    )
    special_category_consent = forms.BooleanField(
        label="They explicitly agree to us recording disability or health information",
        required=False,
        help_text="Ask separately from everything else, and tell them they can say no.",
    )
    media_consent = forms.BooleanField(
        label="They agree to photos or quotes in case studies", required=False
    )

    class Meta:
        model = Learner
        fields = [
            "display_name",
            "postcode_district",
            "age_band",
            "gender",
            "employment_status",
            "first_language_english",
            "heard_from",
            "contact_email",
            "contact_phone",
            "disability",
            "is_shared",
        ]
        labels = {"display_name": "Name or initials"}
        error_messages = {"display_name": {"required": "Enter a first name or initials."}}

    def clean_postcode_district(self):
        value = self.cleaned_data.get("postcode_district", "").strip().upper()
        if value and (len(value) > 4 or not value[0].isalpha()):
            raise forms.ValidationError(
                "Enter only the first half of the postcode, like M14 or LS6."
            )
        return value


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = SelfAssessment
        fields = ["assessed_on", *SelfAssessment.SCORE_FIELDS, "foundation_tasks"]
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{f: forms.RadioSelect(choices=SCORE_CHOICES) for f in SelfAssessment.SCORE_FIELDS},
        }

    foundation_tasks = forms.MultipleChoiceField(
        label="Foundation tasks they can do on their own",
        choices=FoundationTask.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in SelfAssessment.SCORE_FIELDS:
            self.fields[field] = forms.TypedChoiceField(
                label=self.fields[field].label.capitalize() + " (1 = not confident, 5 = very)",
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
