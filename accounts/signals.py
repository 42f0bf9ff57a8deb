"""Sign-ins and failed sign-ins go to the audit log (OWASP ASVS 7.2), and an authenticator just set
up counts as used in this session. Receivers only record: no rule of the portal lives here."""

from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from core.audit import Action, audit_record

from . import mfa


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    audit_record(action=Action.SIGN_IN, actor=user, request=request, target=user)


@receiver(user_logged_in)
def note_authenticator_duty(sender, request, user, **kwargs):
    # Records in the session what accounts.mfa decides at sign-in (a PM's grace starts here).
    if request is not None and hasattr(request, "session"):
        mfa.decide(request, user=user)


@receiver(user_login_failed)
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    # Only the address typed, never the password.
    typed = str(credentials.get("email") or credentials.get("username") or "")[:200]
    audit_record(action=Action.SIGN_IN_FAILED, request=request, target_label=typed)


@receiver(authenticator_added)
def record_authenticator_set_up(sender, request, user, authenticator, **kwargs):
    mfa.record_set_up(request, user, authenticator)
