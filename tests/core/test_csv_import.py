"""What every CSV import shares (core/csv_import.py), on its own: the file's checks, the rows it
reads and the ones it passes over, the values it forgives. The imports' own tests (tests/
sessions_log/test_import.py, tests/devices/test_import.py) go through the pages."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import csv_import
from core.csv_import import ImportFileError, choice, read_date, read_rows, read_upload
from core.vocabulary import Mode


def _upload(content: bytes, name="file.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_a_utf8_csv_is_read_without_its_byte_order_mark():
    assert read_upload(_upload("\ufeffkind,make\r\nLaptop,Dell\r\n".encode())) == (
        "kind,make\r\nLaptop,Dell\r\n"
    )


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (b"kind\nLaptop\n", "stock.xlsx", "Choose a CSV file"),
        (b"kind\nLap\x00top\n", "stock.csv", "does not look like a CSV file"),
        ("kind\nCaf\xe9\n".encode("latin-1"), "stock.csv", "not UTF-8"),
    ],
)
def test_a_file_that_is_not_a_utf8_csv_says_what_to_do(content, name, says):
    with pytest.raises(ImportFileError, match=says):
        read_upload(_upload(content, name))


def test_a_file_over_5_mb_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(csv_import, "MAX_BYTES", 10)
    with pytest.raises(ImportFileError, match="larger than 5 MB"):
        read_upload(_upload(b"kind,make\nLaptop,Dell\n"))


def test_every_missing_column_is_named_before_any_row_is_read():
    with pytest.raises(ImportFileError, match="no column named date, duration_minutes"):
        read_rows("venue\nLibrary\n", required=("date", "duration_minutes"))


def test_notes_and_empty_rows_are_passed_over_and_rows_keep_their_numbers_in_the_file():
    text = "kind,make\n# a note,\n,\nLaptop,Dell\nTablet\nPhone,Nokia,extra\n"
    assert list(read_rows(text, required=("kind",))) == [
        (4, {"kind": "Laptop", "make": "Dell"}),
        (5, {"kind": "Tablet", "make": ""}),  # a short row: the cells it lacks are empty
        (6, {"kind": "Phone", "make": "Nokia"}),  # a long row: the extra cells are dropped
    ]


def test_a_file_of_notes_only_has_no_rows():
    with pytest.raises(ImportFileError, match="no rows under its header"):
        list(read_rows("kind,make\n# a note\n", required=("kind",)))


def test_more_rows_than_allowed_are_refused(monkeypatch):
    monkeypatch.setattr(csv_import, "MAX_ROWS", 2)
    assert len(list(read_rows("kind\nA\nB\n# note\n", required=("kind",)))) == 2
    with pytest.raises(ImportFileError, match="more than 2 rows"):
        list(read_rows("kind\nA\nB\nC\n", required=("kind",)))


@pytest.mark.parametrize(
    "typed",
    ["12/10/2026", "12-10-2026", "12.10.2026", "12 Oct 2026", "12th October 2026", "2026-10-12"],
)
def test_a_date_is_read_day_first_or_iso(typed):
    assert read_date(typed) == date(2026, 10, 12)


@pytest.mark.parametrize("typed", ["", "12/10/26", "31/02/2026", "12 Octember 2026", "soon"])
def test_a_date_nobody_could_read_is_none(typed):
    assert read_date(typed) is None


def test_a_value_is_taken_in_its_words_or_code_in_any_case():
    assert choice("In person", Mode, "Mode") == choice("IN_PERSON", Mode, "Mode") == "in_person"
    assert choice("  ", Mode, "Mode") == ""
    with pytest.raises(
        ValueError, match="Mode: “by pigeon” is not one of In person \\(in_person\\)"
    ):
        choice("by pigeon", Mode, "Mode")
