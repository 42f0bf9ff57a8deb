"""The champion's core workflow: logging, validation, history, soft delete, drafts, lists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learners.models import Learner
from sessions_log.models import SessionDraft, SessionRevision, SupportSession
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory

# Depends on today: runs again at every moment of the date matrix (tests/clock.py).
pytestmark = pytest.mark.dates


def _post(**overrides):
    data = {
        "status": "completed",
        "date": timezone.localdate().isoformat(),
        "duration_minutes": "45",
        "format": "one_to_one",
        "mode": "in_person",
        "topics": ["online_banking", "scams"],
        "confidence_before": "2",
        "confidence_after": "4",
        "goal_met": "yes",
        "anonymous_count": "0",
    }
    data.update(overrides)
    return data


def test_champion_logs_one_to_one_with_a_new_learner(org_a, client_for):
    client = client_for(org_a.champion)
    response = client.post(reverse("sessions_log:create"), _post(new_learner_names="Mrs P"))
    session = SupportSession.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sessions_log:detail", args=[session.public_id]))
    assert session.champion == org_a.champion
    assert session.team == org_a.champion_membership.team
    assert session.topics == ["online_banking", "scams"]
    assert session.people_count == 1
    learner = Learner.objects.get()
    assert learner.display_name == "Mrs P" and learner.organisation == org_a.organisation
    assert learner.session_count == 1 and learner.last_session_on == session.date
    attendance = session.attendances.get()
    assert (attendance.confidence_before, attendance.confidence_after, attendance.goal_met) == (
        2,
        4,
        True,
    )
    assert attendance.date == session.date and attendance.organisation == org_a.organisation
    page = client.get(response["Location"])
    assert b"Mrs P" in page.content and b"Online banking" in page.content


def test_group_session_with_known_learners_and_anonymous_people(org_a, client_for):
    known = LearnerFactory(organisation=org_a.organisation, created_by=org_a.champion)
    response = client_for(org_a.champion).post(
        reverse("sessions_log:create"),
        _post(
            format="group",
            learners=[str(known.public_id)],
            new_learner_names="AB, CD",
            anonymous_count="3",
        ),
    )
    assert response.status_code == 302
    session = SupportSession.objects.get()
    assert session.people_count == 6
    assert session.attendances.count() == 3
    # Confidence is per learner: a group form does not stamp one score on everyone.
    assert not session.attendances.filter(confidence_before__isnull=False).exists()


def test_anonymous_one_off_help_needs_no_learner_record(org_a, client_for):
    # Nobody named: one person helped without a record.
    response = client_for(org_a.champion).post(reverse("sessions_log:create"), _post())
    assert response.status_code == 302
    assert SupportSession.objects.get().people_count == 1
    assert not Learner.objects.exists()


def test_tally_records_a_drop_in_in_a_few_taps(org_a, client_for):
    response = client_for(org_a.champion).post(
        reverse("sessions_log:tally"),
        {
            "count": "12",
            "topics": ["nhs_app", "email"],
            "date": timezone.localdate().isoformat(),
            "duration_minutes": "120",
            "venue": "Central library",
        },
    )
    assert response.status_code == 302
    session = SupportSession.objects.get()
    assert (session.format, session.anonymous_count, session.people_count) == ("drop_in", 12, 12)


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        (
            {"date": (timezone.localdate() + timedelta(days=2)).isoformat()},
            "date",
            b"cannot be in the future",
        ),
        ({"duration_minutes": "0"}, "duration_minutes", b"between 1 minute and 8 hours"),
        ({"duration_minutes": "481"}, "duration_minutes", b"between 1 minute and 8 hours"),
        ({"confidence_before": "7"}, "confidence_before", b"Choose a number from 1 to 5"),
        ({"status": "cancelled"}, "cancel_reason", b"Choose why the session was cancelled"),
        (
            {"follow_up_on": timezone.localdate().isoformat()},
            "follow_up_needed",
            b"Tick \xe2\x80\x9cfollow-up needed\xe2\x80\x9d",
        ),
        ({"new_learner_names": "AB, CD"}, "learners", b"A one-to-one session is with one person"),
    ],
)
def test_bad_input_is_explained_and_nothing_saved(overrides, field, message, org_a, client_for):
    data = _post(venue="Community hub", notes="Typed notes stay", **overrides)
    response = client_for(org_a.champion).post(reverse("sessions_log:create"), data)
    assert response.status_code == 200
    assert message in response.content
    assert b"There is a problem" in response.content
    assert b"Typed notes stay" in response.content and b'value="Community hub"' in response.content
    assert not SupportSession.objects.exists()
    assert not Learner.objects.exists()


def test_learner_of_another_organisation_is_refused(org_a, org_b, client_for):
    theirs = LearnerFactory(organisation=org_b.organisation)
    response = client_for(org_a.pm).post(
        reverse("sessions_log:create"), _post(learners=[str(theirs.public_id)])
    )
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert not SupportSession.objects.exists()


def test_planned_session_is_completed_later_and_history_is_kept(org_a, client_for):
    client = client_for(org_a.champion)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    client.post(
        reverse("sessions_log:plan"),
        {"date": future, "duration_minutes": "45", "format": "one_to_one", "mode": "in_person"},
    )
    session = SupportSession.objects.get()
    assert session.status == "planned"
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("sessions_log:complete", args=[session.public_id]),
        _post(new_learner_names="JD", date=today, duration_minutes="90"),
    )
    learner = Learner.objects.get()
    assert response.status_code == 302
    session.refresh_from_db()
    learner.refresh_from_db()
    assert session.status == "completed" and session.duration_minutes == 90
    assert learner.session_count == 1
    revision = SessionRevision.objects.get(session=session)
    assert revision.changes["status"] == ["planned", "completed"]
    assert revision.changes["duration_minutes"] == [45, 90]
    # The PM sees the history on the session page; the champion does not.
    pm_page = client_for(org_a.pm).get(reverse("sessions_log:detail", args=[session.public_id]))
    assert b"History" in pm_page.content and b"Duration minutes" not in pm_page.content
    assert b"Durationminutes: 45" in pm_page.content or b"45 \xe2\x86\x92 90" in pm_page.content


def test_cancel_with_reason(org_a, client_for):
    session = SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, status="planned"
    )
    client = client_for(org_a.champion)
    url = reverse("sessions_log:cancel", args=[session.public_id])
    assert b"Choose why" in client.post(url, {}).content
    client.post(url, {"cancel_reason": "disruption", "cancel_note": "Climate protest"})
    session.refresh_from_db()
    assert (session.status, session.cancel_reason, session.cancel_note) == (
        "cancelled",
        "disruption",
        "Climate protest",
    )


def test_soft_delete_and_pm_restore(org_a, client_for):
    attendance = AttendanceFactory(
        session__organisation=org_a.organisation, session__champion=org_a.champion
    )
    session, learner = attendance.session, attendance.learner
    from sessions_log.services import learner_stats_refresh

    learner_stats_refresh(learner_ids=[learner.pk])
    client_for(org_a.champion).post(reverse("sessions_log:delete", args=[session.public_id]))
    session.refresh_from_db()
    learner.refresh_from_db()
    assert session.deleted_at is not None and learner.session_count == 0
    champion_list = client_for(org_a.champion).get(reverse("sessions_log:mine"))
    assert str(session.public_id).encode() not in champion_list.content
    # Champions cannot restore; PMs can.
    assert (
        client_for(org_a.champion)
        .post(reverse("sessions_log:restore", args=[session.public_id]))
        .status_code
        == 403
    )
    client_for(org_a.pm).post(reverse("sessions_log:restore", args=[session.public_id]))
    session.refresh_from_db()
    learner.refresh_from_db()
    assert session.deleted_at is None and learner.session_count == 1


def test_champion_cannot_see_another_champions_session(org_a, client_for):
    from tests.factories import MembershipFactory

    colleague = MembershipFactory(organisation=org_a.organisation).user
    session = SupportSessionFactory(organisation=org_a.organisation, champion=colleague)
    client = client_for(org_a.champion)
    assert client.get(reverse("sessions_log:detail", args=[session.public_id])).status_code == 404
    assert client.get(reverse("sessions_log:edit", args=[session.public_id])).status_code == 404
    # The PM may see and edit it.
    assert (
        client_for(org_a.pm).get(reverse("sessions_log:edit", args=[session.public_id])).status_code
        == 200
    )


def test_pm_list_is_refused_to_champions(org_a, client_for):
    assert client_for(org_a.champion).get(reverse("sessions_log:all")).status_code == 403


@pytest.mark.parametrize("name", ["sessions_log:mine", "sessions_log:create", "sessions_log:tally"])
def test_anonymous_is_sent_to_sign_in(name, client, db):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "name", ["sessions_log:delete", "sessions_log:restore", "sessions_log:follow_up_done"]
)
def test_actions_refuse_get(name, org_a, client_for):
    session = SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion)
    assert client_for(org_a.pm).get(reverse(name, args=[session.public_id])).status_code == 405


def test_draft_is_kept_on_the_server_and_offered_back(org_a, client_for):
    client = client_for(org_a.champion)
    response = client.post(
        reverse("sessions_log:draft"),
        {"notes": "Helped with the NHS App", "topics": ["nhs_app", "email"]},
    )
    assert response.json()["saved"] is True
    draft = SessionDraft.objects.get(champion=org_a.champion)
    assert draft.data["topics"] == ["nhs_app", "email"]
    page = client.get(reverse("sessions_log:create"))
    assert b"Helped with the NHS App" in page.content  # embedded for sessions.js to restore
    client.post(reverse("sessions_log:create"), _post(anonymous_count="1"))
    assert not SessionDraft.objects.exists()  # a saved session clears the draft


def test_defaults_come_from_the_last_session(org_a, client_for):
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        venue="Moss Side library",
        mode="phone",
        duration_minutes=30,
    )
    page = client_for(org_a.champion).get(reverse("sessions_log:create")).content.decode()
    assert 'value="Moss Side library"' in page
    assert 'value="30"' in page
    assert 'value="phone"  id="id_mode_1" required checked' in page or (
        'value="phone"' in page and "checked" in page
    )


def test_learner_search_only_finds_visible_learners(org_a, org_b, client_for):
    LearnerFactory(organisation=org_a.organisation, display_name="Margaret", is_shared=True)
    LearnerFactory(organisation=org_a.organisation, display_name="Marcus")  # not shared
    LearnerFactory(organisation=org_b.organisation, display_name="Mary", is_shared=True)
    champion = client_for(org_a.champion).get(reverse("sessions_log:learner_search"), {"q": "Ma"})
    assert b"Margaret" in champion.content
    assert b"Marcus" not in champion.content and b"Mary" not in champion.content
    pm = client_for(org_a.pm).get(reverse("sessions_log:learner_search"), {"q": "Ma"})
    assert b"Marcus" in pm.content and b"Mary" not in pm.content


def test_list_filters(org_a, client_for):
    SupportSessionFactory(
        organisation=org_a.organisation,
        champion=org_a.champion,
        status="cancelled",
        cancel_reason="venue",
        venue="Alpha",
    )
    SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, status="completed"
    )
    page = client_for(org_a.pm).get(reverse("sessions_log:all"), {"status": "cancelled"})
    assert page.content.count(b"Cancelled</td>") == 1
    bad = client_for(org_a.pm).get(
        reverse("sessions_log:all"), {"date_from": "2026-05-01", "date_to": "2026-01-01"}
    )
    assert b"on or after the start date" in bad.content


@pytest.mark.parametrize(
    "url_name,user", [("sessions_log:all", "pm"), ("sessions_log:mine", "champion")]
)
def test_lists_query_count_does_not_grow(url_name, user, org_a, client_for):
    client = client_for(getattr(org_a, user))
    client.get(reverse("home"))  # the session's first request stores its start time
    SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion)
    queries = ["session", "user", "memberships (the current organisation)"]
    queries += ["how many sessions, up to 1,000", "this page of sessions (keyset)"]
    if user == "pm":
        queries += ["the champion filter's choices", "the team filter's choices"]
    with exactly(queries):
        client.get(reverse(url_name))
    SupportSessionFactory.create_batch(30, organisation=org_a.organisation, champion=org_a.champion)
    with exactly(queries):
        response = client.get(reverse(url_name))
    assert response.content.count(b"/sessions/") >= 25


# A session's page: the session, its learners, its history.
DETAIL = [
    "the session, if this person may see it",
    "its learners, with their scores",
    "its history of changes",
]


def test_form_and_detail_query_counts_are_bounded(org_a, client_for):
    session = SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion)
    for _ in range(5):
        AttendanceFactory(session=session)
    client = client_for(org_a.pm)
    client.get(reverse("home"))  # the session's first request stores its start time
    signed_in = ["session", "user", "memberships (the current organisation)"]
    lending = ["lending settings (the usual loan)", "devices in stock to suggest (at most 50)"]
    with exactly(signed_in + ["how and where last time", "a draft to restore"] + lending):
        client.get(reverse("sessions_log:create"))
    with exactly(signed_in + DETAIL):
        assert (
            client.get(reverse("sessions_log:detail", args=[session.public_id])).status_code == 200
        )


def test_group_learners_each_get_their_own_confidence(org_a, client_for):
    session = SupportSessionFactory(
        organisation=org_a.organisation, champion=org_a.champion, format="group"
    )
    first = AttendanceFactory(session=session)
    second = AttendanceFactory(session=session)
    client = client_for(org_a.champion)
    url = reverse("sessions_log:attendance_scores", args=[session.public_id])
    client.post(
        url,
        {
            f"before_{first.pk}": "2",
            f"after_{first.pk}": "4",
            f"goal_{first.pk}": "yes",
            f"before_{second.pk}": "3",
            f"after_{second.pk}": "3",
        },
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.confidence_before, first.confidence_after, first.goal_met) == (2, 4, True)
    assert (second.confidence_before, second.confidence_after, second.goal_met) == (3, 3, None)
    assert SessionRevision.objects.get(session=session).changes["confidence"]
    bad = client.post(url, {f"before_{first.pk}": "9"}, follow=True)
    first.refresh_from_db()
    assert first.confidence_before == 2  # "9" is not a score: nothing changed
    assert bad.status_code == 200
