from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from organisations.demo import DEMO_ADMIN_EMAIL, DEMO_TOTP_SECRET, SMALL_ORGANISATIONS

DEMO_PM_EMAILS = [pm_email for *_, (pm_email, _name), _champions in SMALL_ORGANISATIONS]


class Command(BaseCommand):
    help = (
        f"Print the current authenticator code of a demo login: the network admin "
        f"({DEMO_ADMIN_EMAIL}) unless another is named. A demo project manager without an "
        f"authenticator is given the demo one first (they need one after a week's grace)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", default=DEMO_ADMIN_EMAIL)

    def handle(self, *args, email, **options):
        email = email.lower()
        if email != DEMO_ADMIN_EMAIL and email not in DEMO_PM_EMAILS:
            raise CommandError(
                "Only the demo logins have the demo authenticator: "
                + ", ".join([DEMO_ADMIN_EMAIL, *DEMO_PM_EMAILS])
            )
        user = User.objects.filter(email=email).first()
        if user is None:
            raise CommandError(f"No {email} yet: run `manage.py seed_demo` first.")
        authenticators = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
        if not authenticators.exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
            self.stderr.write(f"{email} now uses the demo authenticator.")
        elif get_adapter().decrypt(authenticators.get().data["secret"]) != DEMO_TOTP_SECRET:
            raise CommandError(f"{email} has set up an authenticator app of their own.")
        counters = list(yield_hotp_counters_from_time())
        current = counters[len(counters) // 2]
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, current)))
