"""The board report (issue 15 point 6): a first page that says what changed, how it compares and
one person's story; the organisation's logo; the quarterly funder return as CSV and .xlsx in
its fixed layout (docs/funder-return.md)."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from impact.funder_return import COLUMNS
from impact.models import ProgrammeFunding, ReportLogo
from outcomes.models import OutcomeCheck
from tests.factories import OrganisationFactory
from tests.impact.pdf_text import first_page_text, rendered_html
from tests.queries import exactly
from tests.sessions_log.factories import AttendanceFactory, LearnerFactory, SupportSessionFactory
from tests.stories.tenancy import make_story, png_bytes

pytestmark = pytest.mark.dates

UK = ZoneInfo("Europe/London")
QUARTER = {"period": "custom", "start": "2026-07-01", "end": "2026-09-30"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2026, 10, 5, 9, 0, tzinfo=UK), tick=False):
        yield


@pytest.fixture
def quarter(org_a):
    """July to September 2026 at org_a: two one-to-ones with L1 (60 and 30 minutes, confidence
    2 -> 4 and 3 -> 3) and a drop-in for 4 people (90 minutes): 5 people, 3 hours. Two
    follow-ups, one can do it alone. £500 of funding for the quarter. Five other charities
    help 2, 4, 6, 8 and 12 people."""
    org = org_a.organisation
    learner = LearnerFactory(organisation=org)
    for day, minutes, before, after in ((date(2026, 7, 6), 60, 2, 4), (date(2026, 8, 3), 30, 3, 3)):
        session = SupportSessionFactory(
            organisation=org, champion=org_a.champion, date=day, duration_minutes=minutes
        )
        AttendanceFactory(
            session=session, learner=learner, confidence_before=before, confidence_after=after
        )
    SupportSessionFactory(
        organisation=org,
        champion=org_a.champion,
        date=date(2026, 9, 7),
        duration_minutes=90,
        format="drop_in",
        anonymous_count=4,
    )
    for alone in ("yes", "not_yet"):
        OutcomeCheck.objects.create(
            organisation=org,
            checked_on=date(2026, 9, 1),
            can_do_alone=alone,
            source="learner",
            services_used=["nhs_app"],
        )
    ProgrammeFunding.objects.create(
        organisation=org, start=date(2026, 7, 1), end=date(2026, 9, 30), amount=500
    )
    for people in (2, 4, 6, 8, 12):
        SupportSessionFactory(
            organisation=OrganisationFactory(sector="charity"),
            date=date(2026, 8, 10),
            format="drop_in",
            anonymous_count=people,
        )
    return org_a


def test_the_pdfs_first_page_says_what_changed_how_it_compares_and_one_story(
    quarter, client_for, monkeypatch
):
    make_story(quarter.organisation, uses=("organisation_report", "first_name"))
    rendered = rendered_html(monkeypatch)
    pdf = client_for(quarter.pm).get(reverse("impact:report_pdf"), QUARTER)
    assert pdf.content.startswith(b"%PDF")
    first, pages = first_page_text(rendered[0])
    assert pages >= 2
    assert "What changed for people" in first
    assert (
        "Between 1 July and 30 September 2026, 1 champion gave 3 hours of support to 5 people"
        in first
    )
    assert "50% of the 2 people followed up can now do what they came for on their own" in first
    # Four figures against the previous period and the medians (6 charities, the whole
    # network: 2 4 5 6 8 12 people, median 5.5), said in words too.
    for figure in (
        "People supported",
        "Sessions completed",
        "Hours of support",
        "Can now do it on their own (follow-up)",
    ):
        assert figure in first
    assert (
        "How that compares: 5 people is fewer than the median organisation helped, both across "
        "the network's 6 organisations (5.5) and among the 6 in the same sector (5.5)."
    ) in first
    assert "What Maria wanted:" in first and "She calls them every Sunday on her own" in first
    assert "Figures computed on 5 October 2026" in first
    assert "Headline figures" not in first  # the detail starts on page 2


def test_the_report_carries_cost_per_person_and_the_logo(quarter, client_for):
    client = client_for(quarter.pm)
    logo = SimpleUploadedFile("logo.png", png_bytes())
    assert client.post(reverse("impact:logo"), {"image": logo})["Location"] == reverse(
        "impact:logo"
    )
    assert ReportLogo.objects.get().content_type == "image/png"
    page = client.get(reverse("impact:report"), QUARTER).content.decode()
    assert "£500.00 of funding in this period: £100.00 per person supported" in page
    assert reverse("impact:logo_image") in page
    image = client.get(reverse("impact:logo_image"))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("logo.png", b"GIF89a not a png"), "Use a PNG, JPEG or WebP photo."),
        (
            SimpleUploadedFile("logo.svg", b"<svg onload=alert(1)>"),
            "Use a PNG, JPEG or WebP photo.",
        ),
        (SimpleUploadedFile("logo.png", png_bytes()[:30]), "damaged or not really an image"),
    ],
)
def test_a_logo_is_checked_like_other_images(org_a, client_for, upload, message):
    response = client_for(org_a.pm).post(reverse("impact:logo"), {"image": upload})
    assert response.status_code == 200 and message in response.content.decode()
    assert not ReportLogo.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["impact:logo", "impact:logo_image", "impact:funder_return_csv", "impact:funder_return_xlsx"],
)
def test_only_a_pm_has_the_logo_and_the_funder_return(org_a, client_for, name):
    assert client_for(org_a.champion).get(reverse(name)).status_code == 403


EXPECTED = {
    "people_supported": "5",
    "learners_with_record": "1",
    "sessions_completed": "3",
    "hours_of_support": "3.0",
    "champions_active": "1",
    "confidence_uplift": "1.0",
    "more_confident_share": "0.5",
    "repeat_learner_share": "1.0",
    "follow_up_checks": "2",
    "can_do_alone_share": "0.5",
    "uses_an_online_service_share": "1.0",
    "progressed_share": "0.0",
    "feedback_answers": "0",
    "funding_gbp": "500.00",
    "cost_per_person_gbp": "100.00",
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "sector": "charity",
}


def test_the_funder_return_csv_in_its_fixed_layout(quarter, client_for):
    response = client_for(quarter.pm).get(reverse("impact:funder_return_csv"), QUARTER)
    assert "funder-return-2026-07-01-to-2026-09-30.csv" in response["Content-Disposition"]
    header, row = list(csv.reader(io.StringIO(response.content.decode())))
    assert header == COLUMNS
    found = dict(zip(header, row, strict=True))
    assert {key: found[key] for key in EXPECTED} == EXPECTED
    assert found["organisation"] == "Organisation A"
    assert found["figures_computed_at"].startswith("2026-10-05T09:00:00")


def test_the_funder_return_spreadsheet_holds_the_same_row(quarter, client_for):
    from openpyxl import load_workbook

    quarter.organisation.name = '=HYPERLINK("http://evil.example")'
    quarter.organisation.save()
    client = client_for(quarter.pm)
    response = client.get(reverse("impact:funder_return_xlsx"), QUARTER)
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header == COLUMNS
    found = dict(zip(header, [c for c in sheet[2]], strict=True))
    assert found["people_supported"].value == 5 and found["hours_of_support"].value == 3.0
    assert found["can_do_alone_share"].value == 0.5
    assert found["organisation"].data_type == "s"  # text, never a formula
    assert found["organisation"].value == quarter.organisation.name
    csv_row = list(
        csv.reader(
            io.StringIO(client.get(reverse("impact:funder_return_csv"), QUARTER).content.decode())
        )
    )[1]
    assert csv_row[0].startswith("'=")  # the CSV's own guard against formulas


def test_funder_return_query_count_does_not_grow(quarter, client_for):
    client = client_for(quarter.pm)
    client.get(reverse("home"))
    client.get(reverse("impact:funder_return_csv"), QUARTER)
    for _ in range(5):
        AttendanceFactory(
            session__organisation=quarter.organisation, session__date=date(2026, 8, 1)
        )
    client.get(reverse("impact:funder_return_csv"), QUARTER)  # computed again once
    with exactly(
        [
            "session",
            "user",
            "membership",
            "version of the organisation's figures (the headline is cached)",
            "follow-up checks, now and before",
            "learners' feedback in the period",
            "funding for the period",
            "the audit event",
        ]
    ):
        client.get(reverse("impact:funder_return_csv"), QUARTER)
