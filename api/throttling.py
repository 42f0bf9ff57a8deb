"""Requests are limited per key (per person for the browser's session, per address without
either). DRF keeps the history in the cache: when Redis is down core/cache.py answers "miss" and
drops writes, so requests are then simply not limited, never refused with a 500."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from core.client_ip import client_ip

from .models import ApiKey


class PerKeyThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read at each request (not at import, as DRF does), so settings can change it.
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey):
            ident = f"key-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            # The client behind our proxies (TRUSTED_PROXY_COUNT), as the portal's other limits.
            ident = f"ip-{client_ip(request._request)}"
        return f"throttle_api_{ident}"
