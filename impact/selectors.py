"""The one public module for impact figures: every figure is asked for here. Dashboards, CSV
exports, the PDF report and the summary emails all call these functions, so they always agree. Only live (not deleted) sessions
count; aggregation happens in PostgreSQL, a fixed number of queries whatever the data size.

An organisation's and the network's figures are read from the rollup tables kept as sessions are
written (impact/_from_rollups.py, impact/rollups.py); a team's or a champion's learner figures
and breakdowns from the session tables (impact/_from_sessions.py), which also define what the
rollups must answer (tests/impact/test_rollups.py)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, DateField, F, Q, Value
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from core.paging import first_and_total
from core.vocabulary import Role
from organisations.models import Membership

from . import _from_rollups, _from_sessions
from .periods import Period
from .scope import (  # noqa: F401  (the figures' vocabulary, used by reports and tests)
    ARRAY_FIELDS,
    COMPLETED,
    DEMOGRAPHIC_FIELDS,
    GROUPS,
    SMALL_NUMBER,
    STATUS_FIELDS,
    Headline,
    Scope,
    group_row,
    suppress,
)
from .scope import share as share_of


def _source(scope: Scope):
    return _from_rollups if _from_rollups.covers(scope) else _from_sessions


def headline(*, scope: Scope, period: Period) -> Headline:
    """One query from the rollups; two from the session tables for a team or a champion."""
    return _source(scope).headline(scope=scope, period=period)


def headline_with_previous(*, scope: Scope, period: Period) -> tuple[Headline, Headline]:
    """The period and the one before it of the same length (one or two queries)."""
    return _source(scope).headline_with_previous(scope=scope, period=period)


def organisation_headline(*, organisation, period: Period, team=None, champion=None) -> Headline:
    return headline(
        scope=Scope(organisation=organisation, team=team, champion=champion), period=period
    )


def network_headline(*, period: Period, sector: str | None = None, region: str | None = None):
    return headline(scope=Scope(sector=sector, region=region), period=period)


def organisation_headlines(
    *, organisations, period: Period
) -> dict[int, tuple[Headline, Headline]]:
    """Many organisations' headline figures at once, {organisation id: (the period, the one
    before)}, each the same as its dashboard's (the rollups' SQL, grouped; one query): for jobs
    that run over every organisation, such as the summary emails."""
    return _from_rollups.headlines_by_organisation(
        organisation_ids=[o.pk for o in organisations], period=period
    )


@dataclass(frozen=True)
class QuietChampion:
    user: object
    team: object
    last_session_on: date | None


def last_completed_sessions(*, organisation, as_of: date):
    """The one answer to "when did each champion last help someone?": the memberships of the
    organisation's active champions (deactivated people left out), each annotated with `last`,
    the day of their last completed session there on or before as_of (one query)."""
    return _from_rollups.last_completed_sessions(organisation=organisation, as_of=as_of)


def last_completed_sessions_in(*, organisations, as_of: date):
    """last_completed_sessions for many organisations at once (one query)."""
    return _from_rollups.last_completed_sessions_in(organisations=organisations, as_of=as_of)


def quiet_since(*, as_of: date, days: int) -> date:
    """The latest day a champion's last session can be on for them to count as gone quiet."""
    return as_of - timedelta(days=days)


def has_gone_quiet(last_session_on: date | None, *, as_of: date, days: int) -> bool:
    """The one rule for a champion gone quiet: no completed session in the `days` days up to
    and including as_of (the organisation's `reminder_after_days`)."""
    return last_session_on is None or last_session_on <= quiet_since(as_of=as_of, days=days)


def quiet_champions(*, organisation, as_of: date, team=None, champion=None) -> list:
    """Champions gone quiet (has_gone_quiet's rule, asked in SQL: a large organisation's busy
    champions are never loaded), longest quiet first; the dashboard, the PM's summary email and
    the reminder job all ask this (one query)."""
    memberships = _quiet_memberships(
        organisation=organisation, as_of=as_of, team=team, champion=champion
    )
    return _as_quiet(memberships)


