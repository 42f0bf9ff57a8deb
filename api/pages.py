"""People's pages for the API: a PM's keys for their organisation, a network admin's network
keys. (The API's own endpoints are in views.py.) A new key's secret is on the answer to the POST
that made it, once, never stored and never cached."""

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from organisations.tenancy import (
    member_required,
    network_admin_required,
    pm_required,
    reader_required,
    require_network_admin,
    require_pm,
)

from . import selectors, services
from . import webhooks as webhook_services
from .forms import ApiKeyForm, WebhookEndpointForm
from .models import ApiKey


def _keys_page(request: HttpRequest, *, organisation, network: bool) -> HttpResponse:
    form = ApiKeyForm(request.POST if request.method == "POST" else None, network=network)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        key, new_secret = services.api_key_create(
            organisation=organisation,
            name=data["name"],
            access=data.get("access", "read"),
            can_read_special_category=data.get("can_read_special_category", False),
            expires_at=form.expires_at(),
            created_by=request.user,
        )
        form = ApiKeyForm(network=network)
    context = {
        "form": form,
        "keys": selectors.keys_for(organisation=organisation),
        "new_secret": new_secret,
        "network": network,
    }
    return render(request, "api/keys.html", context)


@pm_required
@never_cache
@require_http_methods(["GET", "POST"])
def keys(request: HttpRequest) -> HttpResponse:
    return _keys_page(request, organisation=request.organisation, network=False)


@network_admin_required
@never_cache
@require_http_methods(["GET", "POST"])
def network_keys(request: HttpRequest) -> HttpResponse:
    return _keys_page(request, organisation=None, network=True)


@reader_required
@require_POST
def key_revoke(request: HttpRequest, public_id) -> HttpResponse:
    """Revoke one key: an organisation's (its PMs) or the network's (network admins). Looked up
    among the keys this person could manage first, so another organisation's key is a 404."""
    visible = Q(organisation=request.organisation) if request.organisation else Q(pk__in=[])
    if request.user.is_network_admin:
        visible |= Q(organisation__isnull=True)
    key = get_object_or_404(ApiKey.objects.filter(visible), public_id=public_id)
    if key.organisation_id is None:
        require_network_admin(request)
    else:
        require_pm(request)
    services.api_key_revoke(key=key, revoked_by=request.user)
    messages.success(
        request, _("The key “%(name)s” is revoked: it no longer works.") % {"name": key.name}
    )
    return redirect("api:network_keys" if key.organisation_id is None else "api:keys")


# --- Webhooks ------------------------------------------------------------------------------------
# An endpoint's secret is shown once, on the answer to the POST that made it (or made a new
# one), like a key's: it is a credential, and a page that shows it again would put it in front
# of every PM of the organisation and in the browser's history. A PM who lost it makes a new
# one, which takes effect from the next attempt on.


def _endpoint_page(request, endpoint, *, form=None, new_secret=None, status=200) -> HttpResponse:
    context = {
        "endpoint": endpoint,
        "form": form or WebhookEndpointForm(initial=_initial(endpoint)),
        "deliveries": selectors.webhook_delivery_log(endpoint=endpoint),
        "log_length": selectors.DELIVERY_LOG_LENGTH,
        "new_secret": new_secret,
    }
    return render(request, "api/webhook_detail.html", context, status=status)


def _initial(endpoint) -> dict:
    return {"url": endpoint.url, "description": endpoint.description, "events": endpoint.events}


def _own_endpoint(request, public_id):
    """Another organisation's endpoint is a 404 whatever one's role; then champions get 403."""
    endpoint = get_object_or_404(
        selectors.webhook_endpoints_with_trouble(organisation=request.organisation),
        public_id=public_id,
    )
    require_pm(request)
    return endpoint


@pm_required
@never_cache
@require_http_methods(["GET", "POST"])
def webhooks(request: HttpRequest) -> HttpResponse:
    form = WebhookEndpointForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        endpoint, secret = webhook_services.webhook_endpoint_create(
            organisation=request.organisation,
            url=form.cleaned_data["url"],
            description=form.cleaned_data["description"],
            events=form.cleaned_data["events"],
            created_by=request.user,
        )
        return _endpoint_page(request, endpoint, new_secret=secret)
    context = {
        "form": form,
        "endpoints": selectors.webhook_endpoints_with_trouble(organisation=request.organisation),
    }
    return render(request, "api/webhooks.html", context)


@member_required
@never_cache
@require_http_methods(["GET", "POST"])
def webhook_detail(request: HttpRequest, public_id) -> HttpResponse:
    """The endpoint's page: change it, and read its delivery log."""
    endpoint = _own_endpoint(request, public_id)
    if request.method == "GET":
        return _endpoint_page(request, endpoint)
    form = WebhookEndpointForm(request.POST)
    if not form.is_valid():
        return _endpoint_page(request, endpoint, form=form)
    webhook_services.webhook_endpoint_update(
        endpoint=endpoint,
        url=form.cleaned_data["url"],
        description=form.cleaned_data["description"],
        events=form.cleaned_data["events"],
    )
    messages.success(request, _("The endpoint is saved."))
    return redirect("api:webhook_detail", public_id=endpoint.public_id)


@member_required
@require_POST
def webhook_pause(request: HttpRequest, public_id) -> HttpResponse:
    endpoint = _own_endpoint(request, public_id)
    webhook_services.webhook_endpoint_set_active(endpoint=endpoint, active=False)
    messages.success(
        request, _("The endpoint is paused: no events are sent to it until you resume it.")
    )
    return redirect("api:webhook_detail", public_id=endpoint.public_id)


@member_required
@require_POST
def webhook_resume(request: HttpRequest, public_id) -> HttpResponse:
    endpoint = _own_endpoint(request, public_id)
    webhook_services.webhook_endpoint_set_active(endpoint=endpoint, active=True)
    messages.success(request, _("The endpoint is active again: waiting events are sent now."))
    return redirect("api:webhook_detail", public_id=endpoint.public_id)


@member_required
@require_POST
def webhook_test(request: HttpRequest, public_id) -> HttpResponse:
    endpoint = _own_endpoint(request, public_id)
    if not endpoint.is_active:
        messages.error(request, _("Resume the endpoint to send it a test event."))
    else:
        webhook_services.webhook_test_send(endpoint=endpoint, by=request.user)
        messages.success(
            request, _("A test event is on its way. Its delivery is at the top of the log.")
        )
    return redirect("api:webhook_detail", public_id=endpoint.public_id)


@member_required
@require_POST
def webhook_retry_failed(request: HttpRequest, public_id) -> HttpResponse:
    endpoint = _own_endpoint(request, public_id)
    count = webhook_services.webhook_failed_retry(endpoint=endpoint)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d failed delivery is being tried again.",
                "%(count)d failed deliveries are being tried again.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("No delivery has failed: there is nothing to try again."))
    return redirect("api:webhook_detail", public_id=endpoint.public_id)


@member_required
@never_cache
@require_POST
def webhook_secret(request: HttpRequest, public_id) -> HttpResponse:
    endpoint = _own_endpoint(request, public_id)
    secret = webhook_services.webhook_secret_rotate(endpoint=endpoint)
    return _endpoint_page(request, endpoint, new_secret=secret)


@member_required
@require_POST
def webhook_delete(request: HttpRequest, public_id) -> HttpResponse:
    endpoint = _own_endpoint(request, public_id)
    webhook_services.webhook_endpoint_delete(endpoint=endpoint)
    messages.success(
        request, _("The endpoint “%(url)s” is deleted, with its log.") % {"url": endpoint.url}
    )
    return redirect("api:webhooks")
