"""Every table on a dashboard as rows for a CSV download: the same figures as the page (from
the same cached context), so the download and the screen always agree. A table reads like the
page: headings and values in words (labels from core.vocabulary, as on the page), and where a
value stands for a code of the vocabulary the code follows in a column of its own at the end,
named `<column>_code`, for machines (Power BI, scripts) that should not depend on wording.
Numbers stay numbers and dates are ISO dates, which every spreadsheet reads as dates."""

import functools
import itertools

from django.contrib.postgres.fields import ArrayField
from django.db.models import CharField, F, Func, QuerySet, TextField, Value
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core import vocabulary
from core.csv_export import neutralise
from sessions_log.models import SupportSession

from .reports import (
    BREAKDOWN_TABLES,
    DEMOGRAPHIC_TITLES,
    DEMOGRAPHIC_VOCAB,
    NOT_ASKED_LABEL,
    table_slug,
)

NOT_ASKED = "not_asked"  # the demographic tables' band for "Not asked" (see reports._label)


def _codes(vocab_name: str) -> dict[str, str]:
    """Label -> code in one vocabulary (labels are unique within each), to give the code beside
    a row the figures carry by its label."""
    codes = {str(label): code for code, label in getattr(vocabulary, vocab_name).choices}
    codes.setdefault(str(NOT_ASKED_LABEL), NOT_ASKED)
    return codes


def _group_rows(rows, first: str, vocab_name: str | None = None) -> tuple[list, list]:
    """A table by team, champion, sector or region; a sector's or region's code at the end."""
    header = [first, _("Sessions"), _("Hours"), _("People"), _("Cancelled"), _("Last session")]
    body = [
        [r["name"], r["completed"], r["hours"], r["people"], r["cancelled"], r["last"] or ""]
        for r in rows
    ]
    if vocab_name:
        codes = _codes(vocab_name)
        header.append(f"{vocab_name.lower()}_code")
        for row, r in zip(body, rows, strict=True):
            row.append(codes.get(r["name"], ""))
    return header, body


def _vocabulary_table(rows, first: str, count: str, vocab_name: str) -> tuple[list, list]:
    codes = _codes(vocab_name)
    return (
        [first, count, "item_code"],
        [[label, n, codes.get(str(label), "")] for label, n in rows],
    )


def dashboard_tables(context: dict) -> dict[str, tuple[list, list]]:
    """slug -> (header, rows) for each table the dashboard shows."""
    figures = context["figures"]
    weekly = figures.get("trend_unit", "month") == "week"
    tables = {
        "trend": (
            [
                _("Week") if weekly else _("Month"),
                _("Sessions"),
                _("Hours"),
                _("People"),
                "week_start" if weekly else "month_start",
            ],
            [
                [r["label"], r["sessions"], r["hours"], r["people"], r["month"].isoformat()]
                for r in figures["trend"]
            ],
        ),
        # Label and value first: what a person reads, and what tests/impact/test_freshness.py
        # compares with every other place the figure is shown.
        "headline": (
            [_("Figure"), _("This period"), _("Previous period"), _("Change"), "figure_code"],
            [
                [r["label"], r["value"], r["previous"], r["change"], r["key"]]
                for r in figures["rows"]
            ],
        ),
    }
    breakdown_vocab = {table_slug(title): vocab for _field, vocab, title in BREAKDOWN_TABLES}
    for table in figures.get("breakdowns", []):
        slug = table["slug"]
        tables[slug] = _vocabulary_table(
            table["rows"], _("Item"), _("Sessions"), breakdown_vocab[slug]
        )
    demographic_vocab = {table_slug(DEMOGRAPHIC_TITLES[f]): v for f, v in DEMOGRAPHIC_VOCAB.items()}
    for table in figures.get("demographics", []):
        slug = table["slug"]
        tables[slug] = _vocabulary_table(
            table["rows"], _("Band"), _("Learners"), demographic_vocab[slug]
        )
    for key, first, vocab_name in (
        ("team_rows", _("Team"), None),
        ("champion_rows", _("Champion"), None),
        ("sector_rows", _("Sector"), "Sector"),
        ("region_rows", _("Nation or region"), "Region"),
    ):
        if key in context:
            tables[key.removesuffix("_rows") + "s"] = _group_rows(context[key], first, vocab_name)
    if "organisation_rows" in context:
        sectors, regions = _codes("Sector"), _codes("Region")
        tables["organisations"] = (
            [
                _("Organisation"),
                _("Sector"),
                _("Nation or region"),
                _("Sessions"),
                _("Hours"),
                _("People"),
                "sector_code",
                "region_code",
            ],
            [
                [
                    r["name"],
                    r["sector"],
                    r["region"],
                    r["completed"],
                    r["hours"],
                    r["people"],
                    sectors.get(r["sector"], ""),
                    regions.get(r["region"], ""),
                ]
                for r in context["organisation_rows"]
            ],
        )
    if context.get("joining"):
        tables["joining"] = (
            [_("Month"), _("Organisations"), _("Champions"), "month_start"],
            [
                [
                    date_format(r["month"], "F Y"),
                    r["organisations"],
                    r["champions"],
                    r["month"].strftime("%Y-%m"),
                ]
                for r in context["joining"]
            ],
        )
    if context.get("lending"):
        tables["lending"] = _lending_table(context["lending"])
    return tables


