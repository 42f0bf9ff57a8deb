"""The stock import's pages: the template, the check with each row's problems (nothing saved),
the import, and the imported batch. The rules are in devices/importing.py; the check-then-import
steps are every import's (core.csv_import)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from core import csv_import
from organisations.tenancy import member_required

from .importing import allowed_values, import_devices, parse
from .importing import template_csv as stock_template_csv
from .models import DeviceImport
from .views import require_stock_keeper, stock_keeper_required

PAGE_SIZE = 50

STOCK_IMPORT = csv_import.CsvImport(
    name="device-import",
    page_url="devices:import",
    batch_url="devices:import_batch",
    template="devices/import.html",
    check=lambda request, text: parse(text=text, organisation=request.organisation),
    save=lambda request, text, file_name: import_devices(
        text=text, organisation=request.organisation, importer=request.user, file_name=file_name
    ),
    saved=lambda batch: (
        ngettext(
            "Imported %(count)s device. Here it is.",
            "Imported %(count)s devices. Here they are.",
            batch.device_count,
        )
        % {"count": batch.device_count}
    ),
    page_context=lambda request: {"allowed": allowed_values()},
)


@stock_keeper_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    return csv_import.template_response(stock_template_csv(), file_name="stock-import-template.csv")


@stock_keeper_required
@require_http_methods(["GET", "POST"])
def import_stock(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check (nothing saved); step 2: import what was checked."""
    return csv_import.import_page(request, STOCK_IMPORT)


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
