from django import forms
from django.utils.translation import gettext_lazy as _

from core.vocabulary import ConsentMethod, SkillArea

from .eds import FOUNDATION_FIRST_PERSON, LIFE_AREAS, LIFE_TASK_AREA, LifeTask
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

    # Task by task, in the framework's first-person wording (learners/eds.py): ask "can you
    # do this on your own?" for each foundation task, and for the life tasks of the areas the
    # learner chooses.
    foundation_tasks = forms.MultipleChoiceField(
        label=_("Foundation level: which can they do on their own?"),
        choices=FOUNDATION_FIRST_PERSON,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose only tasks from the list.")},
    )
    life_areas_asked = forms.MultipleChoiceField(
        label=_("Skills for life: which areas did they choose to be asked about?"),
        choices=[(area.value, area.label) for area in LIFE_AREAS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose only areas from the list.")},
    )
    life_tasks = forms.MultipleChoiceField(
        label=_("Skills for life: which can they do on their own?"),
        help_text=_("Tick only tasks in the areas they chose."),
        choices=LifeTask.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose only tasks from the list.")},
    )

    def clean(self):
        data = super().clean()
        asked = set(data.get("life_areas_asked") or [])
        outside = [
            str(LifeTask(task).label)
            for task in data.get("life_tasks") or []
            if LIFE_TASK_AREA[task] not in asked
        ]
        if outside:
            self.add_error(
                "life_tasks",
                _("Tick the area of each task you asked about too: %(tasks)s.")
                % {"tasks": "; ".join(outside)},
            )
        return data

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