def quiet_champions_first(
    *, organisation, as_of: date, first: int | None, team=None, champion=None
) -> tuple[list, int]:
    """The first `first` of quiet_champions (all of them when None) and how many there are in
    all, for a page that lists a few of the largest national organisation's 700 (one query)."""
    memberships = _quiet_memberships(
        organisation=organisation, as_of=as_of, team=team, champion=champion
    )
    found, total = first_and_total(memberships, first)
    return _as_quiet(found), total


def _as_quiet(memberships) -> list:
    return [QuietChampion(user=m.user, team=m.team, last_session_on=m.last) for m in memberships]


def _quiet_memberships(*, organisation, as_of: date, team, champion):
    since = quiet_since(as_of=as_of, days=organisation.reminder_after_days)
    memberships = last_completed_sessions(organisation=organisation, as_of=as_of).filter(
        Q(last__isnull=True) | Q(last__lte=since)
    )
    if team is not None:
        memberships = memberships.filter(team=team)
    if champion is not None:
        memberships = memberships.filter(user=champion)
    return memberships.order_by(F("last").asc(nulls_first=True), "user__name")


def quiet_champions_by_organisation(*, organisations, as_of: date) -> dict[int, list]:
    """quiet_champions for many organisations at once, {organisation id: [...]} (one query)."""
    found = {o.pk: [] for o in organisations}
    memberships = last_completed_sessions_in(organisations=organisations, as_of=as_of)
    for organisation_id, quiet in _gone_quiet(
        memberships, as_of=as_of, organisations=organisations
    ):
        found[organisation_id].append(quiet)
    return found


def _gone_quiet(memberships, *, as_of: date, organisations):
    """(organisation id, QuietChampion) for each membership gone quiet by its organisation's
    reminder_after_days, longest quiet first."""
    days = {o.pk: o.reminder_after_days for o in organisations}
    for m in memberships.order_by(F("last").asc(nulls_first=True), "user__name"):
        if has_gone_quiet(m.last, as_of=as_of, days=days[m.organisation_id]):
            yield m.organisation_id, QuietChampion(user=m.user, team=m.team, last_session_on=m.last)


# The wording of the summary sentences lives here once: the organisation's and network's
# sentence (dashboards, report, summary emails) and a champion's own ("My impact") share it.


def _hours(headline: Headline) -> str:
    hours = f"{headline.hours:g}"
    return (gettext("%(hours)s hour") if headline.hours == 1 else gettext("%(hours)s hours")) % {
        "hours": hours
    }


def _people(count: int) -> str:
    return ngettext("%(count)d person", "%(count)d people", count) % {"count": count}


def _share(headline: Headline) -> int | None:
    """The share who felt more confident, as a whole percentage (None when nobody was asked)."""
    if headline.more_confident_share is None:
        return None
    return round(headline.more_confident_share * 100)


def summary_sentence(*, headline: Headline, period: Period, champions: int) -> str:
    if not headline.sessions_completed:
        return gettext("Between %(between)s, no completed sessions were recorded.") % {
            "between": period.between
        }
    values = {
        "between": period.between,
        "champions": champions,
        "hours": _hours(headline),
        "people": _people(headline.people_supported),
        "share": _share(headline),
    }
    if values["share"] is None:
        return (
            ngettext(
                "Between %(between)s, %(champions)d champion gave %(hours)s of support to "
                "%(people)s.",
                "Between %(between)s, %(champions)d champions gave %(hours)s of support to "
                "%(people)s.",
                champions,
            )
            % values
        )
    return (
        ngettext(
            "Between %(between)s, %(champions)d champion gave %(hours)s of support to %(people)s; "
            "%(share)d%% of those asked felt more confident afterwards.",
            "Between %(between)s, %(champions)d champions gave %(hours)s of support to %(people)s; "
            "%(share)d%% of those asked felt more confident afterwards.",
            champions,
        )
        % values
    )


