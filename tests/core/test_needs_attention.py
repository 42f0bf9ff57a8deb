"""The project manager's home says what needs their attention (issue 20 point 7): champions gone
quiet or never started (with their team), overdue follow-ups, learners with no consent recorded,
invitations not accepted and planned sessions dated before today with no outcome, each with a
count and a link to act on, in a fixed number of queries."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.selectors import SHOWN, needs_attention
from core.vocabulary import SessionStatus
from learners.models import Consent
from tests.factories import InvitationFactory, MembershipFactory, TeamFactory
from tests.sessions_log.factories import LearnerFactory, SupportSessionFactory

MOMENT = datetime(2027, 7, 1, 0, 30, tzinfo=ZoneInfo("Europe/London"))
TODAY = date(2027, 7, 1)


@pytest.fixture
def clock():
    with time_machine.travel(MOMENT, tick=False):
        yield


def _session(org, champion, **kwargs):
    return SupportSessionFactory(organisation=org.organisation, champion=champion, **kwargs)


def _consented_learner(org):
    learner = LearnerFactory(organisation=org.organisation)
    Consent.objects.create(
        organisation=org.organisation,
        learner=learner,
        kind=Consent.Kind.PROCESSING,
        method="verbal",
    )
    return learner


def test_each_heading_counts_what_needs_doing_and_links_to_it(org_a, org_b, client_for, clock):
    org = org_a.organisation
    outreach = TeamFactory(organisation=org, name="Outreach")
    quiet = MembershipFactory(organisation=org, team=outreach, user__name="Quiet Quentin")
    _session(org_a, quiet.user, date=TODAY - timedelta(days=40))
    # org_a's own champion never started; an active champion is not listed.
    active = MembershipFactory(organisation=org, user__name="Busy Bea")
    _session(org_a, active.user, date=TODAY - timedelta(days=1))
    overdue = _session(
        org_a,
        active.user,
        date=TODAY - timedelta(days=10),
        follow_up_needed=True,
        follow_up_on=TODAY - timedelta(days=1),
    )
    # Due today is not overdue; done is not overdue.
    _session(org_a, active.user, date=TODAY - timedelta(days=2), follow_up_needed=True,
             follow_up_on=TODAY)  # fmt: skip
    _session(org_a, active.user, date=TODAY - timedelta(days=3), follow_up_needed=True,
             follow_up_on=TODAY - timedelta(days=2), follow_up_done_at=timezone.now())  # fmt: skip
    stale = _session(
        org_a, active.user, status=SessionStatus.PLANNED, date=TODAY - timedelta(days=1)
    )
    _session(org_a, active.user, status=SessionStatus.PLANNED, date=TODAY)  # not yet due
    no_consent = LearnerFactory(organisation=org, display_name="Mrs P")
    _consented_learner(org_a)
    invitation = InvitationFactory(organisation=org, email="waiting@example.org")
    # Organisation B's of each kind: never on A's page.
    _session(org_b, org_b.champion, status=SessionStatus.PLANNED, date=TODAY - timedelta(days=5))
    LearnerFactory(organisation=org_b.organisation, display_name="Theirs")
    InvitationFactory(organisation=org_b.organisation, email="theirs@example.org")

    response = client_for(org_a.pm).get(reverse("home"))
    attention = response.context["attention"]
    assert [c.user for c in attention["gone_quiet"].items] == [quiet.user]
    assert [c.user for c in attention["never_started"].items] == [org_a.champion]
    assert attention["follow_ups"].items == [overdue]
    assert attention["no_outcome"].items == [stale]
    assert attention["no_consent"].items == [no_consent]
    assert attention["invitations"].items == [invitation]
    assert {k: a.total for k, a in attention.items()} == dict.fromkeys(attention, 1)

    body = response.content.decode()
    assert "Needs attention" in body
    assert "1 champion has gone quiet" in body and "Quiet Quentin</a> (Outreach)" in body
    assert "last session 22 May 2027" in body
    assert "1 champion has not logged a session yet" in body
    assert "(Organisation A team)" in body  # the never-started champion's team
    assert "1 follow-up is overdue" in body
    assert reverse("sessions_log:detail", args=[overdue.public_id]) in body
    assert "1 planned session has no outcome" in body
    assert reverse("sessions_log:detail", args=[stale.public_id]) in body
    assert f"{reverse('sessions_log:all')}?status=planned&amp;date_to=2027-06-30" in body
    assert "1 learner has no consent recorded" in body
    assert reverse("learners:detail", args=[no_consent.public_id]) in body
    assert "1 invitation is not accepted yet" in body and "waiting@example.org" in body
    assert "Theirs" not in body and "theirs@example.org" not in body


def test_nothing_to_do_says_so(org_a, client_for, clock):
    _session(org_a, org_a.champion, date=TODAY)
    body = client_for(org_a.pm).get(reverse("home")).content.decode()
    assert "Nothing needs your attention today" in body


def test_counts_say_how_many_in_all_and_list_the_first_few(org_a, clock):
    org = org_a.organisation
    for n in range(SHOWN + 3):
        _session(org_a, org_a.champion, status=SessionStatus.PLANNED,
                 date=TODAY - timedelta(days=n + 1))  # fmt: skip
        LearnerFactory(organisation=org)
    attention = needs_attention(organisation=org, today=TODAY)
    assert attention["no_outcome"].total == SHOWN + 3
    assert len(attention["no_outcome"].items) == SHOWN
    # Longest waiting first.
    assert attention["no_outcome"].items[0].date == TODAY - timedelta(days=SHOWN + 3)
    assert attention["no_consent"].total == SHOWN + 3


def test_the_quiet_rule_is_impacts(org_a, clock):
    """Exactly impact.selectors.quiet_champions: the organisation's reminder_after_days."""
    from impact.selectors import quiet_champions

    org = org_a.organisation
    for days in (1, 13, 14, 30):
        _session(org_a, MembershipFactory(organisation=org).user, date=TODAY - timedelta(days))
    attention = needs_attention(organisation=org, today=TODAY)
    quiet = quiet_champions(organisation=org, as_of=TODAY)
    shown = attention["gone_quiet"].items + attention["never_started"].items
    assert {c.user for c in shown} == {c.user for c in quiet}
    assert attention["gone_quiet"].total == 2  # 14 and 30 days


