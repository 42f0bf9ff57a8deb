"""The figures endpoint gives the dashboard's numbers: the same period, the same filters, the same
code (impact.reports), compared here with what the page itself shows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.vocabulary import SessionStatus
from sessions_log.models import Attendance
from tests.sessions_log.factories import LearnerFactory, SupportSessionFactory

pytestmark = pytest.mark.django_db


def _data(people, today):
    learners = [LearnerFactory(organisation=people.organisation) for _ in range(3)]
    for i in range(6):
        session = SupportSessionFactory(
            organisation=people.organisation,
            champion=people.champion if i % 2 else people.pm,
            team=people.champion_membership.team if i % 2 else None,
            date=today - timedelta(days=i * 9),
            duration_minutes=30 + i,
            anonymous_count=i % 3,
            people_count=1 + i % 3,
            topics=["email", "online_banking"][: 1 + i % 2],
        )
        Attendance.objects.create(
            organisation=people.organisation,
            session=session,
            learner=learners[i % 3],
            date=session.date,
            confidence_before=2,
            confidence_after=3 + i % 3,
        )
    SupportSessionFactory(
        organisation=people.organisation,
        champion=people.champion,
        date=today,
        status=SessionStatus.CANCELLED,
        cancel_reason="venue",
    )


@pytest.mark.parametrize("with_team", [False, True])
def test_figures_are_the_dashboards(org_a, org_b, key_for, api, client_for, with_team):
    today = timezone.localdate()
    _data(org_a, today)
    _data(org_b, today)
    query = {
        "period": "custom",
        "start": (today - timedelta(days=60)).isoformat(),
        "end": today.isoformat(),
    }
    if with_team:
        query["team"] = str(org_a.champion_membership.team.public_id)
    page = client_for(org_a.pm).get(reverse("impact:organisation"), query)
    assert page.status_code == 200
    _, secret = key_for(org_a)
    response = api(secret).get(reverse("api:figures"), query)
    assert response.status_code == 200
    body = response.json()
    figures = page.context["figures"]
    assert {r["key"]: r["value"] for r in body["figures"]["headline"]} == {
        r["key"]: r["value"] for r in figures["rows"]
    }
    assert {r["key"]: r["previous"] for r in body["figures"]["headline"]} == {
        r["key"]: r["previous"] for r in figures["rows"]
    }
    assert body["figures"]["headline"][0]["value"] > 0
    assert body["figures"]["period"]["start"] == figures["period"].start.isoformat()
    assert [(r["sessions"], r["people"]) for r in body["figures"]["trend"]] == [
        (r["sessions"], r["people"]) for r in figures["trend"]
    ]
    assert [
        (b["title"], [(r["label"], r["count"]) for r in b["rows"]])
        for b in body["figures"]["breakdowns"]
    ] == [(b["title"], [tuple(r) for r in b["rows"]]) for b in figures["breakdowns"]]
    assert [(r["name"], r["completed"], r["people"]) for r in body["champions"]] == [
        (r["name"], r["completed"], r["people"]) for r in page.context["champion_rows"]
    ]
    assert [(r["name"], r["completed"], r["people"]) for r in body["teams"]] == [
        (r["name"], r["completed"], r["people"]) for r in page.context["team_rows"]
    ]


def test_bad_figures_query_is_400(org_a, key_for, api):
    _, secret = key_for(org_a)
    response = api(secret).get(reverse("api:figures"), {"period": "custom", "start": "2026-01-01"})
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    foreign = api(secret).get(
        reverse("api:figures"), {"team": "6b1f0d3e-0000-4000-8000-000000000000"}
    )
    assert foreign.status_code == 400 and "team" in foreign.json()


def test_network_figures_are_the_network_dashboards(
    org_a, org_b, key_for, api, client_for, network_admin
):
    today = timezone.localdate()
    _data(org_a, today)
    _data(org_b, today)
    page = client_for(network_admin).get(reverse("impact:network"))
    _, secret = key_for(None)
    body = api(secret).get(reverse("api:network_figures")).json()
    assert {r["key"]: r["value"] for r in body["figures"]["headline"]} == {
        r["key"]: r["value"] for r in page.context["figures"]["rows"]
    }


def test_figures_queries_do_not_grow_with_data(org_a, key_for, api, django_assert_max_num_queries):
    """The dashboard's own query count (impact.reports, cached per data version) plus the key,
    the request row and two lookups of team and champion ids."""
    today = timezone.localdate()
    _, secret = key_for(org_a)
    client = api(secret)
    client.get(reverse("api:figures"))
    _data(org_a, today)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("api:figures"))
    for _ in range(3):
        _data(org_a, today)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("api:figures")).status_code == 200
