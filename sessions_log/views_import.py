"""The CSV import's pages (project managers): the template, the check with its preview, the
import, the imported batch's sessions and its undo. The rules are in sessions_log.importing."""

import secrets

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations.tenancy import member_required, pm_required, require_pm

from .importing import (
    UNDO_WITHIN,
    ImportFileError,
    allowed_values,
    can_undo,
    import_sessions,
    import_undo,
    parse,
    read_upload,
    template_csv,
)
from .models import ImportBatch

CHECKED_FOR = 60 * 60  # a checked file waits an hour for the "Import" click
PAGE_SIZE = 50


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("At most 5 MB. Start from the template."),
        error_messages={"required": gettext_lazy("Choose the CSV file to check.")},
    )


def _cache_key(request, token: str) -> str:
    return f"session-import:{request.organisation.pk}:{request.user.pk}:{token}"


@pm_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sessions-import-template.csv"'
    return response


def _import_checked(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: import the file checked in step 1, all or nothing, and show what came in."""
    checked = cache.get(_cache_key(request, token))
    if not isinstance(checked, dict):
        messages.error(request, _("That check has expired. Upload the file again."))
        return redirect("sessions_log:import")
    try:
        batch = import_sessions(
            text=checked["text"],
            organisation=request.organisation,
            importer=request.user,
            file_name=checked.get("name", ""),
        )
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("sessions_log:import")
    cache.delete(_cache_key(request, token))
    messages.success(
        request,
        ngettext(
            "Imported %(count)s session. Here it is.",
            "Imported %(count)s sessions. Here they are.",
            batch.session_count,
        )
        % {"count": batch.session_count},
    )
    return redirect("sessions_log:import_batch", public_id=batch.public_id)


@pm_required
@require_http_methods(["GET", "POST"])
def import_sessions_view(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check (nothing saved), with a preview of what will be saved."""
    if request.method == "POST" and request.POST.get("token"):
        return _import_checked(request, request.POST["token"])
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    context = {"form": form, "allowed": allowed_values(), "recent": _recent(request)}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = read_upload(upload)
            results = parse(text=text, organisation=request.organisation, importer=request.user)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            problems = [r for r in results if r.errors]
            context.update(results=results, problems=problems)
            if not problems:
                token = secrets.token_urlsafe(16)
                cache.set(
                    _cache_key(request, token),
                    {"text": text, "name": upload.name[:200]},
                    CHECKED_FOR,
                )
                context["token"] = token
    return render(request, "sessions_log/import.html", context)


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
