"""Each figure against a small data set computed by hand."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from impact import selectors
from impact.periods import Period, period_from_preset
from impact.selectors import Scope
from tests.factories import MembershipFactory, TeamFactory
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory

# Depends on today: runs again at every moment of the date matrix (tests/clock.py).
pytestmark = pytest.mark.dates

OCTOBER = Period(start=date(2026, 10, 1), end=date(2026, 10, 31))
OCTOBER_QUERY = {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}


@pytest.fixture
def october(org_a):
    """Hand-made: in October 2026, champion A logs
    - 1-to-1 with L1 (60 min, confidence 2 -> 4), device lent
    - 1-to-1 with L1 again (30 min, confidence 3 -> 3)
    - group with L2 and 3 anonymous people (90 min), SIM given
    - a cancelled session, a no-show, and a deleted completed session (ignored)
    and in September one completed 1-to-1 with L2 (45 min, 1 -> 3)."""
    org, champion = org_a.organisation, org_a.champion
    l1 = LearnerFactory(organisation=org, age_band="65_74")
    l2 = LearnerFactory(organisation=org, age_band="65_74")

    def session(**kw):
        return SupportSessionFactory(organisation=org, champion=champion, **kw)

    s1 = session(date=date(2026, 10, 2), duration_minutes=60, device_support="lent")
    AttendanceFactory(session=s1, learner=l1, confidence_before=2, confidence_after=4)
    s2 = session(date=date(2026, 10, 9), duration_minutes=30)
    AttendanceFactory(session=s2, learner=l1, confidence_before=3, confidence_after=3)
    s3 = session(
        date=date(2026, 10, 15),
        duration_minutes=90,
        format="group",
        anonymous_count=3,
        data_support="sim",
    )
    AttendanceFactory(session=s3, learner=l2)
    session(date=date(2026, 10, 20), status="cancelled", cancel_reason="disruption")
    session(date=date(2026, 10, 21), status="no_show")
    deleted = session(date=date(2026, 10, 22), duration_minutes=480, deleted_at=timezone.now())
    AttendanceFactory(session=deleted, learner=l2, confidence_before=1, confidence_after=5)
    s5 = session(date=date(2026, 9, 20), duration_minutes=45)
    AttendanceFactory(session=s5, learner=l2, confidence_before=1, confidence_after=3)
    return org_a


def test_headline_matches_hand_computed_figures(october):
    h = selectors.organisation_headline(organisation=october.organisation, period=OCTOBER)
    assert h.sessions_completed == 3
    assert (h.sessions_cancelled, h.sessions_no_show, h.sessions_planned) == (1, 1, 0)
    assert h.hours == 3.0  # 60 + 30 + 90 minutes
    assert h.learners_supported == 2
    assert h.people_supported == 5  # L1, L2 and 3 anonymous people
    assert h.repeat_learner_share == 0.5  # L1 came twice, L2 once
    assert h.confidence_uplift == 1.0  # (+2 and 0) / 2
    assert h.more_confident_share == 0.5
    assert h.active_champions == 1
    assert (h.devices_given, h.data_support_given) == (1, 1)


def test_previous_period_comparison(october):
    previous = OCTOBER.previous()
    assert previous == Period(start=date(2026, 8, 31), end=date(2026, 9, 30))
    h = selectors.organisation_headline(organisation=october.organisation, period=previous)
    assert (h.sessions_completed, h.hours, h.confidence_uplift) == (1, 0.8, 2.0)


def test_empty_period(october):
    h = selectors.organisation_headline(
        organisation=october.organisation, period=Period(date(2025, 1, 1), date(2025, 1, 31))
    )
    assert h.sessions_completed == 0 and h.people_supported == 0
    assert h.confidence_uplift is None and h.repeat_learner_share is None
    sentence = selectors.summary_sentence(
        headline=h, period=Period(date(2025, 1, 1), date(2025, 1, 31)), champions=0
    )
    assert sentence == "Between 1 January and 31 January 2025, no completed sessions were recorded."


def test_summary_sentence(october):
    h = selectors.organisation_headline(organisation=october.organisation, period=OCTOBER)
    assert selectors.summary_sentence(headline=h, period=OCTOBER, champions=1) == (
        "Between 1 October and 31 October 2026, 1 champion gave 3 hours of support to 5 people; "
        "50% of those asked felt more confident afterwards."
    )


def test_small_numbers_are_suppressed(october):
    demo = selectors.demographics(scope=Scope(organisation=october.organisation), period=OCTOBER)
    assert demo["age_band"] == {"65_74": "fewer than 5"}


def test_other_organisations_do_not_count(october, org_b):
    SupportSessionFactory(
        organisation=org_b.organisation, champion=org_b.champion, date=date(2026, 10, 5)
    )
    h = selectors.organisation_headline(organisation=october.organisation, period=OCTOBER)
    assert h.sessions_completed == 3
    network = selectors.network_headline(period=OCTOBER)
    assert network.sessions_completed == 4


def test_team_and_champion_filters(october):
    team = TeamFactory(organisation=october.organisation)
    other = MembershipFactory(organisation=october.organisation, team=team).user
    SupportSessionFactory(
        organisation=october.organisation, champion=other, team=team, date=date(2026, 10, 3)
    )
    org = october.organisation
    assert (
        selectors.organisation_headline(
            organisation=org, period=OCTOBER, team=team
        ).sessions_completed
        == 1
    )
    assert (
        selectors.organisation_headline(
            organisation=org, period=OCTOBER, champion=october.champion
        ).sessions_completed
        == 3
    )


def test_quiet_champions(october):
    org = october.organisation
    org.reminder_after_days = 30
    org.save()
    quiet = selectors.quiet_champions(organisation=org, as_of=date(2026, 11, 25))
    assert [q.user for q in quiet] == [october.champion]
    assert quiet[0].last_session_on == date(2026, 10, 15)
    assert selectors.quiet_champions(organisation=org, as_of=date(2026, 10, 31)) == []
    # The organisation's own setting decides, on both sides of the boundary.
    org.reminder_after_days = 40
    org.save()
    assert selectors.quiet_champions(organisation=org, as_of=date(2026, 11, 23)) == []
    assert len(selectors.quiet_champions(organisation=org, as_of=date(2026, 11, 24))) == 1


def test_quiet_champions_follow_the_team_filter_and_leave_out_deactivated_people(october):
    org = october.organisation  # quiet after 14 days without a session, the default
    other_team = TeamFactory(organisation=org)
    elsewhere = MembershipFactory(organisation=org, team=other_team).user
    gone = MembershipFactory(organisation=org, team=other_team).user
    gone.is_active = False
    gone.save()
    as_of = date(2026, 11, 25)
    everyone = selectors.quiet_champions(organisation=org, as_of=as_of)
    assert {q.user for q in everyone} == {october.champion, elsewhere}
    in_team = selectors.quiet_champions(organisation=org, as_of=as_of, team=other_team)
    assert [q.user for q in in_team] == [elsewhere]


def test_the_dashboard_and_the_reminder_job_agree_on_who_has_gone_quiet(october):
    from notifications import jobs

    org = october.organisation
    org.reminder_after_days = 30
    org.save()
    for as_of in (date(2026, 11, 13), date(2026, 11, 14), date(2026, 11, 15)):
        quiet = {q.user.email for q in selectors.quiet_champions(organisation=org, as_of=as_of)}
        reminded = {
            e.to
            for e in jobs.reminders_for_organisation(organisation=org, as_of=as_of)
            if e.kind == "reminder_inactive"
        }
        assert quiet == reminded, as_of
    # The last session was on 15 October: quiet from 14 November (30 days with none).
    assert selectors.quiet_champions(organisation=org, as_of=date(2026, 11, 13)) == []
    assert selectors.quiet_champions(organisation=org, as_of=date(2026, 11, 14))


def test_financial_year_preset():
    assert period_from_preset("financial_year", today=date(2026, 11, 25)) == Period(
        date(2026, 4, 1), date(2026, 11, 25)
    )
    assert period_from_preset("financial_year", today=date(2027, 2, 1)).start == date(2026, 4, 1)


def test_dashboard_csv_and_pdf_agree(october, client_for):
    client = client_for(october.pm)
    query = {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}
    page = client.get(reverse("impact:organisation"), query)
    assert b"1 champion gave 3 hours of support to 5 people" in page.content
    csv_response = client.get(reverse("impact:sessions_csv"), query)
    text = b"".join(csv_response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5  # five live sessions, the deleted one left out
    assert sum(1 for r in rows if r["status_code"] == "completed") == 3
    pdf = client.get(reverse("impact:report_pdf"), query)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "query,message",
    [
        (
            {"period": "custom", "start": "2026-10-31", "end": "2026-10-01"},
            b"on or after the start",
        ),
        ({"period": "custom", "start": "not-a-date", "end": "2026-10-01"}, b"Enter a real date"),
        ({"period": "nonsense"}, b"Select a valid choice"),
    ],
)
def test_nonsense_periods_get_a_clear_message(query, message, org_a, client_for):
    response = client_for(org_a.pm).get(reverse("impact:organisation"), query)
    assert response.status_code == 200 and message in response.content


def test_team_of_another_organisation_is_refused(october, org_b, client_for):
    theirs = TeamFactory(organisation=org_b.organisation)
    response = client_for(october.pm).get(
        reverse("impact:organisation"), {"team": theirs.public_id}
    )
    assert b"Select a valid choice" in response.content
    assert b"People supported" not in response.content


@pytest.mark.parametrize(
    "name", ["impact:organisation", "impact:sessions_csv", "impact:report", "impact:report_pdf"]
)
def test_pm_only(name, org_a, client_for):
    assert client_for(org_a.champion).get(reverse(name)).status_code == 403


def test_network_is_for_admins(org_a, network_admin, client_for):
    assert client_for(org_a.pm).get(reverse("impact:network")).status_code == 403
    assert client_for(network_admin).get(reverse("impact:network")).status_code == 200


def test_champion_sees_own_impact(october, client_for):
    response = client_for(october.champion).get(
        reverse("impact:mine"), {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}
    )
    assert b"gave 3 hours of support to 5 people" in response.content


# What the organisation dashboard (and its CSVs and report) asks the database, in order: first
# who is asking and the version of the figures...
SIGNED_IN_AND_VERSION = [
    "session",
    "user",
    "membership",
    "version of the organisation's figures",
]
# The lending library's figures (devices.selectors.lending_figures): four aggregates, kept apart
# under the lending version (a loan's write moves it on, impact/sql/rollups.sql; a session's
# does not)...
LENDING_VERSION = ["version of the organisation's lending figures"]
LENDING = [
    "devices in stock and on loan",
    "loans made, returned, overdue",
    "SIMs and vouchers given, and gigabytes",
    "different people lent or given kit",
]
# ...then the figures, only after the data behind them changed (impact/cache.py), with the
# follow-up checks, learners' feedback and tasks gained (their writes move the version on too)...
EVIDENCE = [
    "follow-up checks, now and before",
    "learners' feedback in the period",
    "tasks gained (self-assessments task by task)",
]
FIGURES = [
    "headline and previous period",
    "trend",
    "breakdowns",
    "distance travelled",
    "team and champion tables, with their different people (one pass)",
    *EVIDENCE,
]
# ...what is read fresh on every view: the story (a withdrawn consent takes it off at once),
# and the benchmarks, kept for 15 minutes whatever is written...
BENCHMARKS = [
    "every organisation's activity (rollups)",
    "every organisation's follow-up share",
    "their sectors",
]
FRESH_CACHED = [
    "each champion's toolkit training",
    "the story for the report",
    "quiet champions",
    "funding for the period",
]
# ...computed on the first view (and again once they are 15 minutes old).
FRESH = [*FRESH_CACHED[:2], *BENCHMARKS, *FRESH_CACHED[2:]]
FILTER_CHOICES = ["the team filter's choices", "the champion filter's choices"]


def test_dashboard_query_count_does_not_grow(october, client_for):
    client = client_for(october.pm)
    client.get(reverse("home"))  # the first request of a session stores its start time
    # The hand-made autumn of 2026, named: "the last 12 months" would hold it on some days of the
    # date matrix and not on others, and a period with no activity skips the benchmarks' sectors.
    url = reverse("impact:organisation") + "?period=custom&start=2026-09-01&end=2026-10-31"
    for round_ in range(2):
        fresh = FRESH if round_ == 0 else FRESH_CACHED  # the benchmarks are kept a while
        # The lending figures once: the sessions written between the rounds do not move them.
        lent = LENDING if round_ == 0 else []
        figures = SIGNED_IN_AND_VERSION + FIGURES + LENDING_VERSION + lent
        with exactly(figures + fresh + FILTER_CHOICES):
            client.get(url)  # computed afresh
        with exactly(SIGNED_IN_AND_VERSION + LENDING_VERSION + FRESH_CACHED + FILTER_CHOICES):
            assert client.get(url).status_code == 200  # cached
        for _ in range(10):
            AttendanceFactory(
                session__organisation=october.organisation,
                session__champion=october.champion,
                session__date=date(2026, 10, 20),
            )


def test_funding_gives_cost_per_person(october, client_for):
    from impact.models import ProgrammeFunding

    client = client_for(october.pm)
    client.post(
        reverse("impact:funding_add"),
        {"start": "2026-10-01", "end": "2026-10-31", "amount": "500", "note": "Lottery"},
    )
    assert ProgrammeFunding.objects.get().organisation == october.organisation
    costs = selectors.cost_figures(
        organisation=october.organisation,
        period=OCTOBER,
        headline=selectors.organisation_headline(organisation=october.organisation, period=OCTOBER),
    )
    assert str(costs["per_person"]) == "100.00"  # £500 / 5 people
    assert str(costs["per_hour"]) == "166.67"  # £500 / 3 hours
    page = client.get(
        reverse("impact:organisation"),
        {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"},
    )
    body = page.content.decode()
    assert "per person supported" in body, body[body.find("cost-heading") :][:600]
    assert "£100.00 per person supported" in body, body[body.find("per person supported") - 200 :][
        :300
    ]
    client.post(
        reverse("impact:funding_add"), {"start": "2026-10-31", "end": "2026-10-01", "amount": "-5"}
    )
    assert ProgrammeFunding.objects.count() == 1


def test_network_breaks_down_by_sector_and_region(october, network_admin, client_for):
    page = client_for(network_admin).get(
        reverse("impact:network"), {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}
    )
    body = page.content.decode()
    assert "By sector" in body and "Charity" in body and "London" in body
    assert "Organisations and champions joining" in body


def test_every_dashboard_table_downloads_as_csv_with_the_same_figures(october, client_for):
    """Each table's CSV holds the page's figures, reads like the page (headings and values in
    the words the page shows) and gives the vocabulary's codes in columns of their own."""
    import csv
    import io

    from django.utils.html import escape

    from impact.tables import dashboard_tables

    client = client_for(october.pm)
    query = "period=custom&start=2026-10-01&end=2026-10-31"
    page = client.get(reverse("impact:organisation") + "?" + query)
    tables = dashboard_tables(page.context)
    assert {"trend", "headline", "teams", "champions"} <= set(tables)
    html = page.content.decode()
    downloaded = {}
    for slug, (header, rows) in tables.items():
        if slug != "headline" and rows:
            assert f"table={slug}" in html, slug
        response = client.get(reverse("impact:organisation_table_csv") + f"?{query}&table={slug}")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        got = list(csv.reader(io.StringIO(response.content.decode())))
        assert got[0] == [str(h) for h in header]
        assert got[1:] == [[str(v) if v is not None else "" for v in row] for row in rows]
        downloaded[slug] = got
        # Every row is named as on the page: its first cell is what the page's table shows.
        for row in got[1:]:
            assert escape(row[0]) in html, (slug, row[0])
    # The figures themselves, in words, with the codes for machines at the end.
    assert downloaded["kinds-of-session"][0] == ["Item", "Sessions", "item_code"]
    assert ["One-to-one", "2", "one_to_one"] in downloaded["kinds-of-session"]
    assert ["Group", "1", "group"] in downloaded["kinds-of-session"]
    assert ["Weather or disruption", "1", "disruption"] in downloaded["cancellations-by-reason"]
    assert ["65 to 74", "fewer than 5", "65_74"] in downloaded["age"]  # small counts hidden
    headline = {row[-1]: row for row in downloaded["headline"][1:]}
    assert headline["people_supported"][:2] == ["People supported", "5"]
    assert headline["sessions_completed"][:3] == ["Sessions completed", "3", "1"]
    assert downloaded["trend"][0] == ["Month", "Sessions", "Hours", "People", "month_start"]
    assert [(r[0], r[1], r[-1]) for r in downloaded["trend"][1:]] == [
        ("October 2026", "3", "2026-10-01")
    ]
    assert downloaded["teams"][0][0] == "Team"
    bad = client.get(reverse("impact:organisation_table_csv") + f"?{query}&table=nope")
    assert bad.status_code == 404


