"""Writes for learners' feedback: the organisation's public link (changed or paused), and a
learner's answer."""

from django.db import transaction
from django.utils import timezone

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
