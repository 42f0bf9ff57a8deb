import secrets

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from organisations.tenancy import pm_required

from .importing import ImportFileError, import_sessions, parse, read_upload, template_csv

CHECKED_FOR = 60 * 60  # a checked file waits an hour for the "Import" click


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="At most 5 MB. Start from the template.",
        error_messages={"required": "Choose the CSV file to check."},
    )


def _cache_key(request, token: str) -> str:
    return f"session-import:{request.organisation.pk}:{request.user.pk}:{token}"


@pm_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sessions-import-template.csv"'
    return response


@pm_required
@require_http_methods(["GET", "POST"])
def import_sessions_view(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check (nothing saved). Step 2: import the checked file, all or nothing."""
    if request.method == "POST" and request.POST.get("token"):
        token = request.POST["token"]
        text = cache.get(_cache_key(request, token))
        if text is None:
            messages.error(request, "That check has expired. Upload the file again.")
            return redirect("sessions_log:import")
        try:
            count = import_sessions(
                text=text, organisation=request.organisation, importer=request.user
            )
        except ImportFileError as exc:
            messages.error(request, str(exc))
            return redirect("sessions_log:import")
        cache.delete(_cache_key(request, token))
        messages.success(request, f"Imported {count} sessions.")
        return redirect("sessions_log:all")
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            text = read_upload(form.cleaned_data["file"])
            results = parse(text=text, organisation=request.organisation, importer=request.user)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            problems = [r for r in results if r.errors]
            context.update(results=results, problems=problems)
            if not problems:
                token = secrets.token_urlsafe(16)
                cache.set(_cache_key(request, token), text, CHECKED_FOR)
                context["token"] = token
    return render(request, "sessions_log/import.html", context)
