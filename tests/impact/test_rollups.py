"""The rollup tables give the same figures as the session tables.

Random sessions are written the ways the portal writes them (the sessions_log services: log,
edit, cancel, delete, restore, confidence scores) and the ways it could (a queryset update, a
hard delete, a team deleted, a learner's bands changed or withdrawn, self-assessments added and
removed); then every figure of impact/_from_rollups.py is compared with
impact/_from_sessions.py for periods that start and end mid-month, and the rollups kept by the
triggers are compared with the rollups rebuilt from scratch."""

import random
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from core.vocabulary import (
    AgeBand,
    Barrier,
    CancelReason,
    DataSupport,
    DeviceSupport,
    Gender,
    Mode,
    Region,
    Sector,
    SessionFormat,
    SessionStatus,
    Signposting,
    SkillArea,
    Topic,
)
from impact import _from_rollups, _from_sessions, selectors
from impact.periods import Period
from impact.rollups import ROLLUP_TABLES, rollups_paused, rollups_rebuild
from impact.selectors import Scope
from learners.models import Learner, SelfAssessment
from organisations.models import Organisation
from sessions_log import services
from sessions_log.models import SupportSession
from tests.factories import MembershipFactory, TeamFactory
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory

TODAY = timezone.localdate()


def _values(vocabulary):
    return [value for value, _ in vocabulary.choices]


# Days sessions fall on: few enough that learners come twice on a day, and the edges of the
# periods compared (a year ago, the first of a month, the last of the month before).
_FIRST = TODAY.replace(day=1)
DAYS = sorted(
    {
        TODAY,
        TODAY - timedelta(days=364),
        TODAY - timedelta(days=365),
        _FIRST,
        _FIRST - timedelta(days=1),
        (_FIRST - timedelta(days=1)).replace(day=1),
        *(TODAY - timedelta(days=n) for n in range(3, 430, 17)),
    }
)


def _random_data(rng: random.Random, learners: list) -> dict:
    status = rng.choice(["completed"] * 5 + ["planned", "cancelled", "no_show"])
    if status == "planned" and rng.random() < 0.5:
        day = TODAY + timedelta(days=rng.randint(0, 40))
    else:
        day = rng.choice(DAYS)
    fmt = rng.choice(_values(SessionFormat))
    data = {
        "status": status,
        "date": day,
        "format": fmt,
        "mode": rng.choice(_values(Mode)),
        "duration_minutes": rng.randint(5, 240),
        "topics": rng.sample(_values(Topic), rng.randint(0, 3)),
        "skill_areas": rng.sample(_values(SkillArea), rng.randint(0, 2)),
        "barriers": rng.sample(_values(Barrier), rng.randint(0, 2)),
        "signposting": rng.sample(_values(Signposting), rng.randint(0, 1)),
        "device_support": rng.choice([""] * 3 + _values(DeviceSupport)),
        "data_support": rng.choice([""] * 3 + _values(DataSupport)),
        "cancel_reason": rng.choice(_values(CancelReason)) if status == "cancelled" else "",
        "anonymous_count": 0,
        "learners": [],
    }
    if fmt == SessionFormat.ONE_TO_ONE:
        data["learners"] = rng.sample(learners, 1) if rng.random() < 0.8 else []
        data["confidence_before"] = rng.choice([None, 1, 2, 3, 4, 5])
        data["confidence_after"] = rng.choice([None, 1, 2, 3, 4, 5])
    elif fmt == SessionFormat.GROUP:
        data["learners"] = rng.sample(learners, rng.randint(0, 4))
        data["anonymous_count"] = rng.randint(0 if data["learners"] else 1, 3)
    else:
        data["anonymous_count"] = rng.randint(1, 12)
    return data


