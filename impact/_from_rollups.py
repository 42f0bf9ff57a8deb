"""The impact figures of an organisation or of the network (optionally a sector or region), read
from the rollup tables (impact/rollups.py) instead of a year of sessions: the same answers as
impact/_from_sessions.py, in a few milliseconds for any period.

Periods need not start or end on a month boundary: days are counted from DayTotals and
ChampionDay (a row per day), from the by-day counts of DimensionMonth for a month the period
only partly covers, and from one bit per day in ChampionActivity and LearnerActivity, so "distinct
learners between 26 November and 25 November" is exact."""

from datetime import date

from django.db import connection
from django.db.models import Case, F, OuterRef, Subquery, When

from core.vocabulary import Role

from . import _from_sessions
from .periods import Period
from .scope import (
    DEMOGRAPHIC_FIELDS,
    GROUPS,
    SKILL_AREAS,
    Headline,
    Scope,
    breakdown_result,
    build_headline,
    distance_result,
    group_row,
)


def covers(scope: Scope) -> bool:
    """Rollups answer for an organisation or the network; a team's or a champion's learner
    figures and breakdowns come from the session tables (see _from_sessions)."""
    return scope.team is None and scope.champion is None


def _where(scope: Scope, alias: str) -> tuple[str, dict]:
    clauses, params = [], {}
    if scope.organisation is not None:
        clauses.append(f"{alias}.organisation_id = %(organisation)s")
        params["organisation"] = scope.organisation.pk
    if scope.sector or scope.region:
        wanted = []
        for field in ("sector", "region"):
            if getattr(scope, field):
                wanted.append(f"{field} = %({field})s")
                params[field] = getattr(scope, field)
        clauses.append(
            f"{alias}.organisation_id IN (SELECT id FROM organisations_organisation WHERE "
            + " AND ".join(wanted)
            + ")"
        )
    return "".join(f" AND {c}" for c in clauses), params


def _fetch_dict(sql: str, params: dict) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c.name for c in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def _session_columns(tag: str, when: str) -> str:
    return ", ".join(
        f"coalesce(sum({column}) FILTER (WHERE {when}), 0)::bigint AS {tag}{name}"
        for name, column in (
            ("completed", "d.completed"),
            ("planned", "d.planned"),
            ("cancelled", "d.cancelled"),
            ("no_show", "d.no_show"),
            ("minutes", "d.minutes"),
            ("anonymous", "d.anonymous"),
            ("devices", "d.devices"),
            ("data", "d.data_support"),
            ("rated_total", "d.rated"),
            ("more_total", "d.more_confident"),
            ("uplift_total", "d.uplift"),
        )
    )


def _days_in(bits: str, start: str, end: str, alias: str) -> str:
    return f"impact_days_in({alias}.{bits}, {alias}.first_on, {alias}.last_on, {start}, {end})"