def _lending_table(lending) -> tuple[list, list]:
    """The lending library's figures (devices.selectors.LendingFigures), as on the page."""
    rows = [
        (_("People helped who were lent a device or given data"), "people_lent_kit"),
        (_("Loans made"), "loans_made"),
        (_("Loans returned"), "loans_returned"),
        (_("Devices in stock now"), "devices_in_stock"),
        (_("Devices on loan now"), "devices_on_loan"),
        (_("Loans overdue now"), "overdue_now"),
        (_("SIM cards given"), "sims_given"),
        (_("Data vouchers given"), "vouchers_given"),
        (_("Data given (GB)"), "gigabytes_given"),
    ]
    return (
        [_("Figure"), _("Number"), "figure_code"],
        [[label, getattr(lending, key), key] for label, key in rows],
    )


# --- The sessions CSV (impact.views.sessions_csv) ------------------------------------------------

# (heading in words, the field read, its vocabulary or None). A column with a vocabulary, or a
# yes/no, is written in words here and again as codes at the end (`<field>_code`); lists are
# joined with "; " in both.
SESSION_COLUMNS = [
    (gettext_lazy("Date"), "date", None),
    (gettext_lazy("Start time"), "start_time", None),
    (gettext_lazy("Status"), "status", vocabulary.SessionStatus),
    (gettext_lazy("Cancel reason"), "cancel_reason", vocabulary.CancelReason),
    (gettext_lazy("Format"), "format", vocabulary.SessionFormat),
    (gettext_lazy("How"), "mode", vocabulary.Mode),
    (gettext_lazy("Duration (minutes)"), "duration_minutes", None),
    (gettext_lazy("People"), "people_count", None),
    (gettext_lazy("People without a record"), "anonymous_count", None),
    (gettext_lazy("Champion"), "champion__name", None),
    (gettext_lazy("Team"), "team__name", None),
    (gettext_lazy("Topics"), "topics", vocabulary.Topic),
    (gettext_lazy("Skill areas"), "skill_areas", vocabulary.SkillArea),
    (gettext_lazy("Barriers"), "barriers", vocabulary.Barrier),
    (gettext_lazy("Device support"), "device_support", vocabulary.DeviceSupport),
    (gettext_lazy("Data support"), "data_support", vocabulary.DataSupport),
    (gettext_lazy("Signposting"), "signposting", vocabulary.Signposting),
    (gettext_lazy("Follow-up needed"), "follow_up_needed", bool),
    (gettext_lazy("Venue"), "venue", None),
]
SESSION_FIELDS = [field for _heading, field, _vocab in SESSION_COLUMNS]
_CODED = [(i, vocab) for i, (_h, _f, vocab) in enumerate(SESSION_COLUMNS) if vocab is not None]
LIST_SEPARATOR = "; "


def _model_field(path: str):
    model, *hops, name = [SupportSession, *path.split("__")]
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    return model._meta.get_field(name)