class World:
    """Two organisations (different sectors and regions) with teams, champions and learners."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.orgs = []
        self.champions = {}  # organisation pk -> [champion]
        self.learners = {}
        self.teams = {}
        for sector, region in ((Sector.CHARITY, Region.LONDON), (Sector.HOUSING, Region.WALES)):
            org = Organisation.objects.create(
                name=f"Org {sector}", sector=sector, region=region, local_authority="Somewhere"
            )
            teams = [TeamFactory(organisation=org) for _ in range(2)]
            champions = [
                MembershipFactory(organisation=org, team=rng.choice([*teams, None])).user
                for _ in range(4)
            ]
            self.orgs.append(org)
            self.teams[org.pk] = teams
            self.champions[org.pk] = champions
            self.learners[org.pk] = [
                LearnerFactory(
                    organisation=org,
                    age_band=rng.choice(["", *_values(AgeBand)]),
                    gender=rng.choice(["", *_values(Gender)]),
                )
                for _ in range(10)
            ]
            for learner in self.learners[org.pk][:6]:
                for _ in range(rng.randint(1, 3)):
                    self.assess(learner)

    def assess(self, learner):
        rng = self.rng
        SelfAssessment.objects.create(
            organisation=learner.organisation,
            learner=learner,
            assessed_on=rng.choice(DAYS),
            foundation=rng.choice([None, 1, 2, 3, 4, 5]),
            communicating=rng.randint(1, 5),
            transacting=rng.choice([None, 2, 4]),
            # Some assessments ask about no task (not counted in tasks gained), some about
            # life tasks too.
            foundation_tasks=rng.sample(
                ["browser", "home_screen", "device_controls"], rng.randint(0, 3)
            ),
            life_areas_asked=rng.choice([[], ["communicating"]]),
            life_tasks=rng.choice([[], ["send_email"], ["send_email", "video_call"]]),
        )

    def log(self):
        org = self.rng.choice(self.orgs)
        champion = self.rng.choice(self.champions[org.pk])
        data = _random_data(self.rng, self.learners[org.pk])
        try:
            return services.session_log(organisation=org, champion=champion, data=data)
        except ValidationError:
            return None

    def twice_on_a_day(self):
        """A learner at two sessions on one day (one repeat learner in a one-day period)."""
        org = self.rng.choice(self.orgs)
        data = _random_data(self.rng, self.learners[org.pk])
        data.update(
            status="completed",
            date=self.rng.choice(DAYS),
            format=SessionFormat.ONE_TO_ONE,
            learners=[self.rng.choice(self.learners[org.pk])],
            anonymous_count=0,
        )
        for champion in self.rng.sample(self.champions[org.pk], 2):
            services.session_log(organisation=org, champion=champion, data=dict(data))

    def hard_cases(self):
        """What makes the figures hard, whatever the random writes did and whatever the date:
        a learner at two sessions on one day, a learner assessed twice, a champion with no team
        and a deleted session."""
        self.twice_on_a_day()
        org = self.orgs[0]
        learner = self.learners[org.pk][0]
        for _ in range(2):
            self.assess(learner)
        teamless = MembershipFactory(organisation=org, team=None).user
        self.champions[org.pk].append(teamless)
        data = _random_data(self.rng, self.learners[org.pk])
        data.update(status="completed", date=self.rng.choice(DAYS), learners=[learner])
        data.update(format=SessionFormat.ONE_TO_ONE, anonymous_count=0)
        services.session_log(organisation=org, champion=teamless, data=data)
        deleted = services.session_log(organisation=org, champion=teamless, data=dict(data))
        services.session_delete(session=deleted, deleted_by=teamless)
        # One champion meets the same learner in two teams (counted once in the champion's
        # row), and completed sessions change hands and teams after they counted.
        teams = self.teams[org.pk]
        data.update(date=self.rng.choice(DAYS))
        for team in (teams[0], None):
            moved = services.session_log(organisation=org, champion=teamless, data=dict(data))
            SupportSession.objects.filter(pk=moved.pk).update(team=team)
        completed = SupportSession.objects.filter(
            organisation=org, status=SessionStatus.COMPLETED, deleted_at__isnull=True
        ).exclude(attendances=None)
        for session in completed.order_by("pk")[:3]:
            self.hand_over(session)
            self.move_team(session)

    def some_session(self):
        sessions = list(SupportSession.objects.order_by("pk"))
        return self.rng.choice(sessions) if sessions else None

    def act(self):
        """One random write."""
        rng = self.rng
        action = rng.choice(
            ["log"] * 6
            + ["edit"] * 3
            + [
                "cancel",
                "delete",
                "restore",
                "scores",
                "bulk_delete",
                "hard_delete",
                "factory",
                "save_status",
                "learner_bands",
                "withdraw_disability",
                "assessment",
                "drop_assessment",
                "team_delete",
                "hand_over",
                "move_team",
            ]
        )
        session = self.some_session()
        if action == "log" or session is None:
            self.log()
        elif action == "edit":
            data = _random_data(rng, self.learners[session.organisation_id])
            try:
                services.session_update(session=session, data=data, changed_by=session.champion)
            except ValidationError:
                pass
        elif action == "cancel":
            services.session_cancel(
                session=session,
                reason=rng.choice(_values(CancelReason)),
                changed_by=session.champion,
            )
        elif action == "delete":
            services.session_delete(session=session, deleted_by=session.champion)
        elif action == "restore":
            services.session_restore(session=session, restored_by=session.champion)
        elif action == "scores":
            scores = {
                a.pk: (rng.choice([None, 1, 3, 5]), rng.choice([None, 2, 4, 5]), None)
                for a in session.attendances.all()
            }
            services.attendance_scores_update(
                session=session, scores=scores, changed_by=session.champion
            )
        elif action == "bulk_delete":
            SupportSession.objects.filter(pk=session.pk).update(
                deleted_at=None if session.deleted_at else timezone.now()
            )
        elif action == "hard_delete":
            learner_ids = list(session.attendances.values_list("learner_id", flat=True))
            session.delete()
            services.learner_stats_refresh(learner_ids=learner_ids)
        elif action == "factory":
            org = rng.choice(self.orgs)
            made = SupportSessionFactory(
                organisation=org,
                champion=rng.choice(self.champions[org.pk]),
                date=rng.choice(DAYS),
                topics=["email", "online_banking"],
            )
            AttendanceFactory(
                session=made,
                learner=rng.choice(self.learners[org.pk]),
                confidence_before=2,
                confidence_after=rng.choice([1, 2, 4]),
            )
        elif action == "save_status":
            if session.status == SessionStatus.COMPLETED:
                session.status, session.cancel_reason = SessionStatus.CANCELLED, "venue"
            elif session.date <= TODAY:
                session.status, session.cancel_reason = SessionStatus.COMPLETED, ""
            session.save()
        elif action == "learner_bands":
            learner = rng.choice(self.learners[rng.choice(self.orgs).pk])
            learner.age_band = rng.choice(["", *_values(AgeBand)])
            learner.employment_status = rng.choice(["", "employed", "retired"])
            learner.save()
        elif action == "withdraw_disability":
            learner = rng.choice(self.learners[rng.choice(self.orgs).pk])
            Learner.objects.filter(pk=learner.pk).update(disability=rng.choice(["", "yes", "no"]))
        elif action == "assessment":
            self.assess(rng.choice(self.learners[rng.choice(self.orgs).pk]))
        elif action == "drop_assessment":
            assessment = SelfAssessment.objects.order_by("?").first()
            if assessment:
                assessment.delete()
        elif action == "team_delete":
            teams = self.teams[session.organisation_id]
            if len(teams) > 1:
                teams.pop(rng.randrange(len(teams))).delete()
        elif action == "hand_over":
            self.hand_over(session)
        elif action == "move_team":
            self.move_team(session)

    def hand_over(self, session):
        """The session put down to another champion of its organisation (as an admin might)."""
        champion = self.rng.choice(self.champions[session.organisation_id])
        SupportSession.objects.filter(pk=session.pk).update(champion=champion)

    def move_team(self, session):
        """The session moved to another of its organisation's teams, or to none."""
        team = self.rng.choice([*self.teams[session.organisation_id], None])
        SupportSession.objects.filter(pk=session.pk).update(team=team)

    def periods(self) -> list[Period]:
        periods = [
            Period(TODAY - timedelta(days=364), TODAY),  # the dashboards' default
            Period(date(TODAY.year, TODAY.month, 1), TODAY),
            Period(TODAY - timedelta(days=6), TODAY),
            Period(TODAY - timedelta(days=500), TODAY + timedelta(days=60)),
        ]
        for _ in range(6):
            start = self.rng.choice(DAYS) + timedelta(days=self.rng.randint(-2, 2))
            periods.append(Period(start, start + timedelta(days=self.rng.randint(0, 200))))
        return periods

    def scopes(self) -> list[Scope]:
        first, second = self.orgs
        return [
            Scope(),
            Scope(organisation=first),
            Scope(organisation=second),
            Scope(sector=Sector.HOUSING),
            Scope(region=Region.LONDON),
            Scope(sector=Sector.CHARITY, region=Region.WALES),  # nobody
        ]


