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

from django.db.models import Count, DateField, F, Value
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from core.vocabulary import Role
from organisations.models import Membership

from . import _from_rollups, _from_sessions
from .periods import Period
from .scope import (  # noqa: F401  (the figures' vocabulary, used by reports and tests)
    ARRAY_FIELDS,
    COMPLETED,
    DEMOGRAPHIC_FIELDS,
    SMALL_NUMBER,
    STATUS_FIELDS,
    Headline,
    Scope,
    suppress,
)


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


def has_gone_quiet(last_session_on: date | None, *, as_of: date, days: int) -> bool:
    """The one rule for a champion gone quiet: no completed session in the `days` days up to
    and including as_of (the organisation's `reminder_after_days`)."""
    return last_session_on is None or last_session_on <= as_of - timedelta(days=days)


def quiet_champions(*, organisation, as_of: date, team=None, champion=None) -> list:
    """Champions gone quiet (see has_gone_quiet), longest quiet first; the dashboard, the PM's
    summary email and the reminder job all ask this (one query)."""
    memberships = last_completed_sessions(organisation=organisation, as_of=as_of)
    if team is not None:
        memberships = memberships.filter(team=team)
    if champion is not None:
        memberships = memberships.filter(user=champion)
    days = organisation.reminder_after_days
    return [
        QuietChampion(user=m.user, team=m.team, last_session_on=m.last)
        for m in memberships.order_by(F("last").asc(nulls_first=True), "user__name")
        if has_gone_quiet(m.last, as_of=as_of, days=days)
    ]


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
    rows = _source(scope).trend(scope=scope, period=period, unit=unit)
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
