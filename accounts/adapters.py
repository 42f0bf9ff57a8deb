from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is by invitation only (see organisations.views.invitation_accept), and every email
    goes through the outbox and Celery so a slow mail server never holds up a page."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix, email, context):
        from notifications.services import email_queue_message

        msg = self.render_mail(template_prefix, email, context)
        email_queue_message(message=msg, kind="account:" + template_prefix.rsplit("/", 1)[-1])
