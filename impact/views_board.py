"""The board report's own pages: the organisation's logo (upload, remove, the image itself) and
the quarterly funder return as CSV and as a spreadsheet. Thin, like views.py."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.audit import Action, audit_record
from core.csv_export import safe_writer
from core.db_router import reading_from_replica
from organisations.tenancy import pm_required
from toolkit.views import _file_response

from .forms import OrganisationFilterForm
from .funder_return import COLUMNS, funder_return_row, funder_return_xlsx
from .logo import LogoForm, logo_for, logo_remove, logo_save


@pm_required
@require_http_methods(["GET", "POST"])
def logo(request: HttpRequest) -> HttpResponse:
    form = LogoForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        logo_save(
            organisation=request.organisation,
            image=form.cleaned_data["image"],
            content_type=form.content_type,
            by=request.user,
        )
        messages.success(request, _("Logo saved: it is now on the board report."))
        return redirect("impact:logo")
    return render(
        request, "impact/logo.html", {"form": form, "logo": logo_for(request.organisation)}
    )


@pm_required
@require_POST
def logo_delete(request: HttpRequest) -> HttpResponse:
    logo_remove(organisation=request.organisation)
    messages.success(request, _("Logo removed."))
    return redirect("impact:logo")


@pm_required
@require_GET
def logo_image(request: HttpRequest) -> HttpResponse:
    found = logo_for(request.organisation)
    if found is None:
        raise Http404(_("No logo yet."))
    return _file_response(found.image, found.content_type, "logo", False)


def _period(request):
    form = OrganisationFilterForm(
        request.GET or None, organisation=request.organisation, today=timezone.localdate()
    )
    if form.is_bound and not form.is_valid():
        raise Http404(_("Choose a valid period first."))
    return form.get_period()


def _audited(request, period, kind: str) -> None:
    audit_record(
        action=Action.EXPORT,
        organisation=request.organisation,
        request=request,
        target_label=f"Funder return ({kind}) {period.label}",
    )


@pm_required
@require_GET
@reading_from_replica
def funder_return_csv(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    row = funder_return_row(organisation=request.organisation, period=period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="funder-return-{period.start}-to-{period.end}.csv"'
    )
    writer = safe_writer(response)
    writer.writerow(COLUMNS)
    writer.writerow(row)
    _audited(request, period, "CSV")
    return response


@pm_required
@require_GET
@reading_from_replica
def funder_return_xlsx_view(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    row = funder_return_row(organisation=request.organisation, period=period)
    response = HttpResponse(
        funder_return_xlsx(row=row),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="funder-return-{period.start}-to-{period.end}.xlsx"'
    )
    _audited(request, period, "spreadsheet")
    return response
