"""Writes for learner records, consents and self-assessments. Special category data (disability)
is stored only with its own explicit consent, and cleared the moment that consent is withdrawn."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import Action, audit_record
from organisations.dates import ASSESSMENT, date_problem

from .models import Consent, Learner, SelfAssessment

PROFILE_FIELDS = (
    "display_name",
    "contact_email",
    "contact_phone",
    "age_band",
    "gender",
    "employment_status",
    "disability",
    "first_language_english",
    "postcode_district",
    "heard_from",
    "is_shared",
)
CONSENT_FLAGS = {
    "contact_consent": Consent.Kind.CONTACT,
    "special_category_consent": Consent.Kind.SPECIAL_CATEGORY,
    "media_consent": Consent.Kind.MEDIA,
}


def _active_consents(learner: Learner) -> set[str]:
    return {c.kind for c in learner.consents.all() if c.is_active}


def _check(data: dict, consents: set[str]) -> None:
    errors = {}
    if (
        data.get("contact_email") or data.get("contact_phone")
    ) and Consent.Kind.CONTACT not in consents:
        errors["contact_consent"] = _(
            "Contact details can only be kept if the learner agrees to be contacted. Tick the "
            "box, or leave the contact details empty."
        )
    if data.get("disability") and Consent.Kind.SPECIAL_CATEGORY not in consents:
        errors["special_category_consent"] = _(
            "Disability information needs the learner’s separate, explicit agreement. Tick the "
            "box once they have agreed, or leave the question unanswered."
        )
    if errors:
        raise ValidationError(errors)


def _record_consents(*, learner, data: dict, recorded_by, existing: set[str]) -> None:
    for flag, kind in CONSENT_FLAGS.items():
        wanted = bool(data.get(flag))
        if wanted and kind not in existing:
            Consent.objects.create(
                organisation=learner.organisation,
                learner=learner,
                kind=kind,
                given=True,
                method=data.get("consent_method") or "verbal",
                notice_version=data.get("notice_version") or "2026-1",
                what_they_were_told=data.get("what_they_were_told", ""),
                recorded_by=recorded_by,
            )
        elif not wanted and kind in existing:
            consent_withdraw(learner=learner, kind=kind, by=recorded_by)


@transaction.atomic
def learner_create(*, organisation, created_by, data: dict, request=None) -> Learner:
    consents = {kind for flag, kind in CONSENT_FLAGS.items() if data.get(flag)}
    _check(data, consents)
    learner = Learner(organisation=organisation, created_by=created_by)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(learner, field, data[field] if data[field] is not None else "")
    learner.postcode_district = learner.postcode_district.upper().strip()
    learner.full_clean(exclude=["created_by"])
    learner.save()
    # Keeping a record of the help given is the first consent, always recorded.
    Consent.objects.create(
        organisation=organisation,
        learner=learner,
        kind=Consent.Kind.PROCESSING,
        given=True,
        method=data.get("consent_method") or "verbal",
        notice_version=data.get("notice_version") or "2026-1",
        what_they_were_told=data.get("what_they_were_told", ""),
        recorded_by=created_by,
    )
    _record_consents(learner=learner, data=data, recorded_by=created_by, existing=set())
    audit_record(
        action=Action.CREATE,
        actor=created_by,
        organisation=organisation,
        target=learner,
        request=request,
    )
    return learner


@transaction.atomic
def learner_update(*, learner: Learner, data: dict, updated_by, request=None) -> Learner:
    learner = Learner.objects.select_for_update().get(pk=learner.pk)
    existing = _active_consents(learner)
    wanted = {kind for flag, kind in CONSENT_FLAGS.items() if data.get(flag)}
    _check(data, wanted)
    _record_consents(learner=learner, data=data, recorded_by=updated_by, existing=existing)
    learner.refresh_from_db()
    changed = []
    for field in PROFILE_FIELDS:
        if field in data:
            value = data[field] if data[field] is not None else ""
            if getattr(learner, field) != value:
                changed.append(field)
                setattr(learner, field, value)
    learner.postcode_district = learner.postcode_district.upper().strip()
    learner.full_clean(exclude=["created_by"])
    learner.save()
    audit_record(
        action=Action.UPDATE,
        actor=updated_by,
        organisation=learner.organisation,
        target=learner,
        detail={"fields": changed},
        request=request,
    )
    return learner


@transaction.atomic
def consent_withdraw(*, learner: Learner, kind: str, by) -> None:
    """Act on a withdrawal at once: the data that consent allowed is removed now."""
    Consent.objects.filter(learner=learner, kind=kind, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    if kind == Consent.Kind.SPECIAL_CATEGORY:
        Learner.objects.filter(pk=learner.pk).update(disability="")
    elif kind == Consent.Kind.CONTACT:
        Learner.objects.filter(pk=learner.pk).update(contact_email="", contact_phone="")
    audit_record(
        action=Action.CONSENT,
        actor=by,
        organisation=learner.organisation,
        target=learner,
        detail={"withdrawn": kind},
    )


@transaction.atomic
def assessment_record(*, learner: Learner, data: dict, recorded_by) -> SelfAssessment:
    assessment = SelfAssessment(
        organisation=learner.organisation,
        learner=learner,
        recorded_by=recorded_by,
        assessed_on=data.get("assessed_on") or timezone.localdate(),
        foundation_tasks=sorted(set(data.get("foundation_tasks") or [])),
        life_areas_asked=sorted(set(data.get("life_areas_asked") or [])),
        life_tasks=sorted(set(data.get("life_tasks") or [])),
        **{f: data.get(f) for f in SelfAssessment.SCORE_FIELDS},
    )
    errors = {}
    if (
        all(getattr(assessment, f) is None for f in SelfAssessment.SCORE_FIELDS)
        and not assessment.foundation_tasks
        and not assessment.life_tasks
        and not assessment.life_areas_asked
    ):
        errors[NON_FIELD_ERRORS] = _(
            "Rate at least one skill area or tick a task the learner can do."
        )
    problem = date_problem(
        assessment.assessed_on, kind=ASSESSMENT, organisation=learner.organisation
    )
    if problem:
        errors["assessed_on"] = problem
    if errors:
        raise ValidationError(errors)
    assessment.full_clean(exclude=["recorded_by"])
    assessment.save()
    return assessment
