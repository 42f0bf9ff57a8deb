"""The reminder scan and the impact summaries for many organisations at once: a fixed number of
queries whatever the number of organisations or champions, the same emails as one organisation
at a time, and each organisation's summary figures equal to its dashboard's."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.vocabulary import SessionStatus
from devices import services as lending
from devices.selectors import organisation_overdue_count
from impact import selectors
from impact.periods import Period
from impact.reports import compare
from impact.scope import Scope
from notifications import jobs
from notifications.models import EmailPreference
from organisations.models import Organisation
from outcomes.models import OutcomeSettings
from privacy.selectors import learners_due_for_anonymisation
from tests.devices.factories import DeviceFactory
from tests.factories import MembershipFactory, OrganisationFactory, PMMembershipFactory
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory

pytestmark = pytest.mark.dates

TODAY = date(2026, 11, 25)  # a Wednesday: the weekly summary covers 16 to 22 November
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOON, tick=False):
        yield


def _session(org, champion, day, **extra):
    return SupportSessionFactory(organisation=org, champion=champion, date=day, **extra)


def _helped(org, champion, day, **ratings):
    """A completed session on `day` with one new learner whose first session it was."""
    learner = LearnerFactory(organisation=org, first_session_on=day, last_session_on=day)
    return AttendanceFactory(session=_session(org, champion, day), learner=learner, **ratings)


@pytest.fixture
def mixed(db):
    """Three active organisations with different settings and one inactive, people in two
    organisations, every kind of reminder and summary, and people who said no."""
    a = OrganisationFactory(name="Alpha")  # defaults: quiet after 14 days, checks after 8 weeks
    b = OrganisationFactory(
        name="Bravo", reminder_after_days=7, default_language="cy", retention_months=6
    )
    OutcomeSettings.objects.create(organisation=b, check_after_weeks=4)
    c = OrganisationFactory(name="Charlie", reminder_after_days=21)
    d = OrganisationFactory(name="Delta (closed)", is_active=False)

    def champion(org, email, **user):
        return MembershipFactory(organisation=org, user__email=email, **user).user

    def pm(org, email, **user):
        return PMMembershipFactory(organisation=org, user__email=email, **user).user

    # Alpha
    pm(a, "pm.alpha@example.org")
    quiet_a = champion(a, "quiet.alpha@example.org")
    _helped(a, quiet_a, date(2026, 11, 1))
    busy_a = champion(a, "busy.alpha@example.org", user__language="cy")
    _helped(a, busy_a, date(2026, 11, 18), confidence_before=2, confidence_after=4)
    _helped(a, busy_a, date(2026, 11, 10))
    _session(a, busy_a, date(2026, 11, 20), follow_up_needed=True, follow_up_on=date(2026, 11, 27))
    _session(a, busy_a, TODAY + timedelta(days=1), status=SessionStatus.PLANNED,
             start_time=time(14, 0))  # fmt: skip
    _session(a, busy_a, TODAY + timedelta(days=1), status=SessionStatus.PLANNED,
             start_time=time(10, 0))  # fmt: skip
    said_no = champion(a, "said.no@example.org")
    EmailPreference.objects.create(user=said_no, reminders=False)
    champion(a, "left@example.org", user__is_active=False)
    MembershipFactory(organisation=a, user__email="membership.ended@example.org", is_active=False)
    # A checks-due learner of Alpha's: first seen 9 weeks ago.
    _helped(a, quiet_a, TODAY - timedelta(weeks=9))
    # Someone past Alpha's 24 months, anonymised at the next run.
    LearnerFactory(organisation=a, first_session_on=date(2024, 11, 1),
                   last_session_on=date(2024, 11, 1))  # fmt: skip

    # Someone in two organisations: busy at Alpha, quiet at Bravo.
    both = champion(a, "both@example.org")
    MembershipFactory(organisation=b, user=both)
    _session(a, both, date(2026, 11, 24))

    # Bravo (Welsh by default, quiet after 7 days, checks after 4 weeks, 6 months' retention)
    monthly = pm(b, "pm.monthly.bravo@example.org")
    EmailPreference.objects.create(user=monthly, summary_frequency="monthly")
    pm(b, "pm.bravo@example.org", user__language="en-gb")
    checks_b = champion(b, "checks.bravo@example.org")
    _helped(b, checks_b, TODAY - timedelta(weeks=5))
    _helped(b, checks_b, date(2026, 11, 21))
    LearnerFactory(organisation=b, last_session_on=date(2026, 5, 20))
    quiet_b = champion(b, "quiet.bravo@example.org")
    _helped(b, quiet_b, date(2026, 11, 16))

    # Charlie: loans out, a PM who is also Alpha's, and one who turned summaries off.
    shared_pm = pm(c, "pm.charlie@example.org")
    PMMembershipFactory(organisation=a, user=shared_pm)
    off = pm(c, "pm.off@example.org")
    EmailPreference.objects.create(user=off, summary_frequency="off")
    lender = champion(c, "lender@example.org")
    _helped(c, lender, date(2026, 11, 17))
    _helped(c, lender, date(2026, 11, 12))
    for due_on in (date(2026, 11, 20), date(2026, 11, 27), date(2026, 12, 20)):
        lending.loan_make(
            device=DeviceFactory(organisation=c),
            learner=LearnerFactory(organisation=c),
            champion=lender,
            issued_on=date(2026, 11, 2),
            due_on=due_on,
            today=date(2026, 11, 2),
        )

    # Delta is closed: its quiet champion and PM hear nothing.
    pm(d, "pm.delta@example.org")
    champion(d, "quiet.delta@example.org")
    return {"a": a, "b": b, "c": c, "d": d}


def _shape(email: jobs.PlannedEmail) -> tuple:
    """An email as a test can write it down: its key with the ids spelled as names."""
    ctx = email.context
    parts = email.key.split(":")
    if email.kind.startswith("reminder_loan"):
        assert parts[2] == str(ctx["loan"].pk)
        parts[2] = ctx["loan"].device.asset_tag[:3]
    elif email.kind.startswith("reminder") or email.kind.startswith("summary"):
        assert parts[2] == str(ctx["user"].pk) and parts[3] == str(ctx["organisation"].pk)
        parts[2], parts[3] = "user", ctx["organisation"].name
    return (":".join(parts), email.kind, email.to, email.template, email.language)


def _figures(email: jobs.PlannedEmail) -> tuple:
    """What the email says beyond who it goes to."""
    ctx = email.context
    if email.kind.startswith("summary"):
        return (
            ctx["headline"],
            ctx["rows"],
            ctx["sentence"],
            [(q.user.email, q.last_session_on) for q in ctx["quiet"]],
            ctx["quiet_count"],
            ctx["quiet_days"],
            ctx["retention_due"],
            ctx["loans_overdue"],
            ctx["dashboard_url"],
        )
    if email.kind == "reminder_planned":
        return [(s.pk, s.start_time) for s in ctx["sessions"]]
    return tuple(ctx.get(name) for name in ("count", "last_session_on", "days"))


def _one_at_a_time_reminders(organisations):
    return [
        e
        for org in organisations
        for e in jobs.reminders_for_organisation(organisation=org, as_of=TODAY)
    ]


def _one_at_a_time_summaries(organisations, frequency):
    return [
        e
        for org in organisations
        for e in jobs.summaries_for_organisation(organisation=org, frequency=frequency, as_of=TODAY)
    ]


# Recorded from the one-organisation-at-a-time jobs before they read for many organisations
# (commit before "batched jobs"): who gets what, under which key, in which language.
BEFORE = [
    ("reminder:inactive:user:Alpha:739942", "reminder_inactive", "quiet.alpha@example.org",
     "reminder-inactive", "en-gb"),
    ("reminder:checks:user:Alpha:2026-W48", "reminder_checks", "quiet.alpha@example.org",
     "reminder-checks", "en-gb"),
    ("reminder:followups:user:Alpha:2026-W48", "reminder_followups", "busy.alpha@example.org",
     "reminder-followups", "cy"),
    ("reminder:planned:user:Alpha:2026-11-26", "reminder_planned", "busy.alpha@example.org",
     "reminder-planned", "cy"),
    ("reminder:inactive:user:Bravo:739942", "reminder_inactive", "both@example.org",
     "reminder-inactive", "cy"),
    ("reminder:checks:user:Bravo:2026-W48", "reminder_checks", "checks.bravo@example.org",
     "reminder-checks", "cy"),
    ("reminder:inactive:user:Bravo:739942", "reminder_inactive", "quiet.bravo@example.org",
     "reminder-inactive", "cy"),
    ("reminder:loan_overdue:DCP:2026-11-20", "reminder_loan_overdue", "lender@example.org",
     "loan-overdue", "en-gb"),
    ("reminder:loan_due_soon:DCP:2026-11-27", "reminder_loan_due_soon", "lender@example.org",
     "loan-due", "en-gb"),
    ("summary:weekly:user:Alpha:2026-11-16", "summary_weekly", "pm.alpha@example.org",
     "impact-summary", "en-gb"),
    ("summary:weekly:user:Alpha:2026-11-16", "summary_weekly", "pm.charlie@example.org",
     "impact-summary", "en-gb"),
    ("summary:weekly:user:Bravo:2026-11-16", "summary_weekly", "pm.bravo@example.org",
     "impact-summary", "en-gb"),
    ("summary:weekly:user:Charlie:2026-11-16", "summary_weekly", "pm.charlie@example.org",
     "impact-summary", "en-gb"),
    ("summary:monthly:user:Bravo:2026-10-01", "summary_monthly", "pm.monthly.bravo@example.org",
     "impact-summary", "cy"),
]  # fmt: skip


def _all_active():
    return Organisation.objects.filter(is_active=True).order_by("name")


def test_the_same_emails_as_one_organisation_at_a_time(mixed):
    reminders = jobs.reminders_for_organisations(organisations=_all_active(), as_of=TODAY)
    weekly = jobs.summaries_for_organisations(
        organisations=_all_active(), frequency="weekly", as_of=TODAY
    )
    monthly = jobs.summaries_for_organisations(
        organisations=_all_active(), frequency="monthly", as_of=TODAY
    )
    assert [_shape(e) for e in reminders + weekly + monthly] == BEFORE
    for e in reminders + weekly + monthly:
        kind = "summary" if e.kind.startswith("summary") else "reminders"
        assert e.context["unsubscribe_url"] == jobs.unsubscribe_url(
            user=e.context["user"], kind=kind
        )
    orgs = list(_all_active())
    one_at_a_time = (
        _one_at_a_time_reminders(orgs)
        + _one_at_a_time_summaries(orgs, "weekly")
        + _one_at_a_time_summaries(orgs, "monthly")
    )
    assert [(e.key, e.to, _figures(e)) for e in reminders + weekly + monthly] == [
        (e.key, e.to, _figures(e)) for e in one_at_a_time
    ]


def test_each_summary_shows_its_dashboards_figures(mixed):
    weekly = jobs.summaries_for_organisations(
        organisations=_all_active(), frequency="weekly", as_of=TODAY
    )
    by_organisation = {e.context["organisation"].name: e.context for e in weekly}
    assert sorted(by_organisation) == ["Alpha", "Bravo", "Charlie"]
    period = Period(start=date(2026, 11, 16), end=date(2026, 11, 22))
    for context in by_organisation.values():
        org = context["organisation"]
        assert context["period"] == period
        # What the organisation's dashboard shows for the same period (and the one before).
        current, previous = selectors.headline_with_previous(
            scope=Scope(organisation=org), period=period
        )
        assert context["headline"] == current
        assert context["rows"] == compare(current, previous)[:8]
        assert context["headline"] == selectors.organisation_headline(
            organisation=org, period=period
        )
        quiet = selectors.quiet_champions(organisation=org, as_of=period.end)
        assert context["quiet"] == quiet[:10] and context["quiet_count"] == len(quiet)
        assert context["retention_due"] == learners_due_for_anonymisation(org, today=TODAY)
        assert context["loans_overdue"] == organisation_overdue_count(organisation=org, today=TODAY)
    # By hand: Alpha's week is busy_a's two completed sessions (18th with a rated learner who
    # felt more confident, 20th with nobody recorded), 45 minutes each; its week before, one.
    alpha = by_organisation["Alpha"]["headline"]
    assert (alpha.sessions_completed, alpha.hours, alpha.people_supported) == (2, 1.5, 1)
    assert (alpha.active_champions, alpha.more_confident_share) == (1, 1.0)
    assert [r["previous"] for r in by_organisation["Alpha"]["rows"][:3]] == [1, 1, 1]
    # Never helped anyone (by name, names are random) first, then the longest quiet; "both"
    # helped someone at Alpha only on the 24th, after the week.
    quiet_alpha = [(q.user.email, q.last_session_on) for q in by_organisation["Alpha"]["quiet"]]
    assert sorted(quiet_alpha[:2]) == [("both@example.org", None), ("said.no@example.org", None)]
    assert quiet_alpha[2:] == [("quiet.alpha@example.org", date(2026, 11, 1))]
    assert by_organisation["Alpha"]["retention_due"] == 1  # seen last in November 2024
    # Bravo: checks_b on the 21st and quiet_b on the 16th, two learners, nobody rated.
    bravo = by_organisation["Bravo"]["headline"]
    assert (bravo.sessions_completed, bravo.people_supported, bravo.active_champions) == (2, 2, 2)
    assert bravo.more_confident_share is None
    assert [q.user.email for q in by_organisation["Bravo"]["quiet"]] == ["both@example.org"]
    # 6 months' retention: the learner last seen on 20 May goes within 30 days.
    assert by_organisation["Bravo"]["retention_due"] == 1
    charlie = by_organisation["Charlie"]
    assert (charlie["headline"].sessions_completed, charlie["headline"].hours) == (1, 0.8)
    assert charlie["loans_overdue"] == 1 and charlie["quiet_count"] == 0


def test_an_organisation_with_nothing_recorded_reads_as_its_empty_dashboard(mixed):
    """No row in any rollup: the grouped figures are zeros, as the organisation's own are."""
    quiet_org = OrganisationFactory(name="Echo")
    PMMembershipFactory(organisation=quiet_org, user__email="pm.echo@example.org")
    period = Period(start=date(2026, 11, 16), end=date(2026, 11, 22))
    found = selectors.organisation_headlines(organisations=[quiet_org, mixed["a"]], period=period)
    for org in (quiet_org, mixed["a"]):
        assert found[org.pk] == selectors.headline_with_previous(
            scope=Scope(organisation=org), period=period
        )
    assert found[quiet_org.pk][0].sessions_completed == 0
    assert found[quiet_org.pk][0].more_confident_share is None
    (email,) = jobs.summaries_for_organisation(
        organisation=quiet_org, frequency="weekly", as_of=TODAY
    )
    assert "no completed sessions were recorded" in email.context["sentence"]


