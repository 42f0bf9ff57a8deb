"""The network admin's view of the lending library: counts by organisation, sector and region
(never learners), and a transfer of devices from one organisation to another."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from core.vocabulary import Region, Sector
from impact.cache import cached
from impact.scope import Scope
from organisations.models import Organisation
from organisations.tenancy import network_admin_required

from . import selectors, services
from .forms import TransferForm
from .models import Device, DeviceTransfer
from .views import _posted, add_problems

GROUPINGS = {
    "organisation": ("organisation__name", None),
    "sector": ("organisation__sector", Sector),
    "region": ("organisation__region", Region),
}


@network_admin_required
@require_GET
def network_lending(request: HttpRequest) -> HttpResponse:
    by = request.GET.get("by") if request.GET.get("by") in GROUPINGS else "organisation"
    # Kept under the network's figures version (impact/cache.py): a write to any device moves
    # it on (impact/sql/rollups.sql), so the counts are never older than the stock.
    rows = cached(_network_rows, scope=Scope(), period=None, by=by)
    return render(
        request,
        "devices/network.html",
        {
            "rows": rows,
            "by": by,
            "transfers": DeviceTransfer.objects.select_related(
                "from_organisation", "to_organisation"
            )[:10],
        },
    )


def _network_rows(*, scope: Scope, period, by: str) -> list[dict]:
    field, vocabulary = GROUPINGS[by]
    rows = selectors.network_lending_by(field=field)
    labels = dict(vocabulary.choices) if vocabulary else {}
    for row in rows:
        row["label"] = str(labels.get(row[field], row[field]))
    return rows


@network_admin_required
@require_http_methods(["GET", "POST"])
def network_transfer(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(is_active=True).order_by("name")
    form = TransferForm(_posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        origin = form.cleaned_data["from_organisation"]
        tags = form.cleaned_data["asset_tags"]
        # Labels in any case, as the stock compares them (services.label_key).
        wanted = {services.label_key(t) for t in tags}
        found = list(
            Device.objects.for_organisation(origin)
            .alias(tag=Lower("asset_tag"), serial=Lower("serial_number"))
            .filter(
                (Q(tag__in=wanted) & ~Q(asset_tag=""))
                | (Q(serial__in=wanted) & ~Q(serial_number=""))
            )
        )
        known = {services.label_key(d.asset_tag) for d in found} | {
            services.label_key(d.serial_number) for d in found
        }
        missing = [t for t in tags if services.label_key(t) not in known]
        if missing:
            form.add_error(
                "asset_tags",
                _("%(org)s has no device with these tags or serial numbers: %(tags)s.")
                % {"org": origin, "tags": ", ".join(missing[:20])},
            )
        else:
            try:
                transfer = services.devices_transfer(
                    devices=found,
                    to_organisation=form.cleaned_data["to_organisation"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                add_problems(form, exc)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Transferred %(count)s device to %(org)s.",
                        "Transferred %(count)s devices to %(org)s.",
                        transfer.device_count,
                    )
                    % {"count": transfer.device_count, "org": transfer.to_organisation},
                )
                return redirect("devices:network")
    return render(request, "devices/transfer_form.html", {"form": form})
