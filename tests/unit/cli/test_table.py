"""The lines of ``list`` (``watcher.cli.table``): columns that line up, names cut to fit."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.cells import cell_len

from watcher.cli import table
from watcher.models import Status, Verdict
from watcher.store.listing import ListingSize, TableRow

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def row(
    id_: int, name: str, note: str = "Hi", verdict: Verdict | None = Verdict.ACCEPT
) -> TableRow:
    return TableRow(id_, T0, name, verdict, None if verdict is None else 4, Status.PENDING, note)


def test_table_columns_line_up_whatever_the_names() -> None:
    rows = [row(7, "Ada"), row(1234, "李小龍 Bruce Lee"), row(55, "Zoë Ånström", verdict=None)]
    widths = table.Widths.of_rows(rows)

    lines = [table.header(widths), *(table.line(r, widths) for r in rows)]

    # every column starts at the same cell on every line: the status column, say
    starts = {
        cell_len(text[: text.index(word)])
        for text, word in zip(lines, ["status", *["pending"] * 3], strict=True)
    }
    assert len(starts) == 1
    assert lines[1].startswith("   7  2026-03-02  Ada")
    assert "meet-first" not in lines[3] and "  -  " in lines[3]


def test_table_cuts_a_long_name_with_an_ellipsis_and_keeps_the_note_short() -> None:
    widths = table.Widths.of_rows([row(1, "N" * 80, note="word " * 40)])
    [text] = [table.line(row(1, "N" * 80, note="word " * 40), widths)]

    assert widths.name == table.NAME_MAX
    assert "N" * (table.NAME_MAX - 1) + "…" in text
    assert "N" * table.NAME_MAX not in text
    assert len(text.split("pending")[1].strip()) <= table.NOTE_MAX


def test_table_widths_of_a_whole_listing_come_from_its_size() -> None:
    widths = table.Widths.of_listing(ListingSize(count=50_000, widest_id=50_000, longest_name=18))

    assert (widths.id, widths.name) == (5, 18)


def test_table_line_makes_control_characters_harmless() -> None:
    widths = table.Widths.of_rows([row(1, "Eve\x1b[31m")])

    assert "\x1b" not in table.line(row(1, "Eve\x1b[31m", note="a\nb\x07"), widths)


def test_table_lines_fit_a_terminal_so_a_row_never_wraps() -> None:
    rows = [row(1, "Ada Lovelace", note="a long note " * 10)]
    widths = table.Widths.of_rows(rows).fitting(60)

    lines = [table.header(widths), table.line(rows[0], widths)]

    assert [cell_len(text) <= 60 for text in lines] == [True, True]
    assert lines[1].endswith("…") and lines[1].startswith(" 1  2026-03-02  Ada Lovelace")
