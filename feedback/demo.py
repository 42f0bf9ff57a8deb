"""Demo answers to each demo organisation's feedback form over the last year, so the
dashboard's "In learners' own words" has something to show. Idempotent per organisation."""

from datetime import timedelta

from django.utils import timezone

from core.vocabulary import Topic
from organisations.models import Organisation

from .models import LearnerFeedback


def seed(*, scale: str, rng, log) -> None:
    if scale != "small":
        return
    now = timezone.now()
    for organisation in Organisation.objects.all():
        if LearnerFeedback.objects.filter(organisation=organisation).exists():
            continue
        LearnerFeedback.objects.bulk_create(
            LearnerFeedback(
                organisation=organisation,
                submitted_at=now - timedelta(days=rng.randint(1, 365), hours=rng.randint(0, 8)),
                more_confident=rng.choices(["yes", "a_bit", "no"], weights=[60, 30, 10])[0],
                helped_with=sorted(set(rng.sample(Topic.values, rng.randint(1, 2)))),
                would_recommend=rng.choices([True, False, None], weights=[80, 5, 15])[0],
            )
            for _ in range(rng.randint(15, 40))
        )
    log(f"feedback: {LearnerFeedback.objects.count()} answers")
