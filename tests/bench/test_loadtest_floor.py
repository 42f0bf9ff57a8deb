"""The load test's floor view (core/bench_floor.py) exists only where the load test turns it on:
not routed unless BENCH_FLOOR_VIEW is set, and then answered through the whole middleware."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve

import champions_portal.urls

ROOT = Path(__file__).resolve().parent.parent.parent


def _reload_urls():
    importlib.reload(champions_portal.urls)
    clear_url_caches()


@pytest.fixture
def floor_routed():
    with override_settings(BENCH_FLOOR_VIEW=True):
        _reload_urls()
        yield
    _reload_urls()  # back to the URLs every other test sees


def test_not_routed_in_a_normal_run(client, org_a):
    assert settings.BENCH_FLOOR_VIEW is False
    with pytest.raises(Resolver404):
        resolve("/bench/floor")
    client.force_login(org_a.champion)
    assert client.get("/bench/floor").status_code == 404


def test_routed_with_the_setting_and_through_the_middleware(client, org_a, floor_routed):
    client.force_login(org_a.champion)
    response = client.get("/bench/floor")
    assert response.status_code == 200
    assert response.content == b"ok"
    # The portal's middleware ran: CSP, clickjacking and the session a signed-in person has.
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.wsgi_request.user == org_a.champion
    assert client.post("/bench/floor").status_code == 405


@pytest.mark.parametrize("value, expected", [(None, "False"), ("true", "True")])
def test_only_the_environment_variable_turns_it_on(value, expected):
    """bench/loadtest.sh sets BENCH_FLOOR_VIEW=true for its own gunicorn; nothing else does."""
    environment = {k: v for k, v in os.environ.items() if k != "BENCH_FLOOR_VIEW"}
    if value is not None:
        environment["BENCH_FLOOR_VIEW"] = value
    environment["DJANGO_SETTINGS_MODULE"] = "champions_portal.settings.test"
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.BENCH_FLOOR_VIEW)",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert shown == expected
