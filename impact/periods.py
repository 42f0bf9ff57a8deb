"""Reporting periods: presets people think in (this month, the financial year) and the previous
period of the same length to compare with."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

PRESETS = {
    "this_month": _("This month"),
    "last_month": _("Last month"),
    "last_7_days": _("Last 7 days"),
    "last_3_months": _("Last 3 months"),
    "last_12_months": _("Last 12 months"),
    "financial_year": _("This financial year"),
}


@dataclass(frozen=True)
class Period:
    start: date  # inclusive
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        end = self.start - timedelta(days=1)
        return Period(start=end - timedelta(days=self.days - 1), end=end)

    def _ends(self) -> dict[str, str]:
        """The first and last day in words, the year once when both share it."""
        first = "j F" if self.start.year == self.end.year else "j F Y"
        return {"start": date_format(self.start, first), "end": date_format(self.end, "j F Y")}

    @property
    def between(self) -> str:
        """For "Between 1 April and 30 September 2026, ..."."""
        # Translators: a period inside "Between %(between)s, ...", e.g. "1 April and 30 September 2026".
        return gettext("%(start)s and %(end)s") % self._ends()

    @property
    def label(self) -> str:
        # Translators: a period, e.g. "1 April to 30 September 2026".
        return gettext("%(start)s to %(end)s") % self._ends()


def _months_back(day: date, months: int) -> date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_from_preset(preset: str, *, today: date) -> Period:
    if preset == "this_month":
        return Period(start=today.replace(day=1), end=today)
    if preset == "last_month":
        end = today.replace(day=1) - timedelta(days=1)
        return Period(start=end.replace(day=1), end=end)
    if preset == "last_7_days":
        return Period(start=today - timedelta(days=6), end=today)
    if preset == "last_3_months":
        return Period(start=_months_back(today, 3) + timedelta(days=1), end=today)
    if preset == "last_12_months":
        return Period(start=_months_back(today, 12) + timedelta(days=1), end=today)
    if preset == "financial_year":
        # UK financial year: 1 April to 31 March; the current one, up to today.
        year = today.year if today.month >= 4 else today.year - 1
        return Period(start=date(year, 4, 1), end=today)
    raise ValueError(f"Unknown period: {preset}")
