from django import forms
from django.utils.translation import gettext_lazy as _

from core.vocabulary import ConsentMethod, FoundationTask, SkillArea

from .models import Learner, SelfAssessment

SCORE_CHOICES = [("", _("Not asked"))] + [(str(i), str(i)) for i in range(1, 6)]


class LearnerForm(forms.ModelForm):
    consent_method = forms.ChoiceField(
        label=_("How did they agree to us keeping a record?"),
        choices=ConsentMethod.choices,
        initial=ConsentMethod.VERBAL,
    )
    contact_consent = forms.BooleanField(
        label=_("They agree to be contacted by email or phone"), required=False
    )
    special_category_consent = forms.BooleanField(
        label=_("They explicitly agree to us recording disability or health information"),
        required=False,
        help_text=_("Ask separately from everything else, and tell them they can say no."),
    )
    media_consent = forms.BooleanField(
        label=_("They agree to photos or quotes in case studies"), required=False
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
        labels = {
            "display_name": _("Name or initials"),
            "postcode_district": _("Postcode district"),
            "age_band": _("Age band"),
            "gender": _("Gender"),
            "employment_status": _("Employment status"),
            "contact_email": _("Contact email"),
            "contact_phone": _("Contact phone"),
        }
        error_messages = {"display_name": {"required": _("Enter a first name or initials.")}}

    def clean_postcode_district(self):
        value = self.cleaned_data.get("postcode_district", "").strip().upper()
        if value and (len(value) > 4 or not value[0].isalpha()):
            raise forms.ValidationError(
                _("Enter only the first half of the postcode, like M14 or LS6.")
            )
        return value


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = SelfAssessment
        fields = ["assessed_on", *SelfAssessment.SCORE_FIELDS, "foundation_tasks"]
        labels = {"assessed_on": _("Assessed on")}
        widgets = {
            "assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{f: forms.RadioSelect(choices=SCORE_CHOICES) for f in SelfAssessment.SCORE_FIELDS},
        }

    foundation_tasks = forms.MultipleChoiceField(
        label=_("Foundation tasks they can do on their own"),
        choices=FoundationTask.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in SelfAssessment.SCORE_FIELDS:
            self.fields[field] = forms.TypedChoiceField(
                # Translators: a skill area's self-assessment, e.g. "Communicating (1 = …)".
                label=_("%(area)s (1 = not confident, 5 = very)")
                % {"area": SkillArea(field).label},
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
