"""Small demo data: learners and sessions for each demo organisation over the life of its
programme (about two years, so "the last 12 months" has a full year before it to compare with;
organisations.demo.activity says how long and how busy), with realistic seasonality and new
learners arriving all along, so every page and dashboard has something true-looking to show."""

from collections import deque
from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from core.vocabulary import (
    SKILL_AREA_FOR_TOPIC,
    AgeBand,
    Barrier,
    CancelReason,
    EmploymentStatus,
    Gender,
    Mode,
    SessionFormat,
    SessionStatus,
    Signposting,
    Topic,
    YesNoPreferNot,
)
from learners.models import Consent, Learner, SelfAssessment
from organisations.demo import activity
from organisations.models import Membership
from sessions_log.models import Attendance, SupportSession
from sessions_log.services import learner_stats_refresh

FIRST_NAMES = [
    "Margaret",
    "John",
    "Aisha",
    "Peter",
    "Fatima",
    "Brian",
    "Joan",
    "Mohammed",
    "Doreen",
    "Kwame",
    "Eileen",
    "Tomasz",
    "Pauline",
    "Ravi",
    "Sheila",
    "Dylan",
    "Ngozi",
    "Alan",
    "Bernadette",
    "Hamza",
    "Irene",
    "Colin",
    "Precious",
    "Gwen",
    "Stanislav",
]
VENUES = ["Community hub", "Central library", "Tenants' lounge", "Job centre", "By phone", "Café"]
# Fewer sessions in August and late December.
MONTH_WEIGHT = {
    1: 1.0,
    2: 1.1,
    3: 1.2,
    4: 1.0,
    5: 1.1,
    6: 1.0,
    7: 0.8,
    8: 0.5,
    9: 1.2,
    10: 1.3,
    11: 1.2,
    12: 0.6,
}


def _pick(rng, choices, k=1):
    return rng.sample(list(choices), k)


