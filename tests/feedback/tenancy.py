"""Tenancy-walk entries for learners' feedback (see tests/tenancy_registry.py)."""

from feedback.models import FeedbackLink
from feedback.services import feedback_submit


def _answer(other):
    link, _ = FeedbackLink.objects.get_or_create(organisation=other.organisation)
    return {"public_id": feedback_submit(link=link, data={"more_confident": "yes"}).public_id}


NOT_ORGANISATION_SCOPED = {
    "feedback:give": "public by design: the token is the organisation's published link",
    "feedback:thanks": "public by design: says only 'thank you'",
}

OBJECTS_OF_ANOTHER_ORGANISATION = {
    "feedback:hide_answer": _answer,
    "feedback:show_answer": _answer,
}

ROLE_REQUIRED = dict.fromkeys(OBJECTS_OF_ANOTHER_ORGANISATION, "pm")