def my_summary_sentence(*, headline: Headline, period: Period) -> str:
    """The same figures told to the champion who gave the support ("…, you gave 3 hours of
    support to 5 people"), not "1 champion gave…"."""
    if not headline.sessions_completed:
        return gettext("Between %(between)s, you recorded no completed sessions.") % {
            "between": period.between
        }
    # "you gave … to …" keeps the organisation's sentence's shape (and its figures' order).
    values = {
        "between": period.between,
        "hours": _hours(headline),
        "people": _people(headline.people_supported),
        "share": _share(headline),
    }
    if values["share"] is None:
        return gettext("Between %(between)s, you gave %(hours)s of support to %(people)s.") % values
    return (
        gettext(
            "Between %(between)s, you gave %(hours)s of support to %(people)s; %(share)d%% of "
            "those you asked felt more confident afterwards."
        )
        % values
    )


# --- Breakdowns for the dashboard tables and charts ---------------------------------------------


def trend(*, scope: Scope, period: Period, unit: str = "month") -> list[dict]:
    """Completed sessions, hours and people per month (or per week, starting Mondays)."""
    return trend_rows(_source(scope).trend(scope=scope, period=period, unit=unit), unit=unit)


def trend_rows(rows, *, unit: str) -> list[dict]:
    """trend's rows, labelled, from (first day, sessions, minutes, people) tuples."""
    return [
        {
            "month": start,  # the first day of the month or week
            # Translators: "week commencing", a week by its Monday, e.g. "w/c 7 Sep 2026".
            "label": gettext("w/c %(day)s") % {"day": date_format(start, "j M Y")}
            if unit == "week"
            else date_format(start, "F Y"),
            "short_label": date_format(start, "j M" if unit == "week" else "M Y"),
            "sessions": sessions,
            "hours": round((minutes or 0) / 60, 1),
            "people": people or 0,
        }
        for start, sessions, minutes, people in rows
    ]


def monthly_trend(*, scope: Scope, period: Period) -> list[dict]:
    return trend(scope=scope, period=period, unit="month")


def breakdowns(*, scope: Scope, period: Period) -> dict[str, dict]:
    """Every "by value" table of a dashboard in one query: completed sessions by each topic,
    skill area, barrier, signposting, mode and format; cancellations by reason; learners by each
    demographic band (small counts suppressed)."""
    return _source(scope).breakdowns(scope=scope, period=period)


def array_breakdowns(*, scope: Scope, period: Period) -> dict[str, dict[str, int]]:
    found = breakdowns(scope=scope, period=period)
    return {field: found.get(field, {}) for field in ARRAY_FIELDS}


def demographics(*, scope: Scope, period: Period) -> dict[str, dict[str, int | str]]:
    found = breakdowns(scope=scope, period=period)
    return {field: found.get(f"demographic:{field}", {}) for field in DEMOGRAPHIC_FIELDS}


def per_group_table(*, scope: Scope, period: Period, group: str) -> list[dict]:
    """Sessions, hours and people per champion, team, organisation, sector or region (one
    query, from the rollups whatever the scope)."""
    return _from_rollups.per_group_table(scope=scope, period=period, group=group)


def per_group_tables(*, scope: Scope, period: Period, groups: tuple[str, ...]) -> dict:
    """{group: per_group_table's rows} for each of the groups, in one query (the team and
    champion tables count their people from one pass over the attendances)."""
    return _from_rollups.per_group_tables(scope=scope, period=period, groups=groups)


# --- The network as the sum of its organisations' parts (impact/network_sum.py keeps the sum) ----


PART_CATEGORIES = _from_rollups.PART_CATEGORIES


def organisation_parts(
    *, organisation_ids: list[int], period: Period, unit: str, every_in: Scope | None = None
) -> dict:
    """Each organisation's part of the network's figures, as numbers that add up (four queries
    whatever the number of organisations; _from_rollups.organisation_parts). every_in: the ids
    are every organisation of this network scope."""
    return _from_rollups.organisation_parts(
        organisation_ids=organisation_ids, period=period, unit=unit, every_in=every_in
    )


