"""A group session's scores take only the digits 1 to 5 (with a message beside the field
otherwise), NUL characters never reach the database, and the draft autosave keeps only the
session form's own fields, bounded as the form bounds them."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from sessions_log import services
from sessions_log.models import Attendance, SessionDraft
from tests.factories import MembershipFactory, OrganisationFactory
from tests.sessions_log.factories import AttendanceFactory, SupportSessionFactory


@pytest.fixture
def group(org_a):
    session = SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, format="group"
    )
    return session, AttendanceFactory(session=session), AttendanceFactory(session=session)


# Characters str.isdigit() accepts that int() refuses or reads as another number, and the rest.
NOT_SCORES = ["²", "٣", "３", "𝟑", "0", "6", "-1", " 3", "3.0", "1e0", "\x003", "3\x00", "x"]


@pytest.mark.parametrize("typed", NOT_SCORES)
def test_a_score_that_is_not_1_to_5_is_a_message_beside_the_field(group, org_a, client_for, typed):
    session, first, second = group
    url = reverse("sessions_log:attendance_scores", args=[session.public_id])
    client = client_for(org_a.champion)
    client.post(url, {f"before_{first.pk}": "2", f"after_{first.pk}": "4"})
    response = client.post(url, {f"before_{first.pk}": "2", f"after_{first.pk}": typed})
    if typed.replace("\x00", "") == "3":
        # A NUL is stripped before the form sees it: what is left is a plain 3.
        assert response.status_code == 302
        first.refresh_from_db()
        assert first.confidence_after == 3
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert f'id="id_after_{first.pk}_error"' in body
    assert "Choose a number from 1 to 5, or leave it blank." in body
    first.refresh_from_db()
    assert (first.confidence_before, first.confidence_after) == (2, 4)  # nothing changed


def test_scores_still_save_and_show_as_chosen(group, org_a, client_for):
    session, first, second = group
    client = client_for(org_a.champion)
    response = client.post(
        reverse("sessions_log:attendance_scores", args=[session.public_id]),
        {f"before_{first.pk}": "1", f"after_{first.pk}": "5", f"goal_{second.pk}": "no"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.confidence_before, first.confidence_after, first.goal_met) == (1, 5, None)
    assert second.goal_met is False
    page = client.get(reverse("sessions_log:detail", args=[session.public_id])).content.decode()
    assert f'name="after_{first.pk}"' in page and '<option value="5" selected>' in page


def test_a_goal_that_is_not_offered_is_a_message(group, org_a, client_for):
    session, first, _ = group
    response = client_for(org_a.champion).post(
        reverse("sessions_log:attendance_scores", args=[session.public_id]),
        {f"goal_{first.pk}": "maybe"},
    )
    assert response.status_code == 200
    assert f'id="id_goal_{first.pk}_error"' in response.content.decode()


# --- NUL characters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, params",
    [
        ("sessions_log:learner_search", {"q": "a\x00b"}),
        ("sessions_log:mine", {"status": "\x00", "date_from": "\x00"}),
        ("sessions_log:all", {"champion": "\x00", "team": "\x00", "page": "\x00"}),
        ("learners:list", {"q": "\x00"}),
        ("toolkit:search", {"q": "\x00", "topic": "\x00"}),
        ("impact:organisation", {"period": "\x00", "team": "\x00"}),
        ("core_audit", {"scope": "\x00", "page": "\x00"}),
    ],
)
def test_a_nul_in_a_querystring_filter_is_not_a_server_error(org_a, client_for, name, params):
    url = reverse("audit_log") if name == "core_audit" else reverse(name)
    response = client_for(org_a.pm).get(url, params)
    assert response.status_code in (200, 302, 400, 403, 404)


@pytest.mark.parametrize(
    "path",
    ["/feedback/a%00b/", "/unsubscribe/a%00b/", "/invitations/a%00b/", "/sessions/%00/"],
)
def test_a_nul_in_a_path_is_no_page(org_a, client_for, path):
    assert client_for(org_a.champion).get(path).status_code == 404


def test_a_nul_in_a_cookie_is_not_a_server_error(org_a, client):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    client.cookies["csrftoken"] = "\x00"
    assert client.get(reverse("home")).status_code in (200, 302)


def test_a_nul_in_a_header_the_audit_log_keeps_is_not_a_server_error(org_a, client_for):
    from core.models import AuditEvent

    response = client_for(org_a.pm).get(
        reverse("impact:organisation_table_csv"),
        {"table": "headline"},
        HTTP_USER_AGENT="Mozilla\x00/5.0",
    )
    assert response.status_code == 200
    assert AuditEvent.objects.latest("pk").user_agent == "Mozilla/5.0"


def test_a_nul_in_the_draft_is_stripped(org_a, client_for):
    response = client_for(org_a.champion).post(
        reverse("sessions_log:draft"),
        {"notes": "before\x00after", "venue\x00": "x", "topics": ["email\x00", "scams"]},
    )
    assert response.status_code == 200
    data = SessionDraft.objects.get(champion=org_a.champion).data
    assert data["notes"] == "beforeafter"
    assert data["venue"] == "x"
    assert data["topics"] == ["email", "scams"]


def test_the_draft_service_strips_nul_for_any_caller(org_a):
    draft = services.draft_save(
        organisation=org_a.organisation, champion=org_a.champion, data={"notes": "a\x00b"}
    )
    draft.refresh_from_db()
    assert draft.data == {"notes": "ab"}


# --- Drafts -------------------------------------------------------------------------------------


def test_the_draft_keeps_only_the_session_forms_fields(org_a, client_for):
    learner_id = "0b7c6f0e-7d2a-4f7e-9a57-1f0d2c3b4a59"
    # Form-encoded, as a 5,000-character key is too long for a multipart part's header.
    response = client_for(org_a.champion).post(
        reverse("sessions_log:draft"),
        urlencode(
            {
                "notes": "Helped with email",
                "topics": ["email", "scams"],
                "learners": learner_id,
                f"learner_label:{learner_id}": "Mrs P (L-0001)",
                "learner_label:not-chosen": "Someone else",
                "k" * 5000: "a key nobody's form has",
                "is_admin": "yes",
                "csrfmiddlewaretoken": "x",
                "q": "search box",
            },
            doseq=True,
        ),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.json()["saved"] is True
    data = SessionDraft.objects.get(champion=org_a.champion).data
    assert data == {
        "notes": "Helped with email",
        "topics": ["email", "scams"],
        "learners": [learner_id],
        f"learner_label:{learner_id}": "Mrs P (L-0001)",
    }


def test_each_draft_value_is_bounded_as_the_form_bounds_it(org_a, client_for):
    client_for(org_a.champion).post(
        reverse("sessions_log:draft"),
        {
            "notes": "n" * 100_000,
            "venue": "v" * 5000,
            "cancel_note": "c" * 5000,
            "status": "s" * 5000,
            "date": "d" * 5000,
            "duration_minutes": "9" * 5000,
            "topics": ["t" * 5000] * 500,
        },
    )
    data = SessionDraft.objects.get(champion=org_a.champion).data
    assert len(data["notes"]) == 4000
    assert len(data["venue"]) == 120
    assert len(data["cancel_note"]) == 200
    assert len(data["status"]) <= 20
    assert len(data["date"]) == 10
    assert len(data["duration_minutes"]) <= 6
    assert len(data["topics"]) <= services.DRAFT_MAX_LIST
    assert all(len(t) <= 20 for t in data["topics"])
    assert len(str(data)) < 10_000


def test_a_champion_has_one_draft_per_organisation(org_a, client_for):
    client = client_for(org_a.champion)
    for n in range(5):
        client.post(reverse("sessions_log:draft"), {"notes": f"draft {n}"})
    assert SessionDraft.objects.filter(champion=org_a.champion).count() == 1
    assert SessionDraft.objects.get(champion=org_a.champion).data == {"notes": "draft 4"}
    # A second organisation is a second draft, no more: the bound is their memberships.
    other = OrganisationFactory()
    MembershipFactory(user=org_a.champion, organisation=other)
    services.draft_save(organisation=other, champion=org_a.champion, data={"notes": "elsewhere"})
    assert SessionDraft.objects.filter(champion=org_a.champion).count() == 2


def test_a_restored_draft_still_fills_the_form(org_a, client_for):
    client = client_for(org_a.champion)
    client.post(reverse("sessions_log:draft"), {"venue": "Central library", "mode": "online"})
    page = client.get(reverse("sessions_log:create")).content.decode()
    assert "Central library" in page
    assert client.get(reverse("sessions_log:draft")).json()["draft"] == {
        "venue": "Central library",
        "mode": "online",
    }
    assert Attendance.objects.count() == 0
