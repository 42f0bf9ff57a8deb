"""What a device sends when it is back online (issue 13): sessions logged and planned sessions
completed with no signal, in batches (POST /api/v1/sessions/batch/), each item with the id the
device made as its key. A repeat answers the first result; a planned session whose outcome was
recorded meanwhile, or a learner erased, is refused with a reason and nothing is kept of the
attempt. The browser side is tests/browser/test_offline.py."""

import threading
import time
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import IdempotencyRecord
from api.services import api_key_create
from core.vocabulary import SessionFormat, SessionStatus
from learners.models import Learner
from privacy.services import learner_erase
from sessions_log import services as sessions
from sessions_log.models import Attendance, SessionRevision, SupportSession
from tests.factories import MembershipFactory
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

BATCH = reverse("api:session_batch")
SESSIONS = reverse("api:sessions")


def _complete_url(session) -> str:
    return reverse("api:session_complete", args=[session.public_id])


def _today() -> str:
    return timezone.localdate().isoformat()


def one_to_one(**changes) -> dict:
    """A one-to-one completed today, as the device's form sends it."""
    return {
        "status": "completed",
        "date": _today(),
        "duration_minutes": 45,
        "format": "one_to_one",
        "mode": "in_person",
        "topics": ["email"],
        "new_learner_names": ["J. S."],
    } | changes


def planned_today(people, *, learners=(), **fields) -> SupportSession:
    session = SupportSessionFactory(
        **{
            "organisation": people.organisation,
            "champion": people.champion,
            "status": SessionStatus.PLANNED,
            "date": timezone.localdate(),
            "venue": "Library",
            **fields,
        }
    )
    for learner in learners:
        AttendanceFactory(session=session, learner=learner)
    return session


def completion(learners=(), **changes) -> dict:
    """How a planned one-to-one went, as the device's form sends it."""
    return one_to_one(
        **{
            "new_learner_names": [],
            "learners": [str(learner.public_id) for learner in learners],
            "confidence_before": 2,
            "confidence_after": 4,
            **changes,
        }
    )


@pytest.fixture
def champion_api(org_a, client_for):
    """The champion's browser, as the offline sync sends (the test client skips CSRF)."""
    return client_for(org_a.champion)


def send(client, items):
    return client.post(BATCH, {"items": items}, content_type="application/json")


# --- the batch ---------------------------------------------------------------------------------


def test_a_batch_answers_each_item_as_its_own_request(org_a, org_b, champion_api):
    plan = planned_today(org_a, learners=[LearnerFactory(organisation=org_a.organisation)])
    others = planned_today(org_b)
    items = [
        {"key": "new-1", "session": one_to_one()},
        {"key": "bad-1", "session": one_to_one(duration_minutes=0)},
        {"key": "done-1", "complete": str(plan.public_id), "session": completion()},
        {"key": "new-1", "session": one_to_one()},  # a repeat, in the same batch
        {"key": "new-1", "session": one_to_one(venue="Elsewhere")},  # the key, other data
        {"key": "theirs-1", "complete": str(others.public_id), "session": completion()},
    ]
    response = send(champion_api, items)
    assert response.status_code == 200, response.json()
    results = response.json()["results"]
    assert [(r["key"], r["status"]) for r in results] == [
        ("new-1", 201),
        ("bad-1", 400),
        ("done-1", 200),
        ("new-1", 200),
        ("new-1", 422),
        ("theirs-1", 404),
    ]
    new = SupportSession.objects.get(organisation=org_a.organisation, status="completed", venue="")
    assert results[0]["body"]["id"] == str(new.public_id) == results[3]["body"]["id"]
    assert "duration_minutes" in results[1]["body"]
    assert results[2]["body"]["status"] == "completed"
    assert "different session" in results[4]["body"]["detail"]
    plan.refresh_from_db()
    others.refresh_from_db()
    assert plan.status == SessionStatus.COMPLETED and others.status == SessionStatus.PLANNED
    assert SupportSession.objects.filter(organisation=org_a.organisation).count() == 2