# Lists are joined by PostgreSQL (array_to_string), so a row arrives as plain strings: parsing
# each list into Python to join it again cost a quarter of a year's export.
_LIST_FIELDS = [f for f in SESSION_FIELDS if isinstance(_model_field(f), ArrayField)]
# The columns that hold text someone typed (a venue, a champion's or a team's name): only
# these can carry a formula, so only these are neutralised cell by cell; the words of the
# vocabularies are neutralised once per value (_Words), and the rest are numbers, dates and
# codes.
TYPED_TEXT_COLUMNS = [
    i
    for i, (_h, f, vocab) in enumerate(SESSION_COLUMNS)
    if vocab is None and isinstance(_model_field(f), CharField | TextField)
]


def session_csv_header() -> list[str]:
    words = [str(heading) for heading, _field, _vocab in SESSION_COLUMNS]
    return words + [f"{SESSION_COLUMNS[i][1]}_code" for i, _vocab in _CODED]


def session_csv_values(sessions: QuerySet):
    """The values of SESSION_COLUMNS for each session, as session_csv_rows() reads them, from a
    server-side cursor (constant memory for any period)."""
    joined = {
        f"{f}_joined": Func(
            F(f), Value(LIST_SEPARATOR), function="array_to_string", output_field=CharField()
        )
        for f in _LIST_FIELDS
    }
    columns = [f"{f}_joined" if f in _LIST_FIELDS else f for f in SESSION_FIELDS]
    return sessions.annotate(**joined).values_list(*columns).iterator(chunk_size=2000)


@functools.lru_cache(maxsize=64)
def _labels(vocab, language: str) -> dict:
    """code -> label of a vocabulary in one language, made once: a year's CSV is tens of
    thousands of rows of a dozen coded values each (building the choices per value took
    6.5 s for the largest organisation's year)."""
    return {value: str(label) for value, label in vocab.choices}


class _Words(dict):
    """One coded column's stored value -> its cell in words (neutralised), worked out the first
    time it is met: a year has tens of thousands of rows but a few hundred different values in
    a column, so a cell costs a dictionary look-up."""

    def __init__(self, vocab, *, is_list: bool, language: str):
        super().__init__()
        self.is_list = is_list
        self.labels = None if vocab is bool else _labels(vocab, language)

    def __missing__(self, value):
        if self.labels is None:  # a yes/no
            words = _("Yes") if value else _("No")
        elif self.is_list:
            codes = value.split(LIST_SEPARATOR) if value else []
            words = LIST_SEPARATOR.join(self.labels.get(code, code) for code in codes)
        elif value == "" and "" not in self.labels:
            words = ""  # not given (a cancel reason of a session not cancelled)
        else:
            words = self.labels.get(value, value)
        self[value] = words = neutralise(words)
        return words


_YES_NO_CODES = {True: "true", False: "false"}


def session_csv_chunks(rows, *, rows_per_chunk: int = 2000):
    """Lists of rows under session_csv_header() from session_csv_values(): each coded value in
    words in its own column and as codes at the end, the typed text neutralised, every cell
    ready for core.csv_export.csv_chunks(neutralised=True). A chunk is built a column at a
    time (zip, map over the look-ups), so a cell costs no Python call of its own: building
    the rows one at a time was two thirds of a year's export. The labels are looked up once
    for the whole file (asking for the active language per value cost seconds on a year)."""
    language = get_language() or ""
    coded = [
        (i, _Words(vocab, is_list=SESSION_FIELDS[i] in _LIST_FIELDS, language=language), vocab)
        for i, vocab in _CODED
    ]
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, rows_per_chunk)):
        columns = list(zip(*chunk, strict=True))
        cells = list(columns)
        for i in TYPED_TEXT_COLUMNS:
            cells[i] = map(neutralise, columns[i])
        codes = []
        for i, words, vocab in coded:
            cells[i] = map(words.__getitem__, columns[i])
            # The stored value is the code (lists arrive joined); a yes/no is true or false.
            codes.append(
                map(_YES_NO_CODES.__getitem__, columns[i]) if vocab is bool else columns[i]
            )
        yield list(zip(*cells, *codes, strict=True))
