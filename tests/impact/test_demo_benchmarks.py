"""The demo `make run` loads (`seed_demo --scale small`) holds enough organisations for the demo
organisation's benchmarks: Riverside's dashboard shows the median of its sector and of the
network beside each figure, and its board report's first page says what changed for people,
how that compares, and one person's story told with consent (issue 15, "done means"). The demo
is built on the day it runs; the clock is pinned to half past midnight on the first of a month
(the awkward moment for "the last 12 months" and the period before it), once, rather than run
at every moment of the date matrix: one seed of the demo takes about half a minute."""

import re
from datetime import datetime

import time_machine
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from tests.clock import UK
from tests.impact.pdf_text import first_page_text, rendered_html

PEOPLE_COMPARED = re.compile(
    r"\d+ people is (more than|fewer than|about the same as) the median organisation helped"
)
MEDIAN = re.compile(r"^\d+(\.\d+)?%?$")  # "240", "5.5" or "62%": a figure, not "—"
BENCHMARK_ROW = re.compile(
    r'<th scope="row" class="fw-normal">(?P<label>[^<]+)</th>\s*'
    r'<td class="text-end">(?P<value>[^<]*)</td>\s*'
    r'<td class="text-end">(?P<sector>[^<]*)</td>\s*'
    r'<td class="text-end">(?P<network>[^<]*)</td>'
)


def _benchmark_rows(page: str) -> tuple[str, dict]:
    section = page.split('aria-labelledby="benchmarks-heading"', 1)[1].split("</section>", 1)[0]
    return section, {m["label"]: m for m in BENCHMARK_ROW.finditer(section)}


@time_machine.travel(datetime(2027, 3, 1, 0, 30, tzinfo=UK), tick=True)
def test_the_demo_compares_riverside_with_its_sector_and_the_network(db, client_for, monkeypatch):
    """One test, for one seed of the demo (about 25 s on the shared machine)."""
    call_command("seed_demo", "--scale", "small", verbosity=0)
    client = client_for(User.objects.get(email="pm@riverside.example"))

    # The dashboard (the last 12 months): each figure beside both medians, said in words too.
    section, rows = _benchmark_rows(client.get(reverse("impact:organisation")).content.decode())
    assert set(rows) == {
        "People supported",
        "Sessions completed",
        "Hours of support",
        "Can now do it on their own (follow-up)",
    }
    for label, row in rows.items():
        assert MEDIAN.match(row["value"].strip()), (label, row["value"])
        assert MEDIAN.match(row["sector"].strip()), (label, row["sector"])
        assert MEDIAN.match(row["network"].strip()), (label, row["network"])
    assert "too few to compare" not in section
    assert PEOPLE_COMPARED.search(section), section  # how the people supported compare
    assert "at the median organisation of the network and " in section  # the follow-up share

    # The board report's first page, as the PDF lays it out.
    rendered = rendered_html(monkeypatch)
    pdf = client.get(reverse("impact:report_pdf"))
    assert pdf.content.startswith(b"%PDF")
    first, pages = first_page_text(rendered[0])
    assert pages >= 2
    assert "What changed for people" in first
    assert "Riverside Housing Association" in first
    assert "followed up can now do what they came for on their own" in first
    assert "How that compares:" in first
    assert "among the 6 in the same sector" in first
    # The four figures, each with both medians: no "—" left in the table.
    table = first.split("Median, whole network", 1)[1].split("A median is the middle value", 1)[0]
    for label in rows:
        assert label in table
    assert "—" not in table
    assert "What Margaret wanted:" in first and "Told with their consent." in first
    assert "Figures computed on" in first
    assert "Headline figures" not in first  # the detail starts on page 2
