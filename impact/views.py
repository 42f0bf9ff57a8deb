from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.audit import Action, audit_record
from core.csv_export import csv_chunks, safe_writer
from core.db_router import reading_from_replica
from organisations.tenancy import member_required, network_admin_required, pm_required
from toolkit.selectors import network_toolkit_figures

from . import reports, selectors
from .forms import FundingForm, NetworkFilterForm, OrganisationFilterForm, PeriodForm
from .logo import data_uri, logo_for
from .models import ProgrammeFunding
from .selectors import Scope
from .tables import (
    dashboard_tables,
    session_csv_chunks,
    session_csv_header,
    session_csv_values,
)


def _filters_label(scope: Scope) -> str:
    """The filters a page or report is narrowed by, for its title ("" for the whole
    organisation)."""
    parts = []
    if scope.team is not None:
        parts.append(_("Team: %(name)s") % {"name": scope.team.name})
    if scope.champion is not None:
        parts.append(_("Champion: %(name)s") % {"name": scope.champion.display_name})
    return " · ".join(parts)


def _organisation_filters(request):
    form = OrganisationFilterForm(
        request.GET or None, organisation=request.organisation, today=timezone.localdate()
    )
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    scope = Scope(
        organisation=request.organisation, team=data.get("team"), champion=data.get("champion")
    )
    return form, scope, form.get_period() if valid else None


@member_required
@require_GET
@reading_from_replica
def mine(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None, today=timezone.localdate())
    valid = not form.is_bound or form.is_valid()
    period = form.get_period()
    scope = Scope(organisation=request.organisation, champion=request.user)
    figures = (
        reports.my_dashboard(scope=scope, period=period, unit=form.trend_unit()) if valid else None
    )
    return render(request, "impact/mine.html", {"form": form, "figures": figures})


@pm_required
@require_GET
@reading_from_replica
def organisation(request: HttpRequest) -> HttpResponse:
    return render(request, "impact/organisation.html", _organisation_context(request))


def _organisation_context(request) -> dict:
    form, scope, period = _organisation_filters(request)
    context = {
        "form": form,
        "figures": None,
        "csv_base": _csv_base(request, "organisation"),
        "filters_label": _filters_label(scope),
    }
    if period is not None:
        context.update(
            reports.organisation_dashboard(scope=scope, period=period, unit=form.trend_unit())
        )
        context.update(_quiet_shown(request, scope))
        context.update(
            _rows_shown(
                request, context["champion_rows"], name="champions", anchor="champions-heading"
            )
        )
        # Funding is the whole organisation's: divided by one team's people it would mislead.
        if not context["filters_label"]:
            context["costs"] = selectors.cost_figures(
                organisation=request.organisation,
                period=period,
                headline=context["figures"]["headline"],
            )
        context["funding_form"] = FundingForm()
    return context


# A large organisation has hundreds of champions and a national network thousands of members:
# a dashboard shows the busiest, the whole table is one link (or its CSV) away, so the page stays
# quick to send and to read on a phone.
ROWS_SHOWN = 25


def _rows_shown(request, rows: list[dict], *, name: str, anchor: str) -> dict:
    """The rows a table shows (all of them when the page's `name=all`) and the link to all."""
    if request.GET.get(name) == "all" or len(rows) <= ROWS_SHOWN:
        return {f"{name}_shown": rows, f"{name}_all_url": ""}
    return {f"{name}_shown": rows[:ROWS_SHOWN], f"{name}_all_url": _all_url(request, name, anchor)}


def _all_url(request, name: str, anchor: str) -> str:
    """This page with `name=all` (its other filters kept), at the table's heading."""
    params = request.GET.copy()
    params[name] = "all"
    return f"?{params.urlencode()}#{anchor}"