def test_a_batch_sent_again_stores_nothing_new(org_a, champion_api):
    plan = planned_today(org_a)
    items = [
        {"key": str(uuid.uuid4()), "session": one_to_one(new_learner_names=[f"L{i}"])}
        for i in range(3)
    ] + [{"key": "done-2", "complete": str(plan.public_id), "session": completion()}]
    first = send(champion_api, items).json()["results"]
    again = send(champion_api, items).json()["results"]
    assert [r["status"] for r in first] == [201, 201, 201, 200]
    assert [r["status"] for r in again] == [200, 200, 200, 200]
    assert [r["body"] for r in again] == [r["body"] for r in first]
    assert SupportSession.objects.count() == 4
    assert Learner.objects.count() == 3
    assert SessionRevision.objects.filter(session=plan).count() == 1


def test_a_batch_has_a_size_and_a_method(org_a, champion_api, client):
    too_many = [{"key": f"k{i}", "session": one_to_one()} for i in range(26)]
    assert send(champion_api, too_many).status_code == 400
    assert send(champion_api, []).status_code == 400
    assert champion_api.get(BATCH).status_code == 405
    assert not SupportSession.objects.exists()
    client.logout()
    assert send(client, [{"key": "k", "session": one_to_one()}]).status_code in (401, 403)


