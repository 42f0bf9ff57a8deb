"""Demo follow-up checks: for most demo learners whose check has come due, the answers a
champion recorded at their check, and a few answers learners gave through the feedback link,
so the dashboards and the board report show what lasted, this year and last (the learners'
own answers spread over the programme's life, organisations.demo.activity). Idempotent per
organisation."""

from datetime import timedelta

from django.utils import timezone

from learners.models import Learner
from organisations.demo import activity
from organisations.models import Organisation

from .models import WEEKS_DEFAULT, OutcomeCheck
from .vocabulary import CheckSource, OnlineService, Progression

# A learner's topics suggest the services they went on to use.
SERVICE_FOR_TOPIC = {
    "nhs_app": OnlineService.NHS_APP,
    "benefits": OnlineService.UNIVERSAL_CREDIT,
    "online_banking": OnlineService.ONLINE_BANKING,
    "video_calls": OnlineService.VIDEO_CALLS,
    "job_search": OnlineService.JOB_SITES,
}


def _answers(rng, topics) -> dict:
    alone = rng.choices(["yes", "with_help", "not_yet"], weights=[55, 30, 15])[0]
    services = {SERVICE_FOR_TOPIC[t] for t in topics if t in SERVICE_FOR_TOPIC}
    if alone == "not_yet":
        services = set(list(services)[:1]) if rng.random() < 0.3 else set()
    followed = set()
    if rng.random() < 0.35:
        followed.add(rng.choice(Progression.values))
    return {
        "can_do_alone": alone,
        "services_used": sorted(services),
        "what_followed": sorted(followed),
    }


def seed(*, scale: str, rng, log) -> None:
    if scale != "small":
        return
    today = timezone.localdate()
    due_by = today - timedelta(weeks=WEEKS_DEFAULT)
    for organisation in Organisation.objects.all():
        if OutcomeCheck.objects.filter(organisation=organisation).exists():
            continue
        checks = []
        learners = (
            Learner.objects.for_organisation(organisation)
            .not_anonymised()
            .filter(first_session_on__lte=due_by)
            .prefetch_related("attendances__session")
        )
        for learner in learners:
            if rng.random() > 0.7:
                continue  # not every check gets made
            topics = {t for a in learner.attendances.all() for t in a.session.topics or []}
            champion = next(
                (a.session.champion for a in learner.attendances.all() if a.session.champion),
                None,
            )
            checks.append(
                OutcomeCheck(
                    organisation=organisation,
                    learner=learner,
                    checked_on=min(
                        today,
                        learner.first_session_on
                        + timedelta(weeks=WEEKS_DEFAULT, days=rng.randint(0, 20)),
                    ),
                    source=CheckSource.CHAMPION,
                    recorded_by=champion,
                    **_answers(rng, topics),
                )
            )
        programme = activity(organisation.name)
        for _ in range(max(2, round(rng.randint(3, 8) * programme.pace * programme.days / 365))):
            checks.append(
                OutcomeCheck(
                    organisation=organisation,
                    checked_on=today - timedelta(days=rng.randint(1, programme.days - 42)),
                    source=CheckSource.LEARNER,
                    **_answers(rng, [rng.choice(list(SERVICE_FOR_TOPIC))]),
                )
            )
        OutcomeCheck.objects.bulk_create(checks)
    log(f"outcomes: {OutcomeCheck.objects.count()} follow-up checks")