@transaction.atomic
def seed(*, scale: str, rng, log) -> None:
    if scale != "small":
        return
    today = timezone.localdate()
    champions_by_org: dict = {}
    for m in (
        Membership.objects.filter(is_active=True)
        .select_related("organisation", "user", "team")
        .order_by("organisation_id", "pk")
    ):
        champions_by_org.setdefault(m.organisation, []).append(m)
    for organisation, members in champions_by_org.items():
        if SupportSession.objects.filter(organisation=organisation).exists():
            continue
        champions = [m for m in members if m.is_champion] or members
        pace, days = activity(organisation.name).pace, activity(organisation.name).days
        start = today - timedelta(days=days)
        # A fifth were waiting when the programme began; the rest arrive over its life.
        learners = [
            Learner(
                organisation=organisation,
                display_name=f"{rng.choice(FIRST_NAMES)} {rng.choice('ABCDEFGHJKLMNPRSTW')}.",
                age_band=rng.choice([a for a in AgeBand.values] + ["", "75_plus", "65_74"]),
                gender=rng.choice(Gender.values + [""]),
                employment_status=rng.choice(EmploymentStatus.values + ["retired", "retired"]),
                first_language_english=rng.choice(YesNoPreferNot.values + ["yes", "yes"]),
                postcode_district=rng.choice(["M14", "M15", "M16", "LS6", "BS5", "CF40", ""]),
                created_by=rng.choice(champions).user,
                is_shared=rng.random() < 0.3,
                created_at=timezone.now()
                - timedelta(days=days if rng.random() < 0.2 else rng.randint(0, days)),
            )
            for _ in range(max(8, round(rng.randint(50, 90) * pace * days / 730)))
        ]
        learners.sort(key=lambda learner: learner.created_at)
        Learner.objects.bulk_create(learners)
        # Every record rests on the learner's agreement, as the session form records it.
        Consent.objects.bulk_create(
            Consent(
                organisation=organisation,
                learner=learner,
                kind=kind,
                method=rng.choice(["verbal", "verbal", "written"]),
                recorded_by=learner.created_by,
                recorded_at=learner.created_at,
                what_they_were_told="Read the consent script; gave the privacy notice.",
            )
            for learner in learners
            for kind in [Consent.Kind.PROCESSING]
            + ([Consent.Kind.CONTACT] if rng.random() < 0.4 else [])
        )
        sessions, attendance_plan = [], []
        # Learners on the books by the day, and those among them not yet seen: a newcomer is
        # usually helped within days of being added, then comes back now and then.
        arrived, waiting = [], deque()
        day = start
        while day <= today + timedelta(days=14):
            while len(arrived) < len(learners) and (
                learners[len(arrived)].created_at.date() <= day
            ):
                arrived.append(learners[len(arrived)])
                waiting.append(arrived[-1])
            if day.weekday() < 5 or rng.random() < 0.15:
                usual = rng.choices([0, 1, 2, 3], weights=[3, 4, 2, 1])[0]
                for _ in range(int(usual * pace + rng.random())):  # pace times as many, on average
                    if rng.random() > MONTH_WEIGHT[day.month] * 0.9:
                        continue
                    champion = rng.choice(champions)
                    fmt = rng.choices(SessionFormat.values, weights=[7, 2, 1])[0]
                    future = day > today
                    roll = rng.random()
                    status = (
                        SessionStatus.PLANNED
                        if future
                        else SessionStatus.CANCELLED
                        if roll < 0.07
                        else SessionStatus.NO_SHOW
                        if roll < 0.10
                        else SessionStatus.COMPLETED
                    )
                    topics = _pick(rng, Topic.values, rng.choice([1, 1, 2, 3]))
                    session = SupportSession(
                        organisation=organisation,
                        champion=champion.user,
                        team=champion.team,
                        created_by=champion.user,
                        status=status,
                        date=day,
                        start_time=time(rng.choice([9, 10, 11, 13, 14, 15]), rng.choice([0, 30])),
                        duration_minutes=rng.choice(
                            [30, 45, 60, 60, 90] if fmt != "drop_in" else [120, 180]
                        ),
                        format=fmt,
                        mode=rng.choices(Mode.values, weights=[7, 2, 1, 1])[0],
                        venue=rng.choice(VENUES),
                        topics=topics,
                        skill_areas=sorted({SKILL_AREA_FOR_TOPIC[t] for t in topics}),
                        barriers=_pick(rng, Barrier.values, rng.choice([0, 0, 1, 1, 2])),
                        device_support=rng.choices(["", "lent", "gifted"], weights=[90, 7, 3])[0],
                        data_support=rng.choices(["", "sim", "voucher"], weights=[92, 5, 3])[0],
                        signposting=_pick(rng, Signposting.values, rng.choice([0, 0, 0, 1])),
                        cancel_reason=rng.choice(CancelReason.values)
                        if status == "cancelled"
                        else "",
                        anonymous_count=(
                            rng.randint(4, 20)
                            if fmt == "drop_in"
                            else rng.randint(0, 4)
                            if fmt == "group"
                            else 0
                        ),
                    )
                    if status == "completed" and rng.random() < 0.12:
                        session.follow_up_needed = True
                        session.follow_up_on = min(
                            today + timedelta(days=rng.randint(0, 6)), day + timedelta(days=14)
                        )
                        if session.follow_up_on < day:
                            session.follow_up_on = day
                    n = 0 if fmt == "drop_in" else 1 if fmt == "one_to_one" else rng.randint(2, 6)
                    people = []
                    while waiting and len(people) < n and rng.random() < 0.7:
                        people.append(waiting.popleft())
                    others = [learner for learner in arrived if learner not in people]
                    people += rng.sample(others, min(n - len(people), len(others)))
                    session.people_count = len(people) + session.anonymous_count
                    sessions.append(session)
                    attendance_plan.append(people)
            day += timedelta(days=1)
        SupportSession.objects.bulk_create(sessions, batch_size=500)
        attendances = []
        for session, people in zip(sessions, attendance_plan, strict=True):
            for learner in people:
                before = rng.choices([1, 2, 3, 4], weights=[3, 4, 3, 1])[0]
                after = min(5, before + rng.choices([0, 1, 2], weights=[2, 5, 2])[0])
                done = session.status == "completed"
                attendances.append(
                    Attendance(
                        organisation=organisation,
                        session=session,
                        learner=learner,
                        date=session.date,
                        confidence_before=before
                        if done and session.format == "one_to_one"
                        else None,
                        confidence_after=after if done and session.format == "one_to_one" else None,
                        goal_met=(rng.random() < 0.8)
                        if done and session.format == "one_to_one"
                        else None,
                    )
                )
        Attendance.objects.bulk_create(attendances, batch_size=1000)
        learner_stats_refresh(learner_ids=[learner.pk for learner in learners])
        assessments = []
        for learner in Learner.objects.filter(
            organisation=organisation, first_session_on__isnull=False
        ):
            first = {f: rng.randint(1, 3) for f in SelfAssessment.SCORE_FIELDS}
            assessments.append(
                SelfAssessment(
                    organisation=organisation,
                    learner=learner,
                    assessed_on=learner.first_session_on,
                    foundation_tasks=rng.sample(
                        ["device_controls", "home_screen", "browser", "internet_and_wifi"],
                        rng.randint(1, 3),
                    ),
                    **first,
                )
            )
            if learner.session_count > 1 and rng.random() < 0.6:
                assessments.append(
                    SelfAssessment(
                        organisation=organisation,
                        learner=learner,
                        assessed_on=learner.last_session_on,
                        foundation_tasks=[
                            "device_controls",
                            "home_screen",
                            "browser",
                            "internet_and_wifi",
                            "passwords_safe",
                        ],
                        **{f: min(5, v + rng.randint(0, 2)) for f, v in first.items()},
                    )
                )
        SelfAssessment.objects.bulk_create(assessments)
        log(f"sessions: {organisation.name}: {len(learners)} learners, {len(sessions)} sessions")
