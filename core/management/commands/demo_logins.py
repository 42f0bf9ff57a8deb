from django.core.management.base import BaseCommand

from organisations.demo import DEMO_ADMIN_EMAIL, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the URL and the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        line = "-" * 72
        self.stdout.write(
            f"""
{line}
 Digital Champions Portal: http://127.0.0.1:{port}/
 Every demo login uses the password: {DEMO_PASSWORD}

   Champion         champion@riverside.example   (Riverside Housing Association)
   Project manager  pm@riverside.example         (also a champion at Northgate Libraries)
   Other org PM     pm@northgate.example         (Northgate Libraries)
   Network admin    {DEMO_ADMIN_EMAIL}        (asks for an authenticator code:
                    run `.venv/bin/python manage.py demo_totp` to print it)

 Project managers must set up an authenticator app within a week of their first sign-in.
 `.venv/bin/python manage.py demo_totp pm@riverside.example` gives a demo PM the demo
 authenticator and prints its code (run it again for each sign-in).

 Emails the portal sends are written to var/sent-emails/. Ctrl-C stops everything.
{line}
"""
        )
