from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.paging import keyset_page, without_cursor
from core.vocabulary import SessionFormat, SessionStatus
from devices import session_loans
from organisations.tenancy import member_required, pm_required, require_pm

from . import selectors, services
from .forms import (
    DURATION_CHOICES,
    AttendanceScoresForm,
    CancelForm,
    PlanForm,
    SessionFilterForm,
    SessionForm,
    TallyForm,
)

PAGE_SIZE = 25


def _session_form(request, *, data=None, initial=None) -> SessionForm:
    return SessionForm(
        data,
        initial=initial,
        learner_queryset=selectors.learners_visible_to(membership=request.membership),
    )


# Where a service rule's message is shown, when the form asks it another way: the people
# without a record are worked out from the total a group's form asks for, or the tally's count.
SESSION_FORM_FIELDS = {"anonymous_count": "people_total"}
TALLY_FORM_FIELDS = {"anonymous_count": "count", "learners": "count"}


def add_problems(form, problems: dict, *, rename: dict | None = None) -> None:
    """The service's {field: message(s)} beside the form's own fields (the error summary at
    the top lists them all); a rule about a field the form does not ask goes at the top."""
    rename = rename or {}
    for field, messages_ in problems.items():
        name = rename.get(field, field)
        if name not in form.fields:
            name = None
        for message in messages_ if isinstance(messages_, list) else [messages_]:
            if name is None or message not in form.errors.get(name, []):
                form.add_error(name, message)


def _service_refused(form, exc: ValidationError, *, rename=None) -> None:
    if hasattr(exc, "error_dict"):
        add_problems(form, exc.message_dict, rename=rename)
    else:
        add_problems(form, {None: exc.messages})


def _all_problems(form, *, organisation, shape=None, before=None, rename=None) -> bool:
    """form.is_valid(), with every problem at once: when one of the form's fields is wrong the
    service is never called, so its rules (the date's, say) are asked here of what could be
    read, and their messages join the form's own."""
    if form.is_valid():
        return True
    rename = rename or {}
    wrong = set(form.errors)
    skip = wrong | {field for field, name in rename.items() if name in wrong}
    add_problems(
        form,
        services.session_problems(
            data=shape(form.cleaned_data) if shape else form.cleaned_data,
            organisation=organisation,
            before=before,
            skip=skip,
        ),
        rename=rename,
    )
    return False


def _form_page(
    request, form, *, session=None, server_draft=None, carried_over=False, loan_form=None
):
    return render(
        request,
        "sessions_log/session_form.html",
        {
            "form": form,
            "session": session,
            "completing": session is not None and session.status == SessionStatus.PLANNED,
            "duration_choices": DURATION_CHOICES,
            "server_draft": server_draft,
            # How and where came from the last session: shown as one line at the top.
            "carried_over": carried_over,
            # "Lent a device" from the stock (devices/session_loans.py), on a new session.
            "loan_form": loan_form,
        },
    )


def _plan_page(request, form, *, session=None):
    return render(
        request,
        "sessions_log/session_plan.html",
        {"form": form, "session": session, "duration_choices": DURATION_CHOICES},
    )


def _stored(session) -> dict:
    """What the service's date rule compares an edit with."""
    return {f: getattr(session, f) for f in ("date", "status", "follow_up_on")}


