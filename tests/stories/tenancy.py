"""Tenancy-walk entries for stories (see tests/tenancy_registry.py)."""

from stories.models import Story, StoryConsent
from tests.sessions_log.factories import LearnerFactory


def make_story(organisation, *, approved=True, uses=("organisation_report", "network")) -> Story:
    from django.utils import timezone

    learner = LearnerFactory(organisation=organisation, display_name="Maria Lopez", is_shared=True)
    story = Story.objects.create(
        organisation=organisation,
        learner=learner,
        what_they_wanted="To see her grandchildren on video calls",
        what_changed="She calls them every Sunday on her own",
        quote="I feel part of the family again",
        approved_at=timezone.now() if approved else None,
    )
    for use in uses:
        StoryConsent.objects.create(
            story=story, use=use, method="verbal", what_they_were_told="Where it will appear"
        )
    return story


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def _story(other):
    return {"public_id": make_story(other.organisation).public_id}


def _story_with_photo(other):
    from django.core.files.base import ContentFile

    story = make_story(other.organisation, uses=("organisation_report", "network", "photo"))
    story.photo.save("photo", ContentFile(png_bytes()), save=False)
    story.photo_content_type, story.photo_alt = "image/png", "A blue square"
    story.save()
    return {"public_id": story.public_id}


def _learner(other):
    return {"public_id": LearnerFactory(organisation=other.organisation, is_shared=True).public_id}


OBJECTS_OF_ANOTHER_ORGANISATION = {
    "stories:create": _learner,
    "stories:detail": _story,
    "stories:photo": _story_with_photo,
    "stories:approve": _story,
    "stories:withdraw": _story,
    "stories:feature": _story,
    "stories:case_study": _story,
}

ROLE_REQUIRED = {
    "stories:approve": "pm",
    "stories:feature": "network_admin",
    "stories:case_study": "network_admin",
}
