"""Writes for stories: a champion writes one with the learner's consent for each use, a project
manager approves it, anyone in the organisation records a withdrawal (the story's words and
photo go at once), a network admin features a shared one, and erasure removes them all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import Action, audit_record

from .models import Story, StoryConsent, StoryUse


@transaction.atomic
def story_write(*, learner, written_by, data: dict, request=None) -> Story:
    """`data`: the form's cleaned data: the story's words, an optional photo (already checked)
    with what it shows, the uses agreed to, how they agreed and what they were told."""
    if learner.anonymised_at is not None:
        raise ValidationError(_("This learner's record has been erased."))
    uses = set(data.get("uses") or [])
    if not uses & {StoryUse.ORGANISATION_REPORT, StoryUse.NETWORK}:
        raise ValidationError(_("A story needs the learner's agreement to at least one use."))
    photo = data.get("photo")
    if not photo:
        uses.discard(StoryUse.PHOTO)
    story = Story(
        organisation_id=learner.organisation_id,
        learner=learner,
        what_they_wanted=data["what_they_wanted"].strip(),
        what_changed=data["what_changed"].strip(),
        quote=(data.get("quote") or "").strip(),
        photo_alt=(data.get("photo_alt") or "").strip() if photo else "",
        photo_content_type=data.get("photo_content_type", "") if photo else "",
        written_by=written_by,
    )
    if photo:
        story.photo.save("photo", photo, save=False)
    story.save()
    now = timezone.now()
    StoryConsent.objects.bulk_create(
        StoryConsent(
            story=story,
            use=use,
            method=data["method"],
            what_they_were_told=data["what_they_were_told"].strip(),
            recorded_by=written_by,
            recorded_at=now,
        )
        for use in sorted(uses)
    )
    audit_record(
        action=Action.CONSENT,
        actor=written_by,
        organisation=learner.organisation,
        target=learner,
        target_label=f"Story written with consent for {learner.audit_label}",
        detail={"uses": sorted(uses)},
        request=request,
    )
    return story


@transaction.atomic
def story_approve(*, story: Story, by, request=None) -> Story:
    if story.withdrawn_at is not None:
        raise ValidationError(_("Consent for this story was withdrawn."))
    if story.approved_at is None:
        story.approved_at, story.approved_by = timezone.now(), by
        story.save(update_fields=["approved_at", "approved_by"])
        audit_record(
            action=Action.UPDATE,
            actor=by,
            organisation=story.organisation,
            target=story.learner,
            target_label="Story approved",
            request=request,
        )
    return story


@transaction.atomic
def story_withdraw(*, story: Story, by, request=None) -> Story:
    """The learner withdrew their consent: every consent ends, the story's words and photo are
    removed for good, and it leaves every page and report at once. Who and when are kept."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    if story.withdrawn_at is not None:
        return story
    now = timezone.now()
    story.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    storage, photo = story.photo.storage, (story.photo.name if story.photo else "")
    story.withdrawn_at = now
    story.what_they_wanted = story.what_changed = story.quote = story.photo_alt = ""
    story.photo = ""
    story.featured_at = None
    _remove_case_study(story)
    story.save()
    if photo:
        transaction.on_commit(lambda: storage.delete(photo))
    audit_record(
        action=Action.CONSENT,
        actor=by,
        organisation=story.organisation,
        target=story.learner,
        target_label="Consent for a story withdrawn: the story is removed",
        request=request,
    )
    return story


@transaction.atomic
def story_feature(*, story: Story, by, featured: bool) -> Story:
    story.featured_at, story.featured_by = (timezone.now(), by) if featured else (None, None)
    story.save(update_fields=["featured_at", "featured_by"])
    return story


def _remove_case_study(story: Story) -> None:
    if story.case_study_id is not None:
        from toolkit.models import Resource

        Resource.objects.filter(pk=story.case_study_id).delete()
        story.case_study = None


@transaction.atomic
def story_publish_case_study(*, story: Story, by, request=None):
    """A network admin turns a story shared with the network into a toolkit case study: a
    network-wide draft for the curators to publish, naming the learner only if they agreed.
    Withdrawal and erasure delete it with the story."""
    from toolkit.services import resource_create

    from .selectors import teller_name

    if story.case_study_id is not None:
        return story.case_study
    who = teller_name(story) or _a_learner()
    body = "\n\n".join(
        part
        for part in (
            "**" + _("What they wanted") + "**\n\n" + story.what_they_wanted,
            "**" + _("What changed") + "**\n\n" + story.what_changed,
            f"> {story.quote}" if story.quote else "",
            _("Told with their consent, from %(organisation)s.")
            % {"organisation": story.organisation.name},
        )
        if part
    )
    resource = resource_create(
        user=by,
        organisation=None,
        data={
            "title": _("Case study: %(who)s, %(organisation)s")
            % {"who": who, "organisation": story.organisation.name},
            "summary": story.what_changed[:200],
            "body": body,
            "resource_type": "case_study",
            "audiences": ["champions", "project_managers"],
        },
        files={},
        request=request,
    )
    story.case_study = resource
    story.save(update_fields=["case_study"])
    return resource


def _a_learner() -> str:
    return _("a learner")


def stories_remove_for_learner(*, learner) -> int:
    """Erasure: the learner's stories go entirely, photos and case studies too (within the
    erasure's transaction; the files once it commits)."""
    stories = list(Story.objects.filter(learner=learner))
    for story in stories:
        _remove_case_study(story)
    photos = [(s.photo.storage, s.photo.name) for s in stories if s.photo]
    Story.objects.filter(learner=learner).delete()
    for storage, name in photos:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    return len(stories)
