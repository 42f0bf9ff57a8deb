"""Reads for learners' rights: everything held about one learner, and who is due to be
anonymised under the organisation's retention period."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import vocabulary
from devices.selectors import learner_data_gifts, learner_loans
from learners.eds import LifeTask
from learners.models import Learner
from outcomes.vocabulary import OnlineService, Progression
from sessions_log.models import Attendance
from stories.models import StoryConsent

from .mentions import mention_pattern, mentions

PROFILE_FIELDS = [
    ("display_name", _("Name or initials")),
    ("reference", _("Reference")),
    ("postcode_district", _("Postcode district")),
    ("age_band", _("Age band")),
    ("gender", _("Gender")),
    ("employment_status", _("Employment status")),
    ("first_language_english", _("First language is English")),
    ("disability", _("Disabled or long-term health condition")),
    ("heard_from", _("How they heard of us")),
    ("contact_email", _("Email address")),
    ("contact_phone", _("Phone number")),
]
SKILL_AREAS = [(area.value, area.label) for area in vocabulary.SkillArea]
# The summary email warns this many days ahead of the nightly retention run.
RETENTION_WARNING_DAYS = 30


def _labels(values, vocabulary_class) -> list[str]:
    names = dict(vocabulary_class.choices)
    return [str(names.get(v, v)) for v in values or []]


def _session_notes(session, pattern) -> str:
    """Notes are the champion's words about a session. A one-to-one's notes are about this
    learner; a group's only where they name them (the rest is about other people)."""
    if session.format == vocabulary.SessionFormat.ONE_TO_ONE or mentions(session.notes, pattern):
        return session.notes
    return ""


def learner_export_data(*, learner: Learner) -> dict:
    """Everything the organisation holds about one learner, in plain words and ISO dates: the
    same dictionary makes the readable page and the JSON download (6 queries, however many
    sessions: consents, attendances with their sessions and champions, self-assessments,
    follow-up checks, stories and their consents)."""
    # Once erased, the name is "Erased learner": nothing left to look for in group notes.
    pattern = None if learner.anonymised_at else mention_pattern(learner.display_name)
    profile = []
    for field, label in PROFILE_FIELDS:
        value = getattr(learner, field)
        display = getattr(learner, f"get_{field}_display", None)
        value = display() if display else value
        profile.append({"field": field, "label": str(label), "value": value})
    consents = [
        {
            "kind": c.get_kind_display(),
            "given": c.given,
            "method": c.get_method_display(),
            "privacy_notice_version": c.notice_version,
            "what_they_were_told": c.what_they_were_told,
            "recorded_by": c.recorded_by.display_name if c.recorded_by else "",
            "recorded_at": c.recorded_at.isoformat(),
            "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
        }
        for c in learner.consents.select_related("recorded_by").order_by("recorded_at")
    ]
    sessions = []
    attendances = (
        Attendance.objects.filter(learner=learner)
        .select_related("session__champion")
        .order_by("date", "pk")
    )
    for a in attendances:
        s = a.session
        sessions.append(
            {
                "date": s.date.isoformat(),
                "status": s.get_status_display(),
                "cancel_reason": s.get_cancel_reason_display() if s.cancel_reason else "",
                "deleted": s.deleted_at is not None,
                "format": s.get_format_display(),
                "mode": s.get_mode_display(),
                "duration_minutes": s.duration_minutes,
                "topics": _labels(s.topics, vocabulary.Topic),
                "skill_areas": _labels(s.skill_areas, vocabulary.SkillArea),
                "barriers": _labels(s.barriers, vocabulary.Barrier),
                "device_support": s.get_device_support_display() if s.device_support else "",
                "data_support": s.get_data_support_display() if s.data_support else "",
                "signposting": _labels(s.signposting, vocabulary.Signposting),
                "follow_up_needed": s.follow_up_needed,
                "champion": s.champion.display_name if s.champion else "",
                "venue": s.venue,
                "notes": _session_notes(s, pattern),
                "confidence_before": a.confidence_before,
                "confidence_after": a.confidence_after,
                "goal_met": a.goal_met,
            }
        )
    assessments = [
        {
            "assessed_on": s.assessed_on.isoformat(),
            "scores": {str(label): getattr(s, field) for field, label in SKILL_AREAS},
            "foundation_tasks": _labels(s.foundation_tasks, vocabulary.FoundationTask),
            "life_areas_asked": _labels(s.life_areas_asked, vocabulary.SkillArea),
            "life_tasks": _labels(s.life_tasks, LifeTask),
        }
        for s in learner.assessments.order_by("assessed_on")
    ]
    follow_ups = [
        {
            "checked_on": c.checked_on.isoformat(),
            "can_do_alone": str(c.get_can_do_alone_display()),
            "services_used": _labels(c.services_used, OnlineService),
            "what_followed": _labels(c.what_followed, Progression),
            "recorded_by": c.recorded_by.display_name if c.recorded_by else "",
        }
        for c in learner.outcome_checks.select_related("recorded_by").order_by("checked_on")
    ]
    story_consents: dict = {}
    for consent in (
        StoryConsent.objects.filter(story__learner=learner)
        .select_related("recorded_by")
        .order_by("use", "recorded_at")
    ):
        story_consents.setdefault(consent.story_id, []).append(consent)
    stories = [
        {
            "written_at": s.written_at.isoformat(),
            "what_they_wanted": s.what_they_wanted,
            "what_changed": s.what_changed,
            "quote": s.quote,
            "has_photo": bool(s.photo),
            "approved_at": s.approved_at.isoformat() if s.approved_at else None,
            "withdrawn_at": s.withdrawn_at.isoformat() if s.withdrawn_at else None,
            "consents": [
                {
                    "use": str(c.get_use_display()),
                    "method": str(c.get_method_display()),
                    "what_they_were_told": c.what_they_were_told,
                    "recorded_by": c.recorded_by.display_name if c.recorded_by else "",
                    "recorded_at": c.recorded_at.isoformat(),
                    "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
                }
                for c in story_consents.get(s.pk, [])
            ],
        }
        for s in learner.stories.order_by("written_at")
    ]
    return {
        "organisation": learner.organisation.name,
        "exported_at": timezone.now().isoformat(),
        "learner": {
            "reference": learner.reference,
            "created_at": learner.created_at.isoformat(),
            "anonymised_at": learner.anonymised_at.isoformat() if learner.anonymised_at else None,
            "shared_with_every_champion": learner.is_shared,
        },
        "profile": profile,
        "consents": consents,
        "sessions": sessions,
        "self_assessments": assessments,
        "follow_up_checks": follow_ups,
        "stories": stories,
        **_kit(learner),
    }


