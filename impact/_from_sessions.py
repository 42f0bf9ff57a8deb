"""The impact figures computed from the session and attendance tables themselves: the definition
the rollups are tested against (tests/impact/test_rollups.py), and what a team's or a champion's
figures are still computed from (their learner figures and breakdowns are not in the rollups;
one team or champion is a small number of rows). Only live (not deleted) sessions count."""

from django.db import connection
from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import TruncMonth, TruncWeek

from core.vocabulary import SessionStatus

from .periods import Period
from .scope import (
    ARRAY_FIELDS,
    COMPLETED,
    DEMOGRAPHIC_FIELDS,
    GROUPS,
    SKILL_AREAS,
    STATUS_FIELDS,
    Headline,
    Scope,
    breakdown_result,
    build_headline,
    distance_result,
    group_row,
)


def _session_aggregates(tag: str, when: Q) -> dict:
    completed = COMPLETED & when
    return {
        f"{tag}completed": Count("id", filter=completed),
        f"{tag}planned": Count("id", filter=Q(status=SessionStatus.PLANNED) & when),
        f"{tag}cancelled": Count("id", filter=Q(status=SessionStatus.CANCELLED) & when),
        f"{tag}no_show": Count("id", filter=Q(status=SessionStatus.NO_SHOW) & when),
        f"{tag}minutes": Sum("duration_minutes", filter=completed),
        f"{tag}anonymous": Sum("anonymous_count", filter=completed),
        f"{tag}champions": Count("champion", distinct=True, filter=completed),
        f"{tag}devices": Count("id", filter=completed & ~Q(device_support="")),
        f"{tag}data": Count("id", filter=completed & ~Q(data_support="")),
    }


def _learner_totals(scope: Scope, period: Period) -> dict:
    """Learners, repeat learners and confidence in one pass over the attendances: per learner
    first, then summed, so "learners" counts people and confidence counts ratings."""
    both = Q(confidence_before__isnull=False, confidence_after__isnull=False)
    per_learner = (
        scope.attendances(period)
        .values("learner_id")
        .annotate(
            n=Count("session_id", distinct=True),
            rated=Count("id", filter=both),
            more=Count("id", filter=both & Q(confidence_after__gt=F("confidence_before"))),
            uplift=Sum(F("confidence_after") - F("confidence_before"), filter=both),
        )
    )
    return per_learner.aggregate(
        total=Count("learner_id"),
        repeat=Count("learner_id", filter=Q(n__gte=2)),
        rated_total=Sum("rated"),
        more_total=Sum("more"),
        uplift_total=Sum("uplift"),
    )


def headline(*, scope: Scope, period: Period) -> Headline:
    """Two queries: session totals; learners, repeat learners and confidence."""
    totals = scope.sessions(period).aggregate(**_session_aggregates("", Q()))
    return build_headline(totals, "", _learner_totals(scope, period))


def headline_with_previous(*, scope: Scope, period: Period) -> tuple[Headline, Headline]:
    """The period and the one before it, in two queries: both periods' session totals in one
    pass over their dates, then both periods' learner figures in one pass."""
    previous = period.previous()
    totals = scope.sessions(Period(start=previous.start, end=period.end)).aggregate(
        **_session_aggregates("now_", Q(date__gte=period.start)),
        **_session_aggregates("before_", Q(date__lte=previous.end)),
    )
    now, before = _learner_totals_both(scope, period, previous)
    return build_headline(totals, "now_", now), build_headline(totals, "before_", before)


def _learner_totals_both(scope: Scope, period: Period, previous: Period) -> tuple[dict, dict]:
    """`_learner_totals` for a period and the one before it, in one pass over both."""
    both = Q(confidence_before__isnull=False, confidence_after__isnull=False)
    more = both & Q(confidence_after__gt=F("confidence_before"))
    uplift = F("confidence_after") - F("confidence_before")
    sides = {"now": Q(date__gte=period.start), "before": Q(date__lte=previous.end)}
    per_learner = (
        scope.attendances(Period(start=previous.start, end=period.end))
        .values("learner_id")
        .annotate(
            **{
                name: aggregate
                for side, when in sides.items()
                for name, aggregate in {
                    f"n_{side}": Count("session_id", distinct=True, filter=when),
                    f"rated_{side}": Count("id", filter=both & when),
                    f"more_{side}": Count("id", filter=more & when),
                    f"uplift_{side}": Sum(uplift, filter=both & when),
                }.items()
            }
        )
    )
    found = per_learner.aggregate(
        **{
            name: aggregate
            for side in sides
            for name, aggregate in {
                f"total_{side}": Count("learner_id", filter=Q(**{f"n_{side}__gte": 1})),
                f"repeat_{side}": Count("learner_id", filter=Q(**{f"n_{side}__gte": 2})),
                f"rated_total_{side}": Sum(f"rated_{side}"),
                f"more_total_{side}": Sum(f"more_{side}"),
                f"uplift_total_{side}": Sum(f"uplift_{side}"),
            }.items()
        }
    )
    keys = ("total", "repeat", "rated_total", "more_total", "uplift_total")
    return tuple({key: found[f"{key}_{side}"] for key in keys} for side in sides)


