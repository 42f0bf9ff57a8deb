"""Follow-up checks: a champion records one in a few taps, sees whose are due, a PM sets the
interval, and a learner may answer through the organisation's feedback link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from feedback.models import FeedbackLink

# One budget of answers per address and per link for both of the learner's forms.
from feedback.views import _paused, _too_many
from learners.selectors import learners_visible_to
from organisations.tenancy import member_required, pm_required

from . import selectors, services
from .forms import LearnerOutcomeForm, OutcomeCheckForm, OutcomeSettingsForm


@member_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, public_id) -> HttpResponse:
    learner = get_object_or_404(
        learners_visible_to(membership=request.membership), public_id=public_id
    )
    # Back to the list of due checks when the champion came from it (one fixed value, no URL).
    from_due_list = (request.POST if request.method == "POST" else request.GET).get("from") == "due"
    existing = selectors.checks_of(learner).first()
    initial = (
        {
            "can_do_alone": existing.can_do_alone,
            "services_used": existing.services_used,
            "what_followed": existing.what_followed,
        }
        if existing
        else None
    )
    form = OutcomeCheckForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_check_record(
                learner=learner, recorded_by=request.user, data=form.cleaned_data, request=request
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Follow-up saved for %(name)s.") % {"name": learner.display_name},
            )
            if from_due_list:
                return redirect("outcomes:due")
            return redirect("learners:detail", public_id=learner.public_id)
    return render(
        request,
        "outcomes/check_form.html",
        {"form": form, "learner": learner, "existing": existing, "from_due_list": from_due_list},
    )


@member_required
@require_GET
def due(request: HttpRequest) -> HttpResponse:
    found = selectors.checks_due_for(
        membership=request.membership, today=timezone.localdate(), limit=100
    )
    return render(request, "outcomes/due.html", found)


@pm_required
@require_http_methods(["GET", "POST"])
def settings(request: HttpRequest) -> HttpResponse:
    weeks = selectors.check_after_weeks(request.organisation)
    form = OutcomeSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"check_after_weeks": weeks},
    )
    if request.method == "POST" and form.is_valid():
        services.outcome_settings_update(
            organisation=request.organisation, weeks=form.cleaned_data["check_after_weeks"]
        )
        messages.success(request, _("Saved: follow-ups are now due after that many weeks."))
        return redirect("outcomes:settings")
    return render(request, "outcomes/settings.html", {"form": form, "weeks": weeks})


@require_http_methods(["GET", "POST"])
def from_learner(request: HttpRequest, token: str) -> HttpResponse:
    """The learner's own follow-up, anonymous like the feedback form it sits beside."""
    link = get_object_or_404(FeedbackLink.objects.select_related("organisation"), token=token)
    if link.is_paused:
        return _paused(request, link)
    form = LearnerOutcomeForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "link": link, "public_page": True}
    if request.method == "POST":
        too_many = _too_many(request, link)
        if too_many:
            return render(
                request, "outcomes/from_learner.html", {**context, "too_many": too_many}, status=429
            )
        if form.is_valid():
            if not form.cleaned_data.get("website"):  # a robot fills in the hidden field
                services.outcome_check_from_learner(
                    organisation=link.organisation, data=form.cleaned_data
                )
            return redirect("feedback:thanks", token=token)
    return render(request, "outcomes/from_learner.html", context)