def _tables() -> dict[str, set]:
    found = {}
    with connection.cursor() as cursor:
        for table in ROLLUP_TABLES:
            cursor.execute(f'SELECT * FROM "{table}"')
            columns = [c.name for c in cursor.description]
            rows = cursor.fetchall()
            keep = [i for i, c in enumerate(columns) if c != "id"]
            found[table] = {
                tuple(tuple(v) if isinstance(v, list) else v for v in (row[i] for i in keep))
                for row in rows
            }
    return found


def _group_key(row: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in row.items()))


def _assert_same_figures(world: World):
    for scope in world.scopes():
        for period in world.periods():
            where = f"{scope} {period}"
            assert _from_rollups.headline(scope=scope, period=period) == (
                _from_sessions.headline(scope=scope, period=period)
            ), where
            assert _from_rollups.headline_with_previous(scope=scope, period=period) == (
                _from_sessions.headline_with_previous(scope=scope, period=period)
            ), where
            for unit in ("month", "week"):
                assert _from_rollups.trend(scope=scope, period=period, unit=unit) == [
                    tuple(r) for r in _from_sessions.trend(scope=scope, period=period, unit=unit)
                ], where
            assert _from_rollups.breakdowns(scope=scope, period=period) == (
                _from_sessions.breakdowns(scope=scope, period=period)
            ), where
            assert _from_rollups.distance_travelled(scope=scope, period=period) == (
                _from_sessions.distance_travelled(scope=scope, period=period)
            ), where
            assert _from_rollups.tasks_counts(scope=scope, period=period) == (
                _from_sessions.tasks_counts(scope=scope, period=period)
            ), where
            groups = ["organisation", "sector", "region"]
            if scope.organisation is not None:
                groups += ["team", "champion"]
                # The dashboard's two tables in one statement, one pass over the attendances.
                together = _from_rollups.per_group_tables(
                    scope=scope, period=period, groups=("team", "champion")
                )
                for group in ("team", "champion"):
                    alone = _from_rollups.per_group_table(scope=scope, period=period, group=group)
                    assert together[group] == alone, (where, group)
            for group in groups:
                rolled = _from_rollups.per_group_table(scope=scope, period=period, group=group)
                raw = _from_sessions.per_group_table(scope=scope, period=period, group=group)
                assert sorted(map(_group_key, rolled)) == sorted(map(_group_key, raw)), (
                    where,
                    group,
                )
                assert [r["completed"] for r in rolled] == [r["completed"] for r in raw]
                if group in ("sector", "region"):  # the network page sums its organisations'
                    organisations = _from_rollups.per_group_table(
                        scope=scope, period=period, group="organisation"
                    )
                    summed = selectors.rows_by_organisation_field(
                        organisations,
                        group=group,
                        attributes=selectors.organisation_attributes(
                            r["organisation"] for r in organisations
                        ),
                    )
                    assert summed == rolled, (where, group)
    # A team's and a champion's tables (their other figures come from the session tables).
    for org in world.orgs:
        for scope in [Scope(organisation=org, team=t) for t in world.teams[org.pk]] + [
            Scope(organisation=org, champion=c) for c in world.champions[org.pk]
        ]:
            period = world.periods()[0]
            together = _from_rollups.per_group_tables(
                scope=scope, period=period, groups=("team", "champion")
            )
            for group in ("team", "champion"):
                rolled = _from_rollups.per_group_table(scope=scope, period=period, group=group)
                raw = _from_sessions.per_group_table(scope=scope, period=period, group=group)
                assert sorted(map(_group_key, rolled)) == sorted(map(_group_key, raw))
                assert together[group] == rolled
        for as_of in (TODAY, TODAY - timedelta(days=100), TODAY + timedelta(days=30)):
            rolled = _from_rollups.last_completed_sessions(organisation=org, as_of=as_of)
            raw = _from_sessions.last_completed_sessions(organisation=org, as_of=as_of)
            assert {(m.pk, m.last) for m in rolled} == {(m.pk, m.last) for m in raw}


