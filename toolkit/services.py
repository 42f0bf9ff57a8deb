"""Writes for the toolkit: saving and suggesting resources, moving them through the curation
workflow, feedback, usage counts, and pathway progress. Each write is one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts.language import language_for
from core.audit import Action, audit_record
from notifications.services import email_send_template

from . import policy
from .content import UNSAFE_MARKUP_MESSAGE, has_unsafe_markup, render_markdown
from .models import (
    Badge,
    Collection,
    CollectionStep,
    Feedback,
    Resource,
    ResourceTransition,
    ResourceUse,
    SearchLog,
    Status,
    StepCompletion,
)

RESOURCE_FIELDS = (
    "title",
    "summary",
    "body",
    "resource_type",
    "audiences",
    "skill_areas",
    "topics",
    "language",
    "minutes",
    "external_url",
    "cover_alt",
)

# Which moves the workflow allows, and what each is called on its button.
TRANSITIONS = {
    Status.DRAFT: {Status.REVIEW, Status.PUBLISHED, Status.ARCHIVED},
    Status.REVIEW: {Status.PUBLISHED, Status.DRAFT, Status.ARCHIVED},
    Status.PUBLISHED: {Status.ARCHIVED, Status.DRAFT},
    Status.ARCHIVED: {Status.DRAFT, Status.PUBLISHED},
}


def _apply(resource: Resource, data: dict, files: dict) -> None:
    if has_unsafe_markup(data.get("body", "")):
        raise ValidationError({"body": UNSAFE_MARKUP_MESSAGE})
    for field in RESOURCE_FIELDS:
        if field in data:
            setattr(resource, field, data[field])
    _check_translation(resource, data.get("translation"))
    resource.body_html, resource.body_text = render_markdown(resource.body)
    upload = files.get("file")
    if upload:
        resource.file = upload
        resource.file_name = upload.name
        resource.file_size = upload.size
        resource.file_content_type = files["file_content_type"]
        resource.external_url = ""
    elif data.get("external_url"):
        resource.file = ""
        resource.file_name = ""
        resource.file_size = None
        resource.file_content_type = ""
    if data.get("remove_cover"):
        resource.cover_image = ""
        resource.cover_content_type = ""
    cover = files.get("cover_image")
    if cover:
        resource.cover_image = cover
        resource.cover_content_type = files["cover_content_type"]
    if not resource.file and not resource.external_url and not resource.body.strip():
        raise ValidationError(
            {
                "body": gettext(
                    "Write the resource here, upload a file, or give a link: it needs one."
                )
            }
        )


def _save(resource: Resource) -> None:
    resource.full_clean(exclude=["file", "cover_image", "created_by", "suggested_by"])
    resource.save()


@transaction.atomic
def resource_create(*, user, organisation, data: dict, files: dict, request=None) -> Resource:
    """A curator's new resource, as a draft. `organisation` None means network-wide."""
    resource = Resource(organisation=organisation, created_by=user, status=Status.DRAFT)
    _apply(resource, data, files)
    resource.is_featured = bool(data.get("is_featured"))
    _save(resource)
    if data.get("translation"):
        resource_translation_set(resource=resource, translation=data["translation"])
    ResourceTransition.objects.create(resource=resource, to_status=Status.DRAFT, by=user)
    audit_record(action=Action.CREATE, organisation=organisation, target=resource, request=request)
    return resource


def _check_translation(resource: Resource, translation: Resource | None) -> None:
    if translation is None:
        return
    if resource.pk is not None and translation.pk == resource.pk:
        raise ValidationError({"translation": gettext("A resource cannot be its own translation.")})
    if translation.language == resource.language:
        raise ValidationError(
            {
                "translation": gettext(
                    "Choose a resource in another language: this one is in %(language)s too."
                )
                % {"language": resource.get_language_display()}
            }
        )


@transaction.atomic
def resource_translation_set(*, resource: Resource, translation: Resource | None) -> None:
    """Link a resource and its translation both ways (setting A to B sets B to A, and unlinks
    whatever either was linked to before); None unlinks both sides. The caller has checked the
    curator may see `translation`."""
    _check_translation(resource, translation)
    if translation is not None and resource.translation_id == translation.pk:
        return
    pair = {resource.pk} | ({translation.pk} if translation is not None else set())
    # Unlink first: one resource has at most one translation (a unique column).
    Resource.objects.filter(Q(pk__in=pair) | Q(translation__in=pair)).update(translation=None)
    if translation is not None:
        Resource.objects.filter(pk=resource.pk).update(translation=translation)
        Resource.objects.filter(pk=translation.pk).update(translation=resource)
    resource.translation = translation


@transaction.atomic
def resource_suggest(*, user, organisation, data: dict, files: dict, request=None) -> Resource:
    """Anyone signed in may suggest a resource; it lands as a draft in the curators' queue."""
    resource = Resource(
        organisation=organisation, created_by=user, suggested_by=user, status=Status.DRAFT
    )
    _apply(resource, data, files)
    _save(resource)
    ResourceTransition.objects.create(
        resource=resource, to_status=Status.DRAFT, by=user, note="Suggested"
    )
    audit_record(action=Action.CREATE, organisation=organisation, target=resource, request=request)
    return resource


@transaction.atomic
def resource_update(*, resource: Resource, user, data: dict, files: dict, request=None) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    before = {resource.file.name, resource.cover_image.name} - {""}
    _apply(resource, data, files)
    resource.is_featured = bool(data.get("is_featured"))
    _save(resource)
    if "translation" in data:
        resource_translation_set(resource=resource, translation=data["translation"])
    # A replaced or removed file goes too, once the change is committed: nothing lingers in
    # storage that no page can reach.
    replaced = before - {resource.file.name, resource.cover_image.name}
    storage = resource.file.storage
    for name in replaced:
        transaction.on_commit(lambda name=name: storage.delete(name))
    audit_record(
        action=Action.UPDATE, organisation=resource.organisation, target=resource, request=request
    )
    return resource


