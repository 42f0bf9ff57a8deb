"""Pin the exact queries a request makes, with a name for each, so a test says what every query
is for and fails when one is added or lost (healthchecks' query-count tests, with the comments
in the code rather than beside it)."""

from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def exactly(expected: list[str]):
    """The block runs exactly one query per name in `expected`, whatever the data size."""
    with CaptureQueriesContext(connection) as context:
        yield
    ran = [q["sql"] for q in context.captured_queries]
    if len(ran) != len(expected):
        lines = [f"Expected {len(expected)} queries, {len(ran)} ran:"]
        for i in range(max(len(ran), len(expected))):
            name = expected[i] if i < len(expected) else "(not expected)"
            sql = ran[i][:160] if i < len(ran) else "(did not run)"
            lines.append(f"  {i + 1:2}. {name:<40} {sql}")
        raise AssertionError("\n".join(lines))