@pytest.mark.django_db
# All three seeds on the day; the first again at every moment of the date matrix.
@pytest.mark.parametrize("seed", [pytest.param(1, marks=pytest.mark.dates), 2, 3])
def test_rollups_give_the_figures_of_the_session_tables(seed):
    world = World(random.Random(seed))
    for _ in range(40):
        world.log()
    for _ in range(3):
        world.twice_on_a_day()
    for _ in range(120):
        world.act()
    world.hard_cases()
    assert SupportSession.objects.filter(status=SessionStatus.COMPLETED).count() > 20
    _assert_same_figures(world)
    # The data had what makes the figures hard: repeat learners, two sessions on one day,
    # learners assessed twice, sessions deleted and without a team.
    whole = Period(DAYS[0], TODAY)
    assert _from_sessions.distance_travelled(scope=Scope(), period=whole)["learners"] > 0
    assert _from_sessions.tasks_counts(scope=Scope(), period=whole)[0] > 0
    assert _from_sessions.headline(scope=Scope(), period=whole).repeat_learner_share > 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM impact_learneractivity WHERE position('1' in multi::text) > 0"
        )
        assert cursor.fetchone()[0] > 0
        cursor.execute("SELECT count(*) FROM impact_championday WHERE team_id IS NULL")
        assert cursor.fetchone()[0] > 0
    assert SupportSession.objects.filter(deleted_at__isnull=False).exists()
    # What the triggers kept is exactly what a rebuild from scratch gives.
    kept = _tables()
    assert kept["impact_learneractivity"] and kept["impact_dimensionmonth"]
    rollups_rebuild()
    assert _tables() == kept