REMINDER_QUERIES = [
    "active organisations",
    "champions and their last session (impact.selectors.last_completed_sessions_in)",
    "follow-ups due this week, by organisation and champion",
    "follow-up check intervals (outcomes.selectors.check_after_weeks_by_organisation)",
    "follow-up checks due, by organisation and champion",
    "planned sessions tomorrow",
    "loans coming due or overdue (devices.selectors.loan_reminders_due_in)",
    "email preferences of everyone to remind",
]

SUMMARY_QUERIES = [
    "active organisations",
    "project managers",
    "their email preferences",
    "headline figures, period and previous (impact.selectors.organisation_headlines)",
    "quiet champions (impact.selectors.quiet_champions_by_organisation)",
    "learners due for anonymisation (privacy.selectors)",
    "devices overdue (devices.selectors.overdue_counts_by_organisation)",
]


def _busy_organisation(n: int, champions: int):
    """An organisation whose champions each have something to be reminded of, and a PM."""
    org = OrganisationFactory(name=f"Org {n:02}")
    PMMembershipFactory(organisation=org)
    for i in range(champions):
        user = MembershipFactory(organisation=org).user
        kind = i % 4
        if kind == 0:  # quiet for three weeks, with a learner now due a follow-up check
            _helped(org, user, TODAY - timedelta(weeks=9))
        elif kind == 1:  # a follow-up due this week
            _helped(org, user, date(2026, 11, 18))
            _session(org, user, date(2026, 11, 20), follow_up_needed=True,
                     follow_up_on=date(2026, 11, 26))  # fmt: skip
        elif kind == 2:  # a session planned for tomorrow, and a device coming due
            _session(org, user, TODAY + timedelta(days=1), status=SessionStatus.PLANNED)
            lending.loan_make(
                device=DeviceFactory(organisation=org),
                learner=LearnerFactory(organisation=org),
                champion=user,
                issued_on=date(2026, 11, 2),
                due_on=date(2026, 11, 20),
                today=date(2026, 11, 2),
            )
        else:  # said no to reminders
            EmailPreference.objects.create(user=user, reminders=False)
    return org


