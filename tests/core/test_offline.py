"""The installable portal's own URLs (issue 13): the manifest and the service worker from the site
root, the state a device's sync asks for, the champion's own learners for the offline search
(display name and id only), and "On this device". The browser side is tests/browser/test_offline.py."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from core.offline import selectors
from learners.models import Learner
from privacy.services import learner_erase
from tests.factories import MembershipFactory
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory, SupportSessionFactory

pytestmark = pytest.mark.django_db


def test_the_manifest_makes_the_portal_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == reverse("home")
    assert manifest["theme_color"] == "#1d4f91"
    assert manifest["name"] and manifest["short_name"]
    sizes = {}
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
        sizes.setdefault(icon["sizes"], set()).add(icon.get("purpose", "any"))
    assert sizes == {"192x192": {"any"}, "512x512": {"any", "maskable"}}


def test_the_service_worker_is_served_from_the_root_for_this_release(client):
    selectors.release.cache_clear()
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    config = json.loads(body.split("self.PORTAL_OFFLINE = ", 1)[1].split(";\n", 1)[0])
    assert config["release"] == selectors.release()
    assert reverse("sessions_log:create") in config["pages"]
    assert reverse("sessions_log:tally") in config["pages"]
    assert "importScripts(" in body
    assert "Content-Security-Policy" in response  # the worker runs under the site's CSP too
    with override_settings(PORTAL_RELEASE="2026.12.1"):
        selectors.release.cache_clear()
        again = client.get("/sw.js").content.decode()
    selectors.release.cache_clear()
    assert '"release": "2026.12.1"' in again  # a new release: new caches, the old ones go


def test_state_says_who_may_send_with_a_fresh_token(client, client_for, org_a):
    anonymous = client.get(reverse("offline:state")).json()
    assert anonymous == {"signed_in": False, "owner": ""}
    answer = client_for(org_a.champion).get(reverse("offline:state"))
    assert "no-cache" in answer["Cache-Control"]
    state = answer.json()
    owner = f"{org_a.champion.public_id}:{org_a.organisation.public_id}"
    assert state["owner"] == owner and len(state["csrf"]) >= 32


def test_the_device_keeps_only_the_champions_own_learners_name_and_id(client_for, org_a, org_b):
    champion = org_a.champion
    added = Learner.objects.create(
        organisation=org_a.organisation, display_name="Added By Me", created_by=champion
    )
    helped = Learner.objects.create(
        organisation=org_a.organisation,
        display_name="Helped By Me",
        created_by=org_a.pm,
        contact_email="helped@example.org",
    )
    AttendanceFactory(
        session=SupportSessionFactory(organisation=org_a.organisation, champion=champion),
        learner=helped,
    )
    other_champion = MembershipFactory(organisation=org_a.organisation).user
    Learner.objects.create(
        organisation=org_a.organisation,
        display_name="Someone Else's",
        created_by=other_champion,
        is_shared=True,
    )
    erased = Learner.objects.create(
        organisation=org_a.organisation, display_name="Erased", created_by=champion
    )
    learner_erase(learner=erased)
    Learner.objects.create(
        organisation=org_b.organisation, display_name="Other Organisation", created_by=champion
    )
    response = client_for(champion).get(reverse("offline:learners"))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["owner"] == f"{champion.public_id}:{org_a.organisation.public_id}"
    assert sorted(body["learners"], key=lambda row: row["name"]) == [
        {"id": str(added.public_id), "name": "Added By Me"},
        {"id": str(helped.public_id), "name": "Helped By Me"},
    ]
    assert b"helped@example.org" not in response.content


def test_the_learners_need_a_membership(client, client_for, network_admin):
    anonymous = client.get(reverse("offline:learners"))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    outsider = client_for(network_admin).get(reverse("offline:learners"))
    assert outsider.status_code in (302, 403)
    assert b"learners" not in outsider.content


def test_the_learners_query_count_does_not_grow(client_for, org_a):
    client = client_for(org_a.champion)
    client.get(reverse("home"))  # the session's first request stores its start time
    queries = [
        "session",
        "user",
        "memberships (the current organisation)",
        "the champion's own learners",
        "the champion's planned sessions due today (none: their learners are not asked)",
    ]
    with exactly(queries):
        client.get(reverse("offline:learners"))
    for i in range(30):
        learner = Learner.objects.create(
            organisation=org_a.organisation, display_name=f"L{i}", created_by=org_a.pm
        )
        AttendanceFactory(
            session=SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion),
            learner=learner,
        )
    with exactly(queries):
        response = client.get(reverse("offline:learners"))
    assert len(response.json()["learners"]) == 30


def test_on_this_device_holds_nothing_of_the_server(client, client_for, org_a):
    for who in (client, client_for(org_a.champion)):
        response = who.get(reverse("offline:device"))
        assert response.status_code == 200
        assert b"Sessions waiting to be sent" in response.content
        assert b"data-device-queue" in response.content


def test_every_page_names_the_manifest_and_whose_device_queue_it_is(client_for, org_a):
    page = client_for(org_a.champion).get(reverse("home")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    owner = f"{org_a.champion.public_id}:{org_a.organisation.public_id}"
    assert f'data-owner="{owner}"' in page
    assert "js/offline/page.js" in page
