from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.language import supported_language
from accounts.models import User
from core.selectors import champion_last_sessions
from core.vocabulary import Role

from . import selectors, services
from .forms import (
    AcceptInvitationForm,
    InvitationForm,
    MembershipForm,
    NewOrganisationForm,
    OrganisationSettingsForm,
    ProjectManagerInvitationForm,
    SwitchOrganisationForm,
    TeamForm,
    TeamMemberAddForm,
    TeamMoveForm,
)
from .models import INVITATION_VALID_FOR, Invitation, Membership, Team
from .tenancy import (
    SESSION_KEY,
    member_required,
    network_admin_required,
    pm_required,
    require_network_admin,
    require_pm,
    visible_organisations,
)


@require_POST
def organisation_switch(request: HttpRequest) -> HttpResponse:
    form = SwitchOrganisationForm(request.POST)
    if request.user.is_authenticated and form.is_valid():
        membership = get_object_or_404(
            Membership.objects.filter(user=request.user, is_active=True),
            organisation__public_id=form.cleaned_data["organisation"],
        )
        request.session[SESSION_KEY] = str(membership.organisation.public_id)
        messages.success(
            request,
            gettext("You are now working in %(organisation)s.")
            % {"organisation": membership.organisation.name},
        )
        return redirect("home")
    return redirect("account_login") if not request.user.is_authenticated else redirect("home")


# --- Members and invitations (project managers) -------------------------------------------------