def test_a_batch_with_an_api_key_logs_for_the_champion_named(org_a):
    _, secret = api_key_create(
        organisation=org_a.organisation, name="Booking", access="read_write", created_by=org_a.pm
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    item = {"key": "k-1", "session": one_to_one(champion=str(org_a.champion.public_id))}
    response = api.post(BATCH, {"items": [item, {"key": "k-2", "session": one_to_one()}]}, "json")
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses == [201, 400]  # the second names no champion
    assert SupportSession.objects.get().champion == org_a.champion


# --- completing a planned session --------------------------------------------------------------


def test_a_planned_session_is_completed_once(org_a, champion_api):
    learner = LearnerFactory(organisation=org_a.organisation, display_name="Pat Planned")
    plan = planned_today(org_a, learners=[learner], notes="Bring a charger")
    data = completion([learner], topics=["online_banking"])
    url = _complete_url(plan)
    first = champion_api.post(url, data, content_type="application/json", HTTP_IDEMPOTENCY_KEY="c1")
    assert first.status_code == 200, first.json()
    again = champion_api.post(url, data, content_type="application/json", HTTP_IDEMPOTENCY_KEY="c1")
    assert again.status_code == 200 and again.json() == first.json()
    plan.refresh_from_db()
    assert plan.status == SessionStatus.COMPLETED and plan.topics == ["online_banking"]
    assert plan.notes == "Bring a charger"  # not sent: the plan's own notes stay
    assert plan.venue == "Library"  # not sent either
    attendance = Attendance.objects.get(session=plan)
    assert (attendance.confidence_before, attendance.confidence_after) == (2, 4)
    learner.refresh_from_db()
    assert learner.session_count == 1 and learner.last_session_on == plan.date
    assert SessionRevision.objects.filter(session=plan).count() == 1  # recorded once, in history


def test_a_repeat_is_answered_however_the_session_changed_since(org_a, champion_api):
    plan = planned_today(org_a)
    url = _complete_url(plan)
    data = completion()
    champion_api.post(url, data, content_type="application/json", HTTP_IDEMPOTENCY_KEY="c2")
    sessions.session_update(session=plan, data={"venue": "Moved"}, changed_by=org_a.pm)
    again = champion_api.post(url, data, content_type="application/json", HTTP_IDEMPOTENCY_KEY="c2")
    assert again.status_code == 200 and again.json()["venue"] == "Moved"
    other = champion_api.post(
        url,
        completion(duration_minutes=30),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="c2",
    )
    assert other.status_code == 422


@pytest.mark.parametrize(
    ("meanwhile", "status", "words"),
    [
        ("completed", SessionStatus.COMPLETED, "already recorded"),
        ("cancelled", SessionStatus.CANCELLED, "cancelled meanwhile"),
    ],
)
def test_a_session_recorded_meanwhile_is_refused_with_why(
    org_a, champion_api, meanwhile, status, words
):
    plan = planned_today(org_a)
    if meanwhile == "completed":
        sessions.session_update(
            session=plan, data={"status": "completed", "anonymous_count": 1}, changed_by=org_a.pm
        )
    else:
        sessions.session_cancel(session=plan, reason="venue", changed_by=org_a.pm)
    response = champion_api.post(
        _complete_url(plan),
        completion(),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="late-1",
    )
    assert response.status_code == 409
    assert response.json()["status"] == status and words in response.json()["detail"]
    assert not IdempotencyRecord.objects.filter(key="late-1").exists()  # nothing kept of it
    assert SessionRevision.objects.filter(session=plan).count() == 1  # only the PM's


def test_an_erased_learner_is_refused_then_corrected_with_the_same_key(org_a, champion_api):
    learner = LearnerFactory(organisation=org_a.organisation)
    plan = planned_today(org_a, learners=[learner])
    learner_erase(learner=learner)
    url = _complete_url(plan)
    refused = champion_api.post(
        url, completion([learner]), content_type="application/json", HTTP_IDEMPOTENCY_KEY="c3"
    )
    assert refused.status_code == 400 and "learners" in refused.json()
    plan.refresh_from_db()
    assert plan.status == SessionStatus.PLANNED
    corrected = completion(new_learner_names=["P. L."])
    sent = champion_api.post(
        url, corrected, content_type="application/json", HTTP_IDEMPOTENCY_KEY="c3"
    )
    assert sent.status_code == 200, sent.json()
    plan.refresh_from_db()
    assert plan.status == SessionStatus.COMPLETED
    assert [lr.display_name for lr in plan.learners.all()] == ["P. L."]  # the new-learner rule


def test_what_cannot_complete_a_planned_session(org_a, org_b, champion_api):
    plan = planned_today(org_a)
    url = _complete_url(plan)
    as_planned = champion_api.post(
        url,
        completion(status="planned"),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="c4",
    )
    assert as_planned.status_code == 400 and "status" in as_planned.json()
    no_key = champion_api.post(url, completion(), content_type="application/json")
    assert no_key.status_code == 400 and "Idempotency-Key" in no_key.json()
    someone_elses = planned_today(
        org_a, champion=MembershipFactory(organisation=org_a.organisation).user
    )
    theirs = champion_api.post(
        _complete_url(someone_elses),
        completion(),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="c5",
    )
    assert theirs.status_code == 403
    other_org = champion_api.post(
        _complete_url(planned_today(org_b)),
        completion(),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="c6",
    )
    assert other_org.status_code == 404
    sessions.session_delete(session=plan, deleted_by=org_a.pm)
    deleted = champion_api.post(
        url, completion(), content_type="application/json", HTTP_IDEMPOTENCY_KEY="c7"
    )
    assert deleted.status_code == 404
    assert not SupportSession.objects.filter(status=SessionStatus.COMPLETED).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_completions_record_one_outcome(org_a, monkeypatch):
    """Two tabs sending one completion at once (one key), and two devices completing the same
    planned session at once (two keys): one outcome, recorded once."""
    plan = planned_today(org_a)
    real_complete = sessions.session_complete
    start = threading.Barrier(2)

    def slow_complete(**kwargs):
        time.sleep(0.4)  # hold the first inside its transaction, past its record's INSERT
        return real_complete(**kwargs)

    monkeypatch.setattr(sessions, "session_complete", slow_complete)

    def run(keys, answers):
        def one(key):
            client = APIClient()
            client.force_login(org_a.champion, backend="django.contrib.auth.backends.ModelBackend")
            start.wait()
            response = client.post(
                _complete_url(plan), completion(), format="json", HTTP_IDEMPOTENCY_KEY=key
            )
            answers.append(response.status_code)
            connection.close()

        threads = [threading.Thread(target=one, args=(key,)) for key in keys]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    same_key: list[int] = []
    run(["tab", "tab"], same_key)
    assert sorted(same_key) == [200, 200]
    assert SessionRevision.objects.filter(session=plan).count() == 1

    sessions.session_update(session=plan, data={"status": "planned"}, changed_by=org_a.pm)
    two_keys: list[int] = []
    run(["phone", "tablet"], two_keys)
    assert sorted(two_keys) == [200, 409]
    assert SessionRevision.objects.filter(session=plan).count() == 3  # one, back, one again


# --- what the device keeps of planned sessions --------------------------------------------------


def test_the_device_keeps_todays_planned_sessions_with_names_and_ids_only(org_a, org_b, client_for):
    known = LearnerFactory(organisation=org_a.organisation, display_name="Kit Known")
    erased = LearnerFactory(organisation=org_a.organisation, display_name="Erased Person")
    plan = planned_today(org_a, learners=[known, erased], notes="Private note", start_time="10:30")
    learner_erase(learner=erased)
    planned_today(org_a, date=timezone.localdate() + timedelta(days=1))  # tomorrow
    planned_today(org_a, champion=MembershipFactory(organisation=org_a.organisation).user)
    SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion)  # completed
    planned_today(org_b)
    response = client_for(org_a.champion).get(reverse("offline:learners"))
    assert response.json()["planned"] == [
        {
            "id": str(plan.public_id),
            "date": _today(),
            "start_time": "10:30",
            "duration_minutes": 45,
            "format": SessionFormat.ONE_TO_ONE,
            "mode": "in_person",
            "venue": "Library",
            "topics": ["email"],
            "anonymous_count": 0,
            "learners": [{"id": str(known.public_id), "name": "Kit Known"}],
        }
    ]
    assert b"Private note" not in response.content


