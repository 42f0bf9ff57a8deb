"""The Django admin has no sign-in of its own. Its login page sends people to the portal's
(allauth: rate limits, verified email, authenticator), and it lets in only staff who have used
their authenticator in this session, so a password alone never reaches it."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy

from . import mfa


class PortalAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Digital Champions Portal administration")
    site_title = gettext_lazy("Digital Champions Portal")

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and mfa.used_this_session(request)

    def login(self, request, extra_context=None):
        wanted = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
            wanted = reverse("admin:index")
        if request.user.is_authenticated:
            # Staff who have not typed a code this session never get here: RequireMfaMiddleware
            # asks for it first. Anyone else signed in is simply not allowed.
            raise PermissionDenied(gettext("The admin is for the network's staff."))
        return redirect_to_login(wanted, login_url=reverse("account_login"))
