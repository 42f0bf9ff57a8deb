"""Reading: sessions (filters, cursor pages), learners as pseudonymous records, teams, champions,
the published toolkit; another organisation's object is exactly 404 with a key; the number of
queries per endpoint does not grow with the data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.vocabulary import SessionStatus
from sessions_log.models import Attendance
from tests.factories import TeamFactory
from tests.sessions_log.factories import LearnerFactory, SupportSessionFactory
from tests.toolkit.factories import make_resource as published_resource

pytestmark = pytest.mark.django_db


def _session(people, **kwargs):
    session = SupportSessionFactory(
        organisation=people.organisation, champion=people.champion, **kwargs
    )
    learner = LearnerFactory(organisation=people.organisation)
    Attendance.objects.create(
        organisation=people.organisation, session=session, learner=learner, date=session.date
    )
    return session


def test_sessions_list_filters_and_names_by_public_id(org_a, org_b, key_for, api):
    today = timezone.localdate()
    team = TeamFactory(organisation=org_a.organisation)
    recent = _session(org_a, date=today, team=team)
    older = _session(
        org_a,
        date=today - timedelta(days=40),
        status=SessionStatus.CANCELLED,
        cancel_reason="venue",
    )
    _session(org_b, date=today)
    _, secret = key_for(org_a)
    client = api(secret)
    body = client.get(reverse("api:sessions")).json()
    assert [r["id"] for r in body["results"]] == [str(recent.public_id), str(older.public_id)]
    first = body["results"][0]
    assert first["champion"] == str(org_a.champion.public_id)
    assert first["team"] == str(team.public_id)
    assert first["learners"] == [str(recent.learners.get().public_id)]
    assert "notes" not in first
    only = lambda **q: [r["id"] for r in client.get(reverse("api:sessions"), q).json()["results"]]  # noqa: E731
    assert only(status="cancelled") == [str(older.public_id)]
    assert only(date_from=(today - timedelta(days=1)).isoformat()) == [str(recent.public_id)]
    assert only(date_to=(today - timedelta(days=1)).isoformat()) == [str(older.public_id)]
    assert only(team=str(team.public_id)) == [str(recent.public_id)]
    assert only(champion=str(org_b.champion.public_id)) == []


def test_the_fast_session_output_is_drfs(org_a):
    from api import selectors
    from api.serializers import SessionSerializer

    team = TeamFactory(organisation=org_a.organisation)
    _session(org_a, team=team, follow_up_needed=True, venue="Library")
    _session(org_a, start_time="09:30", follow_up_on=timezone.localdate())
    rows = selectors.with_learners(
        list(
            selectors.session_rows(
                selectors.sessions_for(organisation=org_a.organisation, filters={})
            )
        )
    )
    serializer = SessionSerializer()
    for row in rows:
        assert serializer.to_representation(row) == serializer.generic_representation(row)


def test_bad_filters_are_400_field_by_field(org_a, key_for, api):
    _, secret = key_for(org_a)
    response = api(secret).get(
        reverse("api:sessions"), {"date_from": "2026-13-01", "status": "sunny"}
    )
    assert response.status_code == 400
    assert set(response.json()) == {"date_from", "status"}


def test_cursor_pages_walk_every_session_once(org_a, key_for, api):
    today = timezone.localdate()
    made = {str(_session(org_a, date=today - timedelta(days=i % 3)).public_id) for i in range(7)}
    _, secret = key_for(org_a)
    seen, url = [], reverse("api:sessions") + "?page_size=3"
    while url:
        body = api(secret).get(url).json()
        seen += [r["id"] for r in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(made)


def test_learners_are_pseudonymous(org_a, key_for, api):
    LearnerFactory(
        organisation=org_a.organisation,
        contact_email="someone@example.org",
        contact_phone="07700900000",
        disability="yes",
    )
    _, secret = key_for(org_a)
    record = api(secret).get(reverse("api:learners")).json()["results"][0]
    assert "contact_email" not in record and "contact_phone" not in record
    assert "notes" not in record
    assert record["disability"] is None
    _, granted = key_for(org_a, can_read_special_category=True)
    assert api(granted).get(reverse("api:learners")).json()["results"][0]["disability"] == "yes"


def test_teams_and_champions(org_a, org_b, key_for, api):
    _, secret = key_for(org_a)
    teams = api(secret).get(reverse("api:teams")).json()["results"]
    assert [t["name"] for t in teams] == ["Organisation A team"]
    champions = api(secret).get(reverse("api:champions")).json()["results"]
    ids = {c["id"] for c in champions}
    assert ids == {str(org_a.champion.public_id), str(org_a.pm.public_id)}
    assert all("email" not in c for c in champions)


def test_published_toolkit_needs_no_key(org_a, org_b, key_for, api):
    shared = published_resource(organisation=None, title="Staying safe online")
    private = published_resource(organisation=org_a.organisation, title="A's own handout")
    published_resource(organisation=org_b.organisation, title="B's own handout")
    anonymous = api().get(reverse("api:toolkit"))
    assert anonymous.status_code == 200
    assert [r["id"] for r in anonymous.json()["results"]] == [str(shared.public_id)]
    _, secret = key_for(org_a)
    titles = {r["title"] for r in api(secret).get(reverse("api:toolkit")).json()["results"]}
    assert titles == {shared.title, private.title}


ROUTES = ["api:session_detail", "api:session_cancel", "api:learner_detail"]


@pytest.mark.parametrize("route", ROUTES)
def test_another_organisations_objects_are_404_with_a_key(route, org_a, org_b, key_for, api):
    from tests.api.tenancy import OBJECTS_OF_ANOTHER_ORGANISATION

    _, secret = key_for(org_a, access="read_write")
    url = reverse(route, kwargs=OBJECTS_OF_ANOTHER_ORGANISATION[route](org_b))
    client = api(secret)
    method = "post" if route == "api:session_cancel" else "get"
    response = getattr(client, method)(url, {"reason": "venue"}, format="json")
    assert response.status_code == 404
    if route == "api:session_detail":
        assert client.patch(url, {"venue": "x"}, format="json").status_code == 404
    # And the same URL on the key's own organisation's object is found.
    own = reverse(route, kwargs=OBJECTS_OF_ANOTHER_ORGANISATION[route](org_a))
    assert getattr(client, method)(own, {"reason": "venue"}, format="json").status_code == 200


def test_filters_cannot_reach_another_organisation(org_a, org_b, key_for, api):
    _session(org_b)
    _, secret = key_for(org_a)
    body = (
        api(secret).get(reverse("api:sessions"), {"champion": str(org_b.champion.public_id)}).json()
    )
    assert body["results"] == []


def _grow(people, n):
    today = timezone.localdate()
    for i in range(n):
        _session(people, date=today - timedelta(days=i))
        published_resource(organisation=None, title=f"Resource {i}")
        TeamFactory(organisation=people.organisation)


# Each endpoint: the key (1), its request row (1), then the endpoint's own reads. last_used_at is
# written at most once a minute, so it is not in the steady state counted here.
ENDPOINT_QUERIES = {
    "api:sessions": 2,  # the page of rows with champion and team ids; the learners' ids
    "api:learners": 1,
    "api:teams": 1,
    "api:champions": 1,
    "api:toolkit": 1,
}


@pytest.mark.parametrize("route", sorted(ENDPOINT_QUERIES))
def test_queries_per_endpoint_do_not_grow_with_data(
    route, org_a, key_for, api, django_assert_num_queries
):
    _, secret = key_for(org_a)
    client = api(secret)
    client.get(reverse(route))  # sets last_used_at
    _grow(org_a, 2)
    with django_assert_num_queries(2 + ENDPOINT_QUERIES[route]):
        client.get(reverse(route))
    _grow(org_a, 8)
    with django_assert_num_queries(2 + ENDPOINT_QUERIES[route]):
        assert client.get(reverse(route)).status_code == 200


@pytest.mark.parametrize(
    "route, queries",
    [
        # The session as a model (for the role check), then as a row, then its learners' ids.
        ("api:session_detail", 3),
        ("api:learner_detail", 1),
    ],
)
def test_queries_per_object_do_not_grow_with_data(
    route, queries, org_a, key_for, api, django_assert_num_queries
):
    _, secret = key_for(org_a)
    client = api(secret)
    session = _session(org_a)
    target = session if route == "api:session_detail" else session.learners.get()
    url = reverse(route, args=[target.public_id])
    client.get(url)  # sets last_used_at
    with django_assert_num_queries(2 + queries):
        assert client.get(url).status_code == 200
    for _ in range(5):
        learner = LearnerFactory(organisation=org_a.organisation)
        Attendance.objects.create(
            organisation=org_a.organisation, session=session, learner=learner, date=session.date
        )
        _grow(org_a, 1)
    with django_assert_num_queries(2 + queries):
        assert client.get(url).status_code == 200
