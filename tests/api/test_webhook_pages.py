"""The PM's webhook pages: add an endpoint (its secret shown once), change it, pause and resume
it, send a test event to a real receiver, make a new secret, delete it, and read the delivery
log, whose queries do not grow with the log. Champions get 403; another organisation's
endpoint is a 404 (tests/api/tenancy.py, in the tenancy walk)."""

import json

import pytest
from django.urls import reverse

from api import webhooks
from api.models import WebhookDelivery, WebhookEndpoint
from tests.api.test_webhooks import ALL_EVENTS, _log, verify
from tests.queries import exactly

pytestmark = pytest.mark.django_db
SIGNED_IN = ["session", "user", "memberships (the current organisation)"]


def _add(client, url, events=("session.logged",), description="Library bookings"):
    return client.post(
        reverse("api:webhooks"), {"url": url, "description": description, "events": list(events)}
    )


def test_a_pm_adds_an_endpoint_and_sees_its_secret_once(org_a, client_for, receiver):
    client = client_for(org_a.pm)
    assert reverse("api:webhooks") in client.get(reverse("api:keys")).content.decode()
    response = _add(client, receiver.url, events=["session.logged", "learner.erased"])
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.organisation == org_a.organisation
    assert endpoint.events == ["learner.erased", "session.logged"]
    assert endpoint.secret.startswith("whsec_")
    page = response.content.decode()
    assert endpoint.secret in page and "the only time it is shown" in page
    assert response["Cache-Control"].startswith("max-age=0")
    # Never again: not on the endpoint's page, nor on the list.
    detail = client.get(reverse("api:webhook_detail", args=[endpoint.public_id])).content.decode()
    assert endpoint.secret not in detail and receiver.url in detail
    listing = client.get(reverse("api:webhooks")).content.decode()
    assert endpoint.secret not in listing and "Library bookings" in listing


@pytest.mark.parametrize(
    "url,message",
    [
        ("http://example.org/hooks", "starts with https://"),
        ("https://localhost/hooks", "public address"),
        ("https://192.168.1.20/hooks", "public address"),
        ("https://[fd00::1]/hooks", "public address"),
        ("https://user:pass@example.org/hooks", "user name and password"),
        ("not an address", "full address"),
        ("", "Enter the address"),
    ],
)
def test_the_form_refuses_what_the_portal_will_not_call(url, message, org_a, client_for):
    response = _add(client_for(org_a.pm), url, events=[])
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Choose at least one event" in page  # every error at once
    assert f'value="{url}"' in page or not url  # what was typed is kept
    assert not WebhookEndpoint.objects.exists()


