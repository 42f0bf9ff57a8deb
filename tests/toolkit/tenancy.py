"""Tenancy-walk entries for the toolkit (see tests/tenancy_registry.py): organisation-private
resources and collections of the other organisation."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.toolkit.factories import PDF_BYTES, make_pathway, make_resource


def _private_resource(other):
    return {"public_id": make_resource(organisation=other.organisation).public_id}


# With something to serve, so that on one's own organisation's resource these answer 200 or a
# redirect, and a 404 can only mean "not yours".
def _private_resource_with_file(other):
    upload = SimpleUploadedFile("handout.pdf", PDF_BYTES, "application/pdf")
    files = {"file": upload, "file_content_type": "application/pdf"}
    return {"public_id": make_resource(organisation=other.organisation, files=files).public_id}


def _private_resource_with_link(other):
    resource = make_resource(organisation=other.organisation, external_url="https://example.org/")
    return {"public_id": resource.public_id}


def _private_resource_with_cover(other):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, "PNG")
    cover = SimpleUploadedFile("cover.png", buffer.getvalue(), "image/png")
    files = {"cover_image": cover, "cover_content_type": "image/png"}
    return {"public_id": make_resource(organisation=other.organisation, files=files).public_id}


def _private_collection(other):
    resource = make_resource(organisation=other.organisation)
    return {"public_id": make_pathway([resource], organisation=other.organisation).public_id}


def _private_step(other):
    resource = make_resource(organisation=other.organisation)
    pathway = make_pathway([resource], organisation=other.organisation)
    return {"public_id": pathway.public_id, "step_id": pathway.steps.get().pk}


OBJECTS_OF_ANOTHER_ORGANISATION = {
    "toolkit:detail": _private_resource,
    "toolkit:download": _private_resource_with_file,
    "toolkit:link": _private_resource_with_link,
    "toolkit:cover": _private_resource_with_cover,
    "toolkit:feedback": _private_resource,
    "toolkit:detail_manage": _private_resource,
    "toolkit:edit": _private_resource,
    "toolkit:transition": _private_resource,
    "toolkit:collection": _private_collection,
    "toolkit:collection_edit": _private_collection,
    "toolkit:step_mark": _private_step,
}

# Curators: project managers for their organisation's resources (and network admins).
ROLE_REQUIRED = dict.fromkeys(
    ["toolkit:detail_manage", "toolkit:edit", "toolkit:transition", "toolkit:collection_edit"],
    "pm",
)