@member_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest) -> HttpResponse:
    """The champion's core workflow: one page, sensible defaults, the draft kept as they type."""
    if request.method == "POST":
        form = _session_form(request, data=request.POST)
        loan_form = session_loans.loan_form_for(request, data=request.POST)
        valid = _all_problems(form, organisation=request.organisation, rename=SESSION_FORM_FIELDS)
        if session_loans.loan_checked(loan_form, form) and valid:
            try:
                session = session_loans.session_log_lending(
                    loan_form=loan_form,
                    organisation=request.organisation,
                    champion=request.user,
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                _service_refused(form, exc, rename=SESSION_FORM_FIELDS)
            else:
                messages.success(
                    request,
                    _("Saved: %(format)s session on %(day)s.")
                    % {
                        "format": session.get_format_display().lower(),
                        "day": date_format(session.date, "j F"),
                    },
                )
                # ?saved=1 tells the page to drop this browser's copy of the draft.
                if "another" in request.POST:
                    return redirect(reverse("sessions_log:create") + "?saved=1")
                return redirect(
                    reverse("sessions_log:detail", args=[session.public_id]) + "?saved=1"
                )
        return _form_page(request, form, loan_form=loan_form)
    if request.GET.get("status") == SessionStatus.PLANNED:
        return redirect("sessions_log:plan")
    initial = services.champion_defaults(organisation=request.organisation, champion=request.user)
    carried_over = initial.pop("carried_over", False)
    if request.GET.get("format") in SessionFormat.values:
        initial["format"] = request.GET["format"]
    return _form_page(
        request,
        _session_form(request, initial=initial),
        server_draft=selectors.session_draft(membership=request.membership),
        carried_over=carried_over,
        loan_form=session_loans.loan_form_for(request),
    )


def _planned(cleaned: dict) -> dict:
    return {**cleaned, "status": SessionStatus.PLANNED}


@member_required
@require_http_methods(["GET", "POST"])
def session_plan(request: HttpRequest) -> HttpResponse:
    """A session still to come, in a short form of its own (no confidence or outcome)."""
    if request.method == "POST":
        form = PlanForm(request.POST)
        if _all_problems(form, organisation=request.organisation, shape=_planned):
            try:
                session = services.session_log(
                    organisation=request.organisation,
                    champion=request.user,
                    data=_planned(form.cleaned_data),
                )
            except ValidationError as exc:
                _service_refused(form, exc)
            else:
                messages.success(
                    request,
                    _("Planned: %(format)s session on %(day)s.")
                    % {
                        "format": session.get_format_display().lower(),
                        "day": date_format(session.date, "j F Y"),
                    },
                )
                return redirect("sessions_log:detail", public_id=session.public_id)
        return _plan_page(request, form)
    defaults = services.champion_defaults(organisation=request.organisation, champion=request.user)
    initial = {
        key: defaults[key]
        for key in ("date", "mode", "venue", "duration_minutes")
        if key in defaults
    }
    if request.GET.get("format") in SessionFormat.values:
        initial["format"] = request.GET["format"]
    return _plan_page(request, PlanForm(initial=initial))


def _session_initial(session, attendances) -> dict:
    first = attendances[0] if attendances else None
    initial = {f: getattr(session, f) for f in services.EDITABLE_FIELDS}
    initial["learners"] = [a.learner for a in attendances]
    if session.format != SessionFormat.ONE_TO_ONE:
        initial["people_total"] = session.people_count or None
    if session.format == SessionFormat.ONE_TO_ONE and first:
        initial.update(
            confidence_before=first.confidence_before,
            confidence_after=first.confidence_after,
            goal_met={True: "yes", False: "no"}.get(first.goal_met, ""),
        )
    return initial


def _full_form_edit(request, session, *, success_message, initial_changes=None):
    """The full form for a session, to change it or (when planned) to record how it went."""
    if request.method == "POST":
        form = _session_form(request, data=request.POST)
        valid = _all_problems(
            form,
            organisation=request.organisation,
            before=_stored(session),
            rename=SESSION_FORM_FIELDS,
        )
        if session_loans.edit_keeps_loans(session, form) and valid:
            try:
                services.session_update(
                    session=session, data=form.cleaned_data, changed_by=request.user
                )
            except ValidationError as exc:
                _service_refused(form, exc, rename=SESSION_FORM_FIELDS)
            else:
                messages.success(request, success_message)
                return redirect("sessions_log:detail", public_id=session.public_id)
        return _form_page(request, form, session=session)
    attendances = list(session.attendances.select_related("learner"))
    initial = _session_initial(session, attendances) | (initial_changes or {})
    return _form_page(request, _session_form(request, initial=initial), session=session)


@member_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, public_id) -> HttpResponse:
    session = get_object_or_404(
        selectors.sessions_visible_to(membership=request.membership), public_id=public_id
    )
    if session.status != SessionStatus.PLANNED:
        return _full_form_edit(request, session, success_message=_("Your changes are saved."))
    if request.GET.get("complete"):
        return redirect("sessions_log:complete", public_id=session.public_id)
    # A planned session is changed in the plan's own short form.
    if request.method == "POST":
        form = PlanForm(request.POST)
        if _all_problems(
            form, organisation=request.organisation, shape=_planned, before=_stored(session)
        ):
            try:
                services.session_update(
                    session=session, data=_planned(form.cleaned_data), changed_by=request.user
                )
            except ValidationError as exc:
                _service_refused(form, exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("sessions_log:detail", public_id=session.public_id)
        return _plan_page(request, form, session=session)
    initial = {name: getattr(session, name) for name in PlanForm.base_fields}
    return _plan_page(request, PlanForm(initial=initial), session=session)


@member_required
@require_http_methods(["GET", "POST"])
def session_complete(request: HttpRequest, public_id) -> HttpResponse:
    """Record how a planned session went: the full form, opened on "Completed"."""
    session = get_object_or_404(
        selectors.sessions_visible_to(membership=request.membership), public_id=public_id
    )
    if session.status != SessionStatus.PLANNED:
        return redirect("sessions_log:edit", public_id=session.public_id)
    return _full_form_edit(
        request,
        session,
        success_message=_("Saved: the session is recorded as it went."),
        initial_changes={
            "status": SessionStatus.COMPLETED,
            "date": min(session.date, timezone.localdate()),
        },
    )


@member_required
@require_GET
def session_detail(request: HttpRequest, public_id) -> HttpResponse:
    session = get_object_or_404(
        selectors.sessions_visible_to(
            membership=request.membership, include_deleted=request.membership.is_pm
        ).select_related("champion", "team"),
        public_id=public_id,
    )
    return _detail_page(request, session)


def _detail_page(request, session, *, scores_form=None):
    if scores_form is None:
        scores_form = AttendanceScoresForm(
            attendances=session.attendances.select_related("learner")
        )
    revisions = session.revisions.select_related("changed_by") if request.membership.is_pm else []
    return render(
        request,
        "sessions_log/session_detail.html",
        {
            "session": session,
            "attendances": scores_form.attendances,
            "scores_form": scores_form,
            "revisions": revisions,
        },
    )


@member_required
@require_http_methods(["GET", "POST"])
def session_cancel(request: HttpRequest, public_id) -> HttpResponse:
    session = get_object_or_404(
        selectors.sessions_visible_to(membership=request.membership), public_id=public_id
    )
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(
                session=session,
                reason=form.cleaned_data["cancel_reason"],
                note=form.cleaned_data["cancel_note"],
                changed_by=request.user,
            )
        except ValidationError as exc:
            _service_refused(form, exc)
        else:
            messages.success(request, _("The session is marked as cancelled."))
            return redirect("sessions_log:detail", public_id=session.public_id)
    return render(request, "sessions_log/session_cancel.html", {"form": form, "session": session})


@member_required
@require_POST
def session_delete(request: HttpRequest, public_id) -> HttpResponse:
    session = get_object_or_404(
        selectors.sessions_visible_to(membership=request.membership), public_id=public_id
    )
    services.session_delete(session=session, deleted_by=request.user)
    messages.success(
        request,
        _("The session is deleted. A project manager can restore it from the session list."),
    )
    return redirect("sessions_log:mine" if not request.membership.is_pm else "sessions_log:all")


@member_required
@require_POST
def session_restore(request: HttpRequest, public_id) -> HttpResponse:
    session = get_object_or_404(
        selectors.sessions_visible_to(membership=request.membership, include_deleted=True),
        public_id=public_id,
    )
    require_pm(request)  # after the lookup: another organisation's session is a 404
    services.session_restore(session=session, restored_by=request.user)
    messages.success(request, _("The session is restored."))
    return redirect("sessions_log:detail", public_id=session.public_id)


@member_required
@require_POST
def follow_up_done(request: HttpRequest, public_id) -> HttpResponse:
    session = get_object_or_404(
        selectors.sessions_visible_to(membership=request.membership), public_id=public_id
    )
    services.follow_up_done(session=session, by=request.user)
    messages.success(request, _("Follow-up marked as done."))
    if request.POST.get("next") == "home":
        return redirect("home")
    return redirect("sessions_log:detail", public_id=session.public_id)


def _tally_data(cleaned: dict) -> dict:
    """A tally is a completed drop-in in person: the count is the people helped without a
    record."""
    return {
        "status": SessionStatus.COMPLETED,
        "format": SessionFormat.DROP_IN,
        "mode": "in_person",
        "date": cleaned.get("date"),
        "duration_minutes": cleaned.get("duration_minutes"),
        "venue": cleaned.get("venue", ""),
        "topics": cleaned.get("topics", []),
        "anonymous_count": cleaned.get("count"),
    }


@member_required
@require_http_methods(["GET", "POST"])
def tally(request: HttpRequest) -> HttpResponse:
    """Drop-in help is too slow to record one person at a time, so it goes unrecorded: a tally
    takes a few taps."""
    defaults = services.champion_defaults(organisation=request.organisation, champion=request.user)
    form = TallyForm(
        request.POST if request.method == "POST" else None,
        initial={
            "date": defaults["date"],
            "venue": defaults.get("venue", ""),
            "duration_minutes": 120,
        },
    )
    if request.method == "POST" and _all_problems(
        form, organisation=request.organisation, shape=_tally_data, rename=TALLY_FORM_FIELDS
    ):
        count = form.cleaned_data["count"]
        try:
            services.session_log(
                organisation=request.organisation,
                champion=request.user,
                data=_tally_data(form.cleaned_data),
            )
        except ValidationError as exc:
            _service_refused(form, exc, rename=TALLY_FORM_FIELDS)
        else:
            messages.success(
                request,
                ngettext(
                    "Saved: you helped %(count)d person. Thank you!",
                    "Saved: you helped %(count)d people. Thank you!",
                    count,
                )
                % {"count": count},
            )
            return redirect("home")
    return render(request, "sessions_log/tally.html", {"form": form})


def _list(request, *, mine: bool):
    form = SessionFilterForm(
        without_cursor(request.GET) or None,
        organisation=request.organisation,
        show_people=request.membership.is_pm and not mine,
    )
    filters = form.cleaned_data if form.is_valid() else {}
    page = keyset_page(
        selectors.session_list(membership=request.membership, filters=filters, mine=mine),
        order=selectors.SESSION_LIST_ORDER,
        params=request.GET,
        list_name="sessions",
        per_page=PAGE_SIZE,
    )
    return render(
        request, "sessions_log/session_list.html", {"form": form, "page_obj": page, "mine": mine}
    )


@member_required
@require_GET
def my_sessions(request: HttpRequest) -> HttpResponse:
    return _list(request, mine=True)


@pm_required
@require_GET
def all_sessions(request: HttpRequest) -> HttpResponse:
    return _list(request, mine=False)


@member_required
@require_GET
def learner_search(request: HttpRequest) -> HttpResponse:
    """Find-as-you-type for the session form (htmx): a few matching learners to add."""
    query = request.GET.get("q", "")[:80]
    results = selectors.learner_search(membership=request.membership, query=query)
    return render(
        request, "sessions_log/_learner_results.html", {"results": results, "query": query}
    )


@member_required
@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest) -> HttpResponse:
    """Autosave of the session form (every few seconds, by static/js/sessions.js)."""
    if request.method == "POST":
        data = {
            key: request.POST.getlist(key)
            if len(request.POST.getlist(key)) > 1
            else request.POST.get(key)
            for key in request.POST
        }
        if data.pop("discard", None):
            services.draft_clear(organisation=request.organisation, champion=request.user)
            return JsonResponse({"saved": False, "cleared": True})
        services.draft_save(organisation=request.organisation, champion=request.user, data=data)
        return JsonResponse({"saved": True, "at": timezone.localtime().strftime("%H:%M:%S")})
    return JsonResponse({"draft": selectors.session_draft(membership=request.membership)})


@member_required
@require_POST
def attendance_scores(request: HttpRequest, public_id) -> HttpResponse:
    """Per-learner confidence for group sessions, from the session's page."""
    session = get_object_or_404(
        selectors.sessions_visible_to(membership=request.membership).select_related(
            "champion", "team"
        ),
        public_id=public_id,
    )
    form = AttendanceScoresForm(
        request.POST, attendances=session.attendances.select_related("learner")
    )
    if form.is_valid():
        try:
            services.attendance_scores_update(
                session=session, scores=form.scores(), changed_by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Each learner's confidence is saved."))
            return redirect("sessions_log:detail", public_id=session.public_id)
    return _detail_page(request, session, scores_form=form)
