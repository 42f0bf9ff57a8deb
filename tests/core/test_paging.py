"""Keyset paging (core/paging.py) through the pages that use it: every row once, in order, both
ways, over rows that tie on every column but the id; a cursor that was tampered with, made
for another list or left behind by deletions is a clean first page; the queries of page 10 are
the queries of page 1."""

import base64
import html
import re
from datetime import date, time

import pytest
import time_machine
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from core.paging import _fernet, keyset_page
from devices.models import Device
from learners.models import Learner
from sessions_log.models import SupportSession
from tests.devices.factories import DeviceFactory
from tests.queries import exactly
from tests.sessions_log.factories import LearnerFactory, SupportSessionFactory

pytestmark = pytest.mark.django_db

REJECTED = "That page link no longer works"


def _links(page: str, prefix: str) -> list[str]:
    """The links to objects' pages (/<prefix>/<uuid>/) in the order the page shows them."""
    return re.findall(rf'href="(/{prefix}/[0-9a-f]{{8}}-[0-9a-f-]{{27}}/)"', page)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        yield


def _link(page: str, rel: str) -> str | None:
    """The query string of the page's "next" or "prev" link, as a person would follow it."""
    found = re.search(rf'<a class="page-link" rel="{rel}" href="\?([^"]*)">', page)
    return html.unescape(found.group(1)) if found else None


def _walk(client, url: str, shown, rel: str, start: str = "") -> tuple[list[list], str]:
    """Follow the `rel` links from `start` to the end: what each page showed, and the query
    string of the last page reached."""
    pages, query = [], start
    while True:
        page = client.get(f"{url}?{query}").content.decode()
        pages.append(shown(page))
        following = _link(page, rel)
        if following is None:
            return pages, query
        query = following
        assert len(pages) < 20, "the links go round in a circle"


def _sessions_shown(sessions):
    by_link = {reverse("sessions_log:detail", args=[s.public_id]): s.pk for s in sessions}

    def shown(page: str) -> list[int]:
        return [by_link[href] for href in _links(page, "sessions")]

    return shown


