"""Shared people: per organisation a PM and a champion, plus an outsider organisation with its own
PM and champion, and a network admin (with an authenticator, as the portal requires)."""

import zlib
from dataclasses import dataclass

import factory.random
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import User
from organisations.models import Membership, Organisation
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PMMembershipFactory,
    TeamFactory,
    UserFactory,
)
from tests.workers import celery_worker


@dataclass
class OrgPeople:
    organisation: Organisation
    pm: User
    champion: User
    pm_membership: Membership
    champion_membership: Membership


def _org_people(name: str) -> OrgPeople:
    organisation = OrganisationFactory(name=name)
    team = TeamFactory(organisation=organisation, name=f"{name} team")
    pm_membership = PMMembershipFactory(organisation=organisation)
    champion_membership = MembershipFactory(organisation=organisation, team=team)
    return OrgPeople(
        organisation=organisation,
        pm=pm_membership.user,
        champion=champion_membership.user,
        pm_membership=pm_membership,
        champion_membership=champion_membership,
    )


@pytest.fixture
def org_a(db) -> OrgPeople:
    return _org_people("Organisation A")


@pytest.fixture
def org_b(db) -> OrgPeople:
    """The outsider organisation: nobody in org_a may see anything of it."""
    return _org_people("Organisation B")


@pytest.fixture
def network_admin(db) -> User:
    user = UserFactory(is_network_admin=True, email="admin@network.example")
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    assert Authenticator.objects.filter(user=user).exists()
    return user


def record_code_typed(client, user) -> None:
    """Mark the client's session as allauth does when the person types their authenticator's
    code at sign-in (accounts/mfa.py asks for that, not just for an authenticator)."""
    import time

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


@pytest.fixture
def client_for(client):
    """client_for(user) returns the test client signed in as that user, as if they had typed
    their authenticator's code when they have one (no MFA prompt). A project manager without one
    is in their grace period, which starts at their first page."""

    def sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if Authenticator.objects.filter(user=user).exists():
            record_code_typed(client, user)
        return client

    return sign_in


@pytest.fixture(autouse=True)
def _same_made_up_names_every_run(request):
    """Factories draw names from Faker. Seeding it from the test's own id gives each test the same
    people on every run, so a name that happens to contain a button's label ("Townsend" holds
    "Send") fails every time, not one run in fifty."""
    factory.random.reseed_random(zlib.crc32(request.node.nodeid.encode()))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: one test's failed logins must not lock out the
    next test's sign-in."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def playwright():
    """One Playwright driver for the whole run, whichever directory its browser tests are in: a
    second driver started in the same thread while one runs fails ("Sync API inside the asyncio
    loop"). Tests that need their own kind of browser (a persistent profile) launch it from
    this one."""
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's offline switch reaches a service worker's own requests only with this on
    # (tests/browser/test_offline.py); it must be set before the driver starts.
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):
    """One Debian Chromium for the whole run."""
    from tests.browser.conftest import CHROMIUM_ARGS

    chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def real_worker():
    """A real Celery worker thread for the test (tests/workers.py), on this run's own Redis
    database (TEST_CELERY_BROKER_URL) unless the test's module moved the broker first."""
    with celery_worker():
        yield


@pytest.fixture(autouse=True)
def _the_default_language():
    """Each test starts in the site's language: a Welsh page requested by an earlier test in the
    same thread left Welsh active, and a later test's dates were then parsed in Welsh (seen when
    tests/impact ran before tests/devices)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