def test_the_planned_sessions_query_count_does_not_grow(org_a, client_for):
    client = client_for(org_a.champion)
    client.get(reverse("home"))  # the session's first request stores its start time
    queries = [
        "session",
        "user",
        "memberships (the current organisation)",
        "the champion's own learners",
        "the champion's planned sessions due today",
        "their learners' names and ids",
    ]
    planned_today(org_a, learners=[LearnerFactory(organisation=org_a.organisation)])
    with exactly(queries):
        client.get(reverse("offline:learners"))
    for _ in range(4):
        planned_today(
            org_a, learners=LearnerFactory.create_batch(3, organisation=org_a.organisation)
        )
    with exactly(queries):
        response = client.get(reverse("offline:learners"))
    assert len(response.json()["planned"]) == 5


# --- what one session costs the portal -----------------------------------------------------------

# A signed-in champion's browser sending one session through the API (the offline sync's path),
# with learners found on the device and new ones by name. In a request the two outer SAVEPOINTs
# are the request's BEGIN and COMMIT (not counted); a test runs inside a transaction of its own.
RECEIVE_QUERIES = [
    "session",
    "user",
    "memberships (the current organisation)",
    "the key's first answer, if this is a repeat",
    "the learners named, by id",
    "SAVEPOINT: the key and the session are stored together or not at all",
    "INSERT the key (unique per organisation: a concurrent repeat waits here)",
    "SAVEPOINT: session_log's own transaction",
    "INSERT the new learners, together",
    "the champion's team",
    "INSERT the session, its people counted",
    "INSERT its attendances, together",
    "UPDATE the learners' first and last sessions and counts",
    "DELETE the champion's draft",
    "the webhook endpoints told of a logged session",
    "RELEASE session_log's savepoint",
    "UPDATE the key with its session",
    "RELEASE the key's savepoint",
    "the session's row, for the answer",
    "its learners' ids",
]


def _group_of(org, known: int, new: int) -> dict:
    learners = LearnerFactory.create_batch(known, organisation=org.organisation)
    return one_to_one(
        format="group",
        learners=[str(learner.public_id) for learner in learners],
        new_learner_names=[f"New {i}" for i in range(new)],
    )


def test_one_session_received_costs_the_same_queries_however_many_learners(org_a, champion_api):
    champion_api.get(reverse("home"))  # the session's first request stores its start time
    for size, key in ((1, "few"), (6, "many")):
        data = _group_of(org_a, known=size, new=size)
        with exactly(RECEIVE_QUERIES):
            response = champion_api.post(
                SESSIONS, data, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
            )
        assert response.status_code == 201, response.json()
        assert len(response.json()["learners"]) == 2 * size
