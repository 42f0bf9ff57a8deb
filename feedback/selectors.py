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


def feedback_in_period(*, organisation=None, sector=None, region=None, start, end) -> dict:
    """The answers shown (not hidden) given between start and end, inclusive, in one query: how
    many, how many felt more confident (or a bit), would tell a friend (of those who answered
    that), and each topic they got help with. One organisation's, or the network's (optionally
    one sector or region)."""
    from core.vocabulary import Topic

    answers = LearnerFeedback.objects.shown().filter(submitted_at__date__range=(start, end))
    if organisation is not None:
        answers = answers.filter(organisation=organisation)
    if sector:
        answers = answers.filter(organisation__sector=sector)
    if region:
        answers = answers.filter(organisation__region=region)
    topics = {
        f"topic:{code}": Count("pk", filter=Q(helped_with__contains=[code]))
        for code in Topic.values
    }
    row = answers.aggregate(
        total=Count("pk"),
        more=Count("pk", filter=Q(more_confident="yes")),
        a_bit=Count("pk", filter=Q(more_confident="a_bit")),
        recommend=Count("pk", filter=Q(would_recommend=True)),
        answered_recommend=Count("pk", filter=Q(would_recommend__isnull=False)),
        **topics,
    )
    return {
        **{k: v for k, v in row.items() if not k.startswith("topic:")},
        "topics": {k.removeprefix("topic:"): v for k, v in row.items() if k.startswith("topic:")},
    }
