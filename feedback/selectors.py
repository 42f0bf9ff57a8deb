from django.db.models import Count, Q

from .models import LearnerFeedback


def feedback_summary(organisation) -> dict:
    """Counts for the PM's page, in one query: answers a PM hid are not counted."""
    return (
        LearnerFeedback.objects.shown()
        .filter(organisation=organisation)
        .aggregate(
            total=Count("pk"),
            more=Count("pk", filter=Q(more_confident="yes")),
            a_bit=Count("pk", filter=Q(more_confident="a_bit")),
            recommend=Count("pk", filter=Q(would_recommend=True)),
            answered_recommend=Count("pk", filter=Q(would_recommend__isnull=False)),
        )
    )


def answers_shown(organisation):
    return LearnerFeedback.objects.shown().filter(organisation=organisation)


def answers_hidden(organisation):
    """Hidden answers, newest hidden first, with who hid them (their text is not shown)."""
    return (
        LearnerFeedback.objects.filter(organisation=organisation, hidden_at__isnull=False)
        .select_related("hidden_by")
        .order_by("-hidden_at")
    )