def _quiet_shown(request, scope: Scope) -> dict:
    """Champions gone quiet, as many as a table shows (all with `quiet=all`), and the link."""
    every = request.GET.get("quiet") == "all"
    shown, total = selectors.quiet_champions_first(
        organisation=request.organisation,
        as_of=timezone.localdate(),
        first=None if every else ROWS_SHOWN,
        team=scope.team,
        champion=scope.champion,
    )
    return {
        "quiet_shown": shown,
        "quiet_total": total,
        "quiet_days": request.organisation.reminder_after_days,
        "quiet_all_url": "" if len(shown) == total else _all_url(request, "quiet", "quiet-heading"),
    }


@network_admin_required
@require_GET
@reading_from_replica
def network(request: HttpRequest) -> HttpResponse:
    return render(request, "impact/network.html", _network_context(request))


def _network_context(request) -> dict:
    form = NetworkFilterForm(request.GET or None, today=timezone.localdate())
    valid = not form.is_bound or form.is_valid()
    context = {"form": form, "figures": None, "csv_base": _csv_base(request, "network")}
    if valid:
        data = form.cleaned_data if form.is_bound else {}
        scope = Scope(sector=data.get("sector") or None, region=data.get("region") or None)
        context["filters_label"] = _network_filters_label(form, scope)
        period = form.get_period()
        context.update(
            reports.network_dashboard(scope=scope, period=period, unit=form.trend_unit())
        )
        context.update(
            _rows_shown(
                request, context["organisation_rows"], name="organisations", anchor="orgs-heading"
            )
        )
        context["toolkit"] = network_toolkit_figures(start=period.start, end=period.end)
    return context


def _network_filters_label(form, scope: Scope) -> str:
    """The sector and region a network page or report is narrowed to, in words."""
    parts = []
    for name, value in (("sector", scope.sector), ("region", scope.region)):
        if value:
            parts.append(
                # Translators: a filter and its value, e.g. "Sector: Health".
                _("%(filter)s: %(value)s")
                % {
                    "filter": form.fields[name].label,
                    "value": dict(form.fields[name].choices)[value],
                }
            )
    return " · ".join(parts)


def _csv_base(request, dashboard: str) -> str:
    """The URL of a table's CSV with the page's filters kept; the template adds the table."""
    params = request.GET.copy()
    params.pop("table", None)
    query = params.urlencode()
    return reverse(f"impact:{dashboard}_table_csv") + "?" + (f"{query}&" if query else "")


def _table_csv(context: dict, slug: str, filename: str) -> HttpResponse:
    if context.get("figures") is None:
        raise Http404("Choose a valid period first.")
    tables = dashboard_tables(context)
    if slug not in tables:
        raise Http404("No such table on this dashboard.")
    header, rows = tables[slug]
    period = context["figures"]["period"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{filename}-{slug}-{period.start}-to-{period.end}.csv"'
    )
    writer = safe_writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@pm_required
@require_GET
@reading_from_replica
def organisation_table_csv(request: HttpRequest) -> HttpResponse:
    slug = request.GET.get("table", "")
    response = _table_csv(_organisation_context(request), slug, "impact")
    audit_record(
        action=Action.EXPORT,
        organisation=request.organisation,
        request=request,
        target_label=f"Dashboard table CSV: {slug}",
    )
    return response


@network_admin_required
@require_GET
@reading_from_replica
def network_table_csv(request: HttpRequest) -> HttpResponse:
    return _table_csv(_network_context(request), request.GET.get("table", ""), "network-impact")


@pm_required
@require_GET
@reading_from_replica
def sessions_csv(request: HttpRequest) -> HttpResponse:
    """The filtered sessions as CSV, streamed a chunk of rows at a time from a server-side
    cursor (constant memory for any period). No learner names or notes: only what reporting
    needs. In words like the page, with the codes in columns of their own at the end
    (impact.tables.SESSION_COLUMNS)."""
    form, scope, period = _organisation_filters(request)
    if period is None:
        return render(
            request, "impact/organisation.html", {"form": form, "figures": None}, status=400
        )
    rows = session_csv_values(scope.sessions(period).order_by("date", "start_time"))
    audit_record(
        action=Action.EXPORT,
        organisation=request.organisation,
        request=request,
        target_label=f"Sessions CSV {period.label}",
    )
    response = StreamingHttpResponse(
        csv_chunks(session_csv_header(), session_csv_chunks(rows), neutralised=True),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="sessions-{period.start}-to-{period.end}.csv"'
    )
    return response


