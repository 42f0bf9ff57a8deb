import copy

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core.forms import LongSelect, PersonChoiceField
from core.vocabulary import (
    Barrier,
    CancelReason,
    DataSupport,
    DeviceSupport,
    Mode,
    SessionFormat,
    SessionStatus,
    Signposting,
    SkillArea,
    Topic,
)
from organisations.models import Team

CONFIDENCE_CHOICES = [("", _("Not asked"))] + [(str(i), str(i)) for i in range(1, 6)]
DURATION_CHOICES = [
    (15, _("15 min")),
    (30, _("30 min")),
    (45, _("45 min")),
    (60, _("1 hour")),
    (90, _("1½ hours")),
    (120, _("2 hours")),
    (180, _("3 hours")),
]


class LearnerPickField(forms.ModelMultipleChoiceField):
    """Learners chosen by public id. The widget renders only the chosen ones (the search adds
    more), so the page stays small however many learners an organisation has."""

    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.reference})"


class SessionForm(forms.Form):
    """Everything about a session that has happened (or was cancelled, or nobody came).

    Planning has its own short form (PlanForm). A group's people are asked as a total, and the
    ones without a record are worked out from it (clean)."""

    status = forms.ChoiceField(
        label=_("What happened?"),
        choices=SessionStatus.choices,
        initial=SessionStatus.COMPLETED,
        widget=forms.RadioSelect,
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Start time (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    duration_minutes = forms.IntegerField(
        label=_("How long (minutes)"),
        min_value=1,
        max_value=480,
        error_messages={
            "min_value": _("Enter a duration between 1 minute and 8 hours."),
            "max_value": _("Enter a duration between 1 minute and 8 hours (480 minutes)."),
            "required": _("Enter how long the session lasted, in minutes."),
            "invalid": _("Enter the duration as a whole number of minutes, like 45."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "list": "duration-options"}),
    )
    format = forms.ChoiceField(
        label=_("Who was there?"), choices=SessionFormat.choices, widget=forms.RadioSelect
    )
    mode = forms.ChoiceField(
        label=_("How"),
        choices=Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the session took place.")},
    )
    venue = forms.CharField(label=_("Where (optional)"), max_length=120, required=False)
    learners = LearnerPickField(
        label=_("Learners"),
        queryset=None,
        to_field_name="public_id",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_learner_names = forms.CharField(
        label=_("New learner: name or initials"),
        required=False,
        max_length=400,
        help_text=_(
            "For someone new. Separate several people with commas. A first name or "
            "initials is enough."
        ),
    )
    people_total = forms.IntegerField(
        label=_("How many people were there?"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_(
            "Everyone who came, named or not. Name only the people with a learner record: the "
            "others are counted without one."
        ),
        error_messages={
            "min_value": _("Enter how many people were there, 1 or more."),
            "max_value": _("Enter 500 people or fewer."),
            "invalid": _("Enter the number of people as a whole number, like 8."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    # Not on the page: the form works it out from people_total (clean). Still accepted when
    # posted without a total, as older drafts and scripted posts send it.
    anonymous_count = forms.IntegerField(
        label=_("People helped without a learner record"),
        min_value=0,
        max_value=500,
        required=False,
        initial=0,
        widget=forms.HiddenInput,
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skill_areas = forms.MultipleChoiceField(
        label=_("Essential digital skill areas"),
        choices=SkillArea.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Rendered as a 1-5 segmented row (templates/sessions_log/_scale.html).
    confidence_before = forms.TypedChoiceField(
        label=_("Their confidence before"),
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "scale-input"}),
        error_messages={"invalid_choice": _("Choose a number from 1 to 5, or “Not asked”.")},
    )
    confidence_after = forms.TypedChoiceField(
        label=_("Their confidence after"),
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "scale-input"}),
        error_messages={"invalid_choice": _("Choose a number from 1 to 5, or “Not asked”.")},
    )
    goal_met = forms.TypedChoiceField(
        label=_("Did they do what they came for?"),
        choices=[("", _("Not asked")), ("yes", _("Yes")), ("no", _("Not yet"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    barriers = forms.MultipleChoiceField(
        label=_("Barriers they met"),
        choices=Barrier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    device_support = forms.ChoiceField(
        label=_("Device"), choices=DeviceSupport.choices, required=False, widget=forms.RadioSelect
    )
    data_support = forms.ChoiceField(
        label=_("Data"), choices=DataSupport.choices, required=False, widget=forms.RadioSelect
    )
    signposting = forms.MultipleChoiceField(
        label=_("Signposted to"),
        choices=Signposting.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    follow_up_needed = forms.BooleanField(label=_("Follow-up needed"), required=False)
    follow_up_on = forms.DateField(
        label=_("Follow up on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    cancel_reason = forms.ChoiceField(
        label=_("Why was it cancelled?"),
        choices=[("", _("Choose a reason"))] + CancelReason.choices,
        required=False,
    )
    cancel_note = forms.CharField(
        label=_("Anything to add (optional)"), max_length=200, required=False
    )
    notes = forms.CharField(
        label=_("Private notes (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Seen only by you and your project managers. Do not write anything the learner "
            "would not want recorded."
        ),
    )

    def __init__(self, *args, learner_queryset, offer_planned=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learners"].queryset = learner_queryset
        if not offer_planned:
            # Planning has its own form: the page offers only what can have happened. A posted
            # "planned" is still valid (older drafts and scripted posts), as the service allows.
            self.fields["status"].widget.choices = [
                choice for choice in SessionStatus.choices if choice[0] != SessionStatus.PLANNED
            ]
        self.fields["device_support"].choices = [("", _("None"))] + DeviceSupport.choices[1:]
        self.fields["data_support"].choices = [("", _("None"))] + DataSupport.choices[1:]
        self.fields["date"].error_messages["required"] = _("Enter the date of the session.")
        self.fields["date"].error_messages["invalid"] = _("Enter a real date, like 25/11/2026.")
        # Only the chosen learners are rendered; the search adds others.
        chosen = self._chosen_learner_ids()
        self.fields["learners"].widget.choices = (
            [
                (learner.public_id, f"{learner.display_name} ({learner.reference})")
                for learner in learner_queryset.filter(public_id__in=chosen)
            ]
            if chosen
            else []
        )

    def _chosen_learner_ids(self) -> list[str]:
        if self.is_bound:
            values = (
                self.data.getlist(self.add_prefix("learners"))
                if hasattr(self.data, "getlist")
                else self.data.get("learners", [])
            )
        else:
            values = [getattr(v, "public_id", v) for v in self.initial.get("learners", [])]
        valid = []
        for value in values:
            try:
                valid.append(str(forms.UUIDField().clean(value)))
            except forms.ValidationError:
                continue
        return valid

    def clean_new_learner_names(self):
        raw = self.cleaned_data.get("new_learner_names", "")
        return [name.strip() for name in raw.split(",") if name.strip()]

    def clean_anonymous_count(self):
        return self.cleaned_data.get("anonymous_count") or 0

    def clean(self):
        """A group or drop-in's total becomes the people without a record: total minus named.
        This is arithmetic on what was typed, not a rule of sessions: the rules are the
        service's (services.session_problems), which the view asks even when a field here is
        wrong, so every message comes at once."""
        cleaned = super().clean()
        total = cleaned.get("people_total")
        if (
            cleaned.get("format") in (SessionFormat.GROUP, SessionFormat.DROP_IN)
            and total is not None
            and "learners" not in self.errors
        ):
            named = len(cleaned.get("learners") or []) + len(cleaned.get("new_learner_names") or [])
            if total < named:
                self.add_error(
                    "people_total",
                    ngettext(
                        "You named %(named)d person but entered %(total)d in total. Enter "
                        "everyone who was there, named or not.",
                        "You named %(named)d people but entered %(total)d in total. Enter "
                        "everyone who was there, named or not.",
                        named,
                    )
                    % {"named": named, "total": total},
                )
            else:
                cleaned["anonymous_count"] = total - named
        elif (
            cleaned.get("format") == SessionFormat.GROUP
            and cleaned.get("status") == SessionStatus.COMPLETED
            and total is None
            and "people_total" not in self.errors
            and not cleaned.get("learners")
            and not cleaned.get("new_learner_names")
            and not cleaned.get("anonymous_count")
        ):
            # The service would say "add the learners, or the number without a record"; this
            # form asks for a total, so the message says so, beside it.
            self.add_error(
                "people_total",
                _("Enter how many people were there, or name the learners who came."),
            )
        return cleaned

    def setting_summary(self) -> str:
        """How and where, in words, as chosen or carried over: "in person at Central library"
        (it follows "Same as last time:")."""
        label = dict(Mode.choices).get(self["mode"].value())
        if not label:
            return ""
        label = label[:1].lower() + label[1:]
        venue = (self["venue"].value() or "").strip()
        if venue:
            return _("%(mode)s at %(venue)s") % {"mode": label, "venue": venue}
        return str(label)


def _like(name: str, **changes) -> forms.Field:
    """One of the session form's fields, with another label or widget: the plan form asks the
    same things in the future tense, and validates them the same way."""
    field = copy.deepcopy(SessionForm.base_fields[name])
    field.error_messages = {**field.error_messages, **changes.pop("error_messages", {})}
    for attr, value in changes.items():
        setattr(field, attr, value)
    return field


class PlanForm(forms.Form):
    """A session still to come: when, how long, for whom, how and where, what it will cover.
    No confidence, outcome or people-helped questions: those are asked when it is completed."""

    date = _like("date", label=_("When will it be?"))
    start_time = _like("start_time")
    duration_minutes = _like(
        "duration_minutes",
        label=_("How long will it be (minutes)"),
        error_messages={"required": _("Enter how long the session will be, in minutes.")},
    )
    format = _like("format", label=_("Who is it for?"))
    mode = _like(
        "mode",
        label=_("How will it happen?"),
        error_messages={"required": _("Choose how the session will take place.")},
    )
    venue = _like("venue")
    topics = _like("topics", label=_("What will it cover? (optional)"))
    notes = _like("notes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["required"] = _("Enter the date of the session.")
        self.fields["date"].error_messages["invalid"] = _("Enter a real date, like 25/11/2026.")


class TallyForm(forms.Form):
    """Drop-in help recorded in a few taps: how many people, which topics."""

    count = forms.IntegerField(
        label=_("How many people did you help?"),
        min_value=1,
        max_value=500,
        error_messages={
            "required": _("Enter how many people you helped."),
            "min_value": _("Enter at least 1 person."),
            "max_value": _("Enter 500 people or fewer."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    topics = forms.MultipleChoiceField(
        label=_("What with?"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    duration_minutes = forms.IntegerField(
        label=_("How long was the drop-in (minutes)"),
        min_value=1,
        max_value=480,
        initial=120,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    venue = forms.CharField(label=_("Where (optional)"), max_length=120, required=False)


class CancelForm(forms.Form):
    cancel_reason = forms.ChoiceField(
        label=_("Why was it cancelled?"),
        choices=[("", _("Choose a reason"))] + CancelReason.choices,
        error_messages={"required": _("Choose why the session was cancelled.")},
    )
    cancel_note = forms.CharField(
        label=_("Anything to add (optional)"), max_length=200, required=False
    )


class SessionFilterForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any"))] + SessionStatus.choices, required=False
    )
    skill_area = forms.ChoiceField(
        label=_("Skill area"), choices=[("", _("Any"))] + SkillArea.choices, required=False
    )
    champion = PersonChoiceField(
        label=_("Champion"),
        queryset=None,
        required=False,
        empty_label=_("Anyone"),
        to_field_name="public_id",
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=None,
        required=False,
        empty_label=_("Any team"),
        to_field_name="public_id",
        widget=LongSelect,
    )
    deleted = forms.BooleanField(label=_("Show deleted sessions"), required=False)

    def __init__(self, *args, organisation, show_people: bool, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import User

        if show_people:
            self.fields["champion"].queryset = User.objects.filter(
                memberships__organisation=organisation
            ).order_by("name")
            self.fields["team"].queryset = Team.objects.for_organisation(organisation)
        else:
            for name in ("champion", "team", "deleted"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("date_from")
            and cleaned.get("date_to")
            and cleaned["date_from"] > cleaned["date_to"]
        ):
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return cleaned


SCORE_CHOICES = [("", "—")] + [(str(i), str(i)) for i in range(1, 6)]
SCORE_MESSAGE = _("Choose a number from 1 to 5, or leave it blank.")


class AttendanceScoresForm(forms.Form):
    """Each learner's own confidence before and after a group session, and whether they met
    their goal: three fields per attendance. Only the choices offered are accepted, so '²' (a
    digit to str.isdigit(), not to int()) or '７' is a message beside the field, not a 500."""

    def __init__(self, *args, attendances, **kwargs):
        super().__init__(*args, **kwargs)
        self.attendances = list(attendances)
        for a in self.attendances:
            name = a.learner.display_name
            for key, label, current in (
                # Translators: the label of one learner's score in a group session's table.
                ("before", _("Confidence before, %(name)s"), a.confidence_before),
                ("after", _("Confidence after, %(name)s"), a.confidence_after),
            ):
                self.fields[f"{key}_{a.pk}"] = forms.TypedChoiceField(
                    label=label % {"name": name},
                    choices=SCORE_CHOICES,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=current,
                    error_messages={"invalid_choice": SCORE_MESSAGE},
                )
            self.fields[f"goal_{a.pk}"] = forms.TypedChoiceField(
                label=_("Goal met, %(name)s") % {"name": name},
                choices=[("", "—"), ("yes", _("Yes")), ("no", _("Not yet"))],
                coerce=lambda v: v == "yes",
                empty_value=None,
                required=False,
                initial={True: "yes", False: "no"}.get(a.goal_met, ""),
                error_messages={"invalid_choice": _("Choose Yes, Not yet, or leave it blank.")},
            )

    def rows(self) -> list[tuple]:
        """(attendance, [before, after, goal]) with the bound fields, for the table."""
        return [
            (a, [self[f"{key}_{a.pk}"] for key in ("before", "after", "goal")])
            for a in self.attendances
        ]

    def scores(self) -> dict:
        """What attendance_scores_update takes: attendance id -> (before, after, goal_met)."""
        data = self.cleaned_data
        return {
            a.pk: (data[f"before_{a.pk}"], data[f"after_{a.pk}"], data[f"goal_{a.pk}"])
            for a in self.attendances
        }
