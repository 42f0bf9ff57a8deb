"""Every CSV the portal writes neutralises text a spreadsheet would run as a formula (CSV
injection): each hostile value is written through each export and read back with a leading '."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from core.csv_export import neutralise, safe_writer
from tests.factories import MembershipFactory, OrganisationFactory, TeamFactory, UserFactory
from tests.sessions_log.factories import AttendanceFactory, SupportSessionFactory

HOSTILE = [
    '=HYPERLINK("http://x.example","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\t=1",
    "\r=1",
]


def _read(response) -> list[list[str]]:
    if response.streaming:
        text = b"".join(response.streaming_content).decode()
    else:
        text = response.content.decode()
    return list(csv.reader(io.StringIO(text, newline="")))


def _cells(rows) -> set[str]:
    return {cell for row in rows for cell in row}


@pytest.mark.parametrize("value", HOSTILE)
def test_text_that_starts_a_formula_is_prefixed(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize(
    "value", [-3, 0, 2.5, -0.5, Decimal("-1.25"), None, "", "Central library", "a=b", "'=1"]
)
def test_numbers_and_plain_text_are_left_alone(value):
    assert neutralise(value) == value


def test_dates_stay_dates():
    day = date(2026, 10, 1)
    assert neutralise(day) is day


def test_the_writer_keeps_negative_numbers_as_numbers():
    buffer = io.StringIO()
    safe_writer(buffer).writerows([["-3", -3, -0.5, Decimal("-2")]])
    assert buffer.getvalue() == "'-3,-3,-0.5,-2\r\n"


@pytest.fixture
def hostile_org(org_a):
    """One team, one champion and one session's venue per hostile value, all today (so the
    export's period holds them whatever the date)."""
    today = timezone.localdate()
    for value in HOSTILE:
        team = TeamFactory(organisation=org_a.organisation, name=value)
        champion = MembershipFactory(
            organisation=org_a.organisation, team=team, user=UserFactory(name=value)
        ).user
        session = SupportSessionFactory(
            organisation=org_a.organisation, champion=champion, team=team, date=today, venue=value
        )
        AttendanceFactory(session=session)
    return org_a


def _period() -> dict:
    today = timezone.localdate()
    return {"period": "custom", "start": str(today - timedelta(days=7)), "end": str(today)}


def test_sessions_csv(hostile_org, client_for):
    response = client_for(hostile_org.pm).get(reverse("impact:sessions_csv"), _period())
    assert response.status_code == 200
    rows = _read(response)
    header, body = rows[0], rows[1:]
    assert len(body) == len(HOSTILE)
    columns = [header.index(c) for c in ("Venue", "Champion", "Team")]
    got = {tuple(row[i] for i in columns) for row in body}
    assert got == {("'" + v,) * 3 for v in HOSTILE}


@pytest.mark.parametrize("table", ["teams", "champions"])
def test_organisation_table_csv(hostile_org, client_for, table):
    response = client_for(hostile_org.pm).get(
        reverse("impact:organisation_table_csv"), {**_period(), "table": table}
    )
    assert response.status_code == 200
    cells = _cells(_read(response))
    for value in HOSTILE:
        assert "'" + value in cells and value not in cells, (table, value)


def test_network_table_csv(db, network_admin, client_for):
    today = timezone.localdate()
    for value in HOSTILE:
        organisation = OrganisationFactory(name=value)
        session = SupportSessionFactory(organisation=organisation, date=today)
        AttendanceFactory(session=session)
    response = client_for(network_admin).get(
        reverse("impact:network_table_csv"), {**_period(), "table": "organisations"}
    )
    assert response.status_code == 200
    cells = _cells(_read(response))
    for value in HOSTILE:
        assert "'" + value in cells and value not in cells, value


def test_import_template_csv(org_a, client_for, monkeypatch):
    """The template is the one CSV the import writes (its problems are listed on the page): its
    example row goes through the same writer."""
    from sessions_log import importing

    monkeypatch.setattr(importing, "EXAMPLE", HOSTILE)
    response = client_for(org_a.pm).get(reverse("sessions_log:import_template"))
    assert response.status_code == 200
    rows = _read(response)
    assert rows[0] == importing.COLUMNS
    assert rows[1] == ["'" + v for v in HOSTILE]


ROOT = Path(__file__).resolve().parents[2]
BARE_WRITER = re.compile(r"\bcsv\.(writer|DictWriter)\(")


def test_no_csv_is_written_but_through_the_one_writer():
    """A new export with a bare csv.writer would write formulas raw again: use safe_writer.
    (Tests and the benchmark write CSV for themselves, not for people to open.)"""
    skip = {"tests", "bench", "node_modules", "static"}
    sources = [*ROOT.glob("*.py")]
    for folder in ROOT.iterdir():  # not .venv, .git and the like
        if folder.is_dir() and not folder.name.startswith((".", "_")) and folder.name not in skip:
            sources += folder.rglob("*.py")
    bare = [
        str(path.relative_to(ROOT))
        for path in sources
        if path != ROOT / "core" / "csv_export.py"
        and BARE_WRITER.search(path.read_text(errors="replace"))
    ]
    assert bare == []
