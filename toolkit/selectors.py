"""Reads for the toolkit: what a reader may see, search, pathway progress, and usage."""

import zoneinfo
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .models import (
    SEARCH_CONFIGS,
    Badge,
    Collection,
    CollectionStep,
    Resource,
    ResourceUse,
    SearchLog,
    Status,
    StepCompletion,
    search_config_of_language,
)

# Search snippets are escaped before display; these private-use characters mark the matches and
# become <mark> afterwards (see the `highlighted` filter), so no stored text is ever trusted.
MARK_START = "\ue000"
MARK_STOP = "\ue001"

SORTS = {
    "relevance": gettext_lazy("Best match"),
    "newest": gettext_lazy("Newest"),
    "helpful": gettext_lazy("Most helpful"),
}
LIST_FIELDS = (
    "public_id",
    "organisation_id",
    "title",
    "summary",
    "resource_type",
    "audiences",
    "skill_areas",
    "topics",
    "language",
    "minutes",
    "file_name",
    "file_size",
    "external_url",
    "published_at",
    "helpful_yes",
    "helpful_no",
    "view_count",
    "download_count",
    "is_featured",
    "status",
)


def readable_resources(organisation) -> QuerySet:
    """Published network-wide resources, and the organisation's own private ones."""
    return Resource.objects.published().visible_in(organisation)


def openable_resources(*, user, membership) -> QuerySet:
    """What this person may open a file or cover of: what they can read, and what they curate
    (so a curator can check a draft's file before publishing it)."""
    organisation = membership.organisation if membership else None
    allowed = Q(status=Status.PUBLISHED) & (
        Q(organisation__isnull=True) | Q(organisation=organisation)
    )
    if user.is_network_admin:
        allowed |= Q(organisation__isnull=True)
    if membership and membership.is_pm:
        allowed |= Q(organisation=membership.organisation_id)
    return Resource.objects.filter(allowed)


def _filtered(qs: QuerySet, filters: dict) -> QuerySet:
    if filters.get("resource_type"):
        qs = qs.filter(resource_type=filters["resource_type"])
    if filters.get("audience"):
        qs = qs.filter(audiences__contains=[filters["audience"]])
    if filters.get("skill_area"):
        qs = qs.filter(skill_areas__contains=[filters["skill_area"]])
    if filters.get("topic"):
        qs = qs.filter(topics__contains=[filters["topic"]])
    if filters.get("language"):
        qs = qs.filter(language=filters["language"])
    return qs


def _helpfulness():
    # Votes smoothed towards one half, so one "yes" does not outrank forty yes and two no.
    return Cast(F("helpful_yes") + 1, FloatField()) / Cast(
        F("helpful_yes") + F("helpful_no") + 2, FloatField()
    )


def resource_language_of(reader_language: str) -> str:
    """The resource language (core.vocabulary.Language) a page language reads: "en-gb" -> "en"."""
    return (reader_language or "").split("-")[0].lower()


