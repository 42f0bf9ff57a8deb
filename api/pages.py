"""People's pages for the API: a PM's keys for their organisation, a network admin's network
keys. (The API's own endpoints are in views.py.) A new key's secret is on the answer to the POST
that made it, once, never stored and never cached."""

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from organisations.tenancy import (
    network_admin_required,
    pm_required,
    reader_required,
    require_network_admin,
    require_pm,
)

from . import selectors, services
from .forms import ApiKeyForm
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
