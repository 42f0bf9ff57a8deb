"""`make loadtest`: a day on the portal, compressed. Champions log sessions, look at their list
and search the toolkit; project managers open their dashboard; a network admin opens the network
dashboard. People pause between clicks as people do.

Run by bench/loadtest.py (started by bench/loadtest.sh, which starts gunicorn and prepares
bench/results/load_users.json), which steps the number of these people up and measures each step.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import sys
from pathlib import Path

from locust import HttpUser, between, task

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.formfill import fill_form  # noqa: E402

USERS = json.loads((ROOT / "bench" / "results" / "load_users.json").read_text())
URLS = USERS["urls"]
COOKIE = USERS["cookie"]
PERIOD = URLS["period_query"]
SEARCH_WORDS = ["scam", "email", "nhs app", "banking", "password", "video call", "universal credit"]
PRESETS = ["last_12_months", "last_12_months", "this_month", "last_3_months", "financial_year"]

_sessions = {role: itertools.cycle(USERS[role]) for role in ("champions", "pms", "admins")}


class _Person(HttpUser):
    abstract = True
    wait_time = between(2, 8)
    role = ""

    def on_start(self):
        self.client.cookies.set(COOKIE, next(_sessions[self.role]))

    def open(self, key: str, query: str = "", name: str | None = None):
        url = URLS.get(key)
        if not url:
            return None
        with self.client.get(
            url + (f"?{query}" if query else ""), name=name or key, catch_response=True
        ) as response:
            if response.status_code == 0:  # no answer at all: say why
                response.failure(f"no answer: {type(response.error).__name__}: {response.error}")
            elif response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif "/accounts/login/" in response.url:
                response.failure("signed out")
            return response


class Champion(_Person):
    weight = 8
    role = "champions"

    @task(3)
    def log_a_session(self):
        page = self.open("session_form", name="session form GET")
        if page is None or page.status_code != 200:
            return
        data = fill_form(page.text, today=dt.date.today())
        with self.client.post(
            URLS["session_form"],
            data=data,
            name="session form POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in (302, 303):
                response.failure(f"HTTP {response.status_code}: form not accepted")

    @task(3)
    def session_list(self):
        self.open("my_sessions", name="session list")

    @task(3)
    def toolkit_search(self):
        self.open("toolkit_search", f"q={random.choice(SEARCH_WORDS)}")

    @task(2)
    def home(self):
        self.open("home")

    @task(1)
    def learner_list(self):
        self.open("learner_list")


class ProjectManager(_Person):
    weight = 2
    role = "pms"

    @task(4)
    def dashboard(self):
        self.open("organisation_dashboard", f"period={random.choice(PRESETS)}")

    @task(2)
    def session_list(self):
        self.open("all_sessions", name="session list (PM)")

    @task(1)
    def home(self):
        self.open("home")


class NetworkAdmin(_Person):
    weight = 1
    fixed_count = 1
    role = "admins"

    @task
    def network_dashboard(self):
        self.open("network_dashboard", PERIOD, name="network dashboard")