def _report_context(request):
    form, scope, period = _organisation_filters(request)
    if period is None:
        return None
    context = {
        "form": form,
        "filters_label": _filters_label(scope),
        "organisation": request.organisation,
        "generated": timezone.localtime(),
        **reports.organisation_dashboard(scope=scope, period=period, unit=form.trend_unit()),
    }
    # The board report's own parts: cost per person (the whole organisation's only) and logo.
    if not context["filters_label"]:
        context["costs"] = selectors.cost_figures(
            organisation=request.organisation,
            period=period,
            headline=context["figures"]["headline"],
        )
    context["logo"] = logo_for(request.organisation)
    return context


@pm_required
@require_GET
@reading_from_replica
def report(request: HttpRequest) -> HttpResponse:
    context = _report_context(request)
    if context is None:
        return organisation(request)
    return render(request, "impact/report.html", context)


@pm_required
@require_GET
@reading_from_replica
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The board-ready report as a PDF. WeasyPrint runs no JavaScript, so the charts in it are
    drawn as simple server-side bars."""
    context = _report_context(request)
    if context is None:
        return organisation(request)
    audit_record(
        action=Action.EXPORT,
        organisation=request.organisation,
        request=request,
        target_label=f"Impact report PDF {context['figures']['period'].label}",
    )
    # The PDF carries its images inside it: WeasyPrint cannot fetch pages behind a sign-in.
    context["pdf"] = True
    if context["logo"] is not None:
        context["logo_src"] = data_uri(context["logo"].image, context["logo"].content_type)
    story = context.get("story")
    if story is not None and story.photo and story.may_show_photo:
        context["photo_src"] = data_uri(story.photo, story.photo_content_type)
    return _pdf_response(request, context, "impact-report")


def _pdf_response(request, context: dict, name: str) -> HttpResponse:
    """A report's context rendered as an A4 PDF, as an attachment named after its period."""
    from weasyprint import HTML

    html = render_to_string("impact/report_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    period = context["figures"]["period"]
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{period.start}-to-{period.end}.pdf"'
    )
    return response


def _network_report_context(request) -> dict | None:
    context = _network_context(request)
    if context["figures"] is None:
        return None
    return {
        **context,
        "generated": timezone.localtime(),
        "body_template": "impact/_network_report_body.html",
    }


@network_admin_required
@require_GET
@reading_from_replica
def network_report(request: HttpRequest) -> HttpResponse:
    """The network's board report: the headline, trend, sectors, regions and the busiest
    organisations, printable."""
    context = _network_report_context(request)
    if context is None:
        return network(request)
    return render(request, "impact/network_report.html", context)


@network_admin_required
@require_GET
@reading_from_replica
def network_report_pdf(request: HttpRequest) -> HttpResponse:
    context = _network_report_context(request)
    if context is None:
        return network(request)
    audit_record(
        action=Action.EXPORT,
        organisation=None,
        request=request,
        target_label=f"Network impact report PDF {context['figures']['period'].label}",
    )
    return _pdf_response(request, context, "network-impact-report")


@pm_required
@require_POST
def funding_add(request: HttpRequest) -> HttpResponse:
    form = FundingForm(request.POST)
    if form.is_valid():
        ProgrammeFunding.objects.create(
            organisation=request.organisation, created_by=request.user, **form.cleaned_data
        )
        messages.success(request, _("Funding saved: the dashboard now shows cost per person."))
    else:
        problems = "; ".join(
            _("%(filter)s: %(value)s") % {"filter": form.fields[f].label, "value": " ".join(e)}
            if f in form.fields
            else " ".join(e)
            for f, e in form.errors.items()
        )
        messages.error(
            request, _("The funding was not saved. %(problems)s") % {"problems": problems}
        )
    return redirect("impact:organisation")
