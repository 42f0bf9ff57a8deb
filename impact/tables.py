"""Every table on a dashboard as rows for a CSV download: the same figures as the page (from
the same cached context), so the download and the screen always agree."""

from django.utils.text import slugify

GROUP_HEADER = ["sessions", "hours", "people", "cancelled", "last session"]


def _group_rows(rows, first: str) -> tuple[list, list]:
    header = [first, *GROUP_HEADER]
    body = [
        [r["name"], r["completed"], r["hours"], r["people"], r["cancelled"], r["last"] or ""]
        for r in rows
    ]
    return header, body


def dashboard_tables(context: dict) -> dict[str, tuple[list, list]]:
    """slug -> (header, rows) for each table the dashboard shows."""
    figures = context["figures"]
    tables = {
        "trend": (
            [figures.get("trend_unit", "month"), "sessions", "hours", "people"],
            [
                [r["month"].isoformat(), r["sessions"], r["hours"], r["people"]]
                for r in figures["trend"]
            ],
        ),
        "headline": (
            ["figure", "this period", "previous period", "change"],
            [[r["label"], r["value"], r["previous"], r["change"]] for r in figures["rows"]],
        ),
    }
    for table in figures.get("breakdowns", []):
        tables[slugify(table["title"])] = (["item", "sessions"], [list(r) for r in table["rows"]])
    for table in figures.get("demographics", []):
        tables[slugify(table["title"])] = (["band", "learners"], [list(r) for r in table["rows"]])
    for key, first in (
        ("team_rows", "team"),
        ("champion_rows", "champion"),
        ("sector_rows", "sector"),
        ("region_rows", "nation or region"),
    ):
        if key in context:
            tables[key.removesuffix("_rows") + "s"] = _group_rows(context[key], first)
    if "organisation_rows" in context:
        tables["organisations"] = (
            ["organisation", "sector", "region", "sessions", "hours", "people"],
            [
                [r["name"], r["sector"], r["region"], r["completed"], r["hours"], r["people"]]
                for r in context["organisation_rows"]
            ],
        )
    if context.get("joining"):
        tables["joining"] = (
            ["month", "organisations", "champions"],
            [
                [r["month"].strftime("%Y-%m"), r["organisations"], r["champions"]]
                for r in context["joining"]
            ],
        )
    return tables
