"""See and download everything held about a learner: for their organisation's PMs, audited, in a
fixed number of queries."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEvent
from core.vocabulary import SessionFormat
from learners.models import SelfAssessment
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory

EXPORTS = ["privacy:learner_export", "privacy:learner_export_json"]


def test_the_page_and_the_download_hold_everything_and_are_audited(org_a, learner, client_for):
    SelfAssessment.objects.create(
        organisation=org_a.organisation, learner=learner, communicating=2, transacting=3
    )
    client = client_for(org_a.pm)
    page = client.get(reverse("privacy:learner_export", args=[learner.public_id]))
    html = page.content.decode()
    assert "This is everything Organisation A holds about Prudence Okoro" in html
    for held in ("prue@example.org", "07700 900123", "M14", "65 to 74", "Woman", "Retired"):
        assert held in html, held
    assert "Be contacted (email or phone)" in html and "Told Prudence about the notice" in html
    assert "2026-10-01" in html and "2026-11-02" in html
    assert "Prudence wants to video call her grandson" in html
    assert "Communicating: 2 out of 5" in html

    download = client.get(reverse("privacy:learner_export_json", args=[learner.public_id]))
    assert download["Content-Type"].startswith("application/json")
    assert download["Content-Disposition"].startswith(
        f'attachment; filename="learner-{learner.reference}-'
    )
    data = json.loads(download.content)
    assert data["organisation"] == "Organisation A"
    assert data["learner"]["reference"] == learner.reference
    profile = {p["field"]: p["value"] for p in data["profile"]}
    assert (
        profile["contact_phone"] == "07700 900123" and profile["display_name"] == "Prudence Okoro"
    )
    assert [s["date"] for s in data["sessions"]] == ["2026-10-01", "2026-11-02"]
    session = data["sessions"][0]
    assert session["champion"] == org_a.champion.display_name
    assert session["duration_minutes"] == 45 and session["topics"] == ["Email"]
    assert (session["confidence_before"], session["confidence_after"]) == (2, 4)
    assert len(data["consents"]) == 3
    assert data["self_assessments"][0]["scores"]["Communicating"] == 2

    exports = AuditEvent.objects.filter(action="export", target_id=str(learner.public_id))
    assert sorted(e.detail["format"] for e in exports) == ["json", "page"]
    assert all(e.actor == org_a.pm and "Prudence" not in e.target_label for e in exports)


def test_group_notes_are_shown_only_where_they_name_the_learner(org_a, learner, client_for):
    for notes in ("Prudence asked about scam texts", "Tom Baker brought his new tablet"):
        AttendanceFactory(
            learner=learner,
            session__organisation=org_a.organisation,
            session__champion=org_a.champion,
            session__format=SessionFormat.GROUP,
            session__notes=notes,
        )
    client = client_for(org_a.pm)
    html = client.get(reverse("privacy:learner_export", args=[learner.public_id])).content
    assert b"Prudence asked about scam texts" in html
    assert b"Tom Baker" not in html  # about somebody else


@pytest.mark.parametrize("name", EXPORTS)
def test_only_the_learners_pms_may_export(name, org_a, org_b, learner, client_for, client):
    url = reverse(name, args=[learner.public_id])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert client_for(org_a.champion).get(url).status_code == 403
    assert client_for(org_b.pm).get(url).status_code == 404
    assert client_for(org_a.pm).post(url).status_code == 405
    assert not AuditEvent.objects.filter(action="export").exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", EXPORTS)
def test_export_queries_do_not_grow_with_sessions(name, org_a, learner, client_for):
    client = client_for(org_a.pm)
    url = reverse(name, args=[learner.public_id])
    client.get(reverse("home"))  # the session's first request loads more
    queries = [
        "session",
        "user",
        "memberships (the current organisation)",
        "the learner",
        "their consents",
        "their attendances, with each session and champion",
        "their self-assessments",
        "their follow-up checks, with who recorded each",
        "their stories' consents, with who recorded each",
        "their stories",
        "the devices lent to them, with each device and who lent it",
        "the SIMs and data vouchers given to them",
        "the audit event: who looked",
    ]
    with exactly(queries):
        client.get(url)
    before = _queries(client, url)
    for _ in range(15):
        AttendanceFactory(
            learner=learner, session__organisation=org_a.organisation, session__champion=org_a.pm
        )
    assert _queries(client, url) == before
