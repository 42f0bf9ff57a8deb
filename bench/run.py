"""`make bench`: build (or reuse) the national-scale data set in its own database, then time the
pages that matter, in process, with Django's test client.

For each page: warm-up requests, then at least 30 timed ones; median and p95 server time and the
number of queries. For the two dashboards, the same headline figures computed by bare SQL
straight from the session tables, and the ratio page/SQL. Each list page is timed at its
first page and 50 pages in (following its "next" links), and the PM's session rows are read by
OFFSET and by keyset at page 1, 50 and the last. The CSV export is streamed to the end (rows,
rows a second, peak Python memory); the weekly summary and the reminder scan are timed too.
A table is printed and the figures are written to bench/results/<time>.json and latest.json
(latest-national.json for the national set, so both stay side by side).

Usage (what the Makefile does):
    DATABASE_URL=postgres://champions:champions@127.0.0.1:5432/champions_bench \
    DJANGO_SETTINGS_MODULE=champions_portal.settings.bench .venv/bin/python bench/run.py
Options: --runs N (default 30), --only NAME[,NAME] (entries by name), --skip-seed,
--scale large|national (`make bench SCALE=national`: the national set in champions_national).
Benchmarks are not tests: this is run by hand, never by pytest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import html
import io
import json
import os
import platform
import re
import statistics
import sys
import time
import tracemalloc
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "champions_portal.settings.bench")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command, get_commands, load_command_class  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, get_resolver, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import dataset  # noqa: E402
from bench.formfill import fill_form  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PERIOD_QUERY = "period=last_12_months"

# Targets from issue 7 (p95 in ms). Pages without one are still held to the query budget.
TARGETS_MS = {
    "organisation dashboard": 150,
    "network dashboard": 250,
    "session list": 80,
    "session list (PM)": 80,
    "session form POST": 60,
    "toolkit search": 100,
    # The lending library (issue 14): a list, a page and a form's save, as the pages above.
    "stock list (PM)": 80,
    "stock list (filtered)": 80,
    "device page": 80,
    "loan save (lend form POST)": 60,
    # Issue 18: the dashboards right after a change, computed again rather than read as kept.
    "organisation dashboard, first view after a change": 150,
    "network dashboard, first view after a change": 250,
    "network dashboard, first view after a loan": 250,
}
QUERY_BUDGET = 15


@dataclass
class Result:
    name: str
    url: str = ""
    status: str = "ok"
    note: str = ""
    runs: int = 0
    median_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    queries_max: int | None = None
    target_ms: int | None = None
    slowest_queries: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        if self.status != "ok":
            return self.status
        if self.name.endswith("bare SQL"):
            return "baseline"
        if self.extra.get("comparison"):
            return "comparison"
        problems = []
        if self.target_ms and self.p95_ms is not None and self.p95_ms > self.target_ms:
            problems.append(f"p95 > {self.target_ms} ms")
        if self.queries_max is not None and self.queries_max > QUERY_BUDGET:
            problems.append(f"> {QUERY_BUDGET} queries")
        return "; ".join(problems) or "meets target"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    # Nearest rank: with 30 runs, p95 is the 29th fastest.
    rank = max(1, int(-(-pct * len(ordered) // 100)))
    return ordered[rank - 1]


def url_candidates(namespace: str, preferred: list[str]) -> list[str]:
    """Names in an app's URLconf, the preferred ones first, so the harness keeps working while the
    owners are still naming their views."""
    resolver = get_resolver()
    if namespace not in resolver.namespace_dict:
        return []
    _, sub = resolver.namespace_dict[namespace]
    names = {k for k in sub.reverse_dict if isinstance(k, str)}
    return [f"{namespace}:{n}" for n in preferred if n in names]


def resolve(names: list[str], kwargs_options: list[dict]) -> str | None:
    for name in names:
        for kwargs in kwargs_options:
            try:
                return reverse(name, kwargs=kwargs or None)
            except NoReverseMatch:
                continue
    return None


# Where each page lives. The apps' owners name their views; the first name that exists wins, and
# an entry with none is reported as "not available yet". Set BENCH_URL_<KEY>=/path/ to override.
URL_NAMES = {
    "organisation_dashboard": ("impact", ["organisation"]),
    "network_dashboard": ("impact", ["network"]),
    "sessions_csv": ("impact", ["sessions_csv"]),
    "report_pdf": ("impact", ["report_pdf"]),
    "my_sessions": ("sessions_log", ["mine", "my_sessions", "list", "session_list", "index"]),
    "all_sessions": (
        "sessions_log",
        ["all", "all_sessions", "organisation", "list", "session_list"],
    ),
    "session_form": ("sessions_log", ["log", "create", "new", "add", "session_log", "log_session"]),
    "toolkit_search": ("toolkit", ["search", "list", "resource_list", "index", "home"]),
    "learner_list": ("learners", ["list", "learner_list", "index"]),
}


def find_urls(org=None) -> dict[str, str | None]:
    kwargs = [{}]
    if org is not None:
        kwargs += [{"public_id": org.public_id}, {"organisation": org.public_id}]
    urls = {}
    for key, (namespace, names) in URL_NAMES.items():
        override = os.environ.get(f"BENCH_URL_{key.upper()}")
        urls[key] = override or resolve(url_candidates(namespace, names), kwargs)
    urls["home"] = reverse("home")
    return urls


class Bench:
    def __init__(self, runs: int, warmup: int = 3):
        self.runs = runs
        self.warmup = warmup
        self.results: list[Result] = []
        from accounts.models import User
        from organisations.models import Membership

        self.pm = User.objects.get(email=dataset.LARGEST_PM_EMAIL)
        self.champion = User.objects.get(email=dataset.LARGEST_CHAMPION_EMAIL)
        self.admin = User.objects.get(email=dataset.ADMIN_EMAIL)
        self.organisation = Membership.objects.get(user=self.pm).organisation
        self.clients: dict[int, Client] = {}

    def client_for(self, user) -> Client:
        if user.pk not in self.clients:
            client = Client()
            client.force_login(user)
            if user.is_network_admin:
                # What signing in with the authenticator app leaves in the session: allauth's
                # record of a password and then a code (accounts/mfa.py asks for both).
                from allauth.account.internal.flows.login import (
                    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
                    AUTHENTICATION_METHODS_SESSION_KEY,
                )

                session = client.session
                session[AUTHENTICATION_METHODS_SESSION_KEY] = [
                    {"method": "password", "at": time.time(), "email": user.email},
                    {"method": "mfa", "at": time.time(), "type": "totp"},
                ]
                session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
                session.save()
            self.clients[user.pk] = client
        return self.clients[user.pk]

    # -- one page, many times --
    def page(
        self,
        name: str,
        url: str | None,
        user,
        *,
        method: str = "get",
        data_for=None,
        expect=(200,),
        consume: bool = False,
        before=None,
        runs: int | None = None,
    ) -> Result:
        result = Result(name=name, url=url or "", target_ms=TARGETS_MS.get(name))
        self.results.append(result)
        if not url:
            result.status = "not available yet"
            return result
        client = self.client_for(user)
        times, counts, slowest = [], [], []
        runs = runs or self.runs
        for i in range(self.warmup + runs):
            try:
                if before:
                    before()
                data = data_for(client) if data_for else None
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    if method == "get":
                        response = client.get(url)
                    else:
                        response = client.post(url, data)
                    if consume and getattr(response, "streaming", False):
                        for _ in response.streaming_content:
                            pass
                    elapsed = time.perf_counter() - started
            except Exception as exc:  # a page still being built: report it, time the others
                result.status = "error"
                result.note = f"{type(exc).__name__}: {str(exc)[:200]}"
                return result
            if response.status_code not in expect:
                result.status = f"HTTP {response.status_code}"
                result.note = _error_summary(response)
                return result
            if i >= self.warmup:
                times.append(elapsed * 1000)
                counts.append(len(captured.captured_queries))
                slowest.extend(captured.captured_queries)
        result.runs = len(times)
        result.median_ms = round(statistics.median(times), 1)
        result.p95_ms = round(percentile(times, 95), 1)
        result.queries = int(statistics.median(counts))
        result.queries_max = max(counts)
        result.slowest_queries = _slowest(slowest, result.runs)
        return result

    # -- bare SQL: the dashboards' headline figures straight from the session tables --
    def bare_sql(self, name: str, variants: dict[str, str], params: dict) -> Result:
        """Time each formulation; the fastest is the baseline the page is compared with."""
        result = Result(name=name)
        best = None
        with connection.cursor() as cursor:
            for label, sql in variants.items():
                times = []
                for i in range(self.warmup + self.runs):
                    started = time.perf_counter()
                    cursor.execute(sql, params)
                    row = cursor.fetchone()
                    if i >= self.warmup:
                        times.append((time.perf_counter() - started) * 1000)
                median = statistics.median(times)
                result.extra[f"{label}_median_ms"] = round(median, 1)
                if best is None or median < best[0]:
                    best = (median, label, sql, times, row)
        median, label, sql, times, row = best
        result.runs = len(times)
        result.median_ms = round(median, 1)
        result.p95_ms = round(percentile(times, 95), 1)
        result.queries = 1
        result.note = "fastest of: " + ", ".join(
            f"{k.removesuffix('_median_ms')} {v} ms" for k, v in result.extra.items()
        )
        result.extra["formulation"] = label
        result.extra["figures"] = dict(
            zip(HEADLINE_COLUMNS, [_jsonable(v) for v in row], strict=True)
        )
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            result.extra["explain"] = [r[0] for r in cursor.fetchall()]
        self.results.append(result)
        return result

    def timed_call(self, name: str, target_s: float, fn) -> Result:
        result = Result(name=name)
        self.results.append(result)
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            try:
                note = fn()
            except _Missing as exc:
                result.status = "not available yet"
                result.note = str(exc)
                return result
            elapsed = time.perf_counter() - started
        result.runs = 1
        result.median_ms = result.p95_ms = round(elapsed * 1000, 1)
        result.queries = result.queries_max = len(captured.captured_queries)
        result.target_ms = int(target_s * 1000)
        result.note = note or ""
        result.slowest_queries = _slowest(captured.captured_queries, 1)
        return result


class _Missing(Exception):
    pass


def _slowest(queries: list[dict], runs: int) -> list[dict]:
    """The three most expensive statements of one request on average (grouped by SQL text)."""
    totals: dict[str, list[float]] = {}
    for q in queries:
        totals.setdefault(q["sql"], []).append(float(q["time"]) * 1000)
    ranked = sorted(totals.items(), key=lambda kv: -sum(kv[1]))[:3]
    return [
        {"ms_per_request": round(sum(t) / max(runs, 1), 1), "sql": sql[:600]} for sql, t in ranked
    ]


def _error_summary(response) -> str:
    content = getattr(response, "content", b"")[:4000].decode("utf-8", "replace")
    if response.status_code in (301, 302):
        return f"redirected to {response.get('Location')}"

    errors = re.findall(r'class="[^"]*invalid-feedback[^"]*"[^>]*>(.*?)</', content, re.S)
    errors = [re.sub(r"<[^>]+>|\s+", " ", e).strip() for e in errors]
    return "; ".join(errors)[:300] or content[:300]


def _jsonable(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if value is None or isinstance(value, int | float | str):
        return value
    return float(value)


HEADLINE_COLUMNS = [
    "sessions_completed",
    "sessions_planned",
    "sessions_cancelled",
    "sessions_no_show",
    "hours",
    "anonymous_people",
    "active_champions",
    "devices_given",
    "data_support_given",
    "learners_supported",
    "repeat_learners",
    "confidence_uplift",
    "more_confident_share",
]

# The whole Headline of impact/selectors.py in one statement, as a hand-written report would
# compute it from the session tables: one pass over the sessions, one over the attendances of
# completed sessions grouped by learner. {scope_s}/{scope_a} narrow it to one organisation.
HEADLINE_SQL = """
SELECT * FROM (
    SELECT
        count(*) FILTER (WHERE status = 'completed'),
        count(*) FILTER (WHERE status = 'planned'),
        count(*) FILTER (WHERE status = 'cancelled'),
        count(*) FILTER (WHERE status = 'no_show'),
        coalesce(sum(duration_minutes) FILTER (WHERE status = 'completed'), 0) / 60.0,
        coalesce(sum(anonymous_count) FILTER (WHERE status = 'completed'), 0),
        count(DISTINCT champion_id) FILTER (WHERE status = 'completed'),
        count(*) FILTER (WHERE status = 'completed' AND device_support <> ''),
        count(*) FILTER (WHERE status = 'completed' AND data_support <> '')
    FROM sessions_log_supportsession
    WHERE deleted_at IS NULL AND date BETWEEN %(start)s AND %(end)s {scope_s}
) totals, (
    SELECT
        count(*),
        count(*) FILTER (WHERE n >= 2),
        sum(uplift)::float / nullif(sum(rated), 0),
        sum(better)::float / nullif(sum(rated), 0)
    FROM (
        SELECT
            a.learner_id,
            count(*) AS n,
            sum(a.confidence_after - a.confidence_before) AS uplift,
            count(a.confidence_after - a.confidence_before) AS rated,
            count(*) FILTER (WHERE a.confidence_after > a.confidence_before) AS better
        FROM sessions_log_attendance a
        JOIN sessions_log_supportsession s ON s.id = a.session_id
        WHERE a.date BETWEEN %(start)s AND %(end)s {scope_a}
          AND s.status = 'completed' AND s.deleted_at IS NULL
        GROUP BY a.learner_id
    ) per_learner
) learners
"""


# The same figures through a materialised set of the period's sessions: PostgreSQL then probes the
# attendances of just those sessions. Faster for one organisation, slower for the network; the
# baseline is whichever of the two is faster.
HEADLINE_SQL_CTE = """
WITH s AS MATERIALIZED (
    SELECT id, status, duration_minutes, anonymous_count, champion_id, device_support, data_support
    FROM sessions_log_supportsession
    WHERE deleted_at IS NULL AND date BETWEEN %(start)s AND %(end)s {scope_s}
), totals AS (
    SELECT
        count(*) FILTER (WHERE status = 'completed'),
        count(*) FILTER (WHERE status = 'planned'),
        count(*) FILTER (WHERE status = 'cancelled'),
        count(*) FILTER (WHERE status = 'no_show'),
        coalesce(sum(duration_minutes) FILTER (WHERE status = 'completed'), 0) / 60.0,
        coalesce(sum(anonymous_count) FILTER (WHERE status = 'completed'), 0),
        count(DISTINCT champion_id) FILTER (WHERE status = 'completed'),
        count(*) FILTER (WHERE status = 'completed' AND device_support <> ''),
        count(*) FILTER (WHERE status = 'completed' AND data_support <> '')
    FROM s
), per_learner AS (
    SELECT
        a.learner_id,
        count(*) AS n,
        sum(a.confidence_after - a.confidence_before) AS uplift,
        count(a.confidence_after - a.confidence_before) AS rated,
        count(*) FILTER (WHERE a.confidence_after > a.confidence_before) AS better
    FROM sessions_log_attendance a JOIN s ON s.id = a.session_id AND s.status = 'completed'
    GROUP BY a.learner_id
), learners AS (
    SELECT
        count(*),
        count(*) FILTER (WHERE n >= 2),
        sum(uplift)::float / nullif(sum(rated), 0),
        sum(better)::float / nullif(sum(rated), 0)
    FROM per_learner
)
SELECT * FROM totals, learners
"""


def last_12_months(today: dt.date) -> tuple[dt.date, dt.date]:
    try:
        from impact.periods import period_from_preset

        period = period_from_preset("last_12_months", today=today)
        return period.start, period.end
    except ImportError:
        return today - dt.timedelta(days=364), today


def run(args) -> list[Result]:
    bench = Bench(runs=args.runs)
    org = bench.organisation
    # As the portal's own server processes do once loaded (champions_portal/wsgi.py): what is
    # loaded by now stays out of the garbage collector's full passes.
    get_resolver().url_patterns  # noqa: B018 (importing every view is the point)
    gc.freeze()
    only = set(args.only.split(",")) if args.only else None
    want = lambda name: only is None or name in only  # noqa: E731
    urls = find_urls(org)

    from impact.cache import figures_changed

    def org_changed():  # as a session logged by one of its champions
        figures_changed(organisation_id=org.pk)

    def org_lent():  # as a device lent
        figures_changed(organisation_id=org.pk, lending=True)

    if want("organisation dashboard"):
        url = urls["organisation_dashboard"]
        bench.page("organisation dashboard", url and f"{url}?{PERIOD_QUERY}", bench.pm)
        # The same page right after the data behind it changed: the figures are computed
        # again from the rollups (what the first PM to look after a change waits for).
        bench.page(
            "organisation dashboard, first view after a change",
            url and f"{url}?{PERIOD_QUERY}",
            bench.pm,
            before=org_changed,
            runs=10,
        )
    if want("network dashboard"):
        url = urls["network_dashboard"]
        bench.page("network dashboard", url and f"{url}?{PERIOD_QUERY}", bench.admin)
        bench.page(
            "network dashboard, first view after a change",
            url and f"{url}?{PERIOD_QUERY}",
            bench.admin,
            before=org_changed,  # one organisation's change moves the network's figures on
            runs=10,
        )
        # A loan moves the organisation's lending figures alone (impact/network_sum.py).
        bench.page(
            "network dashboard, first view after a loan",
            url and f"{url}?{PERIOD_QUERY}",
            bench.admin,
            before=org_lent,
            runs=10,
        )

    start, end = last_12_months(timezone.localdate())

    def variants(scope_s: str, scope_a: str) -> dict[str, str]:
        return {
            "flat": HEADLINE_SQL.format(scope_s=scope_s, scope_a=scope_a),
            "cte": HEADLINE_SQL_CTE.format(scope_s=scope_s),
        }

    if want("organisation dashboard"):
        bench.bare_sql(
            "organisation headline, bare SQL",
            variants("AND organisation_id = %(org)s", "AND a.organisation_id = %(org)s"),
            {"start": start, "end": end, "org": org.pk},
        )
    if want("network dashboard"):
        bench.bare_sql("network headline, bare SQL", variants("", ""), {"start": start, "end": end})

    if want("session list"):
        bench.page("session list", urls["my_sessions"], bench.champion)
        deep_page(bench, "session list", urls["my_sessions"], bench.champion)
    if want("session list (PM)"):
        bench.page("session list (PM)", urls["all_sessions"], bench.pm)
        deep_page(bench, "session list (PM)", urls["all_sessions"], bench.pm)
        offset_or_keyset(bench)
    form_url = urls["session_form"]
    if want("session form GET"):
        bench.page("session form GET", form_url, bench.champion)
    if want("session form POST"):

        def valid_post(client):
            page = client.get(form_url)
            return fill_form(page.content.decode(), today=timezone.localdate())

        bench.page(
            "session form POST",
            form_url,
            bench.champion,
            method="post",
            data_for=valid_post if form_url else None,
            expect=(302, 303),
        )
    if want("toolkit search"):
        url = urls["toolkit_search"]
        bench.page("toolkit search", url and f"{url}?q=scam", bench.champion)
    if want("home (PM)"):
        bench.page("home (PM)", urls["home"], bench.pm)
    if want("home (champion)"):
        bench.page("home (champion)", urls["home"], bench.champion)
    if want("learner list"):
        bench.page("learner list", urls["learner_list"], bench.champion)
        deep_page(bench, "learner list (PM)", urls["learner_list"], bench.pm)
    if want("CSV export"):
        csv_export(bench, urls["sessions_csv"])
    if want("PDF report"):
        url = urls["report_pdf"]
        bench.page("PDF report", url and f"{url}?{PERIOD_QUERY}", bench.pm, consume=True)
    if want("weekly summaries"):
        bench.timed_call(
            "weekly summaries (250 orgs)",
            60,
            lambda: command("send_impact_summaries", kind="weekly"),
        )
    if want("reminder scan"):
        bench.timed_call("reminder scan (5,000 champions)", 10, lambda: command("send_reminders"))
    lending(bench, want)
    return bench.results


def lending(bench: Bench, want) -> None:
    """The lending library on the largest organisation's stock (bench/dataset/device_rows.py):
    the stock list, filtered, a device's page with its loans, and a loan's save through the
    device's lend form (each run first returns and wipes the device, untimed)."""
    try:
        from devices import services as lending_services
        from devices.models import Device
    except ImportError:
        return
    from learners.models import Learner

    stock = reverse("devices:stock")
    if want("stock list (PM)"):
        bench.page("stock list (PM)", stock, bench.pm)
        deep_page(bench, "stock list (PM)", stock, bench.pm)
    if want("stock list (filtered)"):
        bench.page("stock list (filtered)", f"{stock}?status=on_loan&kind=laptop", bench.pm)
    device = (
        Device.objects.for_organisation(bench.organisation).order_by("-loan_count", "pk").first()
    )
    if device is None:
        return
    if want("device page"):
        bench.page("device page", reverse("devices:detail", args=[device.public_id]), bench.pm)
    if want("loan save (lend form POST)"):
        learner = Learner.objects.for_organisation(bench.organisation).first()
        today = timezone.localdate()

        def back_in_stock():
            device.refresh_from_db()
            loan = device.loans.filter(returned_on__isnull=True, lost_on__isnull=True).first()
            if loan is not None:
                lending_services.loan_return(
                    loan=loan, returned_on=today, condition="good", returned_to=bench.pm
                )
            device.refresh_from_db()
            if device.status == "needs_wipe":
                lending_services.wipe_record(
                    device=device, wiped_by=bench.pm, wiped_on=today, method="factory_reset"
                )

        bench.page(
            "loan save (lend form POST)",
            reverse("devices:lend", args=[device.public_id]),
            bench.pm,
            method="post",
            before=back_in_stock,
            data_for=lambda client: {
                "learner": learner.reference,
                "issued_on": today.isoformat(),
                "due_on": (today + dt.timedelta(days=28)).isoformat(),
                "agreement_accepted": "on",
            },
            expect=(302,),
        )


DEEP_PAGE = 50
_NEXT_LINK = re.compile(r'<a class="page-link" rel="next" href="\?([^"]*)">')


def deep_page(bench: Bench, name: str, url: str | None, user, pages: int = DEEP_PAGE) -> Result:
    """The same list DEEP_PAGE pages in, reached as a person would, by following the "next"
    link (untimed); then that page timed like the first. Keyset pages cost the same at any
    depth; OFFSET pages grow with it (see offset_or_keyset)."""
    page_url, reached = url, 1
    if url:
        client = bench.client_for(user)
        while reached < pages:
            found = _NEXT_LINK.search(client.get(page_url).content.decode())
            if not found:
                break
            page_url, reached = f"{url}?{html.unescape(found.group(1))}", reached + 1
    result = bench.page(f"{name}, page {pages}", page_url, user)
    result.target_ms = TARGETS_MS.get(name)
    if url and reached < pages:
        result.note = f"the list ends at page {reached}: that page timed"
    return result


def offset_or_keyset(bench: Bench) -> None:
    """The PM's session list's rows for page 1, page DEEP_PAGE and the last page, read the old
    way (COUNT(*) of the whole list, then OFFSET) and by keyset (a count up to 1,000, then the
    rows after the cursor): the queries alone, so the two ways compare without the page
    around them."""
    from django.http import QueryDict

    from core.paging import NEXT, _encode, _keys, keyset_page
    from organisations.models import Membership
    from sessions_log import selectors

    membership = Membership.objects.get(user=bench.pm, organisation=bench.organisation)
    qs = selectors.session_list(membership=membership, filters={}, mine=False)
    order = selectors.SESSION_LIST_ORDER
    total, per_page = qs.count(), 25

    def by_offset(number):
        start = (number - 1) * per_page

        def read():
            qs.count()
            list(qs[start : start + per_page])

        return read

    def by_keyset(number):
        params = QueryDict(mutable=True)
        if number > 1:  # the cursor the link to page `number` carries: after the row before it
            edge = qs.order_by(*order)[(number - 1) * per_page - 1]
            params["cursor"] = _encode("sessions", NEXT, _keys(qs, order), edge)

        def read():
            keyset_page(qs, order=order, params=params, list_name="sessions", per_page=per_page)

        return read

    last = max(1, -(-total // per_page))
    for number in sorted({1, min(DEEP_PAGE, last), last}):
        for way, make in (("OFFSET", by_offset), ("keyset", by_keyset)):
            result = Result(name=f"session rows, page {number:,} by {way}")
            read = make(number)
            times = []
            for i in range(bench.warmup + bench.runs):
                started = time.perf_counter()
                read()
                if i >= bench.warmup:
                    times.append((time.perf_counter() - started) * 1000)
            result.runs = len(times)
            result.median_ms = round(statistics.median(times), 1)
            result.p95_ms = round(percentile(times, 95), 1)
            result.queries = result.queries_max = 2
            result.note = f"{total:,} sessions in the list" if number == 1 else ""
            result.extra["comparison"] = True
            bench.results.append(result)


def csv_export(bench: Bench, url: str | None) -> None:
    """Time the whole stream (median/p95 over fewer runs: each moves tens of thousands of rows),
    then one more run under tracemalloc for the peak memory, and one of last month's rows:
    constant memory means the two peaks are alike however many more rows the year has. The
    target is the time 50,000 rows a second allows (issue 18), at most issue 7's 3 s."""
    name = "CSV export (1 org, 12 months)"
    if not url:
        bench.results.append(Result(name=name, status="not available yet"))
        return
    url = f"{url}?{PERIOD_QUERY}"
    runs = max(5, bench.runs // 3)
    saved, bench.runs = bench.runs, runs
    result = bench.page(name, url, bench.pm, consume=True)
    bench.runs = saved
    if result.status != "ok":
        return
    rows, size, peak, streamed = _stream_measured(bench, url)
    short_rows, _size, short_peak, _streamed = _stream_measured(
        bench, url.replace(PERIOD_QUERY, "period=last_month")
    )
    # Issue 18: at least CSV_ROWS_PER_SECOND (and issue 7's 3 s for the whole file).
    result.target_ms = min(3000, max(1, int(rows * 1000 / CSV_ROWS_PER_SECOND)))
    rate = rows / (result.p95_ms / 1000) if result.p95_ms else 0
    result.extra.update(
        rows=rows,
        megabytes=round(size / 1e6, 1),
        streaming=streamed,
        rows_per_second_at_p95=round(rate),
        rows_per_second_at_median=round(rows / (result.median_ms / 1000)) if rows else 0,
        peak_python_memory_mb=round(peak / 1e6, 1),
        peak_python_memory_mb_last_month=round(short_peak / 1e6, 1),
        rows_last_month=short_rows,
    )
    result.note = (
        f"{rows:,} rows, {size / 1e6:.1f} MB, {rate:,.0f} rows/s at p95; peak memory "
        f"{peak / 1e6:.1f} MB ({short_peak / 1e6:.1f} MB for last month's {short_rows:,} rows)"
        + ("" if streamed else " (NOT streamed)")
    )


CSV_ROWS_PER_SECOND = 50_000


def _stream_measured(bench: Bench, url: str) -> tuple[int, int, int, bool]:
    """(rows, bytes, peak Python memory, streamed?) of one download read to the end: constant
    memory means the peak does not grow with the rows."""
    client = bench.client_for(bench.pm)
    tracemalloc.start()
    response = client.get(url)
    rows = size = 0
    for chunk in response.streaming_content if response.streaming else [response.content]:
        rows += chunk.count(b"\n")
        size += len(chunk)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return max(rows - 1, 0), size, peak, bool(response.streaming)


def command(name: str, **wanted: str) -> str:
    """Run `manage.py <name> --dry-run`, passing the options in `wanted` the command has (e.g.
    --kind weekly); returns its last line of output."""
    commands = get_commands()
    if name not in commands:
        raise _Missing(f"manage.py {name} does not exist yet")
    parser = load_command_class(commands[name], name).create_parser("manage.py", name)
    known = {opt for action in parser._actions for opt in action.option_strings}
    args = ["--dry-run"] if "--dry-run" in known else []
    for option, value in wanted.items():
        if f"--{option}" in known:
            args += [f"--{option}", value]
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=io.StringIO())
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    return f"{' '.join(args)}: {len(lines)} lines of output" + (
        f"; last: {lines[-1][:120]}" if lines else ""
    )


def print_table(results: list[Result]) -> None:
    header = f"{'what':34} {'runs':>4} {'median ms':>10} {'p95 ms':>8} {'target':>7} {'queries':>8}  verdict"
    print()
    print(header)
    print("-" * len(header))
    for r in results:
        target = f"{r.target_ms}" if r.target_ms else ""
        queries = (
            ""
            if r.queries is None
            else f"{r.queries}"
            + (f"-{r.queries_max}" if r.queries_max and r.queries_max != r.queries else "")
        )
        median = "" if r.median_ms is None else f"{r.median_ms:.1f}"
        p95 = "" if r.p95_ms is None else f"{r.p95_ms:.1f}"
        print(
            f"{r.name:34} {r.runs:>4} {median:>10} {p95:>8} {target:>7} {queries:>8}  {r.verdict}"
        )
        if r.note:
            print(f"{'':34}   {r.note}")


def ratios(results: list[Result]) -> dict:
    by_name = {r.name: r for r in results}
    out = {}
    for page, sql in (
        ("organisation dashboard", "organisation headline, bare SQL"),
        ("network dashboard", "network headline, bare SQL"),
    ):
        p, s = by_name.get(page), by_name.get(sql)
        if p and s and p.median_ms and s.median_ms:
            out[page] = {
                "page_median_ms": p.median_ms,
                "sql_median_ms": s.median_ms,
                "ratio_median": round(p.median_ms / s.median_ms, 2),
                "ratio_p95": round(p.p95_ms / s.p95_ms, 2),
            }
    return out


def data_set_size() -> dict:
    with connection.cursor() as cursor:
        sizes = {}
        for label, table in (
            ("organisations", "organisations_organisation"),
            ("people", "accounts_user"),
            ("learners", "learners_learner"),
            ("sessions", "sessions_log_supportsession"),
            ("attendances", "sessions_log_attendance"),
            ("devices", "devices_device"),
            ("loans", "devices_loan"),
        ):
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            sizes[label] = cursor.fetchone()[0]
        cursor.execute("SELECT to_regclass('toolkit_resource')")
        if cursor.fetchone()[0]:
            cursor.execute("SELECT count(*) FROM toolkit_resource")
            sizes["toolkit resources"] = cursor.fetchone()[0]
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", default="")
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument(
        "--scale",
        choices=["large", "national"],
        default="large",
        help="the data set: large (a million sessions) or national (ten million); "
        "NATIONAL_FRACTION=0.01 builds a slice of it",
    )
    args = parser.parse_args()
    if args.runs < 30:
        print(f"note: {args.runs} runs is fewer than the 30 the issue asks for")

    db = settings.DATABASES["default"]["NAME"]
    fraction = os.environ.get("NATIONAL_FRACTION")
    slice_note = f" (a {float(fraction):g} slice)" if fraction and float(fraction) != 1 else ""
    print(f"Benchmark: scale {args.scale}{slice_note}, database {db}")
    call_command("migrate", interactive=False, verbosity=0)
    if not args.skip_seed:
        started = time.monotonic()
        call_command("seed_demo", scale=args.scale)
        print(f"Data set ready in {time.monotonic() - started:.0f}s")
    sizes = data_set_size()
    print("Data set: " + ", ".join(f"{v:,} {k}" for k, v in sizes.items()))

    results = run(args)
    print_table(results)
    page_sql = ratios(results)
    for page, r in page_sql.items():
        verdict = "meets target" if r["ratio_median"] <= 1.5 else "above the 1.5 target"
        print(f"{page}: page/SQL = {r['ratio_median']} (median), {r['ratio_p95']} (p95): {verdict}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    payload = {
        "when": stamp,
        "database": db,
        "scale": args.scale + slice_note,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "data_set": sizes,
        "runs_per_page": args.runs,
        "results": [asdict(r) | {"verdict": r.verdict} for r in results],
        "page_sql_ratio": page_sql,
    }
    latest = "latest.json" if args.scale == "large" else f"latest-{args.scale}.json"
    for path in (RESULTS / f"{stamp}.json", RESULTS / latest):
        path.write_text(json.dumps(payload, indent=2, default=str))
    print(f"\nWritten to bench/results/{stamp}.json (and {latest})")


if __name__ == "__main__":
    main()