def _headline_sql(
    scope: Scope,
    sides: dict[str, tuple[str, str]],
    start: str,
    end: str,
    *,
    per_organisation: bool = False,
    listed_only: bool = True,
    champion_ids: bool = False,
    row_columns: bool = False,
):
    """One statement: per side (a name and its first and last day, as SQL parameters) the
    session totals and ratings from DayTotals, learners and repeat learners from
    LearnerActivity, and active champions from ChampionActivity. With per_organisation, the
    same columns for each organisation in %(organisations)s (an array of ids), one row each,
    keyed by `organisation`: the same sums, grouped. With champion_ids, each side's champions
    as an array of their ids (`{side}_champion_ids`) instead of their number; with
    row_columns, the organisation table's two columns the totals do not hold (row_minutes,
    row_last, as per_group_table counts them over %(start)s to %(end)s)."""
    where_d, params = _where(scope, "d")
    where_l, _ = _where(scope, "l")
    where_c, _ = _where(scope, "c")
    key = {"d": "", "l": "", "c": "", "per_learner": ""}
    group = ""
    if per_organisation:
        # listed_only=False: the ids are every organisation of the scope, whose own filter
        # (above) finds the same rows without testing each against thousands of ids.
        mine = " AND {}.organisation_id = ANY(%(organisations)s)" if listed_only else ""
        where_d, where_l, where_c = (
            where_d + mine.format("d"),
            where_l + mine.format("l"),
            where_c + mine.format("c"),
        )
        key = {alias: f"{alias}.organisation_id AS organisation, " for alias in key}
        key["per_learner"] = "per_learner.organisation, "
        key["l"] = "l.organisation_id AS organisation, "
        group = " GROUP BY 1"
    totals = ", ".join(
        _session_columns(f"{side}_", f"d.date BETWEEN {first} AND {last}")
        for side, (first, last) in sides.items()
    )
    days = ", ".join(
        f"{_days_in('days', first, last, 'l')} AS {side}_days, "
        f"{_days_in('multi', first, last, 'l')} AS {side}_multi"
        for side, (first, last) in sides.items()
    )
    learners = ", ".join(
        f"count(*) FILTER (WHERE {side}_days > 0) AS {side}_total, "
        f"count(*) FILTER (WHERE {side}_days > 1 OR {side}_multi > 0) AS {side}_repeat"
        for side in sides
    )
    champions = ", ".join(
        f"count(DISTINCT c.champion_id) FILTER (WHERE {_days_in('days', first, last, 'c')} > 0)"
        f" AS {side}_champions"
        for side, (first, last) in sides.items()
    )
    if champion_ids:
        champions = ", ".join(
            f"array_agg(DISTINCT c.champion_id) FILTER"
            f" (WHERE {_days_in('days', first, last, 'c')} > 0) AS {side}_champion_ids"
            for side, (first, last) in sides.items()
        )
    if row_columns:
        in_period = "d.completed > 0 AND d.date BETWEEN %(start)s AND %(end)s"
        totals += (
            f", sum(d.minutes) FILTER (WHERE {in_period})::bigint AS row_minutes"
            f", max(d.date) FILTER (WHERE {in_period}) AS row_last"
        )
    parts = (
        f"""SELECT {key["d"]}{totals} FROM impact_daytotals d
            WHERE d.date BETWEEN {start} AND {end}{where_d}{group}""",
        f"""SELECT {key["per_learner"]}{learners} FROM (
                SELECT {key["l"]}{days} FROM impact_learneractivity l
                WHERE l.last_on >= {start} AND l.first_on <= {end}{where_l}
            ) per_learner{group}""",
        f"""SELECT {key["c"]}{champions} FROM impact_championactivity c
            WHERE c.last_on >= {start} AND c.first_on <= {end}{where_c}{group}""",
    )
    if per_organisation:
        # An organisation with no row in a table still gets its row, of NULLs (read as 0).
        joined = " ".join(
            f"LEFT JOIN ({part}) {name} USING (organisation)"
            for name, part in zip(("totals", "learners", "champions"), parts, strict=True)
        )
        return (
            f"SELECT * FROM unnest(%(organisations)s::bigint[]) AS o(organisation) {joined}",
            params,
        )
    sql = "SELECT * FROM ({}) totals, ({}) learners, ({}) champions".format(*parts)
    return sql, params


def _learners_of(found: dict, tag: str) -> dict:
    return {
        key: found[f"{tag}{key}"]
        for key in ("total", "repeat", "rated_total", "more_total", "uplift_total")
    }


def headline(*, scope: Scope, period: Period) -> Headline:
    sql, params = _headline_sql(scope, {"now": ("%(start)s", "%(end)s")}, "%(start)s", "%(end)s")
    found = _fetch_dict(sql, {**params, "start": period.start, "end": period.end})
    return build_headline(found, "now_", _learners_of(found, "now_"))


