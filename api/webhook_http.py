"""How a webhook is signed and sent: the only code that talks to a receiver.

The signature is HMAC-SHA256, keyed with the endpoint's secret, over `<timestamp>.<body>`, sent
as `X-Champions-Signature: t=<unix seconds>,v1=<hex>`; the event's id is `X-Champions-Event-Id`.
A receiver recomputes it, compares in constant time, refuses an old timestamp (a replay) and
drops an event id it has seen (a retry it already took): see the README, "Webhooks".

Only public addresses are called: the host is resolved at send time, every address it resolves
to must be global (not loopback, private, link-local such as a cloud's metadata service, or
reserved), and the connection is made to the address that was checked, so a DNS answer that
changes between the check and the connection (rebinding) cannot point it inside our network.
Redirects are not followed (http.client never does) and the timeout is short."""

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

SIGNATURE_HEADER = "X-Champions-Signature"
EVENT_ID_HEADER = "X-Champions-Event-Id"
EVENT_TYPE_HEADER = "X-Champions-Event"
USER_AGENT = "DigitalChampionsPortal-Webhooks/1"
TIMEOUT_SECONDS = 5
# What is read of a receiver's answer, to let the connection close cleanly; none is stored.
READ_AT_MOST = 64 * 1024


class UnsafeAddress(Exception):
    """The URL is not one the portal will call: not HTTPS, or not a public address."""


def insecure_hosts_allowed() -> set[str]:
    """Hosts that may be plain HTTP and on a private address: a receiver on the developer's
    machine or in a test. Set only in the local and test settings; production has none."""
    return set(getattr(settings, "WEBHOOKS_ALLOW_INSECURE_HOSTS", ()))


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def signed_headers(*, secret: str, event_id: str, event_type: str, body: bytes) -> dict:
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_ID_HEADER: event_id,
        EVENT_TYPE_HEADER: event_type,
        SIGNATURE_HEADER: sign(secret=secret, timestamp=int(time.time()), body=body),
    }


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def url_problem(url: str) -> str | None:
    """Why the portal would refuse this URL whatever it resolves to, or None. (The addresses
    it resolves to are checked when sending, by resolve().)"""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    insecure_ok = host in insecure_hosts_allowed()
    if parts.scheme != "https" and not (insecure_ok and parts.scheme == "http"):
        return "not https"
    if not host:
        return "no host"
    if parts.username or parts.password:
        return "credentials in the address"
    if insecure_ok:
        return None
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return "private host"
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        return None
    return None if _is_public(str(literal)) else "private host"


def resolve(host: str, port: int) -> str:
    """One address to connect to, after checking every address the host has."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OSError(f"Cannot find the address of {host}: {exc}") from exc
    addresses = [info[4][0] for info in found]
    if not addresses:
        raise OSError(f"{host} has no address")
    if host.lower() not in insecure_hosts_allowed():
        refused = [a for a in addresses if not _is_public(a)]
        if refused:
            raise UnsafeAddress(f"{host} resolves to a private address ({refused[0]})")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Connects to the checked address; the certificate is still checked against the host."""

    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass(frozen=True)
class Answer:
    status: int


def post(*, url: str, body: bytes, headers: dict, timeout: float = TIMEOUT_SECONDS) -> Answer:
    """POST the body once. Raises UnsafeAddress for an address the portal will not call, and
    OSError or http.client.HTTPException when the receiver cannot be reached or answers
    nonsense; any HTTP answer (a redirect or a 500 too) is returned."""
    problem = url_problem(url)
    if problem:
        raise UnsafeAddress(problem)
    parts = urlsplit(url)
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    address = resolve(parts.hostname, port)
    connection_class = _PinnedHTTPSConnection if secure else _PinnedHTTPConnection
    connection = connection_class(parts.hostname, port, address=address, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(READ_AT_MOST)
        return Answer(status=response.status)
    finally:
        connection.close()
