"""The byte-level reader every table source stands on."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.exports import PREAMBLE, table, utf16_table
from watcher.sources.text import TableError, open_table, peek_header, sniff_encoding, sniff_table


def read_all(data: bytes, max_field: int = 1_000_000) -> tuple[tuple[str, ...], list[list[str]]]:
    opened = open_table(io.BytesIO(data), max_field=max_field)
    return opened.header, list(opened.rows())


def test_open_table_reads_plain_utf8() -> None:
    header, rows = read_all(b"A,B\n1,2\n")
    assert header == ("A", "B")
    assert rows == [["1", "2"]]


def test_open_table_skips_the_connections_preamble() -> None:
    header, rows = read_all((PREAMBLE + "First Name,Last Name\nAna,Reyes").encode())
    assert header == ("First Name", "Last Name")
    assert rows == [["Ana", "Reyes"]]


def test_open_table_strips_a_utf8_bom() -> None:
    header, _ = read_all(table("First Name,Last Name", [["a", "b"]], bom=True))
    assert header == ("First Name", "Last Name")


def test_open_table_reads_utf16_tab_separated_quoted() -> None:
    header, rows = read_all(
        utf16_table("Time,Search Query", [["2022/01/01 10:00:00 UTC", "jo, mba"]])
    )
    assert header == ("Time", "Search Query")
    assert rows == [["2022/01/01 10:00:00 UTC", "jo, mba"]]


def test_open_table_reads_bomless_utf16le() -> None:
    data = "A\tB\r\n1\t2\r\n".encode("utf-16-le")
    assert read_all(data) == (("A", "B"), [["1", "2"]])


def test_open_table_reads_cp1252_excel_resave() -> None:
    data = "First Name,Last Name\r\nRéka,Fekete\r\n".encode("cp1252")
    assert read_all(data)[1] == [["Réka", "Fekete"]]


def test_open_table_reads_a_stray_cp1252_byte_late_in_a_utf8_file() -> None:
    data = b"A,B\n" + b"x,y\n" * 30_000 + "Réka,é\n".encode("cp1252")
    assert read_all(data)[1][-1] == ["Réka", "é"]


def test_open_table_detects_semicolons() -> None:
    assert read_all(b"A;B;C\n1;2,5;3\n")[1] == [["1", "2,5", "3"]]


def test_open_table_keeps_quoted_multiline_fields_and_mixed_line_ends() -> None:
    data = b'A,B\r\n"line one\nline two",x\n3,4\r\n5,6'
    assert read_all(data)[1] == [["line one\nline two", "x"], ["3", "4"], ["5", "6"]]


def test_open_table_skips_all_empty_rows() -> None:
    assert read_all(b"A,B\n,\n\n1,2\n,,\n")[1] == [["1", "2"]]


def test_table_column_is_case_insensitive_and_takes_the_first_existing_name() -> None:
    opened = open_table(io.BytesIO(b"FROM,To\n"), max_field=100)
    assert opened.column("from") == 0
    assert opened.column("missing", "TO") == 1
    assert opened.column("missing") is None


def test_table_records_are_dicts_keyed_by_lowercase_header() -> None:
    opened = open_table(io.BytesIO(b"First Name,Last\nAna\n"), max_field=100)
    assert list(opened.records()) == [{"first name": "Ana", "last": ""}]


def test_open_table_reports_a_field_over_the_limit() -> None:
    data = b"A,B\n" + b'"' + b"x" * 5000 + b'",1\n'
    opened = open_table(io.BytesIO(data), max_field=1000)
    with pytest.raises(TableError, match=r"line 2: a field is longer than 1,000 characters"):
        list(opened.rows())


def test_open_table_reports_a_50mb_field_without_loading_it() -> None:
    data = b"A,B\n1," + b"x" * 50_000_000 + b"\n"
    opened = open_table(io.BytesIO(data), max_field=1_000_000)
    with pytest.raises(TableError, match="longer than"):
        list(opened.rows())


def test_sniff_encoding_rejects_binary() -> None:
    with pytest.raises(TableError, match="binary"):
        sniff_encoding(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_sniff_encoding_rejects_undecodable_bytes() -> None:
    with pytest.raises(TableError, match="not text"):
        sniff_encoding(b"A,B\n\x81\x8d\x8f\x90\x9d\xff\xfe\xfd")


def test_sniff_table_rejects_an_empty_file() -> None:
    with pytest.raises(TableError, match="empty"):
        sniff_table(b"")


def test_sniff_table_rejects_text_without_a_header() -> None:
    with pytest.raises(TableError, match="no header"):
        sniff_table(b"just one line\nand another\n")


def test_sniff_table_finds_the_header_after_the_preamble() -> None:
    head = sniff_table((PREAMBLE + "First Name,Last Name,Connected On\n").encode())
    assert head.skip == 3
    assert head.keys == {"first name", "last name", "connected on"}


def test_peek_header_is_none_for_control_character_noise() -> None:
    assert peek_header(bytes(range(1, 32)) * 10) is None


def test_open_table_reports_truncated_utf16_as_table_error() -> None:
    data = utf16_table("A,B", [["1", "2"]]) + b"\x41"
    opened = open_table(io.BytesIO(data), max_field=100)
    with pytest.raises(TableError, match="not valid utf-16"):
        list(opened.rows())


# control characters other than line breaks make a file look binary, which is the point
cells = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n"), max_size=20
)


@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=20))
def test_open_table_round_trips_what_csv_writes(rows: list[list[str]]) -> None:
    data = table("Alpha,Beta,Gamma", rows)
    kept = [row for row in rows if any(row)]
    assert read_all(data)[1] == kept
