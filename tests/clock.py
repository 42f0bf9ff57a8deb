"""Run the suite with the clock at a chosen moment: `pytest --clock 2028-02-29T23:30` (UK local
time), or TEST_CLOCK=... in the environment. The clock is moved before the test modules are
imported, so module-level dates (TODAY = timezone.localdate()) follow it, and it keeps ticking.

`make test` runs the tests marked `dates` once at each moment of DATE_MATRIX (scripts/
date_matrix.sh): the first and last day of a month, 29 February, 31 December and the days
British Summer Time starts and ends, each half an hour after midnight and before the next.
PostgreSQL's own clock is not moved, so the project never asks the database for today."""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

UK = ZoneInfo("Europe/London")

DATE_MATRIX = [
    f"{day}T{time}"
    for day in (
        "2027-03-01",  # the first of a month
        "2027-04-30",  # the last of a month
        "2028-02-29",  # a leap day
        "2026-12-31",  # the last of a year
        "2027-03-28",  # British Summer Time starts (01:00 GMT)
        "2027-10-31",  # British Summer Time ends (02:00 BST)
    )
    for time in ("00:30", "23:30")
]
_TRAVELLER = pytest.StashKey[time_machine.travel]()


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get("TEST_CLOCK", ""),
        help="UK local time to run the tests at, e.g. 2028-02-29T23:30",
    )


def pytest_configure(config):
    value = config.getoption("--clock")
    if not value:
        return
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UK)
    traveller = time_machine.travel(moment, tick=True)
    traveller.start()
    config.stash[_TRAVELLER] = traveller


def pytest_report_header(config):
    value = config.getoption("--clock")
    return f"clock: {value} (UK time)" if value else None


def pytest_unconfigure(config):
    traveller = config.stash.get(_TRAVELLER, None)
    if traveller is not None:
        traveller.stop()