def _own_language_first(qs: QuerySet, reader_language: str, *ordering) -> QuerySet:
    """`ordering`, with resources in the reader's language first when that is not English (a
    Welsh reader sees Welsh resources first; English readers see the library as it was)."""
    language = resource_language_of(reader_language)
    if not language or language == "en":
        return qs.order_by(*ordering)
    other_language = Case(
        When(language=language, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return qs.order_by(other_language, *ordering)


def _search_query(query: str):
    """The words as typed, both stemmed (matching English resources) and word for word
    (matching the others): see toolkit.models.STEMMED_SEARCH_CONFIG."""
    first, *others = (
        SearchQuery(query, search_type="websearch", config=config) for config in SEARCH_CONFIGS
    )
    for other in others:
        first = first | other
    return first


def search_resources(
    *, organisation, query: str = "", filters: dict, sort: str = "", reader_language: str = ""
) -> QuerySet:
    """Full-text search (title weighted over summary over body; English stemmed, other
    languages word for word) combined with the filters. Each result carries `snippet` and
    `marked_title` when there is a query. A reader of another language than English sees
    resources in their language first, each group in the chosen sort."""
    qs = _filtered(readable_resources(organisation), filters).only(*LIST_FIELDS)
    if query:
        search = _search_query(query)
        config = search_config_of_language()
        qs = qs.filter(search_vector=search).annotate(
            rank=SearchRank(F("search_vector"), search),
            snippet=SearchHeadline(
                "body_text",
                search,
                config=config,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=28,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
            marked_title=SearchHeadline(
                "title",
                search,
                config=config,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                highlight_all=True,
            ),
        )
    sort = sort if sort in SORTS else ("relevance" if query else "newest")
    if sort == "relevance" and query:
        return _own_language_first(qs, reader_language, "-rank", "-published_at", "pk")
    if sort == "helpful":
        return _own_language_first(
            qs.annotate(helpfulness=_helpfulness()),
            reader_language,
            "-helpfulness",
            "-published_at",
            "pk",
        )
    return _own_language_first(qs, reader_language, "-published_at", "pk")


def type_counts(*, organisation, query: str, filters: dict) -> dict[str, int]:
    """How many results each type would give, with the other filters kept: shown next to the
    type filter so nobody picks a type that gives nothing."""
    qs = _filtered(readable_resources(organisation), {**filters, "resource_type": ""})
    if query:
        qs = qs.filter(search_vector=_search_query(query))
    return dict(qs.values_list("resource_type").annotate(n=Count("pk")).order_by())


def featured_resources(organisation, limit: int = 6, reader_language: str = "") -> list[Resource]:
    qs = readable_resources(organisation).filter(is_featured=True).only(*LIST_FIELDS)
    return list(_own_language_first(qs, reader_language, "-published_at")[:limit])


def newest_resources(organisation, limit: int = 6, reader_language: str = "") -> list[Resource]:
    qs = readable_resources(organisation).only(*LIST_FIELDS)
    return list(_own_language_first(qs, reader_language, "-published_at")[:limit])


def readable_resource(*, organisation, public_id) -> Resource:
    """One resource the reader may open, with `translation_public_id` and
    `translation_language` of its translation when the reader may open that too (same query).
    Raises Resource.DoesNotExist."""
    readable_translation = readable_resources(organisation).filter(pk=OuterRef("translation_id"))
    return (
        readable_resources(organisation)
        .annotate(
            translation_public_id=Subquery(readable_translation.values("public_id")[:1]),
            translation_language=Subquery(readable_translation.values("language")[:1]),
        )
        .get(public_id=public_id)
    )


def translation_choices(*, user, membership, resource=None) -> QuerySet:
    """What a curator may link as a resource's translation: what they can see (read, or curate
    in any status), other than the resource itself; and whatever it is linked to now, so that
    saving the form never drops a link the curator did not touch."""
    qs = openable_resources(user=user, membership=membership)
    if resource is not None:
        if resource.translation_id:
            qs = qs | Resource.objects.filter(pk=resource.translation_id)
        qs = qs.exclude(pk=resource.pk)
    return qs.only("pk", "title", "language").order_by("language", "title", "pk")


def readable_collections(organisation) -> QuerySet:
    return Collection.objects.published().visible_in(organisation)


def collections_with_progress(*, organisation, user) -> list[Collection]:
    """Each collection with `step_total` and `steps_done` for this person, in one query."""
    return list(
        readable_collections(organisation).annotate(
            step_total=Count(
                "steps", filter=Q(steps__resource__status=Status.PUBLISHED), distinct=True
            ),
            steps_done=Count(
                "steps__completions",
                filter=Q(steps__completions__user=user, steps__resource__status=Status.PUBLISHED),
                distinct=True,
            ),
        )
    )


def collection_steps(*, collection: Collection, organisation, user) -> list[CollectionStep]:
    """The published steps the reader may open, each with `done` for this person."""
    steps = list(
        collection.steps.filter(resource__in=readable_resources(organisation)).select_related(
            "resource"
        )
    )
    done = set(
        StepCompletion.objects.filter(user=user, step__in=steps).values_list("step_id", flat=True)
    )
    for step in steps:
        step.done = step.pk in done
    return steps


def badges_of(user) -> list[Badge]:
    return list(Badge.objects.filter(user=user).select_related("collection").order_by("awarded_at"))


def training_by_champion(organisation) -> dict[int, dict]:
    """For the PM: each member's pathway steps done and badges earned (one query)."""
    from django.contrib.postgres.aggregates import ArrayAgg
    from django.db.models import OuterRef, Subquery

    from accounts.models import User

    steps = (
        StepCompletion.objects.filter(user=OuterRef("pk"), step__collection__is_pathway=True)
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    badges = (
        Badge.objects.filter(user=OuterRef("pk"))
        .values("user")
        .annotate(names=ArrayAgg("collection__badge_name", order_by="awarded_at"))
        .values("names")
    )
    rows = (
        User.objects.filter(memberships__organisation=organisation, memberships__is_active=True)
        .annotate(steps=Subquery(steps), badges=Subquery(badges))
        .filter(Q(steps__gt=0) | Q(badges__isnull=False))
        .values_list("pk", "steps", "badges")
    )
    return {pk: {"steps": n or 0, "badges": names or []} for pk, n, names in rows}


def _curated_by(*, user, membership) -> Q | None:
    """Which resources or collections this person curates: network-wide ones for a network
    admin, their own organisation's for a project manager; None for nobody else."""
    scope = Q()
    if user.is_network_admin:
        scope |= Q(organisation__isnull=True)
    if membership and membership.is_pm:
        scope |= Q(organisation=membership.organisation_id)
    return scope or None


def curation_queue(*, user, membership, status: str = "") -> QuerySet:
    """The resources this person curates. Suggestions first, then the most recently changed."""
    scope = _curated_by(user=user, membership=membership)
    if scope is None:
        return Resource.objects.none()
    qs = Resource.objects.filter(scope).select_related("suggested_by", "organisation")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by(
        F("suggested_by").desc(nulls_last=True) if status == Status.DRAFT else "-updated_at",
        "-updated_at",
    )


def curated_collections(*, user, membership) -> QuerySet:
    scope = _curated_by(user=user, membership=membership)
    return Collection.objects.filter(scope) if scope is not None else Collection.objects.none()


def queue_counts(*, user, membership) -> dict[str, int]:
    return dict(
        curation_queue(user=user, membership=membership)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )


def usage_summary(*, days: int = 90, limit: int = 10) -> dict:
    """The admins' usage panel for the network-wide library: most used, least found, and what
    people searched for without finding anything."""
    since = timezone.now() - timedelta(days=days)
    network = Resource.objects.published().network_wide()
    uses = ResourceUse.objects.filter(at__gte=since, resource__organisation__isnull=True)
    totals = uses.aggregate(
        views=Count("pk", filter=Q(kind=ResourceUse.Kind.VIEW)),
        downloads=Count("pk", filter=~Q(kind=ResourceUse.Kind.VIEW)),
    )
    searches = SearchLog.objects.filter(at__gte=since)
    totals.update(
        searches=searches.count(),
        searches_empty=searches.filter(result_count=0).count(),
        resources=network.count(),
    )
    use_count = Count("uses", filter=Q(uses__at__gte=since))
    return {
        "days": days,
        "totals": totals,
        "most_used": list(
            network.annotate(uses_in_period=use_count)
            .filter(uses_in_period__gt=0)
            .order_by("-uses_in_period", "title")
            .only("public_id", "title", "resource_type", "helpful_yes", "helpful_no")[:limit]
        ),
        "least_found": list(
            network.annotate(uses_in_period=use_count)
            .order_by("uses_in_period", "published_at")
            .only("public_id", "title", "resource_type", "published_at")[:limit]
        ),
        "empty_searches": list(
            searches.filter(result_count=0)
            .values("query")
            .annotate(times=Count("pk"), last=Max("at"))
            .order_by("-times", "-last")[:limit]
        ),
        "top_searches": list(
            searches.values("query")
            .annotate(times=Count("pk"), results=Max("result_count"))
            .order_by("-times", "query")[:limit]
        ),
    }


def network_toolkit_figures(*, start, end) -> dict:
    """For the network dashboard: toolkit use across organisations between two dates (two
    queries: the counts, and the most used). Both read the uses from their index on the time,
    bounded by the first and last days' local midnights: filtering by each use's local date
    instead summed every network resource's uses, 57 ms of every view of the network dashboard
    on the national set's 50,000 resources even with none used (issue 18)."""
    from django.db import connection

    since, until = _local_days(start, end)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FILTER (WHERE kind = 'view'),
                   count(*) FILTER (WHERE kind <> 'view'),
                   count(DISTINCT organisation_id),
                   (SELECT count(*) FROM toolkit_badge
                     WHERE awarded_at >= %(since)s AND awarded_at < %(until)s)
              FROM toolkit_resourceuse
             WHERE at >= %(since)s AND at < %(until)s
            """,
            {"since": since, "until": until},
        )
        views, downloads, organisations, badges = cursor.fetchone()
    figures = {
        "views": views,
        "downloads": downloads,
        "organisations": organisations,
        "badges": badges,
    }
    figures["top"] = list(
        Resource.objects.network_wide()
        .published()
        # Filtered before it is counted: only the uses of the period are joined and counted.
        .filter(uses__at__gte=since, uses__at__lt=until)
        .annotate(uses_in_period=Count("uses"))
        .order_by("-uses_in_period", "title")
        .only("public_id", "title", "resource_type")[:5]
    )
    return figures


def _local_days(start, end) -> tuple[datetime, datetime]:
    """The moments the portal's day `start` begins and the day after `end` begins, in its own
    time zone (a day of 23 or 25 hours when the clocks change)."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )
