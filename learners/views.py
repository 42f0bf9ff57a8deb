from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.audit import Action, audit_record
from core.paging import keyset_page
from core.vocabulary import SkillArea
from organisations.tenancy import member_required

from . import selectors, services
from .forms import AssessmentForm, LearnerForm
from .models import Consent

PAGE_SIZE = 25


def _visible(request):
    return selectors.learners_visible_to(membership=request.membership)


@member_required
@require_GET
def learner_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:80]
    learners = _visible(request)
    if query:
        learners = learners.filter(Q(display_name__icontains=query) | Q(reference__iexact=query))
    page = keyset_page(
        learners,
        order=selectors.LEARNER_LIST_ORDER,
        params=request.GET,
        list_name="learners",
        per_page=PAGE_SIZE,
    )
    template = "learners/_results.html" if request.htmx else "learners/learner_list.html"
    return render(request, template, {"page_obj": page, "query": query})


@member_required
@require_http_methods(["GET", "POST"])
def learner_create(request: HttpRequest) -> HttpResponse:
    form = LearnerForm(request.POST if request.method == "POST" else None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = selectors.possible_duplicates(
            organisation=request.organisation,
            display_name=data["display_name"],
            postcode_district=data["postcode_district"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
        )
        if not duplicates or request.POST.get("confirm_new"):
            try:
                learner = services.learner_create(
                    organisation=request.organisation,
                    created_by=request.user,
                    data=data,
                    request=request,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("Added %(name)s (%(reference)s).")
                    % {"name": learner.display_name, "reference": learner.reference},
                )
                return redirect("learners:detail", public_id=learner.public_id)
    return render(
        request,
        "learners/learner_form.html",
        {"form": form, "duplicates": duplicates, "learner": None},
    )


@member_required
@require_GET
def learner_detail(request: HttpRequest, public_id) -> HttpResponse:
    learner = get_object_or_404(_visible(request), public_id=public_id)
    audit_record(
        action=Action.VIEW, organisation=request.organisation, target=learner, request=request
    )
    attendances = (
        learner.attendances.filter(session__deleted_at__isnull=True)
        .select_related("session", "session__champion")
        .order_by("-date")[:50]
    )
    assessments = list(learner.assessments.order_by("assessed_on", "created_at"))
    return render(
        request,
        "learners/learner_detail.html",
        {
            "learner": learner,
            "attendances": attendances,
            "consents": learner.consents.select_related("recorded_by"),
            # Devices lent to them (devices.Loan points here; this app imports nothing of it).
            "loans": learner.loans.select_related("device").order_by("-issued_on", "-pk")[:20],
            "assessments": assessments,
            "first": assessments[0] if len(assessments) > 1 else None,
            "latest": assessments[-1] if len(assessments) > 1 else None,
            # The score fields are the skill areas, named as everywhere else.
            "score_fields": [
                (f, SkillArea(f).label) for f in learner.assessments.model.SCORE_FIELDS
            ],
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def learner_edit(request: HttpRequest, public_id) -> HttpResponse:
    learner = get_object_or_404(_visible(request), public_id=public_id)
    active = {c.kind for c in learner.consents.all() if c.is_active}
    initial = {
        "contact_consent": Consent.Kind.CONTACT in active,
        "special_category_consent": Consent.Kind.SPECIAL_CATEGORY in active,
        "media_consent": Consent.Kind.MEDIA in active,
    }
    form = LearnerForm(
        request.POST if request.method == "POST" else None, instance=learner, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.learner_update(
                learner=learner, data=form.cleaned_data, updated_by=request.user, request=request
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("learners:detail", public_id=learner.public_id)
    return render(
        request, "learners/learner_form.html", {"form": form, "duplicates": [], "learner": learner}
    )


@member_required
@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest, public_id) -> HttpResponse:
    learner = get_object_or_404(_visible(request), public_id=public_id)
    form = AssessmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(
                learner=learner, data=form.cleaned_data, recorded_by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Self-assessment saved."))
            return redirect("learners:detail", public_id=learner.public_id)
    return render(request, "learners/assessment_form.html", {"form": form, "learner": learner})


@member_required
@require_POST
def consent_withdraw(request: HttpRequest, public_id, kind: str) -> HttpResponse:
    learner = get_object_or_404(_visible(request), public_id=public_id)
    if kind not in Consent.Kind.values:
        return redirect("learners:detail", public_id=learner.public_id)
    services.consent_withdraw(learner=learner, kind=kind, by=request.user)
    messages.success(request, _("Consent withdrawn. The information it allowed has been removed."))
    return redirect("learners:detail", public_id=learner.public_id)
