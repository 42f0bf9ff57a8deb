"""Writes for learners' feedback: the organisation's public link, and a learner's answer."""

from django.db import transaction

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


def feedback_submit(*, link: FeedbackLink, data: dict) -> LearnerFeedback:
    return LearnerFeedback.objects.create(
        organisation_id=link.organisation_id,
        more_confident=data["more_confident"],
        helped_with=data.get("helped_with") or [],
        would_recommend={"yes": True, "no": False}.get(data.get("would_recommend") or ""),
        comment=(data.get("comment") or "").strip(),
    )
