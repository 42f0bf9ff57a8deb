from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet

from core.paging import first_and_total
from core.vocabulary import SessionStatus
from impact.selectors import last_completed_sessions, quiet_champions
from learners.models import Consent, Learner
from organisations.selectors import organisation_pending_invitations
from sessions_log.models import SupportSession

from .models import AuditEvent

# Newest first; the id settles two events in the same microsecond (core.paging's keyset pages).
AUDIT_ORDER = ("-at", "-id")


def audit_events(
    *, organisation=None, action: str = "", person: str = "", date_from=None, date_to=None
) -> QuerySet[AuditEvent]:
    """The audit log, newest first: one organisation's for a PM (organisation given), all of it
    for a network admin (organisation None)."""
    qs = AuditEvent.objects.select_related("actor", "organisation").order_by(*AUDIT_ORDER)
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


# --- The project manager's "needs attention" -----------------------------------------------------
#
# core composes the apps (the home page is core's): organisations must not import impact
# (tests/test_layers.py), so the reads that need both live here.

SHOWN = 5  # items listed under each heading; the count says how many there are in all


@dataclass(frozen=True)
class Attention:
    """One heading of "Needs attention": how many there are, and the first few to act on."""

    total: int
    items: list


def _first_few(qs) -> Attention:
    """The first SHOWN rows and, in the same query, how many rows there are in all (a window
    count is computed before the LIMIT)."""
    rows, total = first_and_total(qs, SHOWN)
    return Attention(total=total, items=rows)


def needs_attention(*, organisation, today: date) -> dict[str, Attention]:
    """What a project manager should act on, in five queries whatever the data:
    champions gone quiet and champions who never started (one query, the one rule of
    impact.selectors.quiet_champions), follow-ups overdue, planned sessions dated before today
    with no outcome, learners with no consent recorded and invitations not yet accepted (one
    query each)."""
    quiet = quiet_champions(organisation=organisation, as_of=today)
    gone_quiet = [c for c in quiet if c.last_session_on is not None]
    never_started = [c for c in quiet if c.last_session_on is None]
    sessions = SupportSession.objects.for_organisation(organisation).live()
    return {
        "gone_quiet": Attention(total=len(gone_quiet), items=gone_quiet[:SHOWN]),
        "never_started": Attention(total=len(never_started), items=never_started[:SHOWN]),
        "follow_ups": _first_few(
            sessions.filter(
                follow_up_needed=True, follow_up_done_at__isnull=True, follow_up_on__lt=today
            )
            .select_related("champion")
            .prefetch_related("attendances__learner")  # who, in the follow-up's line
            .order_by("follow_up_on", "pk")
        ),
        "no_outcome": _first_few(
            sessions.filter(status=SessionStatus.PLANNED, date__lt=today)
            .select_related("champion")
            .order_by("date", "pk")
        ),
        "no_consent": _first_few(
            Learner.objects.for_organisation(organisation)
            .not_anonymised()
            .filter(~Exists(Consent.objects.filter(learner=OuterRef("pk"))))
            .order_by("created_at", "pk")
        ),
        "invitations": _first_few(
            organisation_pending_invitations(organisation=organisation).order_by("expires_at", "pk")
        ),
    }


def champion_last_sessions(*, organisation, today: date) -> dict[int, date | None]:
    """Membership id -> the day of that champion's last completed session (None: none yet), for
    the organisation's active champions, by the one rule of
    impact.selectors.last_completed_sessions (one query). The members list (organisations) asks
    here: organisations itself must not import impact (tests/test_layers.py)."""
    return dict(
        last_completed_sessions(organisation=organisation, as_of=today).values_list("pk", "last")
    )