def trend(*, scope: Scope, period: Period, unit: str = "month") -> list[dict]:
    """Completed sessions, minutes and people per month (or per week, starting Mondays)."""
    truncate = TruncWeek if unit == "week" else TruncMonth
    rows = (
        scope.sessions(period)
        .filter(COMPLETED)
        .annotate(start=truncate("date"))
        .values("start")
        .annotate(sessions=Count("id"), minutes=Sum("duration_minutes"), people=Sum("people_count"))
        .order_by("start")
    )
    return [(r["start"], r["sessions"], r["minutes"], r["people"]) for r in rows]


def _sql_scope(scope: Scope) -> tuple[str, list]:
    clauses, params = [], []
    if scope.organisation is not None:
        clauses.append("s.organisation_id = %s")
        params.append(scope.organisation.pk)
    if scope.team is not None:
        clauses.append("s.team_id = %s")
        params.append(scope.team.pk)
    if scope.champion is not None:
        clauses.append("s.champion_id = %s")
        params.append(scope.champion.pk)
    if scope.sector or scope.region:
        clauses.append(
            "s.organisation_id IN (SELECT id FROM organisations_organisation WHERE "
            + " AND ".join(
                c for c, v in (("sector = %s", scope.sector), ("region = %s", scope.region)) if v
            )
            + ")"
        )
        params += [v for v in (scope.sector, scope.region) if v]
    return ("".join(f" AND {c}" for c in clauses), params)


LIVE = "s.deleted_at IS NULL AND s.date BETWEEN %s AND %s"


def breakdowns(*, scope: Scope, period: Period) -> dict[str, dict]:
    """Every "by value" table of a dashboard in one query: completed sessions by each topic,
    skill area, barrier, signposting, mode and format; cancellations by reason; learners by each
    demographic band (small counts suppressed). The period's sessions and learners are read once
    into materialised CTEs, then counted fifteen ways (one pass over the big table)."""
    where, params = _sql_scope(scope)
    columns = ", ".join(f"s.{f}" for f in (*ARRAY_FIELDS, *STATUS_FIELDS, "cancel_reason"))
    demographic_columns = ", ".join(f"l.{f}" for f in DEMOGRAPHIC_FIELDS)
    parts: list[str] = []
    for field in ARRAY_FIELDS:
        parts.append(
            f"SELECT '{field}', v, COUNT(*) FROM period_sessions p, unnest(p.{field}) AS v "
            "WHERE p.status = 'completed' GROUP BY v"
        )
    for field in STATUS_FIELDS:
        parts.append(
            f"SELECT '{field}', p.{field}, COUNT(*) FROM period_sessions p "
            f"WHERE p.status = 'completed' GROUP BY p.{field}"
        )
    parts.append(
        "SELECT 'cancel_reason', p.cancel_reason, COUNT(*) FROM period_sessions p "
        "WHERE p.status = 'cancelled' GROUP BY p.cancel_reason"
    )
    for field in DEMOGRAPHIC_FIELDS:
        parts.append(
            f"SELECT 'demographic:{field}', h.{field}, COUNT(*) FROM helped h GROUP BY h.{field}"
        )
    sql = f"""
        WITH period_sessions AS MATERIALIZED (
            SELECT s.id, s.status, {columns} FROM sessions_log_supportsession s
            WHERE {LIVE}{where}
        ),
        helped AS MATERIALIZED (
            SELECT {demographic_columns} FROM learners_learner l
            WHERE l.id IN (
                SELECT a.learner_id FROM sessions_log_attendance a
                JOIN period_sessions p ON p.id = a.session_id WHERE p.status = 'completed'
            )
        )
        {" UNION ALL ".join(parts)}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [period.start, period.end, *params])
        return breakdown_result(cursor.fetchall())


def per_group_table(*, scope: Scope, period: Period, group: str) -> list[dict]:
    """Sessions, hours and different people per champion, team, organisation, sector or region
    (two queries)."""
    key, name = GROUPS[group]
    rows = (
        scope.sessions(period)
        .values(key, name)
        .annotate(
            completed=Count("id", filter=COMPLETED),
            cancelled=Count("id", filter=Q(status=SessionStatus.CANCELLED)),
            minutes=Sum("duration_minutes", filter=COMPLETED),
            last=Max("date", filter=COMPLETED),
        )
        .order_by("-completed")
    )
    people = people_by_group(scope=scope, period=period, group=group)
    return [group_row({**r, "people": people.get(r[key], 0)}, group) for r in rows]


_GROUP_COLUMNS = {
    "champion": "s.champion_id",
    "team": "s.team_id",
    "organisation": "s.organisation_id",
    "sector": "o.sector",
    "region": "o.region",
}


def people_by_group(*, scope: Scope, period: Period, group: str) -> dict:
    """Different people helped per group at completed sessions (one query): see
    people_by_group_sql."""
    sql, params = people_by_group_sql(scope=scope, group=group)
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "start": period.start, "end": period.end})
        return dict(cursor.fetchall())


def people_by_group_sql(*, scope: Scope, group: str) -> tuple[str, dict]:
    """SQL giving (key, n) per group: the learners with a record at its completed sessions,
    each once however often they came, and the people helped without one. The same definition
    as the headline's "people supported", so one group alone gives the headline's figure; a
    person helped by two groups counts once in each. Named parameters: start and end, and
    those returned. Attendances carry their session's date; both are bounded by it so each
    table is read from its covering index. The rollups' tables use it too (one statement)."""
    return people_by_groups_sql(scope=scope, groups=(group,))


