"""Tenancy-walk entries for the toolkit (see tests/tenancy_registry.py): organisation-private
resources and collections of the other organisation."""

from tests.toolkit.factories import make_pathway, make_resource


def _private_resource(other):
    return {"public_id": make_resource(organisation=other.organisation).public_id}


def _private_collection(other):
    resource = make_resource(organisation=other.organisation)
    return {"public_id": make_pathway([resource], organisation=other.organisation).public_id}


def _private_step(other):
    resource = make_resource(organisation=other.organisation)
    pathway = make_pathway([resource], organisation=other.organisation)
    return {"public_id": pathway.public_id, "step_id": pathway.steps.get().pk}


OBJECTS_OF_ANOTHER_ORGANISATION = {
    "toolkit:detail": _private_resource,
    "toolkit:download": _private_resource,
    "toolkit:link": _private_resource,
    "toolkit:cover": _private_resource,
    "toolkit:feedback": _private_resource,
    "toolkit:detail_manage": _private_resource,
    "toolkit:edit": _private_resource,
    "toolkit:transition": _private_resource,
    "toolkit:collection": _private_collection,
    "toolkit:collection_edit": _private_collection,
    "toolkit:step_mark": _private_step,
}
