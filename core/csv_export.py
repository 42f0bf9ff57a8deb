"""The one CSV writer for everything the portal exports. A spreadsheet runs a cell that starts with
=, +, -, @, a tab or a carriage return as a formula (CSV injection: a venue typed as
=HYPERLINK(...) would run when a PM opens the export), so such text is written with a leading
apostrophe, as OWASP advises: the spreadsheet then shows it as text. Numbers stay numbers (a -3
is written -3): only text is changed, since only text can carry a formula."""

import csv
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """The value as it is safe to write into a cell: text that a spreadsheet would run is
    prefixed with a ', anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer's writerow/writerows, with every cell neutralised first."""

    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def safe_writer(file, **kwargs) -> SafeWriter:
    return SafeWriter(file, **kwargs)
