"""Writes for follow-up checks: a champion's check about one learner, a learner's own answer
through the feedback link, and the organisation's interval."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import Action, audit_record

from .models import WEEKS_MAX, WEEKS_MIN, OutcomeCheck, OutcomeSettings
from .vocabulary import CheckSource


def _answers(data: dict) -> dict:
    return {
        "can_do_alone": data["can_do_alone"],
        "services_used": sorted(set(data.get("services_used") or [])),
        "what_followed": sorted(set(data.get("what_followed") or [])),
    }


@transaction.atomic
def outcome_check_record(*, learner, recorded_by, data: dict, request=None) -> OutcomeCheck:
    """The champion's follow-up about one learner. A learner has one check: asking again
    replaces the answers (and the day), so the figures count each person once."""
    if learner.anonymised_at is not None:
        raise ValidationError(_("This learner's record has been erased."))
    check, created = OutcomeCheck.objects.select_for_update().update_or_create(
        learner=learner,
        defaults={
            **_answers(data),
            "organisation_id": learner.organisation_id,
            "checked_on": data.get("checked_on") or timezone.localdate(),
            "source": CheckSource.CHAMPION,
            "recorded_by": recorded_by,
        },
    )
    audit_record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=recorded_by,
        organisation=learner.organisation,
        target=learner,
        target_label=f"Follow-up check for {learner.audit_label}",
        request=request,
    )
    return check


def outcome_check_from_learner(*, organisation, data: dict) -> OutcomeCheck:
    """A learner's own follow-up answer through the organisation's feedback link: anonymous,
    like the feedback form, so it names nobody."""
    return OutcomeCheck.objects.create(
        **_answers(data),
        organisation=organisation,
        learner=None,
        checked_on=timezone.localdate(),
        source=CheckSource.LEARNER,
    )


@transaction.atomic
def outcome_settings_update(*, organisation, weeks: int) -> OutcomeSettings:
    if not WEEKS_MIN <= weeks <= WEEKS_MAX:
        raise ValidationError(
            _("Choose between %(min)d and %(max)d weeks.") % {"min": WEEKS_MIN, "max": WEEKS_MAX}
        )
    found, _created = OutcomeSettings.objects.update_or_create(
        organisation=organisation, defaults={"check_after_weeks": weeks}
    )
    return found
