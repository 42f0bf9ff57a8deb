from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.management.base import BaseCommand

from organisations.demo import DEMO_ADMIN_EMAIL, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = f"Print the current authenticator code of the demo network admin ({DEMO_ADMIN_EMAIL})."

    def handle(self, *args, **options):
        counters = list(yield_hotp_counters_from_time())
        current = counters[len(counters) // 2]
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, current)))