def headline_with_previous(*, scope: Scope, period: Period) -> tuple[Headline, Headline]:
    previous = period.previous()
    sides = {
        "now": ("%(start)s", "%(end)s"),
        "before": ("%(previous_start)s", "%(previous_end)s"),
    }
    sql, params = _headline_sql(scope, sides, "%(previous_start)s", "%(end)s")
    found = _fetch_dict(
        sql,
        {
            **params,
            "start": period.start,
            "end": period.end,
            "previous_start": previous.start,
            "previous_end": previous.end,
        },
    )
    return (
        build_headline(found, "now_", _learners_of(found, "now_")),
        build_headline(found, "before_", _learners_of(found, "before_")),
    )


def headlines_by_organisation(
    *, organisation_ids: list[int], period: Period
) -> dict[int, tuple[Headline, Headline]]:
    """headline_with_previous for each of many organisations, in one statement: the same
    sums as each organisation's own (_headline_sql), grouped by organisation."""
    previous = period.previous()
    sides = {
        "now": ("%(start)s", "%(end)s"),
        "before": ("%(previous_start)s", "%(previous_end)s"),
    }
    sql, params = _headline_sql(
        Scope(), sides, "%(previous_start)s", "%(end)s", per_organisation=True
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                **params,
                "organisations": list(organisation_ids),
                "start": period.start,
                "end": period.end,
                "previous_start": previous.start,
                "previous_end": previous.end,
            },
        )
        columns = [c.name for c in cursor.description]
        rows = cursor.fetchall()
    found = {}
    for row in rows:
        values = {
            name: 0 if value is None else value for name, value in zip(columns, row, strict=True)
        }
        found[values["organisation"]] = (
            build_headline(values, "now_", _learners_of(values, "now_")),
            build_headline(values, "before_", _learners_of(values, "before_")),
        )
    return found


