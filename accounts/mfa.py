"""Who must use an authenticator, and when. One rule, read by RequireMfaMiddleware (every page)
and by the Django admin's site (accounts.admin_site).

- Staff (the Django admin) and network admins: before any page.
- Project managers, who can see, export and erase learners' data: a PM without an authenticator
  has PM_GRACE from the first page they open to set one up, told the end date; after it every
  page sends them to set it up.
- Having an authenticator is not enough: it must have been used in this session. allauth records
  each step of a sign-in in the session (a password, then "mfa"); a session begun any other way,
  such as a password alone, is asked for a code before it sees anything.
"""

import enum
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.utils import timezone

from . import selectors, services

PM_GRACE = timedelta(days=7)
# A champion's "no authenticator needed" and a PM's grace are remembered in the session so pages
# pay no query for them; checked again this often, so a champion made PM today is asked soon.
RECHECK_SECONDS = 5 * 60
SESSION_KEY = "portal_mfa"


class Need(enum.StrEnum):
    NONE = "none"  # nothing to do: not needed, or used in this session
    GRACE = "grace"  # a PM who may carry on without one until grace_ends
    SET_UP = "set_up"  # must set one up now
    USE = "use"  # has one, and must type its code in this session


@dataclass(frozen=True)
class Decision:
    need: Need
    grace_ends: datetime | None = None


def used_this_session(request, user=None) -> bool:
    records = get_authentication_records(request, user or request.user)
    return any(record.get("method") == "mfa" for record in records)


def signed_in_moments_ago(request) -> bool:
    """A password typed at sign-in within allauth's reauthentication timeout is as fresh as
    typing it again, which allauth otherwise asks before an authenticator is set up."""
    from allauth.account import app_settings as account_settings

    if not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    return any(
        record.get("method") == "password"
        and 0 <= time.time() - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
        for record in records
    )


def record_set_up(request, user, authenticator) -> None:
    """Setting up an authenticator means typing one of its codes: that counts as using it in
    this session, as a sign-in with it would."""
    # allauth keeps its recorder internal; it is the same function its own MFA stage calls.
    from allauth.account.internal.flows.login import record_authentication

    if request is not None and getattr(request, "user", None) == user:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
        )


def _required_at_once(user) -> bool:
    return (
        user.is_staff
        or user.is_superuser
        or (settings.MFA_REQUIRED_FOR_NETWORK_ADMINS and user.is_network_admin)
    )


def decide(request, *, user=None, now: datetime | None = None) -> Decision:
    """What `user` (the request's, unless signing in) must do about an authenticator now. Asked
    first at sign-in (accounts.signals), which starts a PM's grace and remembers the answer in
    the session, so pages then pay no query for it."""
    user = user or request.user
    if not user.is_authenticated or used_this_session(request, user):
        return Decision(Need.NONE)
    if _required_at_once(user):
        return Decision(Need.USE if selectors.user_has_authenticator(user) else Need.SET_UP)
    now = now or timezone.now()
    remembered = request.session.get(SESSION_KEY)
    if (
        isinstance(remembered, dict)
        and remembered.get("user") == str(user.pk)
        and 0 <= now.timestamp() - remembered.get("checked", 0) < RECHECK_SECONDS
    ):
        if remembered.get("need") == Need.NONE:
            return Decision(Need.NONE)
        ends = remembered.get("grace_ends", 0)
        if remembered.get("need") == Need.GRACE and now.timestamp() < ends:
            return Decision(Need.GRACE, datetime.fromtimestamp(ends, tz=UTC))
    decision = _decide_for_project_manager(user, now)
    if decision.need in (Need.NONE, Need.GRACE):
        request.session[SESSION_KEY] = {
            "user": str(user.pk),
            "checked": now.timestamp(),
            "need": str(decision.need),
            "grace_ends": decision.grace_ends.timestamp() if decision.grace_ends else 0,
        }
    return decision


def _decide_for_project_manager(user, now: datetime) -> Decision:
    if not settings.MFA_REQUIRED_FOR_PROJECT_MANAGERS:
        return Decision(Need.NONE)
    duty = selectors.user_authenticator_duty(user)
    if not duty.is_project_manager:
        return Decision(Need.NONE)
    if duty.has_authenticator:
        return Decision(Need.USE)
    started = user.mfa_grace_started_at or services.user_mfa_grace_start(user=user, now=now)
    ends = started + PM_GRACE
    return Decision(Need.GRACE, ends) if now < ends else Decision(Need.SET_UP)
