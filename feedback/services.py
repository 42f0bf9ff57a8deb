"""Writes for learners' feedback: the organisation's public link (changed or paused), and a
learner's answer."""

from django.db import transaction
from django.utils import timezone

from core.audit import Action, audit_record

from .models import FeedbackLink, LearnerFeedback, new_token


def link_for(organisation) -> FeedbackLink:
    link, _ = FeedbackLink.objects.get_or_create(organisation=organisation)
    return link


@transaction.atomic
def link_change(*, organisation) -> FeedbackLink:
    link = link_for(organisation)
    link.token = new_token()
    link.save(update_fields=["token"])
    return link


@transaction.atomic
def link_pause(*, organisation, paused: bool) -> FeedbackLink:
    """Stop (or start again) taking answers through the link, keeping the link itself."""
    link = link_for(organisation)
    if paused != link.is_paused:
        link.paused_at = timezone.now() if paused else None
        link.save(update_fields=["paused_at"])
    return link


def feedback_submit(*, link: FeedbackLink, data: dict) -> LearnerFeedback:
    return LearnerFeedback.objects.create(
        organisation_id=link.organisation_id,
        more_confident=data["more_confident"],
        helped_with=data.get("helped_with") or [],
        would_recommend={"yes": True, "no": False}.get(data.get("would_recommend") or ""),
        comment=(data.get("comment") or "").strip(),
    )


@transaction.atomic
def feedback_hide(*, feedback: LearnerFeedback, by, reason: str, request=None) -> LearnerFeedback:
    """Take an answer off the PM's page and out of the figures (spam, a name written in). Who,
    when and why are kept, and the audit log says so; the answer itself stays, to show again."""
    if feedback.hidden_at is None:
        feedback.hidden_at, feedback.hidden_by, feedback.hidden_reason = timezone.now(), by, reason
        feedback.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        audit_record(
            action=Action.UPDATE,
            organisation=feedback.organisation,
            target=feedback,
            target_label="Learner's feedback hidden",
            detail={"reason": reason},
            request=request,
        )
    return feedback


@transaction.atomic
def feedback_show(*, feedback: LearnerFeedback, by, request=None) -> LearnerFeedback:
    if feedback.hidden_at is not None:
        feedback.hidden_at, feedback.hidden_by, feedback.hidden_reason = None, None, ""
        feedback.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        audit_record(
            action=Action.UPDATE,
            organisation=feedback.organisation,
            target=feedback,
            target_label="Learner's feedback shown again",
            request=request,
        )
    return feedback
