import json
from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from impact.periods import Period
from impact.selectors import organisation_headline
from learners.models import Consent, Learner
from notifications import jobs
from privacy import selectors, services
from privacy.tasks import anonymise_expired_learners_task
from sessions_log.models import Attendance, SessionRevision
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory

TODAY = date(2026, 11, 25)


@pytest.fixture
def learner(org_a):
    learner = LearnerFactory(
        organisation=org_a.organisation,
        display_name="Prudence Okoro",
        contact_email="prue@example.org",
        contact_phone="07700 900123",
        postcode_district="M14",
        age_band="65_74",
        disability="yes",
        created_by=org_a.champion,
    )
    for kind in (Consent.Kind.PROCESSING, Consent.Kind.CONTACT, Consent.Kind.SPECIAL_CATEGORY):
        Consent.objects.create(
            organisation=org_a.organisation,
            learner=learner,
            kind=kind,
            method="verbal",
            recorded_by=org_a.champion,
            what_they_were_told="Told Prudence about the notice",
        )
    for day in (date(2026, 10, 1), date(2026, 11, 2)):
        AttendanceFactory(
            learner=learner,
            session__organisation=org_a.organisation,
            session__champion=org_a.champion,
            session__date=day,
            session__notes="Prudence wants to video call her grandson",
            confidence_before=2,
            confidence_after=4,
        )
    return learner


def test_export_page_and_json_hold_everything_and_are_audited(org_a, learner, client_for):
    client = client_for(org_a.pm)
    page = client.get(reverse("privacy:learner_export", args=[learner.public_id]))
    html = page.content.decode()
    assert "Everything Organisation A holds about Prudence Okoro" in html
    assert "prue@example.org" in html and "65 to 74" in html
    assert "Be contacted (email or phone)" in html
    assert "2026-10-01" in html and "2026-11-02" in html
    download = client.get(reverse("privacy:learner_export_json", args=[learner.public_id]))
    assert download["Content-Disposition"].startswith("attachment;")
    data = json.loads(download.content)
    assert data["learner"]["reference"] == learner.reference
    assert {p["field"]: p["value"] for p in data["profile"]}["contact_phone"] == "07700 900123"
    assert [s["date"] for s in data["sessions"]] == ["2026-10-01", "2026-11-02"]
    assert len(data["consents"]) == 3
    exports = AuditEvent.objects.filter(action="export", target_id=str(learner.public_id))
    assert sorted(e.detail["format"] for e in exports) == ["json", "page"]


def test_erase_clears_every_personal_field_and_keeps_figures(org_a, learner, client_for):
    period = Period(start=date(2026, 1, 1), end=date(2026, 12, 31))
    before = organisation_headline(organisation=org_a.organisation, period=period)
    client = client_for(org_a.pm)
    url = reverse("privacy:learner_erase", args=[learner.public_id])
    refused = client.post(url, {})
    assert "Tick the box to confirm" in refused.content.decode()
    assert Learner.objects.get(pk=learner.pk).anonymised_at is None

    response = client.post(url, {"confirm": "on"}, follow=True)
    assert f"Learner {learner.reference} is erased" in response.content.decode()
    learner.refresh_from_db()
    assert learner.anonymised_at is not None
    for field, value in services.CLEARED_FIELDS.items():
        assert getattr(learner, field) == value, field
    assert not learner.consents.filter(withdrawn_at__isnull=True).exists()
    assert not learner.consents.exclude(what_they_were_told="").exists()
    assert Attendance.objects.filter(learner=learner).count() == 2
    assert not Attendance.objects.filter(session__notes__icontains="Prudence").exists()
    after = organisation_headline(organisation=org_a.organisation, period=period)
    assert after == before  # every figure, down to learners supported and confidence
    event = AuditEvent.objects.get(action="erase")
    assert (event.actor, event.target_label) == (org_a.pm, f"Learner {learner.reference}")
    assert "Prudence" not in json.dumps(
        list(AuditEvent.objects.values("target_label", "detail")), default=str
    )
    # The learner no longer shows in lists; erasing again is harmless and not logged twice.
    assert "Prudence" not in client.get(reverse("learners:list")).content.decode()
    assert services.learner_erase(learner=learner) is False
    assert AuditEvent.objects.filter(action="erase").count() == 1


def test_erase_scrubs_the_edit_history(org_a, learner):
    session = learner.attendances.first().session
    SessionRevision.objects.create(
        organisation=org_a.organisation,
        session=session,
        changed_by=org_a.champion,
        changes={"notes": ["", "Prudence wants to video call"], "duration_minutes": [30, 60]},
    )
    services.learner_erase(learner=learner)
    revision = SessionRevision.objects.get(session=session)
    assert "Prudence" not in json.dumps(revision.changes)
    assert revision.changes["duration_minutes"] == [30, 60]


