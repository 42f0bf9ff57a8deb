from django.db.models import QuerySet

from .models import AuditEvent


def audit_events(
    *, organisation=None, action: str = "", person: str = "", date_from=None, date_to=None
) -> QuerySet[AuditEvent]:
    """The audit log, newest first: one organisation's for a PM (organisation given), all of it
    for a network admin (organisation None)."""
    qs = AuditEvent.objects.select_related("actor", "organisation").order_by("-at")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if action:
        qs = qs.filter(action=action)
    if person:
        qs = qs.filter(actor_label__icontains=person)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs
