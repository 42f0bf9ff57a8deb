"""Tenancy in one place. `current_membership(request)` resolves the current membership (and so
organisation) once per request and caches it on the request; the middleware offers it lazily as
`request.membership` / `request.organisation`, and the decorators below, the only gate views use,
replace those with the real objects. Querysets are then scoped with
`Model.objects.for_organisation(request.organisation)`, so another organisation's object is a 404.

Status codes mean one thing each: 404 another organisation's object (or none at all), 403 a role
too low inside one's own organisation, 405 a wrong method. So a view about one object looks it
up in its organisation's queryset before the role check (`require_pm` and friends, below)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from .models import Membership, Organisation

SESSION_KEY = "current_organisation"


def _resolve_membership(request) -> Membership | None:
    if not request.user.is_authenticated:
        return None
    memberships = list(
        Membership.objects.filter(user=request.user, is_active=True, organisation__is_active=True)
        .select_related("organisation", "team")
        .order_by("organisation__name")
    )
    for membership in memberships:
        membership.user = request.user  # the same person: no query when a view asks for it
    # Without a choice in the session, start where the person has most to do: a project
    # manager's organisation before one where they are a champion.
    memberships.sort(key=lambda m: (not m.is_pm, m.organisation.name))
    request.all_memberships = memberships
    wanted = request.session.get(SESSION_KEY)
    for membership in memberships:
        if str(membership.organisation.public_id) == wanted:
            return membership
    return memberships[0] if memberships else None


_UNRESOLVED = object()
_CACHE_ATTR = "_tenancy_membership"


def current_membership(request) -> Membership | None:
    """The real Membership this request acts under, or None. Resolved once and cached on the
    request; the middleware's lazy `request.membership` and the decorators both read it here."""
    membership = getattr(request, _CACHE_ATTR, _UNRESOLVED)
    if membership is _UNRESOLVED:
        membership = _resolve_membership(request)
        setattr(request, _CACHE_ATTR, membership)
    return membership


def current_organisation(request) -> Organisation | None:
    membership = current_membership(request)
    return membership.organisation if membership else None


class CurrentOrganisationMiddleware:
    """Puts lazy `request.membership` / `request.organisation` on every request, for templates
    and undecorated views; nothing is queried until one is used. Views behind the decorators
    below get the real objects instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.all_memberships = []
        request.membership = SimpleLazyObject(lambda: current_membership(request))
        request.organisation = SimpleLazyObject(lambda: current_organisation(request))
        return self.get_response(request)


def _use_real_objects(request) -> Membership | None:
    """Replace the lazy proxies with the real objects (or None), so views can use them in
    queries and identity checks freely."""
    membership = current_membership(request)
    request.membership = membership
    request.organisation = membership.organisation if membership else None
    return membership


def member_required(view):
    """Signed in and a member of an organisation; the membership is on request.membership."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if _use_real_objects(request) is None:
            if request.user.is_network_admin:
                return redirect("organisations:network_list")
            return render(request, "organisations/no_membership.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


# The role checks. A view about one object (a URL with a public_id) looks the object up in a
# queryset scoped to the current organisation FIRST and calls one of these after it, so another
# organisation's object is a 404 whatever one's role, and 403 means only "your role in your own
# organisation is too low". Views without an object use the decorators below.


def require_pm(request) -> None:
    if not (request.membership and request.membership.is_pm):
        raise PermissionDenied(gettext("Only project managers can do this."))


def require_curator(request) -> None:
    """Network admins and project managers curate (the rule of toolkit.policy.is_curator)."""
    membership = request.membership
    if not (request.user.is_network_admin or (membership and membership.is_pm)):
        raise PermissionDenied(
            gettext("Only network admins and project managers curate the toolkit.")
        )


def require_network_admin(request) -> None:
    if not request.user.is_network_admin:
        raise PermissionDenied(gettext("Only network admins can do this."))


def visible_organisations(request):
    """The organisations this person may name in a URL: every one for a network admin, otherwise
    those they are an active member of (anything else is a 404, before any role check)."""
    if request.user.is_network_admin:
        return Organisation.objects.all()
    current_membership(request)
    return Organisation.objects.filter(pk__in=[m.organisation_id for m in request.all_memberships])


def pm_required(view):
    """A project manager of the current organisation; champions get 403."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require_pm(request)
        return view(request, *args, **kwargs)

    return wrapper


def reader_required(view):
    """A member of an organisation, or a network admin (who may have no organisation): the
    readers of what the whole network shares, such as the toolkit. request.membership /
    request.organisation are the real objects, or None for a network admin outside any."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if _use_real_objects(request) is None and not request.user.is_network_admin:
            return render(request, "organisations/no_membership.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def curator_required(view):
    """A reader who curates (see require_curator); anyone else gets 403."""

    @reader_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require_curator(request)
        return view(request, *args, **kwargs)

    return wrapper


def network_admin_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require_network_admin(request)
        return view(request, *args, **kwargs)

    return wrapper