@pm_required
@require_http_methods(["GET"])
def member_list(request: HttpRequest) -> HttpResponse:
    last_sessions = champion_last_sessions(
        organisation=request.organisation, today=timezone.localdate()
    )
    members = list(selectors.organisation_members(organisation=request.organisation))
    for member in members:
        # Active champions only (a PM or a person without access has no "last session").
        member.has_last_session = member.pk in last_sessions
        member.last_session_on = last_sessions.get(member.pk)
    return render(
        request,
        "organisations/member_list.html",
        {
            "members": members,
            "invitations": selectors.organisation_pending_invitations(
                organisation=request.organisation
            ),
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, public_id) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.for_organisation(request.organisation).select_related("user"),
        public_id=public_id,
    )
    require_pm(request)
    form = MembershipForm(request.POST if request.method == "POST" else None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(membership=membership, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, gettext("Saved the changes to %(name)s.") % {"name": membership.user}
            )
            return redirect("organisations:member_list")
    return render(request, "organisations/member_edit.html", {"form": form, "member": membership})


@pm_required
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(
        request.POST if request.method == "POST" else None, organisation=request.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=request.organisation, invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, gettext("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            if "another" in request.POST:
                return redirect("organisations:invitation_create")
            return redirect("organisations:member_list")
    return render(
        request,
        "organisations/invitation_form.html",
        {"form": form, "valid_days": INVITATION_VALID_FOR.days},
    )


def _organisation_invitation(request, public_id) -> Invitation:
    """For project managers; looked up before the role check (see organisations.tenancy)."""
    invitation = get_object_or_404(
        Invitation.objects.for_organisation(request.organisation), public_id=public_id
    )
    require_pm(request)
    return invitation


@member_required
@require_POST
def invitation_resend(request: HttpRequest, public_id) -> HttpResponse:
    invitation = _organisation_invitation(request, public_id)
    try:
        services.invitation_resend(invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, gettext("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("organisations:member_list")


@member_required
@require_POST
def invitation_cancel(request: HttpRequest, public_id) -> HttpResponse:
    invitation = _organisation_invitation(request, public_id)
    try:
        services.invitation_cancel(invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, gettext("Invitation for %(email)s cancelled.") % {"email": invitation.email}
        )
    return redirect("organisations:member_list")


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation email. Works for a new person (who sets a password here), for
    someone who already has an account (who signs in first), and for a signed-in user."""
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    if invitation is None:
        return render(
            request,
            "organisations/invitation_problem.html",
            {
                "problem": gettext(
                    "This invitation link is not valid. Check you copied the whole link, or "
                    "ask your project manager to send a new one."
                )
            },
            status=404,
        )
    try:
        services.invitation_check_usable(invitation)
    except ValidationError as exc:
        return render(
            request,
            "organisations/invitation_problem.html",
            {"problem": " ".join(exc.messages), "invitation": invitation},
            status=410,
        )

    existing_user = User.objects.filter(email__iexact=invitation.email).first()
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                membership = services.invitation_accept(invitation=invitation, user=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("home")
            request.session[SESSION_KEY] = str(membership.organisation.public_id)
            messages.success(
                request,
                gettext("Welcome to %(organisation)s.")
                % {"organisation": membership.organisation.name},
            )
            return redirect("home")
        return render(request, "organisations/invitation_confirm.html", {"invitation": invitation})
    if existing_user is not None:
        return render(request, "organisations/invitation_sign_in.html", {"invitation": invitation})

    form = AcceptInvitationForm(
        request.POST if request.method == "POST" else None, email=invitation.email
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create_from_invitation(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password"],
                # Chosen on the switcher before joining, it wins over the organisation's default.
                language=supported_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)),
            )
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            request.session[SESSION_KEY] = str(invitation.organisation.public_id)
            messages.success(
                request,
                gettext("Welcome to the Digital Champions Portal and to %(organisation)s.")
                % {"organisation": invitation.organisation},
            )
            return redirect("home")
    return render(
        request, "organisations/invitation_accept.html", {"form": form, "invitation": invitation}
    )


# --- Teams and settings (project managers) ------------------------------------------------------


@pm_required
@require_http_methods(["GET", "POST"])
def team_list(request: HttpRequest) -> HttpResponse:
    form = TeamForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(
                organisation=request.organisation, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, gettext("Team “%(name)s” added.") % {"name": team.name})
            return redirect("organisations:team_list")
    teams = selectors.organisation_teams(organisation=request.organisation)
    return render(request, "organisations/team_list.html", {"form": form, "teams": teams})


def _organisation_team(request, public_id) -> Team:
    """A team of the current organisation, for project managers; looked up before the role
    check (see organisations.tenancy)."""
    team = get_object_or_404(
        Team.objects.for_organisation(request.organisation), public_id=public_id
    )
    require_pm(request)
    return team


def _team_member(request, team: Team, member_id) -> Membership:
    """A member of that team: anyone else (in another team or organisation) is a 404."""
    return get_object_or_404(
        Membership.objects.for_organisation(request.organisation).select_related("user"),
        public_id=member_id,
        team=team,
    )


def _team_page(request, team: Team, *, form=None, add_form=None, status=200) -> HttpResponse:
    """The team's page: its name, its members (each to move or remove) and a member to add."""
    return render(
        request,
        "organisations/team_edit.html",
        {
            "team": team,
            "form": form or TeamForm(instance=team),
            "add_form": add_form or TeamMemberAddForm(team=team),
            "members": selectors.team_members(team=team),
            "other_teams": list(
                Team.objects.for_organisation(request.organisation).exclude(pk=team.pk)
            ),
        },
        status=status,
    )


@member_required
@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, public_id) -> HttpResponse:
    team = _organisation_team(request, public_id)
    form = TeamForm(request.POST if request.method == "POST" else None, instance=team)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_rename(team=team, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, gettext("Team renamed."))
            return redirect("organisations:team_edit", public_id=team.public_id)
    return _team_page(request, team, form=form)


@member_required
@require_POST
def team_member_add(request: HttpRequest, public_id) -> HttpResponse:
    team = _organisation_team(request, public_id)
    add_form = TeamMemberAddForm(request.POST, team=team)
    if not add_form.is_valid():
        return _team_page(request, team, add_form=add_form)
    membership = add_form.cleaned_data["membership"]
    services.membership_move(membership=membership, team=team, by=request.user)
    messages.success(
        request,
        gettext("%(name)s is now in %(team)s.")
        % {"name": membership.user.display_name, "team": team.name},
    )
    return redirect("organisations:team_edit", public_id=team.public_id)


@member_required
@require_POST
def team_member_move(request: HttpRequest, public_id, member_id) -> HttpResponse:
    team = get_object_or_404(
        Team.objects.for_organisation(request.organisation), public_id=public_id
    )
    membership = _team_member(request, team, member_id)
    require_pm(request)
    form = TeamMoveForm(request.POST, team=team)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["team"]))
        return redirect("organisations:team_edit", public_id=team.public_id)
    services.membership_move(membership=membership, team=form.cleaned_data["team"], by=request.user)
    messages.success(
        request,
        gettext("%(name)s moved to %(team)s.")
        % {"name": membership.user.display_name, "team": form.cleaned_data["team"].name},
    )
    return redirect("organisations:team_edit", public_id=team.public_id)


@member_required
@require_POST
def team_member_remove(request: HttpRequest, public_id, member_id) -> HttpResponse:
    team = get_object_or_404(
        Team.objects.for_organisation(request.organisation), public_id=public_id
    )
    membership = _team_member(request, team, member_id)
    require_pm(request)
    services.membership_move(membership=membership, team=None, by=request.user)
    messages.success(
        request,
        gettext("%(name)s is no longer in %(team)s. They stay in your organisation.")
        % {"name": membership.user.display_name, "team": team.name},
    )
    return redirect("organisations:team_edit", public_id=team.public_id)


@member_required
@require_POST
def team_delete(request: HttpRequest, public_id) -> HttpResponse:
    team = get_object_or_404(
        Team.objects.for_organisation(request.organisation), public_id=public_id
    )
    require_pm(request)
    services.team_delete(team=team)
    messages.success(
        request,
        gettext("Team “%(name)s” removed. Its members are now in no team.") % {"name": team.name},
    )
    return redirect("organisations:team_list")


@pm_required
@require_http_methods(["GET", "POST"])
def organisation_settings(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    form = OrganisationSettingsForm(
        request.POST if request.method == "POST" else None, instance=organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(organisation=organisation, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, gettext("Settings saved."))
            return redirect("organisations:settings")
    return render(request, "organisations/settings.html", {"form": form})


# --- The network (network admins) --------------------------------------------------------------


@network_admin_required
@require_http_methods(["GET"])
def network_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    organisations = selectors.network_organisations(search=search)
    return render(
        request,
        "organisations/network_list.html",
        {"organisations": organisations, "search": search},
    )


@network_admin_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    form = NewOrganisationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        first_pm_email = data.pop("first_pm_email")
        try:
            with transaction.atomic():
                organisation = services.organisation_create(**data)
                if first_pm_email:
                    services.invitation_create(
                        organisation=organisation,
                        invited_by=request.user,
                        email=first_pm_email,
                        role=Role.PROJECT_MANAGER,
                    )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                gettext("%(name)s has joined the network.") % {"name": organisation.name},
            )
            return redirect("organisations:network_detail", public_id=organisation.public_id)
    return render(request, "organisations/network_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def network_detail(request: HttpRequest, public_id) -> HttpResponse:
    # Looked up before the role check: an organisation one is not a member of is a 404.
    organisation = get_object_or_404(visible_organisations(request), public_id=public_id)
    require_network_admin(request)
    form = ProjectManagerInvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=organisation,
                invited_by=request.user,
                email=form.cleaned_data["email"],
                role=Role.PROJECT_MANAGER,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, gettext("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("organisations:network_detail", public_id=organisation.public_id)
    return render(
        request,
        "organisations/network_detail.html",
        {
            "organisation": organisation,
            "form": form,
            "pms": selectors.organisation_members(organisation=organisation).filter(
                role=Role.PROJECT_MANAGER
            ),
            "invitations": selectors.organisation_pending_invitations(organisation=organisation),
        },
    )