def trend(*, scope: Scope, period: Period, unit: str = "month") -> list[tuple]:
    where, params = _where(scope, "d")
    sql = f"""
        SELECT date_trunc(%(unit)s, d.date::timestamp)::date AS start, sum(d.completed)::bigint,
               sum(d.minutes)::bigint, sum(d.people)::bigint
        FROM impact_daytotals d
        WHERE d.date BETWEEN %(start)s AND %(end)s{where}
        GROUP BY 1 HAVING sum(d.completed) > 0 ORDER BY 1
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                **params,
                "unit": "week" if unit == "week" else "month",
                "start": period.start,
                "end": period.end,
            },
        )
        return cursor.fetchall()


def _active(bits: str, alias: str) -> str:
    """SQL: the row's champion or learner was active between %(start)s and %(end)s. Their first
    or last day in the period settles most rows without looking at the bits."""
    return (
        f"({alias}.last_on >= %(start)s AND {alias}.first_on <= %(end)s AND ("
        f"{alias}.first_on >= %(start)s OR {alias}.last_on <= %(end)s"
        f" OR {_days_in(bits, '%(start)s', '%(end)s', alias)} > 0))"
    )


def _helped(scope: Scope, alias: str = "l") -> tuple[str, dict]:
    """LearnerActivity rows of the learners supported in the period."""
    where, params = _where(scope, alias)
    return _active("days", alias) + where, params


def helped_learner_ids(*, scope: Scope, period: Period) -> tuple[str, dict]:
    """SQL selecting the ids of the learners supported in the period, and its parameters: one
    LearnerActivity row each, not a year of attendances."""
    helped, params = _helped(scope)
    sql = f"SELECT l.learner_id FROM impact_learneractivity l WHERE {helped}"
    return sql, {**params, "start": period.start, "end": period.end}


def _month_edges(period: Period) -> dict:
    """The parameters by which DimensionMonth's first and last month of the period are read as
    a difference of their running counts (breakdowns)."""
    return {
        "first_month": period.start.replace(day=1),
        "first_day": period.start.day,
        "last_month": period.end.replace(day=1),
        "last_day": period.end.day,
    }


def breakdowns(*, scope: Scope, period: Period) -> dict[str, dict]:
    """Each topic, skill area, barrier, signposting, mode, format and cancellation reason from
    DimensionMonth (whole months from their totals, the first and last month of the period as
    a difference of its running counts), and the learners supported by demographic bands (one
    count per combination of bands, summed per band here), in one statement."""
    where, params = _where(scope, "m")
    helped, _ = _helped(scope)
    bands = ", ".join(f"l.{f}::text" for f in DEMOGRAPHIC_FIELDS)
    nulls = ", ".join("NULL" for _ in DEMOGRAPHIC_FIELDS)
    sql = f"""
        SELECT m.dimension::text, m.value::text, sum(m.total)::bigint, {nulls}
        FROM impact_dimensionmonth m
        WHERE m.month > %(first_month)s AND m.month < %(last_month)s{where}
        GROUP BY m.dimension, m.value
        UNION ALL
        SELECT m.dimension::text, m.value::text,
               sum(m.through_day[CASE WHEN m.month = %(last_month)s THEN %(last_day)s ELSE 31 END]
                   - coalesce(m.through_day[CASE WHEN m.month = %(first_month)s
                                                 THEN %(first_day)s - 1 ELSE 0 END], 0))::bigint,
               {nulls}
        FROM impact_dimensionmonth m
        WHERE m.month IN (%(first_month)s, %(last_month)s){where}
        GROUP BY m.dimension, m.value
        UNION ALL
        SELECT NULL, NULL, count(*), {bands}
        FROM impact_learneractivity l WHERE {helped}
        GROUP BY {bands}
    """
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {**params, "start": period.start, "end": period.end, **_month_edges(period)},
        )
        rows = cursor.fetchall()
    counts: dict[tuple, int] = {}
    for dimension, value, n, *bands in rows:
        if dimension is not None:
            counts[(dimension, value)] = counts.get((dimension, value), 0) + n
            continue
        for field, band in zip(DEMOGRAPHIC_FIELDS, bands, strict=True):
            key = (f"demographic:{field}", band)
            counts[key] = counts.get(key, 0) + n
    return breakdown_result((field, value, n) for (field, value), n in counts.items() if n > 0)


def distance_travelled(*, scope: Scope, period: Period) -> dict | None:
    helped, params = _helped(scope)
    averages = ", ".join(f"avg(l.first_{a}), avg(l.latest_{a})" for a in SKILL_AREAS)
    sql = f"""
        SELECT count(*), {averages}, avg(l.first_tasks), avg(l.latest_tasks)
        FROM impact_learneractivity l WHERE l.assessments >= 2 AND {helped}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "start": period.start, "end": period.end})
        return distance_result(cursor.fetchone())


