"""Every impact figure is defined once, here. Dashboards, CSV exports, the PDF report and the
summary emails all call these functions, so they always agree. Only live (not deleted) sessions
count; aggregation happens in PostgreSQL, a fixed number of queries whatever the data size."""

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, DateField, F, Max, Q, Sum, Value
from django.db.models.functions import TruncMonth, TruncWeek

from core.vocabulary import Role, SessionStatus
from organisations.models import Membership
from sessions_log.models import Attendance, SupportSession

from .periods import Period

COMPLETED = Q(status=SessionStatus.COMPLETED)
SMALL_NUMBER = 5  # counts below this are shown as "fewer than 5" to protect individuals


@dataclass(frozen=True)
class Headline:
    sessions_completed: int
    sessions_planned: int
    sessions_cancelled: int
    sessions_no_show: int
    hours: float
    people_supported: int
    learners_supported: int
    repeat_learner_share: float | None
    confidence_uplift: float | None
    more_confident_share: float | None
    active_champions: int
    devices_given: int
    data_support_given: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Scope:
    """Which sessions a figure covers: one organisation (optionally a team or a champion), or
    the network (optionally one sector or region)."""

    organisation: object = None
    team: object = None
    champion: object = None
    sector: str | None = None
    region: str | None = None

    def sessions(self, period: Period):
        qs = SupportSession.objects.live().filter(date__range=(period.start, period.end))
        return qs.filter(**self._filters(""))

    def attendances(self, period: Period):
        qs = Attendance.objects.filter(
            date__range=(period.start, period.end),
            session__status=SessionStatus.COMPLETED,
            session__deleted_at__isnull=True,
        )
        return qs.filter(**self._filters("session__"))

    def _filters(self, prefix: str) -> dict:
        filters = {}
        if self.organisation is not None:
            filters[f"{prefix}organisation"] = self.organisation
        if self.team is not None:
            filters[f"{prefix}team"] = self.team
        if self.champion is not None:
            filters[f"{prefix}champion"] = self.champion
        if self.sector:
            filters[f"{prefix}organisation__sector"] = self.sector
        if self.region:
            filters[f"{prefix}organisation__region"] = self.region
        return filters


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


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


def _build(s: dict, tag: str, learners: dict) -> Headline:
    rated = learners["rated_total"] or 0
    return Headline(
        sessions_completed=s[f"{tag}completed"],
        sessions_planned=s[f"{tag}planned"],
        sessions_cancelled=s[f"{tag}cancelled"],
        sessions_no_show=s[f"{tag}no_show"],
        hours=round((s[f"{tag}minutes"] or 0) / 60, 1),
        people_supported=learners["total"] + (s[f"{tag}anonymous"] or 0),
        learners_supported=learners["total"],
        repeat_learner_share=_share(learners["repeat"], learners["total"]),
        confidence_uplift=round(learners["uplift_total"] / rated, 2) if rated else None,
        more_confident_share=_share(learners["more_total"] or 0, rated),
        active_champions=s[f"{tag}champions"],
        devices_given=s[f"{tag}devices"],
        data_support_given=s[f"{tag}data"],
    )


def headline(*, scope: Scope, period: Period) -> Headline:
    """Two queries: session totals; learners, repeat learners and confidence."""
    totals = scope.sessions(period).aggregate(**_session_aggregates("", Q()))
    return _build(totals, "", _learner_totals(scope, period))


def headline_with_previous(*, scope: Scope, period: Period) -> tuple[Headline, Headline]:
    """The period and the one before it, in two queries: both periods' session totals in one
    pass over their dates, then both periods' learner figures in one pass."""
    previous = period.previous()
    totals = scope.sessions(Period(start=previous.start, end=period.end)).aggregate(
        **_session_aggregates("now_", Q(date__gte=period.start)),
        **_session_aggregates("before_", Q(date__lte=previous.end)),
    )
    now, before = _learner_totals_both(scope, period, previous)
    return _build(totals, "now_", now), _build(totals, "before_", before)


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


def organisation_headline(*, organisation, period: Period, team=None, champion=None) -> Headline:
    return headline(
        scope=Scope(organisation=organisation, team=team, champion=champion), period=period
    )


def network_headline(*, period: Period, sector: str | None = None, region: str | None = None):
    return headline(scope=Scope(sector=sector, region=region), period=period)


