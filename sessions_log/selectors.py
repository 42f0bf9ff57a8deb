"""Reads for support sessions: what each person may see, lists with filters, learner search."""

from django.db.models import QuerySet

from core.vocabulary import SessionStatus
from learners.selectors import learner_search, learners_visible_to  # noqa: F401 (re-exported)
from organisations.models import Membership

from .models import SessionDraft, SupportSession


def sessions_visible_to(*, membership: Membership, include_deleted: bool = False) -> QuerySet:
    """PMs see every session of their organisation; champions see their own. Anything else is a
    404 because it is simply not in this queryset."""
    qs = SupportSession.objects.for_organisation(membership.organisation)
    if not include_deleted:
        qs = qs.live()
    if not membership.is_pm:
        qs = qs.filter(champion=membership.user)
    return qs


# The lists' order, newest first; the id settles sessions on the same day at the same time, so
# the keyset pages (core.paging) neither skip nor repeat one. The date indexes serve it
# (session_org_date_live, session_champion_date_live, session_date_cover): PostgreSQL seeks to
# the cursor's date and sorts only that day's sessions (Incremental Sort). On champions_bench,
# the largest organisation's page 51 reads 56 rows in 0.9 ms, its first page 31.
SESSION_LIST_ORDER = ("-date", "-start_time", "-id")


def session_list(*, membership: Membership, filters: dict, mine: bool) -> QuerySet:
    qs = sessions_visible_to(
        membership=membership, include_deleted=membership.is_pm and filters.get("deleted")
    )
    if filters.get("deleted") and membership.is_pm:
        qs = qs.filter(deleted_at__isnull=False)
    if mine:
        qs = qs.filter(champion=membership.user)
    if filters.get("date_from"):
        qs = qs.filter(date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(date__lte=filters["date_to"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("skill_area"):
        qs = qs.filter(skill_areas__contains=[filters["skill_area"]])
    if filters.get("topic"):
        qs = qs.filter(topics__contains=[filters["topic"]])
    if filters.get("champion"):
        qs = qs.filter(champion=filters["champion"])
    if filters.get("team"):
        qs = qs.filter(team=filters["team"])
    return qs.select_related("champion", "team").order_by(*SESSION_LIST_ORDER)


def session_draft(*, membership: Membership) -> dict | None:
    draft = SessionDraft.objects.filter(
        organisation=membership.organisation, champion=membership.user
    ).first()
    return draft.data if draft and draft.data else None


def champion_home_sessions(*, membership: Membership, today) -> dict:
    """The champion's home cards: follow-ups due (with their learners), planned sessions and
    recent ones (4 queries)."""
    own = (
        SupportSession.objects.for_organisation(membership.organisation)
        .live()
        .filter(champion=membership.user)
    )
    return {
        "follow_ups": list(
            own.filter(
                follow_up_needed=True, follow_up_done_at__isnull=True, follow_up_on__isnull=False
            )
            .prefetch_related("attendances__learner")  # who, in the follow-up's line
            .order_by("follow_up_on")[:5]
        ),
        "planned": list(
            own.filter(status=SessionStatus.PLANNED, date__gte=today).order_by(
                "date", "start_time"
            )[:5]
        ),
        "recent": list(
            own.exclude(status=SessionStatus.PLANNED).order_by("-date", "-created_at")[:5]
        ),
    }