def people_by_groups_sql(*, scope: Scope, groups: tuple[str, ...]) -> tuple[str, dict]:
    """people_by_group_sql for several groups from one pass over the period's attendances:
    (group, key, n) rows, with `group` dropped when there is only one. The team and champion
    tables together read the largest national organisation's year of attendances once, not
    twice (115 ms against 114 + 80, bench/FINDINGS.md, 4 December, night). Several groups
    need keys of one type: team and champion (ids), not sector or region."""
    columns = [_GROUP_COLUMNS[group] for group in groups]
    if len(groups) == 1:
        select, group_by = f"{columns[0]} AS key", "1"
    else:
        assert all(group in ("team", "champion") for group in groups), groups
        which = " ".join(
            f"WHEN GROUPING({column}) = 0 THEN '{group}'"
            for group, column in zip(groups, columns, strict=True)
        )
        key = " ".join(
            f"WHEN GROUPING({column}) = 0 THEN {column}"
            for group, column in zip(groups, columns, strict=True)
        )
        select = f"CASE {which} END AS grp, CASE {key} END AS key"
        group_by = "GROUPING SETS (" + ", ".join(f"({column})" for column in columns) + ")"
    clauses, params = [], {}
    for name, value, clause in (
        ("organisation", scope.organisation, "s.organisation_id = %(organisation)s"),
        ("team", scope.team, "s.team_id = %(team)s"),
        ("champion", scope.champion, "s.champion_id = %(champion)s"),
        ("sector", scope.sector, "o.sector = %(sector)s"),
        ("region", scope.region, "o.region = %(region)s"),
    ):
        if value:
            clauses.append(clause)
            params[name] = getattr(value, "pk", value)
    where = "".join(f" AND {c}" for c in clauses)
    # Organisations are joined only when a sector or region is asked for.
    join = (
        "JOIN organisations_organisation o ON o.id = s.organisation_id"
        if any(column.startswith("o.") for column in columns) or scope.sector or scope.region
        else ""
    )
    own = " AND a.organisation_id = %(organisation)s" if scope.organisation is not None else ""
    live = (
        "s.status = 'completed' AND s.deleted_at IS NULL AND s.date BETWEEN %(start)s AND %(end)s"
    )
    outer = "key" if len(groups) == 1 else "grp, key"
    sql = f"""
        SELECT {outer}, sum(n)::bigint AS n FROM (
            SELECT {select}, count(DISTINCT a.learner_id) AS n
            FROM sessions_log_attendance a
            JOIN sessions_log_supportsession s ON s.id = a.session_id {join}
            WHERE a.date BETWEEN %(start)s AND %(end)s{own} AND {live}{where}
            GROUP BY {group_by}
            UNION ALL
            SELECT {select}, sum(s.anonymous_count)
            FROM sessions_log_supportsession s {join}
            WHERE {live}{where}
            GROUP BY {group_by}
        ) people GROUP BY {outer}
    """
    return sql, params


