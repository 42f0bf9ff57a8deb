"""The one way to write to the audit log."""

from django.db import models

from .client_ip import client_ip
from .models import AuditEvent

Action = AuditEvent.Action


def audit_record(
    *,
    action: str,
    actor=None,
    organisation=None,
    target: models.Model | None = None,
    target_label: str = "",
    detail: dict | None = None,
    request=None,
) -> AuditEvent:
    ip = None
    agent = ""
    if request is not None:
        ip = client_ip(request) or None  # the person's address, not our proxy's
        agent = request.META.get("HTTP_USER_AGENT", "")[:300]
        user = getattr(request, "user", None)
        if actor is None and user is not None and user.is_authenticated:
            actor = user
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=getattr(actor, "email", "") or "",
        organisation=organisation,
        target_type=target._meta.label if target is not None else "",
        target_id=str(getattr(target, "public_id", None) or getattr(target, "pk", ""))
        if target
        else "",
        target_label=(target_label or _label(target))[:200],
        detail=detail or {},
        ip_address=ip,
        user_agent=agent,
    )


def _label(target) -> str:
    """How the target is named in the log. Models holding personal data give an `audit_label`
    without it (a learner is named by reference): the log is append-only, so a name written
    here could never be erased."""
    if target is None:
        return ""
    return getattr(target, "audit_label", None) or str(target)