@dataclass(frozen=True)
class QuietChampion:
    user: object
    team: object
    last_session_on: date | None


def champions_without_recent_session(*, organisation, as_of: date, days: int = 30) -> list:
    """Active champions with no completed session in the `days` days up to as_of (one query)."""
    since = as_of - timedelta(days=days - 1)
    memberships = (
        Membership.objects.for_organisation(organisation)
        .active()
        .filter(role=Role.CHAMPION)
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
        .order_by(F("last").asc(nulls_first=True), "user__name")
    )
    return [
        QuietChampion(user=m.user, team=m.team, last_session_on=m.last)
        for m in memberships
        if m.last is None or m.last < since
    ]


def summary_sentence(*, headline: Headline, period: Period, champions: int) -> str:
    if not headline.sessions_completed:
        return f"Between {period.between}, no completed sessions were recorded."
    text = (
        f"Between {period.between}, {champions} champion{'s' if champions != 1 else ''} gave "
        f"{headline.hours:g} hours of support to {headline.people_supported} "
        f"{'person' if headline.people_supported == 1 else 'people'}"
    )
    if headline.more_confident_share is not None:
        text += (
            f"; {round(headline.more_confident_share * 100)}% of those asked felt more "
            "confident afterwards"
        )
    return text + "."


# --- Breakdowns for the dashboard tables and charts ---------------------------------------------


def suppress(count: int) -> str | int:
    """Small numbers could identify a person: show them as "fewer than 5"."""
    return "fewer than 5" if 0 < count < SMALL_NUMBER else count


def trend(*, scope: Scope, period: Period, unit: str = "month") -> list[dict]:
    """Completed sessions, hours and people per month (or per week, starting Mondays)."""
    truncate = TruncWeek if unit == "week" else TruncMonth
    rows = (
        scope.sessions(period)
        .filter(COMPLETED)
        .annotate(start=truncate("date"))
        .values("start")
        .annotate(sessions=Count("id"), minutes=Sum("duration_minutes"), people=Sum("people_count"))
        .order_by("start")
    )
    return [
        {
            "month": r["start"],  # the first day of the month or week
            "label": f"w/c {r['start']:%-d %b %Y}" if unit == "week" else f"{r['start']:%B %Y}",
            "short_label": f"{r['start']:%-d %b}" if unit == "week" else f"{r['start']:%b %Y}",
            "sessions": r["sessions"],
            "hours": round((r["minutes"] or 0) / 60, 1),
            "people": r["people"] or 0,
        }
        for r in rows
    ]


def monthly_trend(*, scope: Scope, period: Period) -> list[dict]:
    return trend(scope=scope, period=period, unit="month")


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


ARRAY_FIELDS = ("topics", "skill_areas", "barriers", "signposting")
STATUS_FIELDS = ("mode", "format")
DEMOGRAPHIC_FIELDS = (
    "age_band",
    "gender",
    "employment_status",
    "disability",
    "first_language_english",
)
LIVE = "s.deleted_at IS NULL AND s.date BETWEEN %s AND %s"


def breakdowns(*, scope: Scope, period: Period) -> dict[str, dict]:
    """Every "by value" table of a dashboard in one query: completed sessions by each topic,
    skill area, barrier, signposting, mode and format; cancellations by reason; learners by each
    demographic band (small counts suppressed). The period's sessions and learners are read once
    into materialised CTEs, then counted fifteen ways (one pass over the big table, not fifteen:
    3.8 s -> well under a second for the largest organisation in make bench)."""
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
    result: dict[str, dict] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [period.start, period.end, *params])
        for field, value, n in cursor.fetchall():
            if field.startswith("demographic:"):
                result.setdefault(field, {})[value or "not_asked"] = suppress(n)
            else:
                result.setdefault(field, {})[value] = n
    return result


def array_breakdowns(*, scope: Scope, period: Period) -> dict[str, dict[str, int]]:
    found = breakdowns(scope=scope, period=period)
    return {field: found.get(field, {}) for field in ARRAY_FIELDS}


def demographics(*, scope: Scope, period: Period) -> dict[str, dict[str, int | str]]:
    found = breakdowns(scope=scope, period=period)
    return {field: found.get(f"demographic:{field}", {}) for field in DEMOGRAPHIC_FIELDS}