def helped_learner_ids(*, scope: Scope, period: Period) -> tuple[str, tuple]:
    """SQL selecting the ids of the learners supported in the period (a learner once per
    attendance), and its parameters. No ordering: Attendance's default one joins learners."""
    query = scope.attendances(period).order_by().values("learner_id").query
    return query.sql_with_params()


def distance_travelled(*, scope: Scope, period: Period) -> dict | None:
    """Learners supported in the period with two or more self-assessments: the average score in
    each skill area at first contact against the latest, and foundation tasks they can do."""
    where, params = _sql_scope(scope)
    sql = f"""
        WITH helped AS (
            SELECT DISTINCT a.learner_id FROM sessions_log_attendance a
            JOIN sessions_log_supportsession s ON s.id = a.session_id
            WHERE s.deleted_at IS NULL AND s.status = 'completed'
              AND a.date BETWEEN %s AND %s {where}
        ),
        ranked AS (
            SELECT sa.*, row_number() OVER (PARTITION BY sa.learner_id ORDER BY sa.assessed_on, sa.id) AS first_rank,
                   row_number() OVER (PARTITION BY sa.learner_id ORDER BY sa.assessed_on DESC, sa.id DESC) AS last_rank,
                   count(*) OVER (PARTITION BY sa.learner_id) AS n
            FROM learners_selfassessment sa JOIN helped h ON h.learner_id = sa.learner_id
        )
        SELECT count(*) FILTER (WHERE first_rank = 1),
               {", ".join(f"avg({a}) FILTER (WHERE first_rank = 1), avg({a}) FILTER (WHERE last_rank = 1)" for a in SKILL_AREAS)},
               avg(cardinality(foundation_tasks)) FILTER (WHERE first_rank = 1),
               avg(cardinality(foundation_tasks)) FILTER (WHERE last_rank = 1)
        FROM ranked WHERE n >= 2
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [period.start, period.end, *params])
        return distance_result(cursor.fetchone())


def last_completed_sessions(*, organisation, as_of):
    """The organisation's active champions' memberships (active users), each annotated with
    `last`: the day of their last completed session there on or before as_of."""
    from core.vocabulary import Role
    from organisations.models import Membership

    return (
        Membership.objects.for_organisation(organisation)
        .active()
        .filter(role=Role.CHAMPION, user__is_active=True)
        .select_related("user", "team")
        .annotate(
            last=Max(
                "user__support_sessions__date",
                filter=Q(
                    user__support_sessions__organisation=organisation,
                    user__support_sessions__status=SessionStatus.COMPLETED,
                    user__support_sessions__deleted_at__isnull=True,
                    user__support_sessions__date__lte=as_of,
                ),
            )
        )
    )


def tasks_counts(*, scope: Scope, period: Period) -> tuple:
    """(learners, mean tasks at the first, at the latest, learners who gained one): learners
    supported in the period with two or more assessments that asked about tasks."""
    learners_sql, learners_params = helped_learner_ids(scope=scope, period=period)
    # One pass per learner (their first and latest assessment by array_agg), not a join of two
    # ranked lists: the planner, guessing a handful of rows for each, joined them in a nested
    # loop (2.7 s for the largest large organisation's 2,000 learners).
    tasks = "cardinality(s.foundation_tasks) + cardinality(s.life_tasks)"
    # An assessment is recorded in its learner's organisation (learners.services): naming it
    # lets PostgreSQL read that organisation's assessments from their index rather than all
    # 650,000 of the national set's (its largest organisation: 282 -> 206 ms). An integer, so
    # inlined.
    own = (
        ""
        if scope.organisation is None
        else f" AND s.organisation_id = {int(scope.organisation.pk)}"
    )
    sql = f"""
        SELECT count(*), avg(first), avg(latest), count(*) FILTER (WHERE latest > first)
        FROM (
            SELECT (array_agg({tasks} ORDER BY s.assessed_on, s.created_at, s.id))[1] AS first,
                   (array_agg({tasks} ORDER BY s.assessed_on DESC, s.created_at DESC, s.id DESC)
                   )[1] AS latest
            FROM learners_selfassessment s
            WHERE s.learner_id IN ({learners_sql}){own}
              AND (cardinality(s.foundation_tasks) > 0 OR cardinality(s.life_areas_asked) > 0)
            GROUP BY s.learner_id
            HAVING count(*) >= 2
        ) per_learner
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, learners_params)
        return cursor.fetchone()