@transaction.atomic
def resource_transition(
    *, resource: Resource, to_status: str, user, membership, note: str = "", request=None
) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if not policy.can_curate(user, membership, resource):
        raise PermissionDenied(gettext("Only the resource's curators can change its status."))
    if to_status not in TRANSITIONS.get(resource.status, set()):
        raise ValidationError(
            gettext("A resource that is %(now)s cannot be moved to %(wanted)s.")
            % {
                "now": resource.get_status_display().lower(),
                "wanted": Status(to_status).label.lower()
                if to_status in Status.values
                else to_status,
            }
        )
    from_status = resource.status
    resource.status = to_status
    if to_status == Status.PUBLISHED and resource.published_at is None:
        resource.published_at = timezone.now()
    if to_status != Status.PUBLISHED:
        resource.is_featured = False
    resource.save(update_fields=["status", "published_at", "is_featured", "updated_at"])
    ResourceTransition.objects.create(
        resource=resource, from_status=from_status, to_status=to_status, by=user, note=note[:300]
    )
    audit_record(
        action=Action.UPDATE,
        organisation=resource.organisation,
        target=resource,
        detail={"status": [from_status, to_status]},
        request=request,
    )
    if to_status == Status.PUBLISHED:
        _tell_the_suggester(resource=resource, curator=user, note=note)
    return resource


def _tell_the_suggester(*, resource: Resource, curator, note: str) -> None:
    """Whoever suggested a resource hears when it is published, with the curator's note: once
    per resource (the outbox's key), however often it is archived and published again."""
    suggester = resource.suggested_by
    if suggester is None or suggester == curator or not suggester.is_active:
        return
    email_send_template(
        key=f"toolkit:suggestion-published:{resource.pk}",
        kind="suggestion_published",
        to=suggester.email,
        template="suggestion-published",
        language=language_for(suggester),
        context={
            "resource": resource,
            "suggester": suggester,
            "curator": curator,
            "note": note[:300],
            "resource_path": reverse("toolkit:detail", args=[resource.public_id]),
        },
    )


@transaction.atomic
def feedback_record(*, resource: Resource, user, helpful: bool, comment: str = "") -> Feedback:
    """One answer per person; the counters on the resource are recounted, never drift."""
    feedback, _ = Feedback.objects.update_or_create(
        resource=resource,
        user=user,
        defaults={"helpful": helpful, "comment": comment.strip()[:1000], "at": timezone.now()},
    )
    counts = Feedback.objects.filter(resource=resource).aggregate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    Resource.objects.filter(pk=resource.pk).update(
        helpful_yes=counts["yes"], helpful_no=counts["no"]
    )
    return feedback


_COUNTER = {
    ResourceUse.Kind.VIEW: "view_count",
    ResourceUse.Kind.DOWNLOAD: "download_count",
    ResourceUse.Kind.LINK: "download_count",
}


@transaction.atomic
def use_record(*, resource: Resource, kind: str, organisation=None) -> None:
    counter = _COUNTER[kind]
    Resource.objects.filter(pk=resource.pk).update(**{counter: F(counter) + 1})
    ResourceUse.objects.create(resource=resource, kind=kind, organisation=organisation)


def search_record(*, query: str, result_count: int, organisation=None) -> None:
    SearchLog.objects.create(
        query=" ".join(query.lower().split())[:200],
        result_count=result_count,
        organisation=organisation,
    )


@transaction.atomic
def step_mark(*, user, step: CollectionStep, done: bool) -> Badge | None:
    """Mark a pathway step done (or not). Returns the badge when this step completes the
    pathway for the first time."""
    if not done:
        StepCompletion.objects.filter(user=user, step=step).delete()
        return None
    try:
        with transaction.atomic():
            StepCompletion.objects.create(user=user, step=step)
    except IntegrityError:
        pass  # already done: a double tap is harmless
    collection = step.collection
    if not collection.is_pathway:
        return None
    remaining = collection.steps.exclude(completions__user=user).exists()
    if remaining:
        return None
    badge, created = Badge.objects.get_or_create(user=user, collection=collection)
    return badge if created else None


@transaction.atomic
def collection_save(
    *, collection: Collection | None, organisation, data: dict, resources: list, request=None
) -> Collection:
    """Create or change a collection, with its steps in the given order. Progress on steps that
    stay is kept."""
    if collection is None:
        collection = Collection(organisation=organisation)
        action = Action.CREATE
    else:
        collection = Collection.objects.select_for_update().get(pk=collection.pk)
        action = Action.UPDATE
    for field in ("title", "summary", "is_pathway", "badge_name", "is_featured", "is_published"):
        if field in data:
            setattr(collection, field, data[field])
    if collection.is_pathway and not collection.badge_name:
        collection.badge_name = collection.title
    collection.full_clean()
    collection.save()
    wanted = [r.pk for r in resources]
    collection.steps.exclude(resource_id__in=wanted).delete()
    existing = {s.resource_id: s for s in collection.steps.all()}
    for position, resource_id in enumerate(wanted, start=1):
        step = existing.get(resource_id)
        if step is None:
            CollectionStep.objects.create(
                collection=collection, resource_id=resource_id, position=position
            )
        elif step.position != position:
            step.position = position
            step.save(update_fields=["position"])
    audit_record(action=action, organisation=organisation, target=collection, request=request)
    return collection