def _home_queries():
    return [
        # The signed-in request:
        "django_session: the session",
        "accounts_user: the signed-in user",
        "organisations_membership: memberships, with organisation and team (tenancy)",
        # organisations.selectors.organisation_overview:
        "memberships: champions and PMs counted",
        "teams: counted",
        "invitations: pending counted",
        # core.selectors.needs_attention:
        "memberships with last session: champions gone quiet or never started",
        "sessions: overdue follow-ups, first few and count",
        "attendances with learners: who each follow-up is with",
        "sessions: planned with no outcome, first few and count",
        "learners: no consent recorded, first few and count",
        "invitations: not accepted, first few and count",
        # The toolkit's card on the home page (toolkit_home_card):
        "toolkit collections: the organisation's",
        "toolkit resources: counted by status",
    ]


@pytest.mark.dates
def test_home_query_count_does_not_grow(org_a, client_for, django_assert_num_queries):
    """On any day (the date matrix): the same queries with one row of each kind or many."""
    org = org_a.organisation
    today = timezone.localdate()
    client = client_for(org_a.pm)
    client.get(reverse("home"))  # the first request of a session also records its start

    def add_rows():
        member = MembershipFactory(organisation=org, team=TeamFactory(organisation=org))
        _session(org_a, member.user, date=today - timedelta(days=60), follow_up_needed=True,
                 follow_up_on=today - timedelta(days=1))  # fmt: skip
        _session(org_a, member.user, status=SessionStatus.PLANNED, date=today - timedelta(1))
        LearnerFactory(organisation=org)
        InvitationFactory(organisation=org)

    add_rows()
    with django_assert_num_queries(len(_home_queries())):
        first = client.get(reverse("home"))
    for _ in range(SHOWN + 2):
        add_rows()
    with django_assert_num_queries(len(_home_queries())):
        many = client.get(reverse("home"))
    assert first.context["attention"]["no_outcome"].total == 1
    assert many.context["attention"]["no_outcome"].total == SHOWN + 3
    assert many.context["attention"]["gone_quiet"].total == SHOWN + 3
