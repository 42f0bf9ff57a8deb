"""Project managers use an authenticator too (issue 19, point 8): told the end of their grace
week at sign-in, then, once it has passed, sent to set one up, with recovery codes."""

import re
import time
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.utils import timezone

from accounts.models import User
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def _sign_in_with_password(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_a_pm_in_their_grace_week_is_told_the_end_date(page, live_server, org_a, axe_check):
    _sign_in_with_password(page, live_server, org_a.pm)
    page.wait_for_url(live_server.url + "/")
    ends = timezone.localtime(User.objects.get(pk=org_a.pm.pk).mfa_grace_started_at) + timedelta(
        days=7
    )
    page.get_by_text(f"on {ends:%A} {ends.day} {ends:%B %Y}").wait_for()
    axe_check(page)
    page.get_by_role("link", name="Set one up now").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))


def test_after_the_grace_a_pm_sets_up_an_app_and_gets_recovery_codes(
    page, live_server, org_a, axe_check
):
    User.objects.filter(pk=org_a.pm.pk).update(
        mfa_grace_started_at=timezone.now() - timedelta(days=8)
    )
    _sign_in_with_password(page, live_server, org_a.pm)
    # Straight to the set-up, without typing the password a second time.
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    page.get_by_text("the week to set one up has ended").wait_for()
    axe_check(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    for _attempt in range(3):
        page.get_by_label("Authenticator code").fill(_code(secret))
        page.get_by_role("button", name="Activate", exact=True).click()
        page.wait_for_load_state("load")
        if "/totp/activate/" not in page.url:
            break
        time.sleep(30 - time.time() % 30 + 1)  # typed as the code's 30 seconds ran out
    page.wait_for_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    assert len(page.get_by_label("Unused codes").input_value().split()) >= 10
    axe_check(page)
    page.goto(live_server.url + "/organisation/members/")
    assert page.url == live_server.url + "/organisation/members/"
    assert not page.errors, page.errors
