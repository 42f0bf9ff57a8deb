"""Reads for learners: who may see which record, search, and possible duplicates."""

from django.db.models import Q, QuerySet

from organisations.models import Membership

from .models import Learner

# The learners' list, by name; the id settles two learners of the same name, so the keyset
# pages (core.paging) neither skip nor repeat one. The (organisation, display_name) index
# serves it: PostgreSQL seeks to the cursor's name and sorts only the learners of that name.
LEARNER_LIST_ORDER = ("display_name", "id")


def learners_visible_to(*, membership: Membership) -> QuerySet[Learner]:
    """PMs see all the organisation's learners; champions those they created, have helped, or
    that are shared with every champion. Anonymised learners are gone from every list."""
    qs = Learner.objects.for_organisation(membership.organisation).not_anonymised()
    if membership.is_pm:
        return qs
    helped = _helped_by(membership)
    return qs.filter(Q(is_shared=True) | Q(created_by=membership.user) | Q(pk__in=helped))


def _helped_by(membership: Membership) -> QuerySet:
    """Ids of the learners the member has had at one of their sessions. The attendance rows are
    reached through Learner's `attendances` relation (the sessions app's Attendance points at
    Learner), so this app does not import the sessions app: sessions depend on learners, not the
    other way round. Same query as reading Attendance directly."""
    attendances = Learner.attendances.field.model.objects
    return attendances.filter(
        organisation=membership.organisation, session__champion=membership.user
    ).values("learner_id")


def learner_search(*, membership: Membership, query: str, limit: int = 8) -> list[Learner]:
    query = query.strip()
    if not query:
        return []
    qs = learners_visible_to(membership=membership).filter(
        Q(display_name__icontains=query) | Q(reference__iexact=query)
    )
    return list(qs.order_by("display_name")[:limit])


def possible_duplicates(
    *,
    organisation,
    display_name: str,
    postcode_district: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    exclude_pk=None,
) -> list[Learner]:
    """Records of the same organisation that may be the same person: the same name (ignoring
    case and spaces) in the same postcode district, or the same contact details."""
    name = " ".join(display_name.split()).lower()
    match = Q()
    if name and postcode_district:
        match |= Q(display_name__iexact=name, postcode_district__iexact=postcode_district)
    elif name:
        match |= Q(display_name__iexact=name)
    if contact_email:
        match |= Q(contact_email__iexact=contact_email)
    if contact_phone:
        match |= Q(contact_phone=contact_phone)
    if not match:
        return []
    qs = Learner.objects.for_organisation(organisation).not_anonymised().filter(match)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs[:5])
