"""Who may use which endpoint. The caller acts as one organisation: the key's, or, for a signed-in
person's browser, the organisation they are working in (organisations.tenancy). Objects are then
looked up only in that organisation's querysets (another organisation's object is a 404) before
any role check (403), the project's order (organisations/tenancy.py)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.exceptions import NotAuthenticated, PermissionDenied

from organisations.tenancy import current_membership

from .models import ApiKey


@dataclass(frozen=True)
class Caller:
    organisation: object  # None for a network key or a network admin outside any organisation
    key: ApiKey | None
    user: object  # the signed-in person, or None for a key
    is_pm: bool
    can_write: bool
    can_read_special_category: bool
    network: bool  # may read network-wide figures


def caller(request) -> Caller:
    """Who is asking, resolved once per request."""
    found = getattr(request, "_api_caller", None)
    if found is not None:
        return found
    key = request.auth if isinstance(request.auth, ApiKey) else None
    if key is not None:
        found = Caller(
            organisation=key.organisation,
            key=key,
            user=None,
            is_pm=key.organisation is not None,
            can_write=key.can_write,
            can_read_special_category=key.can_read_special_category,
            network=key.organisation is None,
        )
    elif request.user and request.user.is_authenticated:
        membership = current_membership(request._request)
        found = Caller(
            organisation=membership.organisation if membership else None,
            key=None,
            user=request.user,
            is_pm=bool(membership and membership.is_pm),
            can_write=membership is not None,
            can_read_special_category=False,
            network=request.user.is_network_admin,
        )
    else:
        raise NotAuthenticated
    request._api_caller = found
    return found


class ActsForOrganisation(permissions.BasePermission):
    """A key of an organisation, or a signed-in member; writes need a read-write key. Role checks
    that depend on an object come after its lookup (views.require_reader)."""

    def has_permission(self, request, view):
        who = caller(request)
        if who.organisation is None:
            if who.key is not None:
                raise PermissionDenied(_("This key reads network-wide figures only."))
            raise PermissionDenied(_("You are not working in an organisation."))
        if request.method not in permissions.SAFE_METHODS and not who.can_write:
            raise PermissionDenied(_("This key is read-only: create a read-write key to send."))
        return True


class ReadsNetwork(permissions.BasePermission):
    def has_permission(self, request, view):
        if not caller(request).network:
            raise PermissionDenied(_("Only network keys read network-wide figures."))
        return True


def require_reader(request) -> None:
    """Reading an organisation's records: its keys, or its project managers in the browser.
    Champions' browsers only send sessions (the offline sync)."""
    if not caller(request).is_pm:
        raise PermissionDenied(_("Only project managers can read this."))
