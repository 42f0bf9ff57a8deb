"""Keys, not passwords: only a hash is stored, the key is shown once, a revoked or expired key is
refused at once, a read-only key cannot write, and each request is recorded."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from api.models import ApiKey, ApiRequest, hash_secret

pytestmark = pytest.mark.django_db


def test_only_the_hash_is_stored(org_a, key_for):
    key, secret = key_for(org_a)
    stored = ApiKey.objects.values().get(pk=key.pk)
    assert secret not in str(stored)
    assert stored["secret_hash"] == hash_secret(secret)
    assert secret.startswith(stored["prefix"] + ".")


def test_pm_creates_a_key_and_sees_it_once(org_a, client_for):
    client = client_for(org_a.pm)
    response = client.post(reverse("api:keys"), {"name": "Council Power BI", "access": "read"})
    assert response.status_code == 200
    secret = response.context["new_secret"]
    assert secret and secret.encode() in response.content
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    key = ApiKey.objects.get()
    assert (key.organisation, key.name, key.created_by) == (
        org_a.organisation,
        "Council Power BI",
        org_a.pm,
    )
    again = client.get(reverse("api:keys"))
    assert secret.encode() not in again.content
    assert key.prefix.encode() in again.content


def test_the_settings_page_links_to_the_keys(org_a, client_for):
    page = client_for(org_a.pm).get(reverse("organisations:settings"))
    assert f'href="{reverse("api:keys")}"'.encode() in page.content


def test_champion_cannot_manage_keys(org_a, client_for):
    assert client_for(org_a.champion).get(reverse("api:keys")).status_code == 403


def test_revoked_key_is_refused_at_once(org_a, key_for, api, client_for):
    key, secret = key_for(org_a)
    assert api(secret).get(reverse("api:teams")).status_code == 200
    response = client_for(org_a.pm).post(reverse("api:key_revoke", args=[key.public_id]))
    assert response.status_code == 302
    refused = api(secret).get(reverse("api:teams"))
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]
    assert refused["WWW-Authenticate"].startswith("Bearer")
    # Still recorded, so the PM can see a system that goes on calling with it.
    assert ApiRequest.objects.filter(key=key).latest("at").status == 401


def test_another_organisations_key_cannot_be_revoked(org_a, org_b, key_for, client_for):
    key, _ = key_for(org_b)
    response = client_for(org_a.pm).post(reverse("api:key_revoke", args=[key.public_id]))
    assert response.status_code == 404
    key.refresh_from_db()
    assert key.revoked_at is None


def test_expired_key_is_refused(org_a, key_for, api):
    key, secret = key_for(org_a, expires_at=timezone.now() + timedelta(days=1))
    assert api(secret).get(reverse("api:teams")).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=1, seconds=1)):
        refused = api(secret).get(reverse("api:teams"))
    assert refused.status_code == 401
    assert "expired" in refused.json()["detail"]


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Bearer dcp_00000000.wrong", "Bearer a b", "Bearer \u00e9"],
)
def test_wrong_keys_are_401(org_a, key_for, api, header):
    key_for(org_a)
    response = api().get(reverse("api:teams"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_a_right_prefix_with_a_wrong_secret_is_refused(org_a, key_for, api):
    key, secret = key_for(org_a)
    assert api(key.prefix + ".x" * 20).get(reverse("api:teams")).status_code == 401


def test_no_key_is_401(db, api):
    assert api().get(reverse("api:sessions")).status_code == 401


def test_read_only_key_cannot_write(org_a, key_for, api, session_payload):
    _, secret = key_for(org_a, access="read")
    response = api(secret).post(
        reverse("api:sessions"),
        session_payload(org_a.champion),
        format="json",
        HTTP_IDEMPOTENCY_KEY="one",
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_network_key_reads_network_figures_only(db, key_for, api, org_a):
    key, secret = key_for(None)
    assert key.organisation is None and not key.can_write
    assert api(secret).get(reverse("api:network_figures")).status_code == 200
    assert api(secret).get(reverse("api:sessions")).status_code == 403
    _, org_secret = key_for(org_a)
    assert api(org_secret).get(reverse("api:network_figures")).status_code == 403


def test_network_admin_makes_network_keys(network_admin, client_for):
    response = client_for(network_admin).post(reverse("api:network_keys"), {"name": "Databank"})
    assert response.status_code == 200 and response.context["new_secret"]
    assert ApiKey.objects.get().organisation is None


def test_each_request_is_recorded_and_the_pm_sees_the_last_use(org_a, key_for, api, client_for):
    key, secret = key_for(org_a)
    api(secret).get(reverse("api:teams"))
    api(secret).get(reverse("api:sessions"), {"status": "nonsense"})
    rows = list(ApiRequest.objects.order_by("at").values_list("key", "endpoint", "status"))
    assert rows == [(key.pk, "api:teams", 200), (key.pk, "api:sessions", 400)]
    key.refresh_from_db()
    assert key.last_used_at is not None
    page = client_for(org_a.pm).get(reverse("api:keys"))
    shown = page.context["keys"][0]
    assert shown.last_used_at == key.last_used_at
    assert f"{timezone.localtime(key.last_used_at):%-d %b %Y %H:%M}".encode() in page.content


def test_old_requests_are_pruned_and_the_last_use_stays(org_a, key_for, api):
    from django.core.management import call_command

    key, secret = key_for(org_a)
    api(secret).get(reverse("api:teams"))
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        api(secret).get(reverse("api:teams"))
        call_command("api_requests_prune", "--days", "90")
    assert ApiRequest.objects.filter(key=key).count() == 1
    key.refresh_from_db()
    assert key.last_used_at is not None
