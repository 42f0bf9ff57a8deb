"""HTTPS to a receiver: the connection goes to the address that was checked, and the receiver's
certificate is still verified against the host in the URL (a self-signed one is refused until
it is trusted)."""

import datetime
import ipaddress
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from api import webhook_http, webhooks
from api.models import WebhookDelivery
from tests.api.test_webhooks import ALL_EVENTS, verify
from tests.api.webhook_receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return folder / "cert.pem", folder / "key.pem"


@pytest.fixture
def tls_receiver(certificate):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    running = Receiver(tls=context).start()
    yield running
    running.stop()


def _send_test(org_a, url, django_capture_on_commit_callbacks):
    endpoint, _ = webhooks.webhook_endpoint_create(
        organisation=org_a.organisation,
        url=url,
        description="",
        events=ALL_EVENTS,
        created_by=org_a.pm,
    )
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.webhook_test_send(endpoint=endpoint, by=org_a.pm)
    return endpoint, WebhookDelivery.objects.get(endpoint=endpoint)


def test_an_untrusted_certificate_is_refused(
    org_a, tls_receiver, django_capture_on_commit_callbacks
):
    _, delivery = _send_test(org_a, tls_receiver.url, django_capture_on_commit_callbacks)
    assert delivery.status == "queued"
    assert "CERTIFICATE_VERIFY_FAILED" in delivery.last_error
    assert tls_receiver.received == []


def test_a_trusted_certificate_gets_the_signed_event(
    org_a, tls_receiver, certificate, monkeypatch, django_capture_on_commit_callbacks
):
    trusting = ssl.create_default_context(cafile=str(certificate[0]))
    monkeypatch.setattr(webhook_http.ssl, "create_default_context", lambda: trusting)
    endpoint, delivery = _send_test(org_a, tls_receiver.url, django_capture_on_commit_callbacks)
    assert delivery.status == "delivered"
    (got,) = tls_receiver.received
    assert verify(secret=endpoint.secret, headers=got.headers, body=got.body)["type"] == "test"
