"""Toolkit resources are made through the services, so rendering and the search index are the
real ones."""

from django.utils import timezone

from toolkit import services
from toolkit.models import Collection, Resource, Status

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def resource_data(**overrides) -> dict:
    data = {
        "title": "Using video calls with family",
        "summary": "A short guide to starting a video call.",
        "body": "## Before you start\n\nCharge the tablet and find a quiet room.",
        "resource_type": "guide",
        "audiences": ["champions"],
        "skill_areas": ["communicating"],
        "topics": ["video_calls"],
        "language": "en",
        "minutes": 10,
        "external_url": "",
    }
    data.update(overrides)
    return data


def make_resource(
    *, organisation=None, status=Status.PUBLISHED, user=None, files=None, **overrides
) -> Resource:
    resource = services.resource_create(
        user=user, organisation=organisation, data=resource_data(**overrides), files=files or {}
    )
    if status != Status.DRAFT:
        Resource.objects.filter(pk=resource.pk).update(
            status=status,
            published_at=timezone.now() if status == Status.PUBLISHED else None,
        )
        resource.refresh_from_db()
    return resource


def make_pathway(resources, *, organisation=None, title="New champion induction") -> Collection:
    return services.collection_save(
        collection=None,
        organisation=organisation,
        data={
            "title": title,
            "summary": "Start here.",
            "is_pathway": True,
            "badge_name": "Inducted",
        },
        resources=list(resources),
    )