def network_from_parts(tally: dict) -> dict:
    """The network's headline (with the period before), trend rows, breakdowns and distance
    travelled from the sum of its organisations' parts: what headline_with_previous, trend,
    breakdowns and distance_travelled give for the same organisations."""
    return _from_rollups.network_from_parts(tally)


def organisation_attributes(organisation_ids) -> dict[int, dict]:
    """{id: {"name", "sector", "region"}} of the organisations, in the database's order of their
    names (then ids): the order per_group_table gives their rows when their sessions tie. One
    query, shared by the network's organisation, sector and region tables."""
    from organisations.models import Organisation

    # The ids as one array parameter: the ORM's pk__in compiles one placeholder per id, and for
    # the national set's 2,500 organisations that took longer than the query (30-90 ms).
    table = Organisation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, name, sector, region FROM {table} WHERE id = ANY(%s::bigint[]) ORDER BY name, id",
            [list(organisation_ids)],
        )
        return {
            pk: {"name": name, "sector": sector, "region": region}
            for pk, name, sector, region in cursor.fetchall()
        }


def organisation_rows_from_parts(rows: dict[int, dict], *, attributes: dict) -> list[dict]:
    """per_group_table(group="organisation")'s rows from each organisation's part: busiest
    first, then by name in the database's order, then by id (attributes'
    order: organisation_attributes of the same organisations)."""
    rank = {pk: i for i, pk in enumerate(attributes)}
    ordered = sorted(
        (pk for pk in rows if pk in rank), key=lambda pk: (-rows[pk]["completed"], rank[pk])
    )
    key_name, name_name = GROUPS["organisation"]
    return [
        group_row({key_name: pk, name_name: attributes[pk]["name"], **rows[pk]}, "organisation")
        for pk in ordered
    ]


def rows_by_organisation_field(rows: list[dict], *, group: str, attributes: dict) -> list[dict]:
    """Sectors' or regions' rows summed from the organisation table's (per_group_table with
    group="organisation"), in the same shape and order as per_group_table would give them
    (attributes: organisation_attributes of the rows' organisations). Exact: a learner belongs
    to one organisation, so the people add up, and the network's largest table is read once,
    not three times."""
    field = {"sector": "sector", "region": "region"}[group]
    key_name, name_name = GROUPS[group]
    values = {pk: found[field] for pk, found in attributes.items()}
    sums: dict = {}
    for row in rows:
        value = values.get(row["organisation"])
        found = sums.setdefault(
            value, {"completed": 0, "cancelled": 0, "minutes": None, "people": 0, "last": None}
        )
        found["completed"] += row["completed"]
        found["cancelled"] += row["cancelled"]
        if row["minutes"] is not None:
            found["minutes"] = (found["minutes"] or 0) + row["minutes"]
        found["people"] += row["people"]
        if row["last"] is not None and (found["last"] is None or row["last"] > found["last"]):
            found["last"] = row["last"]
    ordered = sorted(sums.items(), key=lambda item: (-item[1]["completed"], item[0] or ""))
    return [
        group_row({key_name: value, name_name: value, **found}, group) for value, found in ordered
    ]


def distance_travelled(*, scope: Scope, period: Period) -> dict | None:
    """Learners supported in the period with two or more self-assessments: the average score in
    each skill area at first contact against the latest, and foundation tasks they can do."""
    return _source(scope).distance_travelled(scope=scope, period=period)


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


# --- Evidence beyond activity: what lasted, learners' own voice, how others compare -------------


def outcomes(*, scope: Scope, period: Period) -> dict:
    """Follow-up checks made in the period and the one before (outcomes/selectors.py, one
    query): the share who can now do it on their own, services now used, what followed."""
    from outcomes.selectors import outcome_figures

    return outcome_figures(scope=scope, period=period)


