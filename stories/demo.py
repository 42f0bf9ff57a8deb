"""Demo stories (stories/demo_content/stories.csv): one per demo organisation, each told with
the learner's consent, most approved, one featured by the network, so the board report's first
page has a person's story. Idempotent: an organisation with stories is skipped."""

import csv
from pathlib import Path

from django.utils import timezone

from accounts.models import User
from learners.models import Learner
from organisations.models import Membership, Organisation

from .models import Story, StoryConsent

CONTENT = Path(__file__).parent / "demo_content" / "stories.csv"
TOLD = (
    "Read them the story and said where it would appear (our board report{network}), that a "
    "project manager checks it first, and that they can withdraw at any time."
)


def seed(*, scale: str, rng, log) -> None:
    if scale != "small":
        return
    admin = User.objects.filter(is_network_admin=True).order_by("pk").first()
    with CONTENT.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        organisation = Organisation.objects.filter(name=row["organisation"]).first()
        if organisation is None or Story.objects.filter(organisation=organisation).exists():
            continue
        learners = Learner.objects.for_organisation(organisation).not_anonymised()
        learner = (
            learners.filter(display_name__startswith=row["first_name"] + " ").first()
            if row["first_name"]
            else None
        )
        if learner is None:
            learner = learners.filter(first_session_on__isnull=False).order_by("pk").first()
            if learner is None:
                continue
            if row["first_name"]:
                # The story names them: the learner it is told of carries that first name.
                initial = learner.display_name.split()[-1]
                learner.display_name = f"{row['first_name']} {initial}"
                learner.save(update_fields=["display_name"])
        members = Membership.objects.filter(organisation=organisation, is_active=True)
        champion = members.filter(role="champion").select_related("user").first()
        pm = members.filter(role="pm").select_related("user").first()
        now = timezone.now()
        story = Story.objects.create(
            organisation=organisation,
            learner=learner,
            what_they_wanted=row["what_they_wanted"],
            what_changed=row["what_changed"],
            quote=row["quote"],
            written_by=champion.user if champion else None,
            approved_at=now if row["approved"] == "yes" else None,
            approved_by=pm.user if pm and row["approved"] == "yes" else None,
            featured_at=now if row["featured"] == "yes" and admin else None,
            featured_by=admin if row["featured"] == "yes" else None,
        )
        uses = row["uses"].split()
        told = TOLD.format(
            network=" and the Digital Champions network" if "network" in uses else ""
        )
        StoryConsent.objects.bulk_create(
            StoryConsent(
                story=story,
                use=use,
                method="verbal",
                what_they_were_told=told,
                recorded_by=story.written_by,
            )
            for use in uses
        )
    log(f"stories: {Story.objects.count()} stories")
