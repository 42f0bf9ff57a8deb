"""The address a request came from, for rate limits: the person's, not our own proxy's.

Behind TRUSTED_PROXY_COUNT reverse proxies (settings), each proxy appends the address it was
reached from to X-Forwarded-For, so the real client is the N-th entry from the right; anything to
its left was written by the client and may be made up. With no trusted proxy (the default) the
header is ignored and REMOTE_ADDR is the client. allauth's sign-in limits use this too
(accounts.adapters.AccountAdapter.get_client_ip), so every limit counts the same address."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < trusted:
        # Fewer hops than proxies: the request did not come through them all (or a proxy is
        # misconfigured). The nearest address is the only one we know to be true.
        return remote
    try:
        return str(ipaddress.ip_address(hops[-trusted]))
    except ValueError:
        return remote
