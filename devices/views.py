"""The lending library's pages. Stock is kept by project managers, and by champions when the
organisation allows it (LendingSettings.champions_keep_stock); every champion lends from the
session form. A view about one object looks it up in the current organisation's queryset first
(another organisation's is a 404), then checks the role (403)."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.paging import keyset_page, without_cursor
from learners.models import Learner
from organisations.tenancy import member_required, pm_required

from . import selectors, services
from .forms import (
    DataGiftForm,
    DataGiveForm,
    DeviceForm,
    ExtendForm,
    LendingSettingsForm,
    LoanForm,
    LostForm,
    ReturnForm,
    StockFilterForm,
    WipeForm,
)
from .models import DataGift, Device

PAGE_SIZE = 50
# A device's page shows its latest loans; a device lent weekly for years still loads at once.
HISTORY_SHOWN = 50


def require_stock_keeper(request) -> None:
    if not selectors.may_keep_stock(membership=request.membership):
        raise PermissionDenied(_("Only the people who keep your organisation's stock can do this."))


def stock_keeper_required(view):
    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require_stock_keeper(request)
        return view(request, *args, **kwargs)

    return wrapper


def _posted(request):
    """The posted data, or None on a GET: an empty POST is still a POST, and bound."""
    return request.POST if request.method == "POST" else None


def add_problems(form, exc: ValidationError) -> None:
    """The service's messages beside the form's fields; others at the top."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    for name, messages_ in exc.message_dict.items():
        target = name if name in form.fields else None
        for message in messages_:
            form.add_error(target, message)


def _device(request, public_id) -> Device:
    return get_object_or_404(
        selectors.devices_of(organisation=request.organisation), public_id=public_id
    )


def _learners(request):
    return Learner.objects.for_organisation(request.organisation).not_anonymised()


# --- Stock ----------------------------------------------------------------------------------------


@stock_keeper_required
@require_GET
def stock_list(request: HttpRequest) -> HttpResponse:
    form = StockFilterForm(without_cursor(request.GET) or None)
    filters = form.cleaned_data if form.is_valid() else {}
    devices = selectors.stock_list(
        organisation=request.organisation,
        status=filters.get("status", ""),
        kind=filters.get("kind", ""),
        search=(filters.get("q") or "").strip(),
    )
    # Keyset pages in the stock list's own order (selectors.stock_list), the id last; no total
    # counted: the counts by status above the list say it.
    page = keyset_page(
        devices,
        order=("status", "kind", "asset_tag", "id"),
        params=request.GET,
        list_name="stock",
        per_page=PAGE_SIZE,
        count_up_to=None,
    )
    return render(
        request,
        "devices/stock_list.html",
        {
            "form": form,
            "page_obj": page,
            "counts": selectors.stock_counts(organisation=request.organisation),
            "filtered": any(filters.values()),
        },
    )


@stock_keeper_required
@require_http_methods(["GET", "POST"])
def device_create(request: HttpRequest) -> HttpResponse:
    form = DeviceForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            device = services.device_create(
                organisation=request.organisation, data=form.cleaned_data, created_by=request.user
            )
        except ValidationError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("Added %(device)s to the stock.") % {"device": device})
            if "another" in request.POST:
                return redirect("devices:create")
            return redirect("devices:detail", public_id=device.public_id)
    return render(request, "devices/device_form.html", {"form": form, "device": None})


@member_required
@require_http_methods(["GET", "POST"])
def device_edit(request: HttpRequest, public_id) -> HttpResponse:
    device = _device(request, public_id)
    require_stock_keeper(request)
    initial = {f: getattr(device, f) for f in services.DEVICE_FIELDS}
    form = DeviceForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.device_update(device=device, data=form.cleaned_data)
        except ValidationError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("devices:detail", public_id=device.public_id)
    return render(request, "devices/device_form.html", {"form": form, "device": device})


