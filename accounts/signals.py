"""Sign-ins and failed sign-ins go to the audit log (OWASP ASVS 7.2). Receivers only record:
no rule of the portal lives here."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from core.audit import Action, audit_record


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    audit_record(action=Action.SIGN_IN, actor=user, request=request, target=user)


@receiver(user_login_failed)
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    # Only the address typed, never the password.
    typed = str(credentials.get("email") or credentials.get("username") or "")[:200]
    audit_record(action=Action.SIGN_IN_FAILED, request=request, target_label=typed)
