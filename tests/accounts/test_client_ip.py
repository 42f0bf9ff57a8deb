"""Issue 19, point 5: behind TRUSTED_PROXY_COUNT proxies every limit counts the client's address
(the N-th from the right in X-Forwarded-For), and allauth's sign-in limits count the same one."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from core.client_ip import client_ip


@pytest.fixture
def proxies(settings):
    def behind(count):
        settings.TRUSTED_PROXY_COUNT = count
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = count

    return behind


@pytest.mark.parametrize(
    "count,forwarded,expected",
    [
        (0, "203.0.113.9", "10.0.0.1"),  # no proxy of ours: the header is anyone's to write
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # the left one was made up
        (2, "198.51.100.7, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "203.0.113.9", "10.0.0.1"),  # fewer hops than proxies: only REMOTE_ADDR is sure
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_is_the_nth_address_from_the_right(proxies, count, forwarded, expected):
    proxies(count)
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def _fail(client, email, address):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": "wrong"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=address,
    )


def test_one_persons_failed_sign_ins_do_not_lock_out_others_behind_the_proxy(client, db, proxies):
    proxies(1)
    for n in range(5):
        _fail(client, f"guess{n}@example.org", "203.0.113.9")
    assert (
        b"Too many failed login attempts"
        in _fail(client, "guess9@example.org", "203.0.113.9").content
    )
    # Someone else behind the same proxy is not locked out.
    assert (
        b"Too many failed login attempts"
        not in _fail(client, "other@example.org", "198.51.100.7").content
    )


def test_without_a_trusted_proxy_the_header_changes_nothing(client, db, proxies):
    proxies(0)
    for n in range(5):
        _fail(client, f"guess{n}@example.org", f"203.0.113.{n}")
    assert (
        b"Too many failed login attempts"
        in _fail(client, "guess9@example.org", "198.51.100.7").content
    )