def test_sessions_csv_reads_like_the_page_with_codes_for_machines(october, client_for):
    response = client_for(october.pm).get(
        reverse("impact:sessions_csv"),
        {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"},
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    first = rows[0]  # 2 October: one-to-one with L1, 60 minutes, a device lent
    assert first["Date"] == "2026-10-02" and first["Duration (minutes)"] == "60"
    assert (first["Status"], first["status_code"]) == ("Completed", "completed")
    assert (first["Format"], first["format_code"]) == ("One-to-one", "one_to_one")
    assert (first["How"], first["mode_code"]) == ("In person", "in_person")
    assert (first["Topics"], first["topics_code"]) == ("Email", "email")
    assert (first["Device support"], first["device_support_code"]) == ("Device lent", "lent")
    assert (first["Data support"], first["data_support_code"]) == ("None", "")
    assert (first["Follow-up needed"], first["follow_up_needed_code"]) == ("No", "false")
    assert (first["Cancel reason"], first["cancel_reason_code"]) == ("", "")
    cancelled = next(r for r in rows if r["status_code"] == "cancelled")
    assert (cancelled["Status"], cancelled["Cancel reason"]) == (
        "Cancelled",
        "Weather or disruption",
    )
    assert cancelled["cancel_reason_code"] == "disruption"
    # The words come first, the codes after them.
    header = list(first)
    assert header.index("Venue") < header.index("status_code")


def test_table_csv_permissions(october, org_b, client_for, client, network_admin):
    url = reverse("impact:organisation_table_csv") + "?table=champions"
    assert client.get(url).status_code == 302
    assert client_for(october.champion).get(url).status_code == 403
    # Another organisation's PM gets their own figures, never these.
    other = client_for(org_b.pm).get(url).content.decode()
    assert october.champion.display_name not in other
    network_url = reverse("impact:network_table_csv") + "?table=organisations"
    assert client_for(october.pm).get(network_url).status_code == 403
    assert client_for(network_admin).get(network_url).status_code == 200


def test_trend_by_week_on_request(october, client_for):
    client = client_for(october.pm)
    url = reverse("impact:organisation") + "?period=custom&start=2026-10-01&end=2026-10-31"
    monthly = client.get(url).context["figures"]["trend"]
    weekly_page = client.get(url + "&trend=week")
    weekly = weekly_page.context["figures"]["trend"]
    assert all(r["month"].weekday() == 0 for r in weekly)  # weeks start on Mondays
    assert sum(r["sessions"] for r in weekly) == sum(r["sessions"] for r in monthly)
    html = weekly_page.content.decode()
    assert "Sessions and people by week" in html and "w/c " in html


def test_table_csv_query_bound(october, client_for):
    client = client_for(october.pm)
    client.get(reverse("home"))
    # The autumn of 2026 named, as in test_dashboard_query_count_does_not_grow.
    url = (
        reverse("impact:organisation_table_csv")
        + "?table=champions&period=custom&start=2026-09-01&end=2026-10-31"
    )
    for round_ in range(2):
        fresh = FRESH if round_ == 0 else FRESH_CACHED  # the benchmarks are kept a while
        lent = LENDING if round_ == 0 else []
        figures = SIGNED_IN_AND_VERSION + FIGURES + LENDING_VERSION + lent
        with exactly(figures + fresh + ["the audit event"]):
            assert client.get(url).status_code == 200
        for _ in range(10):
            AttendanceFactory(
                session__organisation=october.organisation,
                session__champion=october.champion,
                session__date=date(2026, 10, 20),
            )


def test_every_figure_says_how_it_counts_and_tables_that_exceed_the_headline_say_why(
    october, client_for
):
    """L1 is helped by a second team too: each team counts them, the headline once."""
    org = october.organisation
    other = MembershipFactory(organisation=org, team=TeamFactory(organisation=org, name="Outreach"))
    l1 = october.organisation.learners.order_by("pk").first()
    AttendanceFactory(
        session=SupportSessionFactory(
            organisation=org, champion=other.user, team=other.team, date=date(2026, 10, 25)
        ),
        learner=l1,
    )
    page = client_for(october.pm).get(
        reverse("impact:organisation"),
        {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"},
    )
    headline = page.context["figures"]["headline"]
    assert headline.people_supported == 5  # L1 once, L2, 3 anonymous
    assert sum(r["people"] for r in page.context["team_rows"]) == 6
    body = page.content.decode()
    assert "People supported are different people" in body
    assert "These rows add up to 6 people, more than the 5 in the headline" in body
    assert "a person helped by two teams counts once in the total and once in each team" in body


def test_a_filter_applies_to_every_part_of_the_page_and_the_report_says_it(october, client_for):
    org = october.organisation
    outreach = TeamFactory(organisation=org, name="Outreach")
    quiet_elsewhere = MembershipFactory(organisation=org, team=outreach).user
    client = client_for(october.pm)
    query = {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}
    team = october.champion_membership.team
    AttendanceFactory(
        session=SupportSessionFactory(
            organisation=org, champion=october.champion, team=team, date=date(2026, 10, 12)
        )
    )
    page = client.get(reverse("impact:organisation"), {**query, "team": team.public_id})
    assert page.context["filters_label"] == f"Team: {team.name}"
    assert [q.user for q in page.context["quiet_shown"]] == [october.champion]
    assert quiet_elsewhere not in {q.user for q in page.context["quiet_shown"]}
    assert [r["name"] for r in page.context["team_rows"]] == [team.name]
    assert "Cost per person is worked out for the whole organisation" in page.content.decode()
    report = client.get(reverse("impact:report"), {**query, "team": team.public_id})
    assert f"Team: {team.name}" in report.content.decode()
    people = report.context["figures"]["headline"].people_supported
    assert people == sum(r["people"] for r in report.context["team_rows"]) == 1


def test_a_champion_sees_the_session_they_just_logged_in_my_impact(org_a, client_for):
    client = client_for(org_a.champion)
    before = client.get(reverse("impact:mine")).context["figures"]["headline"]
    response = client.post(
        reverse("sessions_log:tally"),
        {
            "date": timezone.localdate().isoformat(),
            "count": "4",
            "duration_minutes": "30",
            "topics": ["email"],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    after = client.get(reverse("impact:mine")).context["figures"]["headline"]
    assert after.sessions_completed == before.sessions_completed + 1
    assert after.people_supported == before.people_supported + 4


def test_the_network_organisation_table_adds_up_to_its_headline(
    october, org_b, network_admin, client_for
):
    AttendanceFactory(
        session__organisation=org_b.organisation,
        session__champion=org_b.champion,
        session__date=date(2026, 10, 3),
    )
    page = client_for(network_admin).get(
        reverse("impact:network"), {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}
    )
    people = page.context["figures"]["headline"].people_supported
    assert people == 6
    assert sum(r["people"] for r in page.context["organisation_rows"]) == people
    assert sum(r["people"] for r in page.context["sector_rows"]) == people


def test_the_network_board_report_has_sectors_regions_and_its_filters(
    october, org_b, network_admin, client_for
):
    client = client_for(network_admin)
    query = {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}
    page = client.get(reverse("impact:network_report"), query)
    assert page.status_code == 200
    body = page.content.decode()
    assert "network impact report" in body and "By sector" in body and "By nation or region" in body
    assert october.organisation.name in body  # among the busiest organisations
    sector = october.organisation.sector
    filtered = client.get(reverse("impact:network_report"), {**query, "sector": sector})
    label = filtered.context["filters_label"]
    assert label.startswith("Sector: ") and label in filtered.content.decode()
    pdf = client.get(reverse("impact:network_report_pdf"), {**query, "sector": sector})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith('attachment; filename="network-impact-report-')
    assert pdf.context["figures"]["headline"] == filtered.context["figures"]["headline"]


@pytest.mark.parametrize("name", ["impact:network_report", "impact:network_report_pdf"])
def test_the_network_board_report_is_for_network_admins_only(name, october, client_for, client):
    url = reverse(name)
    assert client.get(url).status_code == 302
    assert client_for(october.pm).get(url).status_code == 403
    assert client_for(october.champion).get(url).status_code == 403
    assert client_for(october.pm).post(url).status_code in (403, 405)


def test_the_network_board_report_query_count_does_not_grow(
    october, org_b, network_admin, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(network_admin)
    client.get(reverse("home"))

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("impact:network_report"), OCTOBER_QUERY).status_code == 200
        return len(context)

    before = queries()
    for _ in range(5):
        AttendanceFactory(
            session__organisation=org_b.organisation,
            session__champion=org_b.champion,
            session__date=date(2026, 10, 12),
        )
    # Computed afresh both times (the data changed in between): after the sessions only their
    # organisation's part is read again, and not its lending figures, which did not change.
    assert queries() <= before


def test_long_tables_show_the_busiest_rows_and_link_to_all(
    october, org_b, network_admin, client_for
):
    """A dashboard shows the busiest champions and organisations; the rest are one link away,
    with the page's filters kept, and the totals note still counts every row."""
    from impact import views

    org = october.organisation
    quieter = MembershipFactory(organisation=org).user
    SupportSessionFactory(organisation=org, champion=quieter, date=date(2026, 10, 3))
    october_query = {"period": "custom", "start": "2026-10-01", "end": "2026-10-31"}
    views.ROWS_SHOWN, shown_before = 1, views.ROWS_SHOWN
    try:
        pm = client_for(october.pm)
        page = pm.get(reverse("impact:organisation"), october_query).content.decode()
        body = _section(page, "champions-heading")
        assert "The 1 busiest of 2 champions." in body
        assert october.champion.display_name in body and quieter.display_name not in body
        link = "?period=custom&amp;start=2026-10-01&amp;end=2026-10-31&amp;champions=all"
        assert f'href="{link}#champions-heading"' in body
        every = pm.get(reverse("impact:organisation"), {**october_query, "champions": "all"})
        body = _section(every.content.decode(), "champions-heading")
        assert quieter.display_name in body and "busiest of" not in body

        other = org_b.organisation
        SupportSessionFactory(organisation=other, champion=org_b.champion, date=date(2026, 10, 4))
        admin = client_for(network_admin)
        page = admin.get(reverse("impact:network"), october_query).content.decode()
        body = _section(page, "orgs-heading")
        assert "The 1 busiest of 2 organisations." in body
        assert org.name in body and other.name not in body
        every = admin.get(reverse("impact:network"), {**october_query, "organisations": "all"})
        assert other.name in _section(every.content.decode(), "orgs-heading")
    finally:
        views.ROWS_SHOWN = shown_before


def test_the_quiet_list_shows_those_quiet_longest_and_links_to_all(october, client_for):
    """Champions gone quiet are listed longest quiet first (never logged a session, then by
    name), capped like the tables, the rest one link away."""
    from impact import views

    org = october.organisation
    first = MembershipFactory(organisation=org, user__name="Aaron Never").user
    second = MembershipFactory(organisation=org, user__name="Zed Never").user
    views.ROWS_SHOWN, shown_before = 1, views.ROWS_SHOWN
    try:
        pm = client_for(october.pm)
        page = pm.get(reverse("impact:organisation")).content.decode()
        body = _section(page, "quiet-heading")
        assert "The 1 quiet for longest of" in body
        assert "Aaron Never" in body and "Zed Never" not in body
        assert 'href="?quiet=all#quiet-heading"' in body
        every = pm.get(reverse("impact:organisation"), {"quiet": "all"}).content.decode()
        body = _section(every, "quiet-heading")
        assert first.display_name in body and second.display_name in body
        assert "quiet for longest" not in body
    finally:
        views.ROWS_SHOWN = shown_before


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]
