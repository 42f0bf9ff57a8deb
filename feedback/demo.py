"""Demo answers to each demo organisation's feedback form over the life of its programme
(organisations.demo.activity), about one a fortnight at Riverside's pace, so the dashboard's "In
learners' own words" has something to show this year and last. Idempotent per organisation."""

from datetime import timedelta

from django.utils import timezone

from core.vocabulary import Topic
from organisations.demo import activity
from organisations.models import Organisation

from .models import LearnerFeedback


def seed(*, scale: str, rng, log) -> None:
    if scale != "small":
        return
    now = timezone.now()
    for organisation in Organisation.objects.all():
        if LearnerFeedback.objects.filter(organisation=organisation).exists():
            continue
        programme = activity(organisation.name)
        answers = max(6, round(rng.randint(20, 34) * programme.pace * programme.days / 365))
        LearnerFeedback.objects.bulk_create(
            LearnerFeedback(
                organisation=organisation,
                submitted_at=now
                - timedelta(days=rng.randint(1, programme.days), hours=rng.randint(0, 8)),
                more_confident=rng.choices(["yes", "a_bit", "no"], weights=[60, 30, 10])[0],
                helped_with=sorted(set(rng.sample(Topic.values, rng.randint(1, 2)))),
                would_recommend=rng.choices([True, False, None], weights=[80, 5, 15])[0],
            )
            for _ in range(answers)
        )
    log(f"feedback: {LearnerFeedback.objects.count()} answers")
