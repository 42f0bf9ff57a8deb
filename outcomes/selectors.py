"""Reads for follow-up checks: who is due one (the champion's home and their reminder email ask
the same rule here), and the figures the dashboards and reports show."""

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from learners.models import Learner
from organisations.models import Membership
from sessions_log.models import Attendance

from .models import WEEKS_DEFAULT, OutcomeCheck, OutcomeSettings
from .vocabulary import CanDoAlone, OnlineService, Progression

# A check stays due for this long after its day, then it is missed: years of learners whose
# follow-up nobody made would otherwise fill every champion's home for ever.
DUE_FOR_DAYS = 8 * 7


def check_after_weeks(organisation) -> int:
    found = OutcomeSettings.objects.filter(organisation=organisation).first()
    return found.check_after_weeks if found else WEEKS_DEFAULT


def due_window(*, weeks: int, today: date) -> tuple[date, date]:
    """First sessions on these days (inclusive) make a learner's check due today."""
    latest = today - timedelta(weeks=weeks)
    return latest - timedelta(days=DUE_FOR_DAYS), latest


def check_after_weeks_by_organisation(organisations) -> dict[int, int]:
    """check_after_weeks for many organisations at once (one query)."""
    found = dict(
        OutcomeSettings.objects.filter(organisation__in=organisations).values_list(
            "organisation_id", "check_after_weeks"
        )
    )
    return {o.pk: found.get(o.pk, WEEKS_DEFAULT) for o in organisations}


def _due_learners(*, organisation, weeks: int, today: date) -> QuerySet[Learner]:
    return _due_learners_in(weeks_by_organisation={organisation.pk: weeks}, today=today)


def _due_learners_in(*, weeks_by_organisation: dict[int, int], today: date) -> QuerySet[Learner]:
    """The one rule for a check that is due: a learner of the organisation, not anonymised,
    whose first session was `weeks` weeks ago (the organisation's) or up to DUE_FOR_DAYS
    before that, with no check yet."""
    by_weeks: dict[int, list[int]] = {}
    for organisation_id, weeks in weeks_by_organisation.items():
        by_weeks.setdefault(weeks, []).append(organisation_id)
    if not by_weeks:
        return Learner.objects.none()
    due_on = Q()
    for weeks, organisation_ids in by_weeks.items():
        due_on |= Q(
            organisation_id__in=organisation_ids,
            first_session_on__range=due_window(weeks=weeks, today=today),
        )
    return (
        Learner.objects.not_anonymised()
        .filter(due_on)
        .exclude(Exists(OutcomeCheck.objects.filter(learner=OuterRef("pk"))))
    )


def _helped_by(*, organisation, champion_id) -> QuerySet:
    return Attendance.objects.filter(
        organisation=organisation,
        session__champion_id=champion_id,
        session__deleted_at__isnull=True,
    ).values("learner_id")


def checks_due_for(*, membership: Membership, today: date, limit: int = 10) -> dict:
    """A champion's due checks, for their home: the learners they have helped whose check is
    due, oldest first, and how many there are (three queries: the setting, the learners, the
    count)."""
    weeks = check_after_weeks(membership.organisation)
    due = _due_learners(organisation=membership.organisation, weeks=weeks, today=today).filter(
        pk__in=_helped_by(organisation=membership.organisation, champion_id=membership.user_id)
    )
    learners = list(due.order_by("first_session_on", "display_name")[:limit])
    for learner in learners:
        learner.check_due_on = learner.first_session_on + timedelta(weeks=weeks)
    count = len(learners) if len(learners) < limit else due.count()
    return {"learners": learners, "count": count, "weeks": weeks}


def checks_due_by_champion(*, organisation, today: date) -> dict[int, int]:
    """How many checks each champion has due ({user id: n}), for the reminder job (two
    queries). A learner helped by two champions is due for both: either may ask."""
    weeks = check_after_weeks(organisation)
    due = _due_learners(organisation=organisation, weeks=weeks, today=today)
    rows = (
        Attendance.objects.filter(
            organisation=organisation, session__deleted_at__isnull=True, learner__in=due
        )
        .values("session__champion_id")
        .annotate(n=Count("learner_id", distinct=True))
        .order_by()
    )
    return {row["session__champion_id"]: row["n"] for row in rows if row["session__champion_id"]}


