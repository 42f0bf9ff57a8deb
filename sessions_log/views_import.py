"""The CSV import's pages (project managers): the template, the check with its preview, the
import, the imported batch's sessions and its undo. The rules are in sessions_log.importing; the
check-then-import steps are every import's (core.csv_import)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import csv_import
from organisations.tenancy import member_required, pm_required, require_pm

from .importing import (
    UNDO_WITHIN,
    allowed_values,
    can_undo,
    import_sessions,
    import_undo,
    parse,
    template_csv,
)
from .models import ImportBatch

PAGE_SIZE = 50

SESSION_IMPORT = csv_import.CsvImport(
    name="session-import",
    page_url="sessions_log:import",
    batch_url="sessions_log:import_batch",
    template="sessions_log/import.html",
    check=lambda request, text: parse(
        text=text, organisation=request.organisation, importer=request.user
    ),
    save=lambda request, text, file_name: import_sessions(
        text=text, organisation=request.organisation, importer=request.user, file_name=file_name
    ),
    saved=lambda batch: (
        ngettext(
            "Imported %(count)s session. Here it is.",
            "Imported %(count)s sessions. Here they are.",
            batch.session_count,
        )
        % {"count": batch.session_count}
    ),
    page_context=lambda request: {"allowed": allowed_values(), "recent": _recent(request)},
)


@pm_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    return csv_import.template_response(template_csv(), file_name="sessions-import-template.csv")


@pm_required
@require_http_methods(["GET", "POST"])
def import_sessions_view(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check (nothing saved), with a preview of what will be saved; step 2:
    import what was checked."""
    return csv_import.import_page(request, SESSION_IMPORT)


def _recent(request) -> list[ImportBatch]:
    """The organisation's last few imports, to find one again or undo it."""
    return list(
        ImportBatch.objects.filter(organisation=request.organisation)
        .select_related("imported_by")
        .order_by("-imported_at")[:5]
    )


def _organisation_batch(request, public_id) -> ImportBatch:
    """An import of the current organisation, for project managers; looked up before the role
    check (see organisations.tenancy), so another organisation's is a 404."""
    batch = get_object_or_404(
        ImportBatch.objects.filter(organisation=request.organisation).select_related(
            "imported_by", "undone_by"
        ),
        public_id=public_id,
    )
    require_pm(request)
    return batch


@member_required
@require_GET
def import_batch(request: HttpRequest, public_id) -> HttpResponse:
    """The sessions one import brought in, and the way to undo it within a day."""
    batch = _organisation_batch(request, public_id)
    sessions = batch.sessions.select_related("champion", "team").order_by("date", "pk")
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "sessions_log/import_batch.html",
        {
            "batch": batch,
            "page_obj": page,
            "can_undo": can_undo(batch),
            "undo_until": batch.imported_at + UNDO_WITHIN,
        },
    )


@member_required
@require_POST
def import_batch_undo(request: HttpRequest, public_id) -> HttpResponse:
    batch = _organisation_batch(request, public_id)
    try:
        removed = import_undo(batch=batch, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Import undone: %(count)s session removed. A project manager can still restore "
                "it from the deleted sessions.",
                "Import undone: %(count)s sessions removed. A project manager can still restore "
                "them from the deleted sessions.",
                removed,
            )
            % {"count": removed},
        )
    return redirect("sessions_log:import_batch", public_id=batch.public_id)
