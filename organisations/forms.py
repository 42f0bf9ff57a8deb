from django import forms
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy

from core.vocabulary import ChampionKind, Role

from .models import RECORDS_FLOOR, Membership, Organisation, Team


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "sector", "region", "local_authority"]
        labels = {"name": gettext_lazy("Name"), "sector": gettext_lazy("Sector")}
        error_messages = {
            "name": {"required": gettext_lazy("Enter the organisation’s name.")},
            "sector": {
                "required": gettext_lazy("Choose the sector the organisation works in."),
                "invalid_choice": gettext_lazy("Choose one of the sectors listed."),
            },
            "region": {
                "required": gettext_lazy("Choose the UK nation or region it works in."),
                "invalid_choice": gettext_lazy("Choose one of the nations or regions listed."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Say what to choose, rather than Django's "---------".
        for name, prompt in (
            ("sector", gettext_lazy("Choose a sector")),
            ("region", gettext_lazy("Choose a nation or region")),
        ):
            self.fields[name].choices = [("", prompt), *self.fields[name].choices[1:]]


class NewOrganisationForm(OrganisationForm):
    first_pm_email = forms.EmailField(
        label=gettext_lazy("Email of its first project manager"),
        required=False,
        help_text=gettext_lazy("We will email them an invitation. You can also invite them later."),
    )


class OrganisationSettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "local_authority",
            "reminder_after_days",
            "retention_months",
            "records_start",
            "default_language",
        ]
        labels = {
            "default_language": gettext_lazy("Language for new members and learners’ pages"),
            "name": gettext_lazy("Name"),
            "reminder_after_days": gettext_lazy(
                "Remind champions after this many days without a session"
            ),
            "retention_months": gettext_lazy(
                "Keep learner records for this many months after their last session"
            ),
            "records_start": gettext_lazy("Your programme’s records start on"),
        }
        help_texts = {
            "default_language": gettext_lazy(
                "New members read the portal in it until they choose their own; the feedback "
                "form and privacy notice open in it unless the link asks for another."
            ),
            "records_start": gettext_lazy(
                "Sessions, follow-ups, self-assessments and imported rows dated "
                "before this are refused, so a slip of the year is caught as it is typed. "
                "The earliest is 1 January 2015."
            ),
        }
        widgets = {
            "records_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "default_language": forms.RadioSelect,
        }
        error_messages = {
            "records_start": {
                "required": gettext_lazy("Enter the date your programme’s records start."),
                "invalid": gettext_lazy("Enter a real date, like 01/04/2020."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One of the two is always ticked on the page; a post without it keeps the language.
        self.fields["default_language"].required = False
        self.fields["default_language"].error_messages["invalid_choice"] = gettext_lazy(
            "Choose English or Cymraeg."
        )

    def clean_default_language(self):
        return self.cleaned_data.get("default_language") or self.instance.default_language

    def clean_reminder_after_days(self):
        days = self.cleaned_data["reminder_after_days"]
        if not 3 <= days <= 90:
            raise forms.ValidationError(gettext("Choose a number of days between 3 and 90."))
        return days

    def clean_retention_months(self):
        months = self.cleaned_data["retention_months"]
        if not 6 <= months <= 120:
            raise forms.ValidationError(gettext("Choose a number of months between 6 and 120."))
        return months

    def clean_records_start(self):
        start = self.cleaned_data["records_start"]
        if start < RECORDS_FLOOR:
            raise forms.ValidationError(
                gettext("Choose %(date)s or later: the portal keeps no records from before then.")
                % {"date": date_format(RECORDS_FLOOR, "j F Y")}
            )
        if start > timezone.localdate():
            raise forms.ValidationError(
                gettext(
                    "Choose today or an earlier date: a start in the future would refuse every "
                    "session logged today."
                )
            )
        return start


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        error_messages={
            "required": gettext_lazy("Enter the email address of the person you are inviting."),
            "invalid": gettext_lazy(
                "Enter an email address in the right format, like name@example.org."
            ),
        },
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=Role.choices,
        initial=Role.CHAMPION,
        widget=forms.RadioSelect,
    )
    champion_kind = forms.ChoiceField(
        label=gettext_lazy("Champion type"),
        choices=ChampionKind.choices,
        initial=ChampionKind.VOLUNTEER,
        required=False,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Only used for champions."),
    )
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=gettext_lazy("No team"),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.for_organisation(organisation)


class ProjectManagerInvitationForm(forms.Form):
    """What a network admin asks when inviting an organisation's project manager: only where to
    send the invitation. Role, champion type and team are the organisation's own business."""

    email = InvitationForm.base_fields["email"]


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "champion_kind", "team", "is_active"]
        labels = {
            "role": gettext_lazy("Role"),
            "champion_kind": gettext_lazy("Champion kind"),
            "team": gettext_lazy("Team"),
            "is_active": gettext_lazy("Active member (untick to remove their access)"),
        }
        widgets = {"role": forms.RadioSelect, "champion_kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.for_organisation(self.instance.organisation)
        self.fields["team"].empty_label = gettext("No team")
        self.fields["champion_kind"].required = False
        self.fields["champion_kind"].choices = ChampionKind.choices


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name"]
        labels = {"name": gettext_lazy("Team name")}


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=150,
        help_text=gettext_lazy("As colleagues know you."),
    )
    password = forms.CharField(
        label=gettext_lazy("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        # Lazy, so the rules read in the language of the request rather than of start-up.
        help_text=lazy(password_validators_help_text_html, SafeString)(),
    )
    password_again = forms.CharField(
        label=gettext_lazy("Type the password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        """Every problem at once: the password's own rules (against the name and address the
        account will have), and whether the two copies match."""
        from accounts.models import User

        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            person = User(email=self.email, name=cleaned.get("name") or "")
            try:
                validate_password(password, person)
            except ValidationError as problems:
                self.add_error("password", problems)
        if password and password != cleaned.get("password_again"):
            self.add_error(
                "password_again", gettext("The two passwords are different. Type them again.")
            )
        return cleaned


class SwitchOrganisationForm(forms.Form):
    organisation = forms.UUIDField()


class _MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.user.display_name
        if obj.team_id:
            return gettext("%(name)s (now in %(team)s)") % {"name": name, "team": obj.team.name}
        return name


class TeamMemberAddForm(forms.Form):
    """Add a member of the organisation to a team (moving them from their team, if any)."""

    membership = _MemberChoiceField(
        label=gettext_lazy("Member"),
        queryset=Membership.objects.none(),
        to_field_name="public_id",
        empty_label=gettext_lazy("Choose a member"),
        error_messages={
            "required": gettext_lazy("Choose the member to add to this team."),
            "invalid_choice": gettext_lazy(
                "Choose one of the members in the list: that one is not a member of your "
                "organisation, or is in this team already."
            ),
        },
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            Membership.objects.for_organisation(team.organisation_id)
            .active()
            .exclude(team=team)
            .select_related("user", "team")
            .order_by("user__name", "user__email")
        )


class TeamMoveForm(forms.Form):
    """Move one member of a team to another team of the organisation."""

    team = forms.ModelChoiceField(
        label=gettext_lazy("Move to"),
        queryset=Team.objects.none(),
        to_field_name="public_id",
        empty_label=gettext_lazy("Choose a team"),
        error_messages={
            "required": gettext_lazy("Choose the team to move them to."),
            "invalid_choice": gettext_lazy("Choose one of your organisation’s other teams."),
        },
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.for_organisation(team.organisation_id).exclude(
            pk=team.pk
        )
