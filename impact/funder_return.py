"""The quarterly funder return: one row of an organisation's figures for a period, in a fixed
column layout (docs/funder-return.md) a funder can load into their own sheet quarter after
quarter. The same row makes the CSV and the spreadsheet, and it reads the same figures as the
dashboard (impact.selectors), so the return and the dashboard never disagree.

The headers are fixed English identifiers, not translated: a funder's import reads them by name
whatever language the person who downloaded the file reads the portal in."""

import io

from django.utils import timezone

from . import selectors
from .cache import cached
from .periods import Period
from .scope import Scope

# The layout: never reorder or rename; add new columns only at the end (docs/funder-return.md).
COLUMNS = [
    "organisation",
    "organisation_id",
    "sector",
    "region",
    "period_start",
    "period_end",
    "people_supported",
    "learners_with_record",
    "sessions_completed",
    "hours_of_support",
    "champions_active",
    "confidence_uplift",
    "more_confident_share",
    "repeat_learner_share",
    "devices_given",
    "sims_or_data_given",
    "follow_up_checks",
    "can_do_alone_share",
    "uses_an_online_service_share",
    "progressed_share",
    "feedback_answers",
    "feedback_more_confident_share",
    "feedback_would_recommend_share",
    "funding_gbp",
    "cost_per_person_gbp",
    "figures_computed_at",
]


def _blank(value):
    return "" if value is None else value


def _headline(*, scope: Scope, period: Period) -> dict:
    return {
        "headline": selectors.headline(scope=scope, period=period),
        "computed_at": timezone.now(),
    }


def funder_return_row(*, organisation, period: Period) -> list:
    """The return's one row of values, in COLUMNS order: the headline (cached under the
    organisation's version, like the dashboard's), follow-up outcomes, learners' feedback and
    funding (a fixed number of queries)."""
    scope = Scope(organisation=organisation)
    found = cached(_headline, scope=scope, period=period)
    h = found["headline"]
    outcomes = selectors.outcomes(scope=scope, period=period)
    voice = selectors.learners_voice(scope=scope, period=period) or {}
    costs = selectors.cost_figures(organisation=organisation, period=period, headline=h)
    answers = voice.get("answers", 0)
    values = {
        "organisation": organisation.name,
        "organisation_id": str(organisation.public_id),
        "sector": organisation.sector,
        "region": organisation.region,
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "people_supported": h.people_supported,
        "learners_with_record": h.learners_supported,
        "sessions_completed": h.sessions_completed,
        "hours_of_support": h.hours,
        "champions_active": h.active_champions,
        "confidence_uplift": _blank(h.confidence_uplift),
        "more_confident_share": _blank(h.more_confident_share),
        "repeat_learner_share": _blank(h.repeat_learner_share),
        "devices_given": h.devices_given,
        "sims_or_data_given": h.data_support_given,
        "follow_up_checks": outcomes["checks"],
        "can_do_alone_share": _blank(outcomes["alone_share"]),
        "uses_an_online_service_share": _blank(outcomes["any_service_share"]),
        "progressed_share": _blank(outcomes["any_progress_share"]),
        # Under 5 answers the count is suppressed as on the dashboard ("fewer than 5").
        "feedback_answers": answers if isinstance(answers, int) else "<5",
        "feedback_more_confident_share": _blank(voice.get("more_confident_share")),
        "feedback_would_recommend_share": _blank(voice.get("recommend_share")),
        "funding_gbp": _blank(costs and costs["funding"]),
        "cost_per_person_gbp": _blank(costs and costs["per_person"]),
        "figures_computed_at": timezone.localtime(found["computed_at"]).isoformat(
            timespec="seconds"
        ),
    }
    return [values[column] for column in COLUMNS]


def funder_return_xlsx(*, row: list) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Funder return"
    for number, (column, value) in enumerate(zip(COLUMNS, row, strict=True), start=1):
        sheet.cell(row=1, column=number, value=column).font = Font(bold=True)
        cell = sheet.cell(row=2, column=number, value=value)
        if isinstance(value, str):
            # Text stays text: a name starting "=" is never read as a formula.
            cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
