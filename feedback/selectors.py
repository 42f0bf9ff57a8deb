from django.db.models import Count, Q

from .models import LearnerFeedback


def feedback_summary(organisation) -> dict:
    """Counts for the PM's page, in one query."""
    return LearnerFeedback.objects.filter(organisation=organisation).aggregate(
        total=Count("pk"),
        more=Count("pk", filter=Q(more_confident="yes")),
        a_bit=Count("pk", filter=Q(more_confident="a_bit")),
        recommend=Count("pk", filter=Q(would_recommend=True)),
        answered_recommend=Count("pk", filter=Q(would_recommend__isnull=False)),
    )
