from allauth.account.adapter import DefaultAccountAdapter
from django.template.loader import render_to_string
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is by invitation only (see organisations.views.invitation_accept), and every email
    goes through the outbox and Celery so a slow mail server never holds up a page."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        """allauth's sign-in limits count the same address as the portal's own limits."""
        from core.client_ip import client_ip

        return client_ip(request)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Someone sent to set up an authenticator straight after signing in (accounts/mfa.py)
        is not asked for the password they typed a moment ago."""
        from . import mfa

        if app == "allauth.mfa" and self.request and mfa.signed_in_moments_ago(self.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def send_mail(self, template_prefix, email, context):
        from notifications.services import email_context, email_queue_message

        # The portal's name and address come from settings (email_context), so the emails never
        # read "Hello from !" when the Site row's name is blank.
        defaults = {"request": self.request, "email": email, "current_site": self._current_site()}
        context = email_context(**{**defaults, **context})
        # In the reader's language, not the language of the page that caused it (a reset asked
        # for from an English browser still reaches a Welsh speaker in Welsh).
        with translation.override(self._language_of(email, context)):
            msg = self.render_mail(template_prefix, email, context)
        email_queue_message(message=msg, kind="account:" + template_prefix.rsplit("/", 1)[-1])

    def _language_of(self, email: str, context: dict) -> str:
        from .language import language_for, supported_language
        from .models import User

        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        if user is not None and user.language:
            return language_for(user)
        # Someone with no choice recorded: the page they asked from.
        return supported_language(getattr(self.request, "LANGUAGE_CODE", None)) or language_for(
            None
        )

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's text, plus an HTML part in the portal's email layout when allauth has none."""
        msg = super().render_mail(template_prefix, email, context, headers=headers)
        if not any(mime == "text/html" for _, mime in getattr(msg, "alternatives", [])):
            # The text's signature (after "--", templates/account/email/base_message.txt) is
            # the HTML frame's footer already.
            body = msg.body.split("\n--\n", 1)[0]
            html = render_to_string(
                "emails/account-body.html", {**context, "subject": msg.subject, "body": body}
            )
            msg.attach_alternative(html, "text/html")
        return msg

    def _current_site(self):
        from django.contrib.sites.shortcuts import get_current_site

        return get_current_site(self.request)