@member_required
@require_GET
def device_detail(request: HttpRequest, public_id) -> HttpResponse:
    device = _device(request, public_id)
    require_stock_keeper(request)
    loans = list(selectors.device_loans(device=device)[:HISTORY_SHOWN])
    return render(
        request,
        "devices/device_detail.html",
        {
            "device": device,
            "open_loan": next((loan for loan in loans if loan.is_open), None),
            "loans": loans,
            "more_loans": device.loan_count > HISTORY_SHOWN,
            "wipes": list(selectors.device_wipes(device=device)[:HISTORY_SHOWN]),
            "today": timezone.localdate(),
        },
    )


def _action_page(request, template, form, **context):
    return render(request, f"devices/{template}", {"form": form, **context})


@member_required
@require_http_methods(["GET", "POST"])
def device_lend(request: HttpRequest, public_id) -> HttpResponse:
    device = _device(request, public_id)
    require_stock_keeper(request)
    today = timezone.localdate()
    # Read only when the page is shown: a successful lend never needs it.
    settings = SimpleLazyObject(
        lambda: services.lending_settings(organisation=request.organisation)
    )
    form = LoanForm(
        _posted(request),
        learner_queryset=_learners(request),
        initial=None
        if request.method == "POST"
        else {
            "issued_on": today,
            "due_on": today + timezone.timedelta(days=settings.loan_days),
            "learner": request.GET.get("learner", ""),
        },
    )
    if request.method == "POST":
        valid = form.is_valid()
        data = form.cleaned_data
        # Every problem at once: the loan's rules are asked even when a field is wrong.
        problems = services.loan_problems(
            device=device,
            learner=data.get("learner"),
            issued_on=data.get("issued_on"),
            due_on=data.get("due_on"),
            today=today,
            agreement_accepted=bool(data.get("agreement_accepted")),
        )
        for name, message in problems.items():
            if name in form.fields and name in form.errors:
                continue
            form.add_error(name if name in form.fields else None, message)
        if valid and not problems:
            try:
                loan = services.loan_make(
                    device=device,
                    learner=data["learner"],
                    champion=request.user,
                    issued_on=data["issued_on"],
                    due_on=data["due_on"],
                    recorded_by=request.user,
                )
            except ValidationError as exc:
                add_problems(form, exc)
            else:
                messages.success(
                    request,
                    _("Lent %(device)s, due back on %(day)s.")
                    % {"device": device, "day": loan.due_on.strftime("%d/%m/%Y")},
                )
                return redirect("devices:detail", public_id=device.public_id)
    return _action_page(
        request, "lend_form.html", form, device=device, agreement_version=settings.agreement_version
    )


@member_required
@require_http_methods(["GET", "POST"])
def device_wipe(request: HttpRequest, public_id) -> HttpResponse:
    device = _device(request, public_id)
    require_stock_keeper(request)
    form = WipeForm(_posted(request), initial={"wiped_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.wipe_record(
                device=device,
                wiped_by=request.user,
                wiped_on=form.cleaned_data["wiped_on"],
                method=form.cleaned_data["method"],
            )
        except ValidationError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("The wipe is recorded: the device is back in stock."))
            return redirect("devices:detail", public_id=device.public_id)
    return _action_page(request, "wipe_form.html", form, device=device)


def _loan(request, public_id):
    return get_object_or_404(
        selectors.loans_of(organisation=request.organisation).select_related("device"),
        public_id=public_id,
    )


def _loan_action(request, public_id, *, form_class, initial, template, act, done):
    loan = _loan(request, public_id)
    require_stock_keeper(request)
    form = form_class(_posted(request), initial=initial(loan))
    if request.method == "POST" and form.is_valid():
        try:
            act(loan, form.cleaned_data)
        except ValidationError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, done)
            return redirect("devices:detail", public_id=loan.device.public_id)
    return _action_page(request, template, form, loan=loan, device=loan.device)