@pytest.mark.dates
@pytest.mark.django_db
def test_public_selectors_read_the_rollups_for_organisations_and_the_network(
    org_a, django_assert_num_queries
):
    world = World(random.Random(4))
    for _ in range(30):
        world.log()
    period = Period(TODAY - timedelta(days=364), TODAY)
    for scope in (Scope(), Scope(organisation=world.orgs[0])):
        with django_assert_num_queries(1):
            now, before = selectors.headline_with_previous(scope=scope, period=period)
        assert (now, before) == _from_sessions.headline_with_previous(scope=scope, period=period)
        with connection.cursor() as cursor:  # the rollups, not the sessions, answered
            cursor.execute("TRUNCATE impact_daytotals")
        assert selectors.headline(scope=scope, period=period).sessions_completed == 0
        rollups_rebuild()


@pytest.mark.dates
@pytest.mark.django_db
def test_a_paused_bulk_load_is_caught_up_by_a_rebuild(org_a):
    with transaction.atomic(), rollups_paused():
        SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion)
    scope, period = Scope(organisation=org_a.organisation), Period(TODAY, TODAY)
    assert selectors.headline(scope=scope, period=period).sessions_completed == 0
    # The pause ended with its block: later writes count again.
    SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion)
    assert selectors.headline(scope=scope, period=period).sessions_completed == 1
    rollups_rebuild()
    assert selectors.headline(scope=scope, period=period).sessions_completed == 2


def test_rollups_paused_needs_a_transaction():
    with pytest.raises(RuntimeError), rollups_paused():
        pass


@pytest.mark.django_db
def test_the_large_seed_loads_with_the_triggers_paused_and_rebuilds_the_rollups():
    from bench import dataset as demo_large
    from tests.bench.test_demo_large import TINY

    demo_large.seed_large(seed=7, log=lambda message: None, today=TODAY, scale=TINY)
    kept = _tables()
    assert kept["impact_daytotals"] and kept["impact_learneractivity"]
    largest = Organisation.objects.get(memberships__user__email=demo_large.LARGEST_PM_EMAIL)
    period = Period(TODAY - timedelta(days=364), TODAY)
    for scope in (Scope(), Scope(organisation=largest)):
        assert _from_rollups.headline_with_previous(scope=scope, period=period) == (
            _from_sessions.headline_with_previous(scope=scope, period=period)
        )
        assert _from_rollups.breakdowns(scope=scope, period=period) == (
            _from_sessions.breakdowns(scope=scope, period=period)
        )
    rollups_rebuild()
    assert _tables() == kept
    # The pause ended with the load: a session logged now counts at once.
    champion = largest.memberships.filter(role="champion").first().user
    before = selectors.headline(scope=Scope(organisation=largest), period=period)
    services.session_log(
        organisation=largest,
        champion=champion,
        data={
            "status": "completed",
            "date": TODAY,
            "format": "drop_in",
            "duration_minutes": 60,
            "anonymous_count": 3,
        },
    )
    after = selectors.headline(scope=Scope(organisation=largest), period=period)
    assert after.sessions_completed == before.sessions_completed + 1
    assert after.people_supported == before.people_supported + 3
