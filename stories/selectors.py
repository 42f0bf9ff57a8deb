"""Reads for stories: which may be shown where. Every page, report and PDF asks these, and they
read the rows fresh (never a cached figure set), so approval and withdrawal show at once."""

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from .models import Story, StoryConsent, StoryUse


def _consented(use: str) -> Exists:
    return Exists(
        StoryConsent.objects.filter(story=OuterRef("pk"), use=use, withdrawn_at__isnull=True)
    )


def _with_consents(stories: QuerySet) -> QuerySet:
    return stories.annotate(
        may_name=_consented(StoryUse.FIRST_NAME), may_show_photo=_consented(StoryUse.PHOTO)
    )


def stories_of(organisation) -> QuerySet[Story]:
    """An organisation's stories for its members' pages, newest first, waiting ones too (not
    withdrawn ones, whose words are gone)."""
    return _with_consents(
        Story.objects.for_organisation(organisation)
        .not_withdrawn()
        .select_related("learner", "written_by", "approved_by")
    )


def _shown(stories: QuerySet, use: str) -> QuerySet[Story]:
    return _with_consents(
        stories.not_withdrawn()
        .filter(approved_at__isnull=False)
        .filter(_consented(use))
        .select_related("learner", "organisation", "case_study")
    )


def stories_for_organisation_report(organisation) -> QuerySet[Story]:
    """Approved, not withdrawn, with consent to be in the organisation's reports."""
    return _shown(Story.objects.for_organisation(organisation), StoryUse.ORGANISATION_REPORT)


def story_for_report(organisation) -> Story | None:
    """The one story on the first page of the board report: one the network featured, else the
    newest (one query)."""
    return (
        stories_for_organisation_report(organisation)
        .order_by(F("featured_at").desc(nulls_last=True), "-approved_at")
        .first()
    )


def stories_shared_with_network() -> QuerySet[Story]:
    """Approved stories whose learners agreed to share them with the whole network, for the
    network admins (who may feature them)."""
    return _shown(Story.objects.all(), StoryUse.NETWORK)


def featured_stories() -> QuerySet[Story]:
    return stories_shared_with_network().filter(featured_at__isnull=False).order_by("-featured_at")


def stories_visible_to(*, user, organisation) -> QuerySet[Story]:
    """The stories a person may name in a URL: their current organisation's, and for a network
    admin the stories shared with the network (anything else is a 404, before any role
    check)."""
    if user.is_network_admin:
        shared = Q(pk__in=stories_shared_with_network().values("pk"))
        if organisation is not None:
            shared |= Q(organisation=organisation)
        return _with_consents(
            Story.objects.not_withdrawn()
            .filter(shared)
            .select_related("learner", "organisation", "written_by", "approved_by")
        )
    if organisation is None:
        return Story.objects.none()
    return stories_of(organisation)


def teller_name(story: Story) -> str:
    """The learner's first name when they agreed to it, else nothing (the page says "a learner")."""
    if not getattr(story, "may_name", False) or story.learner.anonymised_at is not None:
        return ""
    parts = story.learner.display_name.split()
    return parts[0] if parts else ""


def consents_of(story: Story) -> QuerySet[StoryConsent]:
    return story.consents.select_related("recorded_by").order_by("use", "recorded_at")
