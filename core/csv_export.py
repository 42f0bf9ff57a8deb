"""The one CSV writer for everything the portal exports. A spreadsheet runs a cell that starts with
=, +, -, @, a tab or a carriage return as a formula (CSV injection: a venue typed as
=HYPERLINK(...) would run when a PM opens the export), so such text is written with a leading
apostrophe, as OWASP advises: the spreadsheet then shows it as text. Numbers stay numbers (a -3
is written -3): only text is changed, since only text can carry a formula."""

import csv
import io
from collections.abc import Iterable, Iterator
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


def csv_chunks(header: list, chunks: Iterable[list], *, neutralised: bool = False) -> Iterator[str]:
    """The CSV as text for a StreamingHttpResponse, one chunk of rows (a list of rows) at a
    time: memory holds one chunk whatever the file's length, and the server writes to the
    socket once a chunk rather than once a row.

    Every cell is neutralised here, unless the caller has made each chunk of cells that went
    through neutralise() or cannot hold text (numbers, dates, codes): `neutralised=True`.
    A year's sessions export is a million cells; it neutralises only its typed text, a
    column at a time (impact.tables.session_csv_chunks)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer) if neutralised else safe_writer(buffer)
    writer.writerow([neutralise(value) for value in header])
    for chunk in chunks:
        writer.writerows(chunk)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():  # no rows at all: the header alone
        yield buffer.getvalue()
