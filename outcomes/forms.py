from django import forms
from django.utils.translation import gettext_lazy as _

from .models import WEEKS_MAX, WEEKS_MIN
from .vocabulary import CanDoAlone, OnlineService, Progression


class OutcomeCheckForm(forms.Form):
    """A few taps: one choice and two sets of boxes."""

    can_do_alone = forms.ChoiceField(
        label=_("Can they now do what they came for on their own?"),
        choices=CanDoAlone.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether they can now do it on their own."),
            "invalid_choice": _("Choose one of the answers listed."),
        },
    )
    services_used = forms.MultipleChoiceField(
        label=_("Which of these do they now use? (optional)"),
        choices=OnlineService.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose only services from the list.")},
    )
    what_followed = forms.MultipleChoiceField(
        label=_("What has happened since? (optional)"),
        choices=Progression.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose only things from the list.")},
    )


class LearnerOutcomeForm(OutcomeCheckForm):
    """The same questions asked of the learner, in the second person."""

    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["can_do_alone"].label = _(
            "Can you now do what you came for help with on your own?"
        )
        self.fields["can_do_alone"].choices = [
            ("yes", _("Yes, on my own")),
            ("with_help", _("Only with some help")),
            ("not_yet", _("Not yet")),
        ]
        self.fields["services_used"].label = _("Which of these do you use now? (optional)")
        self.fields["what_followed"].label = _("Has any of this happened since? (optional)")


class OutcomeSettingsForm(forms.Form):
    check_after_weeks = forms.TypedChoiceField(
        label=_("Ask how things are going this many weeks after a learner's first session"),
        choices=[(n, n) for n in range(WEEKS_MIN, WEEKS_MAX + 1)],
        coerce=int,
        error_messages={
            "required": _("Choose a number of weeks."),
            "invalid_choice": _("Choose between 4 and 12 weeks."),
        },
    )