def tasks_counts(*, scope: Scope, period: Period) -> tuple:
    """_from_sessions.tasks_counts from each learner's LearnerActivity row."""
    helped, params = _helped(scope)
    sql = f"""
        SELECT count(*), avg(l.first_task_count), avg(l.latest_task_count),
               count(*) FILTER (WHERE l.latest_task_count > l.first_task_count)
        FROM impact_learneractivity l WHERE l.task_assessments >= 2 AND {helped}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "start": period.start, "end": period.end})
        return cursor.fetchone()


_GROUP_SQL = {
    # group: (table, key expression, join the key needs, name expression, join the name needs,
    # by the grouped key g.key: names are joined to one row per group, not to every day's row)
    "champion": (
        "impact_championday",
        "r.champion_id",
        "",
        "u.name",
        "JOIN accounts_user u ON u.id = g.key",
    ),
    "team": (
        "impact_championday",
        "r.team_id",
        "",
        "t.name",
        "LEFT JOIN organisations_team t ON t.id = g.key",
    ),
    "organisation": (
        "impact_daytotals",
        "r.organisation_id",
        "",
        "o.name",
        "JOIN organisations_organisation o ON o.id = g.key",
    ),
    "sector": (
        "impact_daytotals",
        "o.sector",
        "JOIN organisations_organisation o ON o.id = r.organisation_id",
        "g.key",
        "",
    ),
    "region": (
        "impact_daytotals",
        "o.region",
        "JOIN organisations_organisation o ON o.id = r.organisation_id",
        "g.key",
        "",
    ),
}


def per_group_table(*, scope: Scope, period: Period, group: str) -> list[dict]:
    """Sessions, hours and different people per champion, team, organisation, sector or region:
    groups with any live session in the period, busiest first (one statement). A team's or a
    champion's rows come from ChampionDay, and their people from the session tables (the
    rollups hold learners per organisation, not per team: bench/FINDINGS.md says why)."""
    return per_group_tables(scope=scope, period=period, groups=(group,))[group]


def per_group_tables(*, scope: Scope, period: Period, groups: tuple[str, ...]) -> dict:
    """per_group_table for each of the groups, in one statement: {group: its rows}. The team
    and champion tables together count their people from one pass over the attendances
    (_from_sessions.people_by_groups_sql)."""
    where, params = _where(scope, "r")
    if scope.team is not None:
        where += " AND r.team_id = %(team)s"
        params["team"] = scope.team.pk
    if scope.champion is not None:
        where += " AND r.champion_id = %(champion)s"
        params["champion"] = scope.champion.pk
    tables = {group: _GROUP_SQL[group] for group in groups}
    if not covers(scope):
        tables = {group: ("impact_championday", *rest) for group, (_, *rest) in tables.items()}
    from_sessions = [group for group, (table, *_) in tables.items() if table != "impact_daytotals"]
    people = {}
    if len(from_sessions) > 1:
        sql, people_params = _from_sessions.people_by_groups_sql(
            scope=scope, groups=tuple(from_sessions)
        )
        params.update(people_params)
        people["all_people"] = sql
        for group in from_sessions:
            people[f"{group}_people"] = f"SELECT key, n FROM all_people WHERE grp = '{group}'"
    else:
        for group in from_sessions:
            sql, people_params = _from_sessions.people_by_group_sql(scope=scope, group=group)
            params.update(people_params)
            people[f"{group}_people"] = sql
    for group in groups:
        if group not in from_sessions:
            sql, people_params = _people_by_organisation_sql(scope=scope, group=group)
            params.update(people_params)
            people[f"{group}_people"] = sql
    ctes, selects = list(people.items()), []
    for group, (table, key, join, name, name_join) in tables.items():
        ctes.append(
            (
                f"{group}_groups",
                f"""SELECT {key} AS key,
                       sum(r.completed)::bigint AS completed,
                       sum(r.cancelled)::bigint AS cancelled,
                       sum(r.minutes) FILTER (WHERE r.completed > 0)::bigint AS minutes,
                       max(r.date) FILTER (WHERE r.completed > 0) AS last
                FROM {table} r {join}
                WHERE r.date BETWEEN %(start)s AND %(end)s{where}
                GROUP BY 1
                HAVING sum(r.completed + r.planned + r.cancelled + r.no_show) > 0""",
            )
        )
        # Each group's people are added to its row by grouping the two together (a team's key
        # may be NULL, "no team"), not by a join on IS NOT DISTINCT FROM, which PostgreSQL can
        # only run as a nested loop: 3,000 champions by 3,000 took 1.3 s on the national set.
        selects.append(
            f"""SELECT '{group}' AS grp, key, max(name) AS name, sum(completed)::bigint,
                   sum(cancelled)::bigint, sum(minutes)::bigint, coalesce(sum(n), 0)::bigint,
                   max(last)
            FROM (
                SELECT g.key, {name} AS name, g.completed, g.cancelled, g.minutes,
                       NULL::bigint AS n, g.last, true AS live
                FROM {group}_groups g {name_join}
                UNION ALL
                SELECT p.key, NULL, NULL, NULL, NULL, p.n, NULL, false FROM {group}_people p
            ) rows
            GROUP BY key HAVING bool_or(live)"""
        )
    sql = (
        "WITH "
        + ", ".join(f"{name} AS ({body})" for name, body in ctes)
        + " "
        + " UNION ALL ".join(f"({select})" for select in selects)
        + " ORDER BY 1, 4 DESC, 3, 2"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, "start": period.start, "end": period.end})
        rows = cursor.fetchall()
    found = {group: [] for group in groups}
    for group, k, n, completed, cancelled, minutes, people_n, last in rows:
        key_name, name_name = GROUPS[group]
        found[group].append(
            group_row(
                {
                    key_name: k,
                    name_name: n,
                    "completed": completed,
                    "cancelled": cancelled,
                    "minutes": minutes,
                    "people": people_n,
                    "last": last,
                },
                group,
            )
        )
    return found


def _people_by_organisation_sql(*, scope: Scope, group: str) -> tuple[str, dict]:
    """(key, n) per organisation, sector or region: their learners active in the period
    (LearnerActivity, one row a learner) and the people helped without a record (DayTotals).
    A learner belongs to one organisation, so these add up to the headline."""
    _, key, join, _, _ = _GROUP_SQL[group]
    helped, params = _helped(scope, "r")
    days, _ = _where(scope, "r")
    sql = f"""
        SELECT key, sum(n)::bigint AS n FROM (
            SELECT {key} AS key, count(*) AS n FROM impact_learneractivity r {join}
            WHERE {helped} GROUP BY 1
            UNION ALL
            SELECT {key}, sum(r.anonymous) FROM impact_daytotals r {join}
            WHERE r.date BETWEEN %(start)s AND %(end)s{days} GROUP BY 1
        ) people GROUP BY 1
    """
    return sql, params


def last_completed_sessions(*, organisation, as_of: date):
    """The organisation's active champions' memberships (active users), each annotated with
    `last`: the day of their last completed session there on or before as_of (ChampionActivity's last day, or, if
    that is after as_of, their last such day in ChampionDay)."""
    return last_completed_sessions_in(organisations=[organisation], as_of=as_of)


def last_completed_sessions_in(*, organisations, as_of: date):
    """last_completed_sessions for many organisations at once (one query): each membership's
    `last` is its champion's in that membership's organisation."""
    from organisations.models import Membership

    from .models import ChampionActivity, ChampionDay

    last_day = ChampionActivity.objects.filter(
        organisation=OuterRef("organisation"), champion=OuterRef("user")
    ).values("last_on")[:1]
    last_day_by_as_of = (
        ChampionDay.objects.filter(
            organisation=OuterRef("organisation"),
            champion=OuterRef("user"),
            completed__gt=0,
            date__lte=as_of,
        )
        .order_by("-date")
        .values("date")[:1]
    )
    return (
        Membership.objects.filter(organisation__in=organisations)
        .active()
        .filter(role=Role.CHAMPION, user__is_active=True)
        .select_related("user", "team")
        .annotate(last_day=Subquery(last_day))
        .annotate(
            last=Case(
                When(last_day__lte=as_of, then=F("last_day")),
                default=Subquery(last_day_by_as_of),
            )
        )
    )


# --- The network as the sum of its organisations' parts ------------------------------------------
#
# Every network figure is a sum over organisations (a learner belongs to one organisation, so
# even the distinct people add up), except the champions who gave support: a champion may
# serve two organisations, so a part holds its champions' ids and the sum counts, for each
# champion, the organisations they served. impact/network_sum.py keeps the sum.

PART_CATEGORIES = ("totals", "now_champions", "before_champions", "trend", "counts", "distance")
_DISTANCE_COLUMNS = [
    *(f"{when}_{area}" for area in SKILL_AREAS for when in ("first", "latest")),
    "first_tasks",
    "latest_tasks",
]


def _rows(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def organisation_parts(
    *, organisation_ids: list[int], period: Period, unit: str, every_in: Scope | None = None
) -> dict[int, dict]:
    """Each organisation's part of the network's figures for the period (and the one before it),
    in four statements whatever the number of organisations: {organisation id: {"tally":
    {category: {key: number}}, "row": its organisation table row's sums, or None when it had no
    session in the period}}. Numbers only (ints), in no language: parts add and subtract
    exactly, and network_from_parts labels their sum. every_in: the ids are every organisation
    of this network scope, read through its own filter."""
    scope = every_in or Scope()
    where, scope_params = _where(scope, "{}")
    mine = where if every_in else " AND {}.organisation_id = ANY(%(organisations)s)"
    previous = period.previous()
    params = {
        **scope_params,
        "organisations": list(organisation_ids),
        "start": period.start,
        "end": period.end,
        "previous_start": previous.start,
        "previous_end": previous.end,
        **_month_edges(period),
        "unit": "week" if unit == "week" else "month",
    }
    parts = {
        organisation_id: {"tally": {c: {} for c in PART_CATEGORIES}, "row": None}
        for organisation_id in params["organisations"]
    }
    sides = {
        "now": ("%(start)s", "%(end)s"),
        "before": ("%(previous_start)s", "%(previous_end)s"),
    }
    sql, _ = _headline_sql(
        scope,
        sides,
        "%(previous_start)s",
        "%(end)s",
        per_organisation=True,
        listed_only=every_in is None,
        champion_ids=True,
        row_columns=True,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c.name for c in cursor.description]
        found = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    for values in found:
        part = parts[values.pop("organisation")]
        for side in sides:
            ids = values.pop(f"{side}_champion_ids") or ()
            part["tally"][f"{side}_champions"] = dict.fromkeys(ids, 1)
        row_minutes, row_last = values.pop("row_minutes"), values.pop("row_last")
        totals = {name: value for name, value in values.items() if value}
        part["tally"]["totals"] = totals
        if sum(totals.get(f"now_{n}", 0) for n in ("completed", "planned", "cancelled", "no_show")):
            part["row"] = {
                "completed": totals.get("now_completed", 0),
                "cancelled": totals.get("now_cancelled", 0),
                "minutes": row_minutes,
                "people": totals.get("now_total", 0) + totals.get("now_anonymous", 0),
                "last": row_last,
            }
    for organisation_id, start, completed, minutes, people in _rows(
        f"""SELECT d.organisation_id, date_trunc(%(unit)s, d.date::timestamp)::date,
                  sum(d.completed)::bigint, sum(d.minutes)::bigint, sum(d.people)::bigint
           FROM impact_daytotals d
           WHERE d.date BETWEEN %(start)s AND %(end)s{mine.format("d")}
           GROUP BY 1, 2""",
        params,
    ):
        trend = parts[organisation_id]["tally"]["trend"]
        for i, n in enumerate((completed, minutes, people)):
            if n:
                trend[(start, i)] = n
    for organisation_id, dimension, value, n in _rows(
        _breakdowns_by_organisation_sql(mine), params
    ):
        if n:
            counts = parts[organisation_id]["tally"]["counts"]
            counts[(dimension, value)] = counts.get((dimension, value), 0) + n
    helped, _ = _helped(Scope())
    columns = ", ".join(f"sum(l.{c})::bigint, count(l.{c})" for c in _DISTANCE_COLUMNS)
    for organisation_id, *numbers in _rows(
        f"""SELECT l.organisation_id, count(*), {columns} FROM impact_learneractivity l
            WHERE l.assessments >= 2 AND {helped}{mine.format("l")}
            GROUP BY 1""",
        params,
    ):
        parts[organisation_id]["tally"]["distance"] = {i: n for i, n in enumerate(numbers) if n}
    return parts


def _breakdowns_by_organisation_sql(mine: str) -> str:
    """breakdowns' statement grouped by organisation: (organisation, dimension, value, count).
    The demographic bands are counted a field at a time (GROUPING SETS, one scan): the
    combinations of bands, per organisation, would be nearly as many as the learners. mine:
    the filter of the organisations, with {} for the table's alias."""
    helped, _ = _helped(Scope())
    fields = ", ".join(f"l.{f}" for f in DEMOGRAPHIC_FIELDS)
    # GROUPING(...) has a bit set for each field not grouped: one field grouped per set.
    every = (1 << len(DEMOGRAPHIC_FIELDS)) - 1
    which = " ".join(
        f"WHEN {every ^ (1 << (len(DEMOGRAPHIC_FIELDS) - 1 - i))} THEN 'demographic:{field}'"
        for i, field in enumerate(DEMOGRAPHIC_FIELDS)
    )
    sets = ", ".join(f"(l.organisation_id, l.{f})" for f in DEMOGRAPHIC_FIELDS)
    band = ", ".join(f"l.{f}::text" for f in DEMOGRAPHIC_FIELDS)
    return f"""
        SELECT m.organisation_id, m.dimension::text, m.value::text, sum(m.total)::bigint
        FROM impact_dimensionmonth m
        WHERE m.month > %(first_month)s AND m.month < %(last_month)s{mine.format("m")}
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT m.organisation_id, m.dimension::text, m.value::text,
               sum(m.through_day[CASE WHEN m.month = %(last_month)s THEN %(last_day)s ELSE 31 END]
                   - coalesce(m.through_day[CASE WHEN m.month = %(first_month)s
                                                 THEN %(first_day)s - 1 ELSE 0 END], 0))::bigint
        FROM impact_dimensionmonth m
        WHERE m.month IN (%(first_month)s, %(last_month)s){mine.format("m")}
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT l.organisation_id, CASE GROUPING({fields}) {which} END, coalesce({band}), count(*)
        FROM impact_learneractivity l WHERE {helped}{mine.format("l")}
        GROUP BY GROUPING SETS ({sets})
    """


