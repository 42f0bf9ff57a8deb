"""What the impact figures are and which sessions they cover, shared by the two ways of computing
them: from the session tables (impact/_from_sessions.py) and from the rollups kept as sessions are
written (impact/_from_rollups.py). impact/selectors.py chooses between them."""

from dataclasses import asdict, dataclass

from django.db.models import Q
from django.utils.translation import gettext

from core.vocabulary import SessionStatus
from sessions_log.models import Attendance, SupportSession

from .periods import Period

COMPLETED = Q(status=SessionStatus.COMPLETED)
SMALL_NUMBER = 5  # counts below this are shown as "fewer than 5" to protect individuals

ARRAY_FIELDS = ("topics", "skill_areas", "barriers", "signposting")
STATUS_FIELDS = ("mode", "format")
DEMOGRAPHIC_FIELDS = (
    "age_band",
    "gender",
    "employment_status",
    "disability",
    "first_language_english",
)
SKILL_AREAS = (
    "foundation",
    "communicating",
    "handling_information",
    "transacting",
    "problem_solving",
    "safe_and_legal",
)


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

    def parts(self) -> tuple:
        return (self.organisation, self.team, self.champion, self.sector, self.region)

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


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def build_headline(s: dict, tag: str, learners: dict) -> Headline:
    """The Headline from session totals (keys prefixed with `tag`) and learner totals."""
    rated = learners["rated_total"] or 0
    return Headline(
        sessions_completed=s[f"{tag}completed"],
        sessions_planned=s[f"{tag}planned"],
        sessions_cancelled=s[f"{tag}cancelled"],
        sessions_no_show=s[f"{tag}no_show"],
        hours=round((s[f"{tag}minutes"] or 0) / 60, 1),
        people_supported=learners["total"] + (s[f"{tag}anonymous"] or 0),
        learners_supported=learners["total"],
        repeat_learner_share=share(learners["repeat"], learners["total"]),
        confidence_uplift=round(learners["uplift_total"] / rated, 2) if rated else None,
        more_confident_share=share(learners["more_total"] or 0, rated),
        active_champions=s[f"{tag}champions"],
        devices_given=s[f"{tag}devices"],
        data_support_given=s[f"{tag}data"],
    )


def suppress(count: int) -> str | int:
    """Small numbers could identify a person: show them as "fewer than 5"."""
    if 0 < count < SMALL_NUMBER:
        return gettext("fewer than %(number)d") % {"number": SMALL_NUMBER}
    return count


def distance_result(row) -> dict | None:
    """Distance travelled from one row: learners, then each skill area's average at first
    contact and latest, then the average number of foundation tasks first and latest."""
    if not row or not row[0]:
        return None
    values = list(row[1:])
    result = {"learners": row[0], "areas": []}
    for i, area in enumerate(SKILL_AREAS):
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


def breakdown_result(rows) -> dict[str, dict]:
    """(field, value, count) rows as {field: {value: count}}; demographic counts suppressed."""
    result: dict[str, dict] = {}
    for field, value, n in rows:
        if field.startswith("demographic:"):
            result.setdefault(field, {})[value or "not_asked"] = suppress(n)
        else:
            result.setdefault(field, {})[value] = n
    return result


GROUPS = {
    "champion": ("champion", "champion__name"),
    "team": ("team", "team__name"),
    "organisation": ("organisation", "organisation__name"),
    "sector": ("organisation__sector", "organisation__sector"),
    "region": ("organisation__region", "organisation__region"),
}


def group_row(r: dict, group: str) -> dict:
    name = GROUPS[group][1]
    return {
        **r,
        "name": r[name] or (gettext("No team") if group == "team" else "—"),
        "hours": round((r["minutes"] or 0) / 60, 1),
        "people": r["people"] or 0,
    }
