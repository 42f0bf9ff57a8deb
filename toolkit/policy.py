"""Who may curate what. Network admins look after the network-wide library; a project manager
looks after resources private to their own organisation. Views and services both ask here."""

from .models import Collection, Resource


def can_curate_network(user) -> bool:
    return bool(user.is_authenticated and user.is_network_admin)


def can_curate_organisation(membership, organisation_id) -> bool:
    return bool(
        membership
        and organisation_id
        and membership.is_pm
        and membership.organisation_id == organisation_id
    )


def can_curate(user, membership, item: Resource | Collection) -> bool:
    if item.organisation_id is None:
        return can_curate_network(user)
    return can_curate_organisation(membership, item.organisation_id)


def is_curator(user, membership) -> bool:
    """Sees the curation queue at all."""
    return can_curate_network(user) or bool(membership and membership.is_pm)
