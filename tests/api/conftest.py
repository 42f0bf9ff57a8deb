"""Keys and clients for the API tests. `key_for(org_people, ...)` makes a key through the service
(as the PM's page does) and returns (key, secret); `api(secret)` a client sending it."""

import pytest
from rest_framework.test import APIClient

from api.services import api_key_create
from core.vocabulary import SessionFormat, SessionStatus

# The browser tests' fixtures (Chromium, phone and desktop pages, sign-in, axe), for
# test_webhooks_browser.py.
from tests.browser.conftest import axe_check, page, sign_in  # noqa: F401


@pytest.fixture
def key_for():
    def make(people, *, access="read", **kwargs):
        organisation = people.organisation if people is not None else None
        created_by = people.pm if people is not None else None
        return api_key_create(
            organisation=organisation,
            name=kwargs.pop("name", "Test key"),
            access=access,
            created_by=created_by,
            **kwargs,
        )

    return make


@pytest.fixture
def api():
    def client(secret: str | None = None) -> APIClient:
        c = APIClient()
        if secret:
            c.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return c

    return client


@pytest.fixture
def session_payload():
    """A valid one-to-one completed today (any day: today is always allowed), by `champion`."""
    from django.utils import timezone

    def payload(champion, **changes):
        data = {
            "champion": str(champion.public_id),
            "status": SessionStatus.COMPLETED,
            "date": timezone.localdate().isoformat(),
            "duration_minutes": 45,
            "format": SessionFormat.ONE_TO_ONE,
            "mode": "in_person",
            "topics": ["email"],
            "new_learner_names": ["J. S."],
        }
        data.update(changes)
        return data

    return payload


@pytest.fixture
def receiver():
    from tests.api.webhook_receiver import Receiver

    running = Receiver().start()
    yield running
    running.stop()
