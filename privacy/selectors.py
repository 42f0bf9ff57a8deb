"""Reads for learners' rights: everything held about one learner, and who is due to be
anonymised under the organisation's retention period."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from core import vocabulary
from learners.models import Learner
from sessions_log.models import Attendance

PROFILE_FIELDS = [
    ("display_name", "Name or initials"),
    ("reference", "Reference"),
    ("postcode_district", "Postcode district"),
    ("age_band", "Age band"),
    ("gender", "Gender"),
    ("employment_status", "Employment status"),
    ("first_language_english", "First language is English"),
    ("disability", "Disabled or long-term health condition"),
    ("heard_from", "How they heard of us"),
    ("contact_email", "Email address"),
    ("contact_phone", "Phone number"),
]
SKILL_AREAS = [(area.value, area.label) for area in vocabulary.SkillArea]


def _labels(values, vocabulary_class) -> list[str]:
    names = dict(vocabulary_class.choices)
    return [str(names.get(v, v)) for v in values or []]


def learner_export_data(learner: Learner) -> dict:
    """Everything the organisation holds about one learner, in plain words and ISO dates: the
    same dictionary makes the readable page and the JSON download (3 queries)."""
    profile = []
    for field, label in PROFILE_FIELDS:
        value = getattr(learner, field)
        display = getattr(learner, f"get_{field}_display", None)
        profile.append({"field": field, "label": label, "value": display() if display else value})
    consents = [
        {
            "kind": c.get_kind_display(),
            "given": c.given,
            "method": c.get_method_display(),
            "privacy_notice_version": c.notice_version,
            "recorded_by": c.recorded_by.display_name if c.recorded_by else "",
            "recorded_at": c.recorded_at.isoformat(),
            "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
        }
        for c in learner.consents.select_related("recorded_by").order_by("recorded_at")
    ]
    sessions = [
        {
            "date": a.session.date.isoformat(),
            "status": a.session.get_status_display(),
            "format": a.session.get_format_display(),
            "mode": a.session.get_mode_display(),
            "duration_minutes": a.session.duration_minutes,
            "topics": _labels(a.session.topics, vocabulary.Topic),
            "skill_areas": _labels(a.session.skill_areas, vocabulary.SkillArea),
            "champion": a.session.champion.display_name if a.session.champion else "",
            "venue": a.session.venue,
            "confidence_before": a.confidence_before,
            "confidence_after": a.confidence_after,
            "goal_met": a.goal_met,
        }
        for a in Attendance.objects.filter(learner=learner)
        .select_related("session__champion")
        .order_by("date", "pk")
    ]
    assessments = [
        {
            "assessed_on": s.assessed_on.isoformat(),
            "scores": {label: getattr(s, field) for field, label in SKILL_AREAS},
            "foundation_tasks": _labels(s.foundation_tasks, vocabulary.FoundationTask),
        }
        for s in learner.assessments.order_by("assessed_on")
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
    }


def retention_cutoff(organisation, today: date) -> date:
    """Learners whose last contact is before this date are past the retention period."""
    return today - relativedelta(months=organisation.retention_months)


def _last_contact():
    return Coalesce("last_session_on", TruncDate("created_at"))


def learners_past_retention(organisation, *, today: date):
    return (
        Learner.objects.for_organisation(organisation)
        .not_anonymised()
        .alias(last_contact=_last_contact())
        .filter(last_contact__lt=retention_cutoff(organisation, today))
    )


def learners_due_for_anonymisation(organisation, *, today: date, within_days: int = 30) -> int:
    """How many learners will pass the retention period in the next `within_days` days, unless
    they come back: the PM's summary email warns about them."""
    cutoff = retention_cutoff(organisation, today)
    return (
        Learner.objects.for_organisation(organisation)
        .not_anonymised()
        .alias(last_contact=_last_contact())
        .filter(
            Q(last_contact__gte=cutoff),
            Q(last_contact__lt=cutoff + timedelta(days=within_days)),
        )
        .count()
    )
