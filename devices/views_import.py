"""The stock import's pages: the template, the check with each row's problems (nothing saved),
the import, and the imported batch. The rules are in devices/importing.py."""

import secrets

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from organisations.tenancy import member_required

from .forms import ImportForm
from .importing import ImportFileError, allowed_values, import_devices, parse, read_upload
from .importing import template_csv as stock_template_csv
from .models import DeviceImport
from .views import require_stock_keeper, stock_keeper_required

CHECKED_FOR = 60 * 60  # a checked file waits an hour for the "Import" click
PAGE_SIZE = 50


def _cache_key(request, token: str) -> str:
    return f"device-import:{request.organisation.pk}:{request.user.pk}:{token}"


@stock_keeper_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(stock_template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stock-import-template.csv"'
    return response


def _import_checked(request: HttpRequest, token: str) -> HttpResponse:
    checked = cache.get(_cache_key(request, token))
    if not isinstance(checked, dict):
        messages.error(request, _("That check has expired. Upload the file again."))
        return redirect("devices:import")
    try:
        batch = import_devices(
            text=checked["text"],
            organisation=request.organisation,
            importer=request.user,
            file_name=checked.get("name", ""),
        )
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("devices:import")
    cache.delete(_cache_key(request, token))
    messages.success(
        request,
        ngettext(
            "Imported %(count)s device. Here it is.",
            "Imported %(count)s devices. Here they are.",
            batch.device_count,
        )
        % {"count": batch.device_count},
    )
    return redirect("devices:import_batch", public_id=batch.public_id)


@stock_keeper_required
@require_http_methods(["GET", "POST"])
def import_stock(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check (nothing saved); step 2: import what was checked."""
    if request.method == "POST" and request.POST.get("token"):
        return _import_checked(request, request.POST["token"])
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    context = {"form": form, "allowed": allowed_values()}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = read_upload(upload)
            results = parse(text=text, organisation=request.organisation)
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
    return render(request, "devices/import.html", context)


@member_required
@require_GET
def import_batch(request: HttpRequest, public_id) -> HttpResponse:
    batch = get_object_or_404(
        DeviceImport.objects.for_organisation(request.organisation).select_related("imported_by"),
        public_id=public_id,
    )
    require_stock_keeper(request)
    page = Paginator(batch.devices.order_by("asset_tag", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "devices/import_batch.html", {"batch": batch, "page_obj": page})