def learners_voice(*, scope: Scope, period: Period) -> dict | None:
    """The anonymous feedback form's answers in the period (one query), for the whole
    organisation (answers name no team or champion) or the network. Counts under SMALL_NUMBER
    are shown as "fewer than 5", as demographics are, and shares only from SMALL_NUMBER
    answers up: a share of three answers would say what each person said."""
    from feedback.selectors import feedback_in_period

    if scope.team is not None or scope.champion is not None:
        return None
    found = feedback_in_period(
        organisation=scope.organisation,
        sector=scope.sector,
        region=scope.region,
        start=period.start,
        end=period.end,
    )
    total = found["total"]
    enough = total >= SMALL_NUMBER
    return {
        "answers": suppress(total),
        "enough": enough,
        "more_confident_share": share_of(found["more"], total) if enough else None,
        "a_bit_share": share_of(found["a_bit"], total) if enough else None,
        "recommend_share": share_of(found["recommend"], found["answered_recommend"])
        if enough and found["answered_recommend"] >= SMALL_NUMBER
        else None,
        "topics": sorted(
            ((topic, suppress(n)) for topic, n in found["topics"].items() if n),
            key=lambda row: -(row[1] if isinstance(row[1], int) else 0),
        )
        if enough
        else [],
    }


def tasks_gained(*, scope: Scope, period: Period) -> dict | None:
    """Distance travelled in tasks (learners/eds.py): learners supported in the period with two
    or more task-by-task self-assessments, the tasks they could do on their own at the first
    and at the latest, and how many gained at least one (one query: LearnerActivity for an
    organisation or the network, the assessments for a team or a champion). An assessment counts
    when tasks were asked in it (a foundation task ticked or a life-task area chosen)."""
    learners, first, latest, gained = _source(scope).tasks_counts(scope=scope, period=period)
    if not learners:
        return None
    return {
        "learners": learners,
        "tasks_first": round(float(first), 1),
        "tasks_latest": round(float(latest), 1),
        "tasks_gained": round(float(latest) - float(first), 1),
        "gained_share": share_of(gained, learners),
    }


# Benchmarks: each figure beside the median of organisations of the same sector and of the whole
# network for the same period, only when this many organisations contribute (fewer would let a
# reader work out one organisation's figure), and never naming one.
BENCHMARK_MINIMUM = 5
BENCHMARK_FIGURES = ("people_supported", "sessions_completed", "hours", "alone_share")


def _median(values: list) -> float | None:
    from statistics import median

    return round(float(median(values)), 3) if len(values) >= BENCHMARK_MINIMUM else None


def benchmark_figures(*, period: Period) -> dict:
    """Every organisation's benchmark figures for the period ({organisation id: {figure:
    value}}) with its sector (three queries: the rollups' per-organisation table, the checks,
    the sectors). Organisations with no completed session do not contribute to the activity
    figures, nor those with no follow-up check to the share who can do it alone."""
    from organisations.models import Organisation
    from outcomes.selectors import alone_share_by_organisation

    rows = per_group_table(scope=Scope(), period=period, group="organisation")
    figures = {
        r["organisation"]: {
            "people_supported": r["people"],
            "sessions_completed": r["completed"],
            "hours": r["hours"],
        }
        for r in rows
        if r["completed"]
    }
    shares = alone_share_by_organisation(period=period)
    for organisation_id, value in shares.items():
        figures.setdefault(organisation_id, {})["alone_share"] = value
    sectors = dict(Organisation.objects.filter(pk__in=list(figures)).values_list("pk", "sector"))
    return {"figures": figures, "sectors": sectors}


def benchmarks(*, organisation, found: dict) -> dict[str, dict]:
    """Each benchmark figure's median in the organisation's sector and in the whole network,
    with how many organisations contribute; None where fewer than BENCHMARK_MINIMUM do."""
    result = {}
    for key in BENCHMARK_FIGURES:
        network = [f[key] for f in found["figures"].values() if key in f]
        sector = [
            f[key]
            for pk, f in found["figures"].items()
            if key in f and found["sectors"].get(pk) == organisation.sector
        ]
        result[key] = {
            "sector_median": _median(sector),
            "sector_count": len(sector),
            "network_median": _median(network),
            "network_count": len(network),
        }
    return result
