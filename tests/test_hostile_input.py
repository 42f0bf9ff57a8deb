"""Property-based walls: random and hostile input thrown at the session form, the learner form,
the CSV import and toolkit uploads. Whatever arrives, the answer is a page with a clear message
(never a server error), and nothing is half-saved: either a whole valid record, or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learners.models import Consent, Learner
from sessions_log.models import Attendance, SupportSession
from toolkit.models import Resource

HOSTILE = [
    "",
    " ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE learners_learner; --",
    "\x00",
    "\u202e\u200b",
    "𝕏" * 400,
    "../../etc/passwd",
    "%s%s%n",
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "25:61",
    "javascript:alert(1)",
    "null",
    "[]",
    "{}",
]
value = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))
values = st.one_of(value, st.lists(value, max_size=3))

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _fields(names) -> st.SearchStrategy:
    return st.fixed_dictionaries({}, optional={name: values for name in names})


def _ok(response):
    assert response.status_code in (200, 302, 400, 403, 404, 405, 413, 422), response.status_code


SESSION_FIELDS = [
    "status", "date", "start_time", "duration_minutes", "format", "mode", "venue", "learners",
    "new_learner_names", "anonymous_count", "topics", "skill_areas", "confidence_before",
    "confidence_after", "goal_met", "barriers", "device_support", "data_support", "signposting",
    "follow_up_needed", "follow_up_on", "cancel_reason", "cancel_note", "notes",
]  # fmt: skip


@SETTINGS
@given(data=_fields(SESSION_FIELDS))
@pytest.mark.django_db
def test_session_form_never_fails_and_never_half_saves(data, org_a, client_for):
    before = (SupportSession.objects.count(), Learner.objects.count(), Attendance.objects.count())
    response = client_for(org_a.champion).post(reverse("sessions_log:create"), data)
    _ok(response)
    after = (SupportSession.objects.count(), Learner.objects.count(), Attendance.objects.count())
    if response.status_code != 302:
        assert after == before, "a refused form saved something"
        assert "There is a problem" in response.content.decode()


LEARNER_FIELDS = [
    "display_name", "postcode_district", "age_band", "gender", "employment_status",
    "first_language_english", "heard_from", "contact_email", "contact_phone", "disability",
    "is_shared", "consent_method", "contact_consent", "special_category_consent", "media_consent",
]  # fmt: skip


@SETTINGS
@given(data=_fields(LEARNER_FIELDS))
@pytest.mark.django_db
def test_learner_form_never_fails_and_never_half_saves(data, org_a, client_for):
    before = (Learner.objects.count(), Consent.objects.count())
    response = client_for(org_a.champion).post(reverse("learners:create"), data)
    _ok(response)
    if response.status_code != 302:
        assert (Learner.objects.count(), Consent.objects.count()) == before
    else:
        learner = Learner.objects.latest("pk")
        # Whatever got through obeys the consent rules.
        if learner.contact_email or learner.contact_phone:
            assert learner.consents.filter(kind=Consent.Kind.CONTACT).exists()
        if learner.disability:
            assert learner.consents.filter(kind=Consent.Kind.SPECIAL_CATEGORY).exists()


CSV_HEADER = (
    "date,duration_minutes,format,mode,status,cancel_reason,topics,learner_name,"
    "learner_reference,anonymous_count,confidence_before,confidence_after,venue,champion_email"
)
csv_cell = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)).map(
    lambda v: v.replace("\n", " ").replace("\r", " ")
)


@SETTINGS
@given(
    rows=st.lists(st.lists(csv_cell, min_size=0, max_size=16), max_size=5),
    raw=st.one_of(st.none(), st.binary(max_size=300)),
    name=st.sampled_from(["sessions.csv", "sessions.xlsx", "a.exe", "", "..csv"]),
)
@pytest.mark.django_db
def test_csv_import_never_fails_and_saves_nothing_on_a_dry_run(rows, raw, name, org_a, client_for):
    import csv
    import io

    if raw is None:
        buffer = io.StringIO()
        buffer.write(CSV_HEADER + "\n")
        csv.writer(buffer).writerows(rows)
        raw = buffer.getvalue().encode("utf-8", "surrogatepass")
    upload = SimpleUploadedFile(name or "x", raw, content_type="text/csv")
    response = client_for(org_a.pm).post(reverse("sessions_log:import"), {"file": upload})
    _ok(response)
    # The first step only checks and previews: nothing is saved until the PM confirms.
    assert not SupportSession.objects.exists() and not Learner.objects.exists()


RESOURCE_FIELDS = [
    "title", "summary", "body", "resource_type", "audiences", "skill_areas", "topics",
    "language", "minutes", "external_url", "cover_alt", "is_featured",
]  # fmt: skip


@SETTINGS
@given(
    data=_fields(RESOURCE_FIELDS),
    content=st.one_of(
        st.binary(max_size=200),
        st.sampled_from([b"%PDF-1.4\n%%EOF", b"MZ\x90\x00", b"PK\x03\x04", b"<svg onload=x>"]),
    ),
    name=st.sampled_from(["a.pdf", "a.docx", "a.txt", "a.png", "a.exe", "a.pdf.exe", "a"]),
)
@pytest.mark.django_db
def test_toolkit_upload_never_fails_and_never_half_saves(
    data, content, name, network_admin, client_for
):
    response = client_for(network_admin).post(
        reverse("toolkit:create"),
        {**data, "file": SimpleUploadedFile(name, content)},
    )
    _ok(response)
    if response.status_code != 302:
        assert not Resource.objects.exists()
    else:
        resource = Resource.objects.get()
        # Only a file whose contents matched its type could get through.
        assert resource.file_content_type
        Resource.objects.all().delete()