def test_a_pm_changes_pauses_resumes_and_deletes(org_a, client_for, receiver):
    client = client_for(org_a.pm)
    _add(client, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    url = reverse("api:webhook_detail", args=[endpoint.public_id])
    response = client.post(
        url, {"url": "https://hooks.example.org/new", "description": "", "events": ALL_EVENTS}
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.url == "https://hooks.example.org/new"
    assert sorted(endpoint.events) == sorted(ALL_EVENTS)
    refused = client.post(url, {"url": "http://x.example", "events": ["nonsense"]})
    assert "Choose events from the list" in refused.content.decode()
    endpoint.refresh_from_db()
    assert endpoint.url == "https://hooks.example.org/new"  # nothing half-saved

    client.post(reverse("api:webhook_pause", args=[endpoint.public_id]))
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert "Paused" in client.get(url).content.decode()
    client.post(reverse("api:webhook_resume", args=[endpoint.public_id]))
    endpoint.refresh_from_db()
    assert endpoint.is_active

    old = endpoint.secret
    response = client.post(reverse("api:webhook_secret", args=[endpoint.public_id]))
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret in response.content.decode()

    response = client.post(reverse("api:webhook_delete", args=[endpoint.public_id]))
    assert response["Location"] == reverse("api:webhooks")
    assert not WebhookEndpoint.objects.exists()


def test_the_test_button_reaches_a_real_receiver_and_shows_in_the_log(
    org_a, client_for, receiver, django_capture_on_commit_callbacks
):
    client = client_for(org_a.pm)
    _add(client, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("api:webhook_test", args=[endpoint.public_id]))
    (got,) = receiver.received
    assert verify(secret=endpoint.secret, headers=got.headers, body=got.body)["type"] == "test"
    page = client.get(reverse("api:webhook_detail", args=[endpoint.public_id])).content.decode()
    assert "Test event" in page and "Delivered" in page and ">200<" in page
    assert json.loads(got.body)["id"] in page


def test_a_failing_delivery_shows_its_error_and_next_try(
    org_a, client_for, receiver, django_capture_on_commit_callbacks
):
    client = client_for(org_a.pm)
    _add(client, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    receiver.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        _log(org_a)
    page = client.get(reverse("api:webhook_detail", args=[endpoint.public_id])).content.decode()
    delivery = WebhookDelivery.objects.get()
    assert "A session is logged" in page and "Waiting" in page and "HTTP 500" in page
    assert delivery.next_attempt_at.strftime("%H:%M:%S") in page


def test_a_pm_tries_the_failed_deliveries_again(
    org_a, client_for, receiver, django_capture_on_commit_callbacks
):
    client = client_for(org_a.pm)
    _add(client, receiver.url)
    endpoint = WebhookEndpoint.objects.get()
    url = reverse("api:webhook_detail", args=[endpoint.public_id])
    retry = reverse("api:webhook_retry_failed", args=[endpoint.public_id])
    assert retry not in client.get(url).content.decode()  # nothing failed: no button
    with django_capture_on_commit_callbacks(execute=True):
        _log(org_a)
        _log(org_a)
    WebhookDelivery.objects.update(status="failed", last_error="HTTP 401")
    receiver.received.clear()
    page = client.get(url).content.decode()
    assert "Try the 2 failed deliveries again" in page and retry in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry, follow=True)
    assert "2 failed deliveries are being tried again." in response.content.decode()
    assert len(receiver.received) == 2
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
    response = client.post(retry, follow=True)
    assert "nothing to try again" in response.content.decode()


def test_a_paused_endpoint_sends_no_test_event(org_a, client_for):
    client = client_for(org_a.pm)
    _add(client, "https://hooks.example.org/p")
    endpoint = WebhookEndpoint.objects.get()
    webhooks.webhook_endpoint_set_active(endpoint=endpoint, active=False)
    response = client.post(reverse("api:webhook_test", args=[endpoint.public_id]), follow=True)
    assert "Resume the endpoint" in response.content.decode()
    assert not WebhookDelivery.objects.exists()


def test_champions_get_403_and_wrong_methods_405(org_a, client_for):
    endpoint, _ = webhooks.webhook_endpoint_create(
        organisation=org_a.organisation,
        url="https://hooks.example.org/c",
        description="",
        events=ALL_EVENTS,
        created_by=org_a.pm,
    )
    champion = client_for(org_a.champion)
    assert champion.get(reverse("api:webhooks")).status_code == 403
    assert _add(champion, "https://hooks.example.org/x").status_code == 403
    for name in ("webhook_detail", "webhook_pause", "webhook_test", "webhook_delete"):
        assert champion.post(reverse(f"api:{name}", args=[endpoint.public_id])).status_code == 403
    assert WebhookEndpoint.objects.get().is_active
    pm = client_for(org_a.pm)
    assert pm.get(reverse("api:webhook_delete", args=[endpoint.public_id])).status_code == 405
    assert pm.put(reverse("api:webhook_detail", args=[endpoint.public_id])).status_code == 405


# The endpoint's page: the endpoint (if it is this organisation's), its latest deliveries with
# their events in one query.
DETAIL = [
    "the endpoint, if it is this organisation's, with its failures counted",
    "the latest deliveries and their events",
]


def test_the_log_page_queries_do_not_grow(org_a, client_for):
    client = client_for(org_a.pm)
    client.get(reverse("home"))  # the session's first request stores its start time
    endpoint, _ = webhooks.webhook_endpoint_create(
        organisation=org_a.organisation,
        url="https://hooks.example.org/q",
        description="",
        events=ALL_EVENTS,
        created_by=org_a.pm,
    )
    url = reverse("api:webhook_detail", args=[endpoint.public_id])

    def add_events(n):
        for i in range(n):
            webhooks.event_record(
                organisation_id=org_a.organisation.pk,
                type="session.logged",
                data={"n": i},
                endpoints=[endpoint],
            )

    add_events(1)
    with exactly(SIGNED_IN + DETAIL):
        client.get(url)
    add_events(60)
    with exactly(SIGNED_IN + DETAIL):
        page = client.get(url).content.decode()
    assert page.count("<td>A session is logged<br>") == 50
    WebhookDelivery.objects.filter(pk__in=WebhookDelivery.objects.all()[:3]).update(status="failed")
    WebhookDelivery.objects.filter(status="queued").update(attempts=2)
    with exactly(SIGNED_IN + ["the organisation's endpoints, with their failures counted"]):
        listing = client.get(reverse("api:webhooks")).content.decode()
    assert "3 deliveries failed" in listing and "58 waiting to be tried again" in listing