def per_group_table(*, scope: Scope, period: Period, group: str) -> list[dict]:
    """Sessions, hours and people per champion or per team (one query)."""
    key, name = {
        "champion": ("champion", "champion__name"),
        "team": ("team", "team__name"),
        "organisation": ("organisation", "organisation__name"),
        "sector": ("organisation__sector", "organisation__sector"),
        "region": ("organisation__region", "organisation__region"),
    }[group]
    rows = (
        scope.sessions(period)
        .values(key, name)
        .annotate(
            completed=Count("id", filter=COMPLETED),
            cancelled=Count("id", filter=Q(status=SessionStatus.CANCELLED)),
            minutes=Sum("duration_minutes", filter=COMPLETED),
            people=Sum("people_count", filter=COMPLETED),
            last=Max("date", filter=COMPLETED),
        )
        .order_by("-completed")
    )
    return [
        {
            **r,
            "name": r[name] or ("No team" if group == "team" else "—"),
            "hours": round((r["minutes"] or 0) / 60, 1),
            "people": r["people"] or 0,
        }
        for r in rows
    ]


def distance_travelled(*, scope: Scope, period: Period) -> dict | None:
    """Learners supported in the period with two or more self-assessments: the average score in
    each skill area at first contact against the latest, and foundation tasks they can do."""
    where, params = _sql_scope(scope)
    areas = (
        "foundation",
        "communicating",
        "handling_information",
        "transacting",
        "problem_solving",
        "safe_and_legal",
    )
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
               {", ".join(f"avg({a}) FILTER (WHERE first_rank = 1), avg({a}) FILTER (WHERE last_rank = 1)" for a in areas)},
               avg(cardinality(foundation_tasks)) FILTER (WHERE first_rank = 1),
               avg(cardinality(foundation_tasks)) FILTER (WHERE last_rank = 1)
        FROM ranked WHERE n >= 2
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [period.start, period.end, *params])
        row = cursor.fetchone()
    if not row or not row[0]:
        return None
    values = list(row[1:])
    result = {"learners": row[0], "areas": []}
    for i, area in enumerate(areas):
        first, last = values[2 * i], values[2 * i + 1]
        result["areas"].append(
            {
                "area": area,
                "first": round(float(first), 1) if first is not None else None,
                "latest": round(float(last), 1) if last is not None else None,
            }
        )
    first_tasks, last_tasks = values[-2], values[-1]
    result["tasks_first"] = round(float(first_tasks or 0), 1)
    result["tasks_latest"] = round(float(last_tasks or 0), 1)
    return result


def joining_over_time(*, period: Period) -> list[dict]:
    """Organisations and champions joining the network, by month (one query)."""
    from organisations.models import Organisation

    def by_month(qs, field, kind):
        return (
            qs.filter(**{f"{field}__date__range": (period.start, period.end)})
            .annotate(month=TruncMonth(field, output_field=DateField()), kind=Value(kind))
            .values_list("month", "kind")
            .annotate(n=Count("pk"))
            .order_by()
        )

    rows = by_month(Organisation.objects.all(), "created_at", "organisations").union(
        by_month(Membership.objects.filter(role=Role.CHAMPION), "joined_at", "champions"),
        all=True,
    )
    found: dict = {}
    for month, kind, n in rows:
        found.setdefault(month, {"organisations": 0, "champions": 0})[kind] = n
    return [{"month": month, **found[month]} for month in sorted(found)]


def funding_for_period(*, organisation, period: Period):
    """Funding spread over the period's days (an entry for a year counts a twelfth for a month)."""
    from .models import ProgrammeFunding

    total = Decimal("0")
    entries = ProgrammeFunding.objects.filter(
        organisation=organisation, start__lte=period.end, end__gte=period.start
    )
    for entry in entries:
        overlap = (min(entry.end, period.end) - max(entry.start, period.start)).days + 1
        total += entry.amount * overlap / ((entry.end - entry.start).days + 1)
    return total.quantize(Decimal("0.01")) if total else None


def cost_figures(*, organisation, period: Period, headline: Headline) -> dict | None:
    funding = funding_for_period(organisation=organisation, period=period)
    if funding is None:
        return None
    return {
        "funding": funding,
        "per_person": (funding / headline.people_supported).quantize(funding)
        if headline.people_supported
        else None,
        "per_hour": (funding / Decimal(str(headline.hours))).quantize(funding)
        if headline.hours
        else None,
    }
