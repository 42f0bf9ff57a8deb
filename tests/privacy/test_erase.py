"""Erasing a learner: every personal field and every mention in free text goes for good, in one
transaction; their sessions still count; audited; erasing twice is harmless."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEvent
from core.vocabulary import SessionFormat
from impact.periods import Period
from impact.selectors import organisation_headline
from learners.models import Learner
from privacy import services
from sessions_log.models import Attendance, SessionDraft, SessionRevision, SupportSession
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory


def _erase_url(learner):
    return reverse("privacy:learner_erase", args=[learner.public_id])


def test_every_learner_field_is_either_cleared_or_kept_on_purpose():
    """A personal field added to Learner later must be added to CLEARED_FIELDS (or, if it says
    nothing about the person, to KEPT_FIELDS): erasure must never miss it silently."""
    fields = {f.name for f in Learner._meta.concrete_fields}
    assert fields == set(services.CLEARED_FIELDS) | services.KEPT_FIELDS
    assert not set(services.CLEARED_FIELDS) & services.KEPT_FIELDS


def test_erase_clears_every_personal_field_and_keeps_the_figures(org_a, learner, client_for):
    period = Period(start=date(2026, 1, 1), end=date(2026, 12, 31))
    before = organisation_headline(organisation=org_a.organisation, period=period)
    client = client_for(org_a.pm)
    page = client.get(_erase_url(learner)).content.decode()
    assert "Erase Prudence Okoro" in page and "cannot be undone" in page

    refused = client.post(_erase_url(learner), {})
    assert "Tick the box to confirm" in refused.content.decode()
    assert Learner.objects.get(pk=learner.pk).anonymised_at is None

    response = client.post(_erase_url(learner), {"confirm": "on"}, follow=True)
    assert f"Learner {learner.reference} is erased" in response.content.decode()
    learner.refresh_from_db()
    assert learner.anonymised_at is not None
    assert learner.display_name == "Erased learner"
    for field in ("contact_email", "contact_phone", "postcode_district", "age_band", "gender"):
        assert getattr(learner, field) == "", field
    for field in ("employment_status", "disability", "first_language_english", "heard_from"):
        assert getattr(learner, field) == "", field
    assert learner.is_shared is False
    assert learner.consents.count() == 3  # what was agreed, and when, stays on record...
    assert not learner.consents.filter(withdrawn_at__isnull=True).exists()  # ...withdrawn
    assert not learner.consents.exclude(what_they_were_told="").exists()
    # Nothing held anywhere still names her.
    assert not SupportSession.objects.filter(notes__icontains="Prudence").exists()
    assert "Prudence" not in json.dumps(list(Learner.objects.values()), default=str)
    # Her sessions still count: the attendance stays, and so does every figure.
    assert Attendance.objects.filter(learner=learner).count() == 2
    assert SupportSession.objects.filter(attendances__learner=learner).count() == 2
    after = organisation_headline(organisation=org_a.organisation, period=period)
    assert after == before  # learners supported, sessions, hours, confidence...

    event = AuditEvent.objects.get(action="erase")
    assert (event.actor, event.target_label) == (org_a.pm, f"Learner {learner.reference}")
    assert event.detail == {"reason": "request"}
    assert "Prudence" not in json.dumps(
        list(AuditEvent.objects.values("target_label", "detail")), default=str
    )
    assert "Prudence" not in client.get(reverse("learners:list")).content.decode()


def test_erasing_twice_is_harmless(org_a, learner, client_for):
    assert services.learner_erase(learner=learner) is True
    erased_at = Learner.objects.get(pk=learner.pk).anonymised_at
    assert services.learner_erase(learner=learner) is False
    client = client_for(org_a.pm)
    again = client.post(_erase_url(learner), {"confirm": "on"})
    assert again.status_code == 302  # to what is left of the record, "already erased"
    assert client.get(_erase_url(learner)).status_code == 302
    assert Learner.objects.get(pk=learner.pk).anonymised_at == erased_at
    assert AuditEvent.objects.filter(action="erase").count() == 1
    # What is left can still be shown, and says so.
    html = client.get(reverse("privacy:learner_export", args=[learner.public_id])).content
    assert b"This record was erased on" in html and b"Prudence" not in html


def test_erase_scrubs_the_edit_history(org_a, learner):
    session = learner.attendances.first().session
    other = LearnerFactory(organisation=org_a.organisation, display_name="Tom Baker")
    label, other_label = str(learner), str(other)
    SessionRevision.objects.create(
        organisation=org_a.organisation,
        session=session,
        changed_by=org_a.champion,
        changes={
            "notes": ["", "Prudence wants to video call"],
            "duration_minutes": [30, 60],
            "learners": [[other_label], sorted([label, other_label])],
        },
    )
    # A session she was taken off again: no attendance, but the history still names her.
    elsewhere = AttendanceFactory(
        learner=other, session__organisation=org_a.organisation, session__format="group"
    ).session
    SessionRevision.objects.create(
        organisation=org_a.organisation,
        session=elsewhere,
        changed_by=org_a.champion,
        changes={"confidence": {label: [[1, 2, None], [1, 3, None]]}},
    )
    services.learner_erase(learner=learner)
    text = json.dumps(list(SessionRevision.objects.values_list("changes", flat=True)))
    assert "Prudence" not in text
    erased_label = f"Erased learner ({learner.reference})"
    revision = SessionRevision.objects.get(session=session)
    assert revision.changes["duration_minutes"] == [30, 60]
    assert revision.changes["learners"][1] == sorted([erased_label, other_label])
    assert list(SessionRevision.objects.get(session=elsewhere).changes["confidence"]) == [
        erased_label
    ]


def test_a_one_to_ones_notes_go_and_a_groups_go_only_where_they_name_her(org_a):
    ben = LearnerFactory(organisation=org_a.organisation, display_name="Ben")

    def session(format, notes, venue=""):
        return AttendanceFactory(
            learner=ben,
            session__organisation=org_a.organisation,
            session__format=format,
            session__notes=notes,
            session__venue=venue,
        ).session

    one_to_one = session(SessionFormat.ONE_TO_ONE, "Set up his bank app")
    about_others = session(SessionFormat.GROUP, "Helped the group with benefits forms", "Library")
    naming_him = session(SessionFormat.GROUP, "Ben's phone needs an update", "Ben's flat")
    services.learner_erase(learner=ben)
    for s in (one_to_one, about_others, naming_him):
        s.refresh_from_db()
    assert one_to_one.notes == services.ERASED_TEXT
    assert (about_others.notes, about_others.venue) == (
        "Helped the group with benefits forms",  # "benefits" is not "Ben"
        "Library",
    )
    assert (naming_him.notes, naming_him.venue) == (services.ERASED_TEXT, "")


def test_a_learner_known_by_initials_loses_their_one_to_one_notes(org_a):
    initials = LearnerFactory(organisation=org_a.organisation, display_name="P O")
    one_to_one = AttendanceFactory(
        learner=initials, session__organisation=org_a.organisation, session__notes="PO: NHS App"
    ).session
    group = AttendanceFactory(
        learner=initials,
        session__organisation=org_a.organisation,
        session__format=SessionFormat.GROUP,
        session__notes="Six people, scams talk",
    ).session
    services.learner_erase(learner=initials)
    one_to_one.refresh_from_db()
    group.refresh_from_db()
    assert one_to_one.notes == services.ERASED_TEXT
    assert group.notes == "Six people, scams talk"


def test_erase_drops_drafts_that_name_her(org_a, learner):
    SessionDraft.objects.create(
        organisation=org_a.organisation,
        champion=org_a.champion,
        data={"notes": "Prudence again, wants help with her bank"},
    )
    SessionDraft.objects.create(
        organisation=org_a.organisation, champion=org_a.pm, data={"notes": "Drop-in, 4 people"}
    )
    services.learner_erase(learner=learner)
    assert list(SessionDraft.objects.values_list("champion", flat=True)) == [org_a.pm.pk]


def test_only_the_learners_pms_may_erase(org_a, org_b, learner, client_for, client):
    url = _erase_url(learner)
    anonymous = client.post(url, {"confirm": "on"})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert client_for(org_a.champion).get(url).status_code == 403
    assert client_for(org_a.champion).post(url, {"confirm": "on"}).status_code == 403
    assert client_for(org_b.pm).get(url).status_code == 404
    assert client_for(org_b.pm).post(url, {"confirm": "on"}).status_code == 404
    assert client_for(org_a.pm).put(url).status_code == 405
    learner.refresh_from_db()
    assert learner.anonymised_at is None and learner.display_name == "Prudence Okoro"
    assert not AuditEvent.objects.filter(action="erase").exists()


def test_erase_page_query_bound(org_a, learner, client_for):
    client = client_for(org_a.pm)
    client.get(reverse("home"))
    with exactly(["session", "user", "memberships (the current organisation)", "the learner"]):
        page = client.get(_erase_url(learner))
    assert "cannot be undone" in page.content.decode()


@pytest.mark.parametrize("sessions", [1, 12])
def test_erasing_takes_the_same_queries_however_many_sessions(org_a, sessions):
    """The learner, consents, sessions, history and drafts are each read and written once."""

    def erase_with(count) -> int:
        learner = LearnerFactory(organisation=org_a.organisation, display_name="Ada Lovelace")
        for _ in range(count):
            AttendanceFactory(
                learner=learner,
                session__organisation=org_a.organisation,
                session__notes="Ada asked about email",
            )
        with CaptureQueriesContext(connection) as queries:
            services.learner_erase(learner=learner)
        return len(queries)

    assert erase_with(sessions) == erase_with(1)