def checks_due_by_champion_in(*, organisations, today: date) -> dict[tuple[int, int], int]:
    """checks_due_by_champion for many organisations at once, {(organisation id, user id): n}
    (two queries, whatever the number of organisations)."""
    due = _due_learners_in(
        weeks_by_organisation=check_after_weeks_by_organisation(organisations), today=today
    )
    rows = (
        Attendance.objects.filter(
            organisation__in=organisations, session__deleted_at__isnull=True, learner__in=due
        )
        .values("organisation_id", "session__champion_id")
        .annotate(n=Count("learner_id", distinct=True))
        .order_by()
    )
    return {
        (row["organisation_id"], row["session__champion_id"]): row["n"]
        for row in rows
        if row["session__champion_id"]
    }


def checks_of(learner: Learner) -> QuerySet[OutcomeCheck]:
    return OutcomeCheck.objects.filter(learner=learner).select_related("recorded_by")


# --- Figures ---------------------------------------------------------------------------------


def _scoped(scope) -> QuerySet[OutcomeCheck]:
    """The checks a dashboard's scope covers. A team's or a champion's are those its champions
    recorded (a learner's own answer belongs to the organisation only)."""
    checks = OutcomeCheck.objects.all()
    if scope.organisation is not None:
        checks = checks.filter(organisation=scope.organisation)
    if scope.sector:
        checks = checks.filter(organisation__sector=scope.sector)
    if scope.region:
        checks = checks.filter(organisation__region=scope.region)
    if scope.champion is not None:
        checks = checks.filter(recorded_by=scope.champion)
    if scope.team is not None:
        members = Membership.objects.filter(team=scope.team).values("user_id")
        checks = checks.filter(recorded_by__in=members)
    return checks


def _counts(prefix: str, within: Q) -> dict:
    counts = {
        f"{prefix}checks": Count("pk", filter=within),
        f"{prefix}alone": Count("pk", filter=within & Q(can_do_alone=CanDoAlone.YES)),
        f"{prefix}with_help": Count("pk", filter=within & Q(can_do_alone=CanDoAlone.WITH_HELP)),
        f"{prefix}any_service": Count("pk", filter=within & ~Q(services_used=[])),
        f"{prefix}any_progress": Count("pk", filter=within & ~Q(what_followed=[])),
    }
    for code in OnlineService.values:
        counts[f"{prefix}service:{code}"] = Count(
            "pk", filter=within & Q(services_used__contains=[code])
        )
    for code in Progression.values:
        counts[f"{prefix}progress:{code}"] = Count(
            "pk", filter=within & Q(what_followed__contains=[code])
        )
    return counts


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _figures(row: dict, prefix: str) -> dict:
    checks = row[f"{prefix}checks"]

    def rows(kind, vocabulary):
        return [
            {
                "code": code,
                "label": str(label),
                "count": row[f"{prefix}{kind}:{code}"],
                "share": _share(row[f"{prefix}{kind}:{code}"], checks),
            }
            for code, label in vocabulary.choices
        ]

    return {
        "checks": checks,
        "alone": row[f"{prefix}alone"],
        "with_help": row[f"{prefix}with_help"],
        "alone_share": _share(row[f"{prefix}alone"], checks),
        "any_service_share": _share(row[f"{prefix}any_service"], checks),
        "any_progress_share": _share(row[f"{prefix}any_progress"], checks),
        "services": rows("service", OnlineService),
        "progression": rows("progress", Progression),
    }


def outcome_figures(*, scope, period) -> dict:
    """Checks made in the period and in the one before it, in one query: the share who can now
    do what they came for on their own, each service now used and what followed."""
    previous = period.previous()
    now = Q(checked_on__range=(period.start, period.end))
    before = Q(checked_on__range=(previous.start, previous.end))
    row = (
        _scoped(scope)
        .filter(checked_on__range=(previous.start, period.end))
        .aggregate(**_counts("now:", now), **_counts("before:", before))
    )
    now_figures, before_figures = _figures(row, "now:"), _figures(row, "before:")
    for kind in ("services", "progression"):
        for current, earlier in zip(now_figures[kind], before_figures[kind], strict=True):
            current["previous_count"] = earlier["count"]
    return {**now_figures, "previous": before_figures}


def alone_share_by_organisation(*, period) -> dict[int, float]:
    """Each organisation's share who can now do it alone, for benchmarks (one query)."""
    rows = (
        OutcomeCheck.objects.filter(checked_on__range=(period.start, period.end))
        .values("organisation_id")
        .annotate(n=Count("pk"), alone=Count("pk", filter=Q(can_do_alone=CanDoAlone.YES)))
        .order_by()
    )
    return {r["organisation_id"]: r["alone"] / r["n"] for r in rows if r["n"]}
