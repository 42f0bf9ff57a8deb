"""The floor's simulated people for `make loadtest` (bench/loadtest.py): signed-in champions who ask
for /bench/floor, a view that does nothing (core/bench_floor.py), so every request pays the
middleware (session, user, language, CSP, tenancy, MFA) and gunicorn, and nothing else.

They pause 0 to 0.2 s, not the 2 to 8 s a person does: a bare view answers in a few milliseconds,
so people who pause like people would need hundreds of times more of them to reach what the
machine serves, and on two cores the load generator would then be measuring itself."""

from __future__ import annotations

import itertools

from locust import HttpUser, between, task

from bench.locustfile import COOKIE, USERS

FLOOR_PATH = "/bench/floor"
_champions = itertools.cycle(USERS["champions"])


class FloorPerson(HttpUser):
    wait_time = between(0, 0.2)

    def on_start(self):
        self.client.cookies.set(COOKIE, next(_champions))

    @task
    def floor(self):
        with self.client.get(FLOOR_PATH, name="bench floor", catch_response=True) as response:
            if response.status_code != 200 or response.text != "ok":
                response.failure(f"HTTP {response.status_code}")
