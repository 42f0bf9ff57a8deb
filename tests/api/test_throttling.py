"""Requests are limited per key (429 with Retry-After); with the cache unreachable they are not
limited, and never a 500."""

import pytest
from django.test import override_settings
from django.urls import reverse

from core.cache import reset_breakers

pytestmark = pytest.mark.django_db


@override_settings(API_THROTTLE_RATE="3/min")
def test_a_key_over_its_rate_gets_429_with_retry_after(org_a, key_for, api):
    _, secret = key_for(org_a)
    _, other_secret = key_for(org_a, name="Other")
    codes = [api(secret).get(reverse("api:teams")).status_code for _ in range(3)]
    assert codes == [200, 200, 200]
    refused = api(secret).get(reverse("api:teams"))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Another key has its own allowance.
    assert api(other_secret).get(reverse("api:teams")).status_code == 200


@override_settings(
    API_THROTTLE_RATE="1/min",
    CACHES={
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    },
)
def test_with_the_cache_down_requests_are_served(org_a, key_for, api):
    reset_breakers()
    _, secret = key_for(org_a)
    try:
        codes = [api(secret).get(reverse("api:teams")).status_code for _ in range(3)]
    finally:
        reset_breakers()
    assert codes == [200, 200, 200]


@override_settings(API_THROTTLE_RATE="2/min", TRUSTED_PROXY_COUNT=1)
def test_without_a_key_the_client_behind_the_proxy_is_limited(db, api):
    def ask(address):
        return api().get(reverse("api:toolkit"), HTTP_X_FORWARDED_FOR=address).status_code

    assert [ask("198.51.100.7") for _ in range(3)] == [200, 200, 429]
    assert ask("198.51.100.8") == 200  # another person behind the same proxy
