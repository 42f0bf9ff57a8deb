"""The figure sets the dashboards cache (impact/cache.py), by name, so that a worker can compute
any of them again from plain ids."""

from datetime import date

from . import reports, selectors


def _dashboard(scope, period, detail=True, unit="month"):
    return reports.dashboard(scope=scope, period=period, detail=detail in (True, "True"), unit=unit)


def _group_tables(scope, period):
    return {
        "team_rows": selectors.per_group_table(scope=scope, period=period, group="team"),
        "champion_rows": selectors.per_group_table(scope=scope, period=period, group="champion"),
    }


def _network_tables(scope, period):
    return {
        "organisation_rows": reports.organisation_table(scope=scope, period=period),
        "sector_rows": reports.labelled_table(scope=scope, period=period, group="sector"),
        "region_rows": reports.labelled_table(scope=scope, period=period, group="region"),
        "joining": selectors.joining_over_time(period=period),
    }


def _quiet(scope, period, as_of):
    return selectors.champions_without_recent_session(
        organisation=scope.organisation, as_of=date.fromisoformat(str(as_of))
    )


COMPUTATIONS = {
    "dashboard": _dashboard,
    "group-tables": _group_tables,
    "network-tables": _network_tables,
    "quiet": _quiet,
}


def compute(name: str, scope, period, *extra):
    return COMPUTATIONS[name](scope, period, *extra)
