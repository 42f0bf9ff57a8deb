"""Reads of the API, each scoped to one organisation. Figures are not computed here: they come
from impact.reports, the module the dashboards use, and are only reshaped for JSON (ids instead
of database keys, lists instead of tuples)."""

from django.db.models import Count, F, Q

from accounts.models import User
from core.vocabulary import Role
from impact import reports
from impact.periods import Period
from impact.scope import Scope
from learners.models import Learner
from organisations.models import Membership, Organisation, Team
from sessions_log.models import Attendance, SupportSession
from toolkit.models import Resource

from .models import ApiKey, WebhookDelivery, WebhookEndpoint

SESSION_FIELDS = (
    "id",
    "public_id",
    "status",
    "cancel_reason",
    "cancel_note",
    "date",
    "start_time",
    "duration_minutes",
    "format",
    "mode",
    "venue",
    "skill_areas",
    "topics",
    "barriers",
    "device_support",
    "data_support",
    "signposting",
    "follow_up_needed",
    "follow_up_on",
    "anonymous_count",
    "people_count",
    "created_at",
    "updated_at",
)


def sessions_for(*, organisation: Organisation, filters: dict):
    """Live sessions of the organisation, filtered (a queryset of models, for lookups)."""
    qs = SupportSession.objects.for_organisation(organisation).live()
    if filters.get("date_from"):
        qs = qs.filter(date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(date__lte=filters["date_to"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("team"):
        qs = qs.filter(team__public_id=filters["team"])
    if filters.get("champion"):
        qs = qs.filter(champion__public_id=filters["champion"])
    return qs


def session_rows(queryset):
    """The API's view of sessions as plain rows: building a hundred model instances (and their
    champions and teams) cost more than the query on the large data set (api_bench)."""
    return queryset.values(
        *SESSION_FIELDS,
        champion_public_id=F("champion__public_id"),
        team_public_id=F("team__public_id"),
    )


def with_learners(rows: list[dict]) -> list[dict]:
    """Each row's learners' ids, for all the rows in one query."""
    found: dict[int, list[str]] = {row["id"]: [] for row in rows}
    pairs = (
        Attendance.objects.filter(session_id__in=list(found))
        .order_by("session_id", "learner_id")
        .values_list("session_id", "learner__public_id")
    )
    for session_id, learner in pairs:
        found[session_id].append(str(learner))
    for row in rows:
        row["learners"] = found[row["id"]]
    return rows


def session_row(*, organisation: Organisation, pk: int) -> dict:
    rows = list(session_rows(sessions_for(organisation=organisation, filters={}).filter(pk=pk)))
    return with_learners(rows)[0]


def session_rows_of(*, organisation: Organisation, pks: list[int]) -> list[dict]:
    """Several sessions' rows with their learners, in two queries (the batch's answers). Not
    only live ones: a repeat answers with the session as it is, even deleted since."""
    queryset = SupportSession.objects.for_organisation(organisation).filter(pk__in=pks)
    return with_learners(list(session_rows(queryset)))


def learners_for(*, organisation: Organisation):
    """Learners still on record (an anonymised one has been erased from the API's view)."""
    return Learner.objects.for_organisation(organisation).not_anonymised()


def teams_for(*, organisation: Organisation):
    return Team.objects.for_organisation(organisation).order_by("name", "pk")


def champions_for(*, organisation: Organisation):
    """Active members who log sessions: champions, and PMs (who may log too)."""
    return (
        Membership.objects.for_organisation(organisation)
        .active()
        .select_related("user", "team")
        .order_by("user__name", "pk")
    )


def champion_of(*, organisation: Organisation, public_id) -> User | None:
    membership = (
        Membership.objects.for_organisation(organisation)
        .active()
        .filter(user__public_id=public_id, role__in=[Role.CHAMPION, Role.PROJECT_MANAGER])
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


def learners_by_public_id(*, organisation: Organisation, public_ids) -> dict:
    found = learners_for(organisation=organisation).filter(public_id__in=list(public_ids))
    return {learner.public_id: learner for learner in found}


def published_resources(*, organisation: Organisation | None):
    """Network-wide published resources, plus the organisation's own private published ones."""
    return Resource.objects.visible_in(organisation).published()


def keys_for(*, organisation: Organisation | None):
    """An organisation's keys (or the network's, for None). Their last use is the key's own
    last_used_at (to the minute), not a MAX over the request log, which grows with every call."""
    if organisation is None:
        return ApiKey.objects.network_wide()
    return ApiKey.objects.for_organisation(organisation)


def _period(period: Period) -> dict:
    return {"start": period.start, "end": period.end, "label": period.label}


def _figures(figures: dict) -> dict:
    return {
        "period": _period(figures["period"]),
        "previous_period": _period(figures["previous_period"]),
        "rows": figures["rows"],
        "trend": figures["trend"],
        "breakdowns": [
            {"title": t["title"], "rows": [{"label": k, "count": n} for k, n in t["rows"]]}
            for t in figures.get("breakdowns", [])
        ],
        "demographics": [
            {
                "title": t["title"],
                # Small numbers are already shown as "fewer than 5" by the selectors; the API
                # gives them as null rather than a sentence in a number's place.
                "rows": [
                    {"label": k, "count": n if isinstance(n, int) else None} for k, n in t["rows"]
                ],
            }
            for t in figures.get("demographics", [])
        ],
    }


def _group_rows(rows: list[dict], *, key: str, ids: dict) -> list[dict]:
    return [
        {
            "id": str(ids[row[key]]) if row[key] in ids else None,
            "name": row["name"],
            "completed": row["completed"],
            "cancelled": row["cancelled"],
            "hours": row["hours"],
            "people": row["people"],
            "last": row["last"],
        }
        for row in rows
    ]


def organisation_figures(*, scope: Scope, period: Period, unit: str) -> dict:
    """The organisation dashboard's figures (impact.reports.organisation_dashboard)."""
    found = reports.organisation_dashboard(scope=scope, period=period, unit=unit)
    team_ids = dict(
        Team.objects.filter(
            pk__in=[r["team"] for r in found["team_rows"] if r["team"]]
        ).values_list("pk", "public_id")
    )
    champion_ids = dict(
        User.objects.filter(pk__in=[r["champion"] for r in found["champion_rows"]]).values_list(
            "pk", "public_id"
        )
    )
    return {
        "figures": _figures(found["figures"]),
        "teams": _group_rows(found["team_rows"], key="team", ids=team_ids),
        "champions": _group_rows(found["champion_rows"], key="champion", ids=champion_ids),
    }


def network_figures(*, scope: Scope, period: Period, unit: str) -> dict:
    """The network dashboard's figures (impact.reports.network_dashboard)."""
    found = reports.network_dashboard(scope=scope, period=period, unit=unit)
    return {
        "figures": _figures(found["figures"]),
        "sectors": found["sector_rows"],
        "regions": found["region_rows"],
    }


# --- Webhooks ------------------------------------------------------------------------------------

DELIVERY_LOG_LENGTH = 50


def webhook_endpoints_for(*, organisation: Organisation):
    return WebhookEndpoint.objects.for_organisation(organisation)


def webhook_endpoints_with_trouble(*, organisation: Organisation):
    """The list page's endpoints, each with how many deliveries failed and how many wait for a
    retry (counted in the database, in the one query; the log is pruned, so it stays small)."""
    return webhook_endpoints_for(organisation=organisation).annotate(
        failed=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)),
        retrying=Count(
            "deliveries",
            filter=Q(deliveries__status=WebhookDelivery.Status.QUEUED, deliveries__attempts__gt=0),
        ),
    )


def webhook_delivery_log(*, endpoint: WebhookEndpoint) -> list[WebhookDelivery]:
    """The endpoint's latest deliveries, newest first, with their events: one query."""
    return list(
        endpoint.deliveries.select_related("event").order_by("-queued_at", "-pk")[
            :DELIVERY_LOG_LENGTH
        ]
    )