@pytest.mark.parametrize("name", ["privacy:learner_export", "privacy:learner_export_json"])
def test_rights_pages_are_for_the_learners_pms_only(
    name, org_a, org_b, learner, client_for, client
):
    url = reverse(name, args=[learner.public_id])
    assert client.get(url).status_code == 302  # anonymous: to sign in
    assert client_for(org_a.champion).get(url).status_code == 403
    assert client_for(org_b.pm).get(url).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_erase_is_for_the_learners_pms_only(org_a, org_b, learner, client_for):
    url = reverse("privacy:learner_erase", args=[learner.public_id])
    assert client_for(org_a.champion).post(url, {"confirm": "on"}).status_code == 403
    assert client_for(org_b.pm).post(url, {"confirm": "on"}).status_code == 404
    learner.refresh_from_db()
    assert learner.anonymised_at is None


@pytest.mark.parametrize("extra_sessions", [0, 15])
def test_export_queries_do_not_grow(
    extra_sessions, org_a, learner, client_for, django_assert_max_num_queries
):
    for _ in range(extra_sessions):
        AttendanceFactory(
            learner=learner, session__organisation=org_a.organisation, session__champion=org_a.pm
        )
    client = client_for(org_a.pm)
    client.get(reverse("home"))
    with django_assert_max_num_queries(10):
        client.get(reverse("privacy:learner_export", args=[learner.public_id]))
    with django_assert_max_num_queries(10):
        client.get(reverse("privacy:learner_export_json", args=[learner.public_id]))


def test_retention_anonymises_only_learners_past_the_period(org_a):
    org_a.organisation.retention_months = 24
    org_a.organisation.save()
    old = LearnerFactory(organisation=org_a.organisation, display_name="Old Timer")
    Learner.objects.filter(pk=old.pk).update(last_session_on=TODAY - timedelta(days=2 * 365 + 5))
    recent = LearnerFactory(organisation=org_a.organisation, display_name="Recent One")
    Learner.objects.filter(pk=recent.pk).update(last_session_on=TODAY - timedelta(days=300))
    never = LearnerFactory(organisation=org_a.organisation, display_name="Never Came")
    Learner.objects.filter(pk=never.pk).update(
        created_at=timezone.make_aware(datetime(2024, 9, 16, 12, 0))
    )

    assert services.anonymise_expired_learners(today=TODAY) == 2
    assert set(
        Learner.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True)
    ) == {
        old.pk,
        never.pk,
    }
    assert Learner.objects.get(pk=recent.pk).display_name == "Recent One"
    # Idempotent: a second night changes nothing and logs nothing new.
    assert services.anonymise_expired_learners(today=TODAY) == 0
    events = AuditEvent.objects.filter(action="erase")
    assert events.count() == 2 and all(e.detail == {"reason": "retention"} for e in events)


def test_the_nightly_task_runs_the_retention(org_a):
    old = LearnerFactory(organisation=org_a.organisation)
    Learner.objects.filter(pk=old.pk).update(last_session_on=date(2020, 1, 1))
    assert anonymise_expired_learners_task.delay().get() == 1


def test_summary_email_warns_about_learners_due_for_anonymisation(
    org_a, django_capture_on_commit_callbacks
):
    soon = LearnerFactory(organisation=org_a.organisation)
    # 24 months minus ten days ago: anonymised in ten days unless they come back.
    Learner.objects.filter(pk=soon.pk).update(
        last_session_on=selectors.retention_cutoff(org_a.organisation, TODAY) + timedelta(days=10)
    )
    assert selectors.learners_due_for_anonymisation(org_a.organisation, today=TODAY) == 1
    with django_capture_on_commit_callbacks(execute=True):
        jobs.send(
            jobs.summaries_for_organisation(
                organisation=org_a.organisation, frequency="weekly", as_of=TODAY
            )
        )
    body = mail.outbox[0].body
    assert "1 learner record will be anonymised in the next 30 days" in body
    assert "no session for 24 months" in body


def test_erase_page_query_bound(org_a, learner, client_for, django_assert_max_num_queries):
    client = client_for(org_a.pm)
    client.get(reverse("home"))
    with django_assert_max_num_queries(8):
        page = client.get(reverse("privacy:learner_erase", args=[learner.public_id]))
    assert "cannot be undone" in page.content.decode()
