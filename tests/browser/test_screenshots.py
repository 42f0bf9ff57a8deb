"""`make screenshots`: the main pages of each role, on the small demo data, at a phone and a
desktop size, saved to docs/screenshots/. Skipped in the normal test run."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.test_roles import sign_in_admin

pytestmark = [
    pytest.mark.screenshots,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("SCREENSHOTS"), reason="run with make screenshots"),
]

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEMO_PASSWORD = "champions-demo-2026"

PAGES = {
    "champion": [
        ("home", "/"),
        ("log-a-session", "/sessions/log/"),
        ("my-sessions", "/sessions/"),
        ("my-impact", "/impact/mine/"),
        ("toolkit", "/toolkit/"),
        ("toolkit-search", "/toolkit/search/?q=scam"),
    ],
    "pm": [
        ("home", "/"),
        ("organisation-dashboard", "/impact/organisation/"),
        ("champions", "/organisation/members/"),
        ("learners", "/learners/"),
        ("curate-toolkit", "/toolkit/manage/"),
        ("learners-feedback", "/organisation/feedback/"),
    ],
    "admin": [
        ("organisations", "/network/organisations/"),
        ("network-dashboard", "/impact/network/"),
        ("toolkit-usage", "/toolkit/usage/"),
    ],
}
EMAILS = {"champion": "champion@riverside.example", "pm": "pm@riverside.example"}


@pytest.fixture
def demo_data(db):
    call_command("seed_demo", "--scale", "small", verbosity=0)


@pytest.mark.parametrize("role", list(PAGES))
def test_screenshots(role, page, live_server, demo_data):
    from accounts.models import User

    if role == "admin":
        admin = User.objects.get(email="admin@network.example")
        admin.set_password("correct-horse-battery-staple")
        admin.save()
        sign_in_admin(page, live_server, admin)
    else:
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Email").fill(EMAILS[role])
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(live_server.url + "/")
    size = "phone" if page.viewport_size["width"] < 600 else "desktop"
    OUT.mkdir(parents=True, exist_ok=True)
    for name, path in PAGES[role]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=OUT / f"{role}-{name}-{size}.png", full_page=True)