@member_required
@require_http_methods(["GET", "POST"])
def loan_return(request: HttpRequest, public_id) -> HttpResponse:
    return _loan_action(
        request,
        public_id,
        form_class=ReturnForm,
        initial=lambda loan: {"returned_on": timezone.localdate()},
        template="return_form.html",
        act=lambda loan, data: services.loan_return(
            loan=loan,
            returned_on=data["returned_on"],
            condition=data["condition"],
            returned_to=request.user,
        ),
        done=_("The return is recorded. Record the data wipe before lending it again."),
    )


@member_required
@require_http_methods(["GET", "POST"])
def loan_extend(request: HttpRequest, public_id) -> HttpResponse:
    return _loan_action(
        request,
        public_id,
        form_class=ExtendForm,
        initial=lambda loan: {"due_on": loan.due_on + timezone.timedelta(days=14)},
        template="extend_form.html",
        act=lambda loan, data: services.loan_extend(loan=loan, due_on=data["due_on"]),
        done=_("The loan is extended."),
    )


@member_required
@require_http_methods(["GET", "POST"])
def loan_lost(request: HttpRequest, public_id) -> HttpResponse:
    return _loan_action(
        request,
        public_id,
        form_class=LostForm,
        initial=lambda loan: {"lost_on": timezone.localdate()},
        template="lost_form.html",
        act=lambda loan, data: services.loan_mark_lost(loan=loan, lost_on=data["lost_on"]),
        done=_("The device is marked lost."),
    )


# --- SIMs and data vouchers -----------------------------------------------------------------------


@stock_keeper_required
@require_GET
def data_list(request: HttpRequest) -> HttpResponse:
    gifts = DataGift.objects.for_organisation(request.organisation).order_by(
        "-given_on", "expires_on", "pk"
    )
    if request.GET.get("given") != "1":
        gifts = gifts.filter(given_on__isnull=True)
    page = Paginator(gifts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "devices/data_list.html",
        {
            "page_obj": page,
            "showing_given": request.GET.get("given") == "1",
            "query_string": "given=1" if request.GET.get("given") == "1" else "",
        },
    )


@stock_keeper_required
@require_http_methods(["GET", "POST"])
def data_create(request: HttpRequest) -> HttpResponse:
    form = DataGiftForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.data_gift_create(organisation=request.organisation, data=form.cleaned_data)
        except ValidationError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("Added to the SIMs and vouchers in stock."))
            if "another" in request.POST:
                return redirect("devices:data_create")
            return redirect("devices:data_list")
    return render(request, "devices/data_form.html", {"form": form})


@member_required
@require_http_methods(["GET", "POST"])
def data_give(request: HttpRequest, public_id) -> HttpResponse:
    gift = get_object_or_404(
        DataGift.objects.for_organisation(request.organisation), public_id=public_id
    )
    require_stock_keeper(request)
    form = DataGiveForm(
        _posted(request),
        learner_queryset=_learners(request),
        initial={"given_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.data_gift_give(
                gift=gift,
                learner=form.cleaned_data["learner"],
                given_by=request.user,
                given_on=form.cleaned_data["given_on"],
            )
        except ValidationError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("Given: it is no longer in stock."))
            return redirect("devices:data_list")
    return render(request, "devices/data_give.html", {"form": form, "gift": gift})


# --- Settings -------------------------------------------------------------------------------------


@pm_required
@require_http_methods(["GET", "POST"])
def lending_settings(request: HttpRequest) -> HttpResponse:
    current = services.lending_settings(organisation=request.organisation)
    form = LendingSettingsForm(
        _posted(request),
        initial={
            "champions_keep_stock": current.champions_keep_stock,
            "loan_days": current.loan_days,
            "agreement_version": current.agreement_version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.lending_settings_update(
                organisation=request.organisation, data=form.cleaned_data
            )
        except ValidationError as exc:
            add_problems(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("devices:settings")
    return render(request, "devices/settings.html", {"form": form})