def _ties(org, n: int = 60) -> list[SupportSession]:
    """Sessions on three days, each at none, one or two start times: many share a date and a
    time, so only the id tells them apart."""
    days = [date(2026, 11, 18), date(2026, 11, 17), date(2026, 10, 1)]
    times = [None, time(9, 0), time(14, 30)]
    return [
        SupportSessionFactory(
            organisation=org.organisation,
            champion=org.champion,
            date=days[i % 3],
            start_time=times[(i // 3) % 3],
        )
        for i in range(n)
    ]


def _newest_first(sessions) -> list[int]:
    """The order the list promises, worked out here: newest day first; on a day, a session with
    no start time before the latest start (PostgreSQL puts NULL first going down); then the
    latest made."""
    return [
        s.pk
        for s in sorted(
            sessions,
            key=lambda s: (
                -s.date.toordinal(),
                s.start_time is not None,
                -(s.start_time.hour * 60 + s.start_time.minute) if s.start_time else 0,
                -s.pk,
            ),
        )
    ]


@pytest.mark.parametrize(
    "url_name,user", [("sessions_log:mine", "champion"), ("sessions_log:all", "pm")]
)
def test_the_session_list_pages_every_session_once_both_ways(url_name, user, org_a, client_for):
    sessions = _ties(org_a)
    client = client_for(getattr(org_a, user))
    url = reverse(url_name)
    shown = _sessions_shown(sessions)

    older, last = _walk(client, url, shown, "next")
    assert [len(p) for p in older] == [25, 25, 10]
    assert [pk for p in older for pk in p] == _newest_first(sessions)

    first = client.get(url).content.decode()
    assert "Older</a>" in first and "Newer</a>" not in first
    assert '<nav aria-label="Pages"' in first
    # Back from the last page: the same pages, the other way.
    newer, _first = _walk(client, url, shown, "prev", start=last)
    assert newer == older[::-1]


def test_the_filters_stay_on_the_pages_and_a_cursor_alone_is_no_filter(org_a, client_for):
    sessions = _ties(org_a)
    client = client_for(org_a.pm)
    url = reverse("sessions_log:all")
    pages, _last = _walk(
        client, url, _sessions_shown(sessions), "next", start="date_from=2026-11-01"
    )
    assert sum(len(p) for p in pages) == 40  # two of the three days
    second = client.get(f"{url}?{_link(client.get(url).content.decode(), 'next')}")
    assert '<details class="mb-3" open' not in second.content.decode()


def test_the_count_is_said_exactly_up_to_a_limit_and_as_more_than_past_it(org_a, client_for):
    _ties(org_a, n=30)
    client = client_for(org_a.pm)
    assert "30 in all" in client.get(reverse("sessions_log:all")).content.decode()
    qs = SupportSession.objects.filter(organisation=org_a.organisation)
    page = keyset_page(
        qs, order=("-date", "-id"), params=QueryDict(), list_name="t", per_page=5, count_up_to=20
    )
    assert (page.count, page.count_is_lower_bound) == (20, True)
    nav = render_to_string("components/keyset_pagination.html", {"page_obj": page})
    assert "More than 20 in all" in nav


def _cursor(client, url) -> str:
    """The cursor the first page's "next" link carries, as the server will read it."""
    return QueryDict(_link(client.get(url).content.decode(), "next"))["cursor"]


@pytest.mark.parametrize(
    "bad",
    [
        "tampered",
        "from another list",
        "garbage",
        "a\x00b",
        "not a date inside",
        "too few values",
    ],
)
def test_a_bad_cursor_is_the_first_page_with_a_word_why(bad, org_a, client_for):
    sessions = _ties(org_a)
    client = client_for(org_a.champion)
    url = reverse("sessions_log:mine")
    good = _cursor(client, url)
    LearnerFactory.create_batch(30, organisation=org_a.organisation, is_shared=True)
    cursor = {
        "tampered": good[:40] + ("A" if good[40] != "A" else "B") + good[41:],
        "from another list": _cursor(client, reverse("learners:list")),
        "garbage": "abc",
        "a\x00b": "a\x00b",
        # Made with the right key, so only the values can be wrong.
        "not a date inside": _fernet("sessions").encrypt(b'["n", ["someday", null, 1]]').decode(),
        "too few values": _fernet("sessions").encrypt(b'["n", ["2026-11-18"]]').decode(),
    }[bad]
    response = client.get(url, {"cursor": cursor})
    assert response.status_code == 200
    page = response.content.decode()
    assert REJECTED in page
    assert _sessions_shown(sessions)(page) == _newest_first(sessions)[:25]


def test_a_cursor_past_everything_deleted_since_is_the_first_page(org_a, client_for):
    sessions = _ties(org_a)
    client = client_for(org_a.champion)
    url = reverse("sessions_log:mine")
    cursor = _cursor(client, url)
    SupportSession.objects.filter(pk__in=_newest_first(sessions)[25:]).update(
        deleted_at=timezone.now()
    )
    page = client.get(url, {"cursor": cursor}).content.decode()
    assert _sessions_shown(sessions)(page) == _newest_first(sessions)[:25]
    assert REJECTED not in page


def test_another_organisations_cursor_shows_only_ones_own(org_a, org_b, client_for):
    """A cursor is a position, not a permission: the list is the organisation's whatever it
    says."""
    _ties(org_b)
    theirs = _cursor(client_for(org_b.champion), reverse("sessions_log:mine"))
    ours = _ties(org_a, n=3)
    page = client_for(org_a.champion).get(reverse("sessions_log:mine"), {"cursor": theirs})
    links = set(_links(page.content.decode(), "sessions"))
    assert links and links <= {reverse("sessions_log:detail", args=[s.public_id]) for s in ours}


def test_the_learners_list_pages_by_name_and_keeps_names_out_of_the_address(org_a, client_for):
    learners = [
        LearnerFactory(organisation=org_a.organisation, is_shared=True, display_name=name)
        for name in ["Sam Jones"] * 30 + [f"Ana {i:02}" for i in range(15)] + ["Zoë"] * 5
    ]
    client = client_for(org_a.champion)
    url = reverse("learners:list")
    by_link = {reverse("learners:detail", args=[lr.public_id]): lr.pk for lr in learners}

    def shown(page):
        return [by_link[h] for h in _links(page, "learners")]

    pages, last = _walk(client, url, shown, "next")
    expected = [lr.pk for lr in sorted(learners, key=lambda lr: (lr.display_name, lr.pk))]
    assert [pk for p in pages for pk in p] == expected
    assert _walk(client, url, shown, "prev", start=last)[0] == pages[::-1]

    cursor = _cursor(client, url)
    readable = base64.urlsafe_b64decode(cursor)
    assert b"Sam" not in readable  # a signed cursor (base64 of JSON) would show it here

    # The search stays on the pages.
    found, _last = _walk(client, url, shown, "next", start="q=sam")
    assert [len(p) for p in found] == [25, 5]


def test_the_stock_list_pages_every_device_once(org_a, client_for):
    statuses = ["in_stock", "on_loan", "needs_wipe"]
    devices = [
        DeviceFactory(
            organisation=org_a.organisation,
            status=statuses[i % 3],
            asset_tag="" if i % 4 == 0 else f"TAG-{i % 7}-{i}",
        )
        for i in range(120)
    ]
    client = client_for(org_a.pm)
    url = reverse("devices:stock")
    by_link = {reverse("devices:detail", args=[d.public_id]): d.pk for d in devices}

    def shown(page):
        return [by_link[h] for h in _links(page, "devices")]

    pages, _last = _walk(client, url, shown, "next")
    assert [len(p) for p in pages] == [50, 50, 20]
    expected = list(
        Device.objects.filter(organisation=org_a.organisation)
        .order_by("status", "kind", "asset_tag", "id")
        .values_list("pk", flat=True)
    )
    assert [pk for p in pages for pk in p] == expected


def test_an_order_going_up_puts_empty_values_last_as_postgresql_does(org_a):
    """Unit-level: a column that allows NULL, going up (sessions by start time, id)."""
    sessions = _ties(org_a, n=20)
    qs = SupportSession.objects.filter(organisation=org_a.organisation)
    seen, params = [], {}
    while True:
        page = keyset_page(
            qs,
            order=("start_time", "id"),
            params=QueryDict(params.get("q", "")),
            list_name="t",
            per_page=3,
        )
        seen += [s.pk for s in page.object_list]
        if not page.has_next:
            break
        params["q"] = page.next_query
    key = lambda s: (s.start_time is None, s.start_time or time(0), s.pk)  # noqa: E731
    assert seen == [s.pk for s in sorted(sessions, key=key)]


def test_audit_log_and_feedback_use_the_same_pages(org_a, client_for):
    for i in range(60):
        AuditEvent.objects.create(
            organisation=org_a.organisation, action="view", target_label=f"Record {i:02}"
        )
    client = client_for(org_a.pm)
    url = reverse("audit_log")

    def shown(page):
        return re.findall(r"<td>(Record \d\d)</td>", page)

    pages, _last = _walk(client, url, shown, "next")
    assert [r for p in pages for r in p] == [f"Record {i:02}" for i in reversed(range(60))]


# --- Query counts: page 3 asks what page 1 asks -------------------------------------------------

SIGNED_IN = ["session", "user", "memberships (the current organisation)"]


@pytest.mark.parametrize(
    "url_name,user", [("sessions_log:all", "pm"), ("sessions_log:mine", "champion")]
)
def test_a_deep_session_page_runs_the_first_pages_queries(url_name, user, org_a, client_for):
    client = client_for(getattr(org_a, user))
    client.get(reverse("home"))
    _ties(org_a, n=80)
    url = reverse(url_name)
    queries = SIGNED_IN + ["how many sessions, up to 1,000", "this page of sessions"]
    if user == "pm":
        queries += ["the champion filter's choices", "the team filter's choices"]
    with exactly(queries):
        first = client.get(url).content.decode()
    third = _link(client.get(f"{url}?{_link(first, 'next')}").content.decode(), "next")
    with exactly(queries):
        assert "Newer</a>" in client.get(f"{url}?{third}").content.decode()


def test_a_deep_learner_page_runs_the_first_pages_queries(org_a, client_for):
    client = client_for(org_a.champion)
    client.get(reverse("home"))
    LearnerFactory.create_batch(80, organisation=org_a.organisation, is_shared=True)
    url = reverse("learners:list")
    queries = SIGNED_IN + ["how many learners, up to 1,000", "this page of learners"]
    with exactly(queries):
        first = client.get(url).content.decode()
    third = _link(client.get(f"{url}?{_link(first, 'next')}").content.decode(), "next")
    with exactly(queries):
        client.get(f"{url}?{third}")


def test_learners_shown_are_only_the_organisations(org_a, org_b, client_for):
    LearnerFactory.create_batch(30, organisation=org_b.organisation, is_shared=True)
    mine = LearnerFactory.create_batch(3, organisation=org_a.organisation, is_shared=True)
    page = client_for(org_a.champion).get(reverse("learners:list")).content.decode()
    assert len(_links(page, "learners")) == len(mine)
    assert Learner.objects.count() == 33
