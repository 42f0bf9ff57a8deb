"""Time the API's session list and figures endpoint on the large data set (issue 17 point 6:
p95 <= 100 ms) and print them. Run against the benchmark database, as `make bench` does:

    DATABASE_URL=postgres://champions:champions@127.0.0.1:5432/champions_bench \\
    DJANGO_SETTINGS_MODULE=champions_portal.settings.bench .venv/bin/python manage.py api_bench

It makes a read-only key for the organisation with most sessions, times each request in process
with Django's test client (warm-up, then --runs timed ones: median, p95, queries), and deletes
the key and its request rows afterwards. Not a test: run by hand."""

import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from api.services import api_key_create
from organisations.models import Organisation

TARGET_MS = 100


class Command(BaseCommand):
    help = "Time the API's session list and figures endpoint (p95 target 100 ms)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, runs, **options):
        organisation = (
            Organisation.objects.annotate(n=Count("support_sessions")).order_by("-n").first()
        )
        if organisation is None:
            self.stderr.write("No organisations: build the data set first (make bench).")
            return
        key, secret = api_key_create(
            organisation=organisation, name="api_bench", access="read", created_by=None
        )
        client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
        today = timezone.localdate()
        month_ago = (today - timedelta(days=30)).isoformat()
        try:
            with override_settings(API_THROTTLE_RATE="1000000/min"):
                deep = self._deep_cursor(client, pages=50)
                cases = [
                    ("sessions, first page (100)", "/api/v1/sessions/"),
                    ("sessions, 50 pages deep", deep),
                    (
                        "sessions, last 30 days, completed",
                        f"/api/v1/sessions/?date_from={month_ago}&status=completed",
                    ),
                    ("figures, last 12 months", "/api/v1/figures/"),
                    ("figures, this financial year", "/api/v1/figures/?period=financial_year"),
                ]
                rows = [(name, *self._time(client, url, runs)) for name, url in cases]
        finally:
            key.delete()
        self.stdout.write(
            f"{organisation.name}: {organisation.n:,} sessions; {runs} timed runs each\n"
        )
        self.stdout.write(f"{'endpoint':<40} {'median':>9} {'p95':>9} {'queries':>8}  target")
        for name, median, p95, queries in rows:
            verdict = "ok" if p95 <= TARGET_MS else "SLOW"
            self.stdout.write(
                f"{name:<40} {median:>7.1f}ms {p95:>7.1f}ms {queries:>8}  "
                f"p95 <= {TARGET_MS} ms {verdict}"
            )

    def _deep_cursor(self, client, *, pages: int) -> str:
        url = "/api/v1/sessions/"
        for _ in range(pages):
            found = client.get(url).json().get("next")
            if not found:
                break
            url = found.removeprefix("http://testserver")
        return url

    def _time(self, client, url, runs):
        for _ in range(3):
            assert client.get(url).status_code == 200, url
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
        p95 = statistics.quantiles(times, n=20)[-1]
        return statistics.median(times), p95, len(queries.captured_queries)