@pytest.mark.parametrize(("organisations", "champions"), [(1, 3), (5, 12)])
def test_the_reminder_scan_does_not_grow_with_organisations_or_champions(
    db, organisations, champions
):
    for n in range(organisations):
        _busy_organisation(n, champions)
    with exactly(REMINDER_QUERIES):
        emails = jobs.reminders_for_organisations(organisations=_all_active(), as_of=TODAY)
    kinds = {e.kind for e in emails}
    assert {"reminder_inactive", "reminder_checks", "reminder_followups"} <= kinds
    assert {"reminder_planned", "reminder_loan_overdue"} <= kinds
    assert len({e.context["organisation"].pk for e in emails}) == organisations


@pytest.mark.parametrize(("organisations", "champions"), [(1, 3), (5, 12)])
def test_the_summaries_do_not_grow_with_organisations_or_champions(db, organisations, champions):
    for n in range(organisations):
        _busy_organisation(n, champions)
    with exactly(SUMMARY_QUERIES):
        emails = jobs.summaries_for_organisations(
            organisations=_all_active(), frequency="weekly", as_of=TODAY
        )
    assert len(emails) == organisations
    assert all(e.context["headline"].sessions_completed for e in emails)
    assert all(e.context["loans_overdue"] for e in emails)


def test_the_commands_list_every_organisations_emails(mixed, capsys):
    from django.core.management import call_command

    call_command("send_reminders", "--dry-run", "--date", "2026-11-25")
    out = capsys.readouterr().out
    assert "reminder_inactive      quiet.bravo@example.org" in out and "Bravo" in out
    assert "delta" not in out.lower()
    assert "9 reminders for 2026-11-25; 9 would be sent." in out
    call_command("send_impact_summaries", "--dry-run", "--kind", "weekly", "--date", "2026-11-25")
    out = capsys.readouterr().out
    assert "summary_weekly   pm.charlie@example.org                   Charlie" in out
    assert "4 weekly summaries for 2026-11-25; 4 would be sent." in out


def test_the_tasks_send_each_batch_once(mixed, monkeypatch, django_capture_on_commit_callbacks):
    from notifications import tasks
    from notifications.models import OutboundEmail

    monkeypatch.setattr(tasks, "ORGANISATIONS_PER_TASK", 2)  # Alpha and Bravo, then Charlie
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminders.delay(TODAY.isoformat())
        tasks.send_impact_summaries.delay("weekly", TODAY.isoformat())
        tasks.send_reminders.delay(TODAY.isoformat())
    assert OutboundEmail.objects.filter(kind__startswith="reminder").count() == 9
    assert OutboundEmail.objects.filter(kind="summary_weekly").count() == 4