def network_from_parts(tally: dict) -> dict:
    """The figures the network's own statements give (headline_with_previous, trend rows,
    breakdowns, distance_travelled), from the sum of its organisations' parts."""
    totals = tally["totals"]

    def side(tag: str) -> Headline:
        values = {name: totals.get(f"{tag}{name}", 0) for name in _TOTAL_NAMES}
        values["champions"] = len(tally[f"{tag}champions"])
        values = {f"{tag}{name}": value for name, value in values.items()}
        return build_headline(values, tag, _learners_of(values, tag))

    buckets: dict = {}
    for (start, i), n in tally["trend"].items():
        buckets.setdefault(start, [0, 0, 0])[i] = n
    trend_rows = [(start, *buckets[start]) for start in sorted(buckets) if buckets[start][0] > 0]
    numbers = tally["distance"]
    distance = None
    if numbers.get(0):
        averages = []
        for i in range(len(_DISTANCE_COLUMNS)):
            total, counted = numbers.get(1 + 2 * i, 0), numbers.get(2 + 2 * i, 0)
            averages.append(total / counted if counted else None)
        distance = distance_result((numbers[0], *averages))
    return {
        "current": side("now_"),
        "previous": side("before_"),
        "trend": trend_rows,
        "breakdowns": breakdown_result(
            (field, value, n) for (field, value), n in tally["counts"].items() if n > 0
        ),
        "distance": distance,
    }


_TOTAL_NAMES = (
    "completed",
    "planned",
    "cancelled",
    "no_show",
    "minutes",
    "anonymous",
    "devices",
    "data",
    "rated_total",
    "more_total",
    "uplift_total",
    "total",
    "repeat",
)