def _kit(learner: Learner) -> dict:
    """The devices lent to them and the SIMs and vouchers given (two queries)."""
    loans = [
        {
            "device": str(loan.device),
            "kind": str(loan.device.get_kind_display()),
            "lent_on": loan.issued_on.isoformat(),
            "due_on": loan.due_on.isoformat(),
            "returned_on": loan.returned_on.isoformat() if loan.returned_on else None,
            "lost_on": loan.lost_on.isoformat() if loan.lost_on else None,
            "agreement_version": loan.agreement_version,
            "lent_by": loan.champion.display_name,
        }
        for loan in learner_loans(learner=learner).order_by("issued_on", "pk")
    ]
    data_given = [
        {
            "kind": str(gift.get_kind_display()),
            "network": gift.network,
            "allowance_gb": str(gift.allowance_gb),
            "given_on": gift.given_on.isoformat() if gift.given_on else None,
        }
        for gift in learner_data_gifts(learner=learner).order_by("given_on", "pk")
    ]
    return {"loans": loans, "data_given": data_given}


def retention_cutoff(organisation, today: date) -> date:
    """Learners whose last contact is before this date are past the retention period."""
    return today - relativedelta(months=organisation.retention_months)


def _not_seen_since(organisation, day: date) -> QuerySet[Learner]:
    return _not_seen_since_in({organisation.pk: day})


def _not_seen_since_in(day_by_organisation: dict[int, date]) -> QuerySet[Learner]:
    """Learners not yet anonymised whose last contact (their last session or, with none, the
    day their record was made) is before their organisation's `day`."""
    by_day: dict[date, list[int]] = {}
    for organisation_id, day in day_by_organisation.items():
        by_day.setdefault(day, []).append(organisation_id)
    if not by_day:
        return Learner.objects.none()
    before = Q()
    for day, organisation_ids in by_day.items():
        before |= Q(organisation_id__in=organisation_ids, last_contact__lt=day)
    return (
        Learner.objects.not_anonymised()
        .alias(last_contact=Coalesce("last_session_on", TruncDate("created_at")))
        .filter(before)
    )


def learners_past_retention(organisation, *, today: date) -> QuerySet[Learner]:
    return _not_seen_since(organisation, retention_cutoff(organisation, today))


def learners_due_for_anonymisation(
    organisation, *, within_days: int = RETENTION_WARNING_DAYS, today: date | None = None
) -> int:
    """How many learners the nightly run will anonymise in the next `within_days` days unless
    they come back: the PM's summary email warns about them. Anyone already past the period
    (if a night's run was missed) counts too: they go at the next run."""
    today = today or timezone.localdate()
    return _not_seen_since(
        organisation, retention_cutoff(organisation, today + timedelta(days=within_days))
    ).count()


def learners_due_for_anonymisation_by_organisation(
    organisations, *, within_days: int = RETENTION_WARNING_DAYS, today: date
) -> dict[int, int]:
    """learners_due_for_anonymisation for many organisations at once ({id: n}, one query)."""
    day = today + timedelta(days=within_days)
    rows = (
        _not_seen_since_in({o.pk: retention_cutoff(o, day) for o in organisations})
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {row["organisation_id"]: row["n"] for row in rows}
    return {o.pk: found.get(o.pk, 0) for o in organisations}
