"""Every operation in the schema, driven by schemathesis with generated valid and invalid input
against the app itself (WSGI, in this process and this test's database): no 5xx, and every
answer matches the schema (status code, content type, headers and body). Bounded: 20 examples
per operation and mode, so the file runs in well under a minute."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests.sessions_log.factories import LearnerFactory, SupportSessionFactory

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


# The schema is read from the app at collection (it needs no database); the data each case
# meets is made by the fixture below, in the test's own transaction, which the in-process WSGI
# calls share.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
schema.config.generation.update(max_examples=20)


@pytest.fixture
def shared_connection():
    """The WSGI handler closes the database connection after each request when it is not in
    autocommit (close_old_connections), which would end the test's transaction; Django's test
    client disconnects it too while it makes a request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, shared_connection, org_a, key_for, settings):
    settings.API_THROTTLE_RATE = "100000/min"  # the throttle has its own test
    _, secret = key_for(org_a, access="read_write")
    session = SupportSessionFactory(organisation=org_a.organisation, champion=org_a.champion)
    learner = LearnerFactory(organisation=org_a.organisation)
    return {"secret": secret, "session": str(session.public_id), "learner": str(learner.public_id)}


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_within_its_schema(case, world):
    # Path ids point at real objects half the time (the other half, made-up ones: 404s).
    if case.path_parameters and hash(str(case.path_parameters)) % 2:
        kind = "learner" if "/learners/" in case.path else "session"
        case.path_parameters = {"public_id": world[kind]}
    case.call_and_validate(headers={"Authorization": f"Bearer {world['secret']}"}, checks=CHECKS)
