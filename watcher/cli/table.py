"""The lines of ``invite-watcher list``: fixed columns, one invitation a line. Pure.

Not rich's ``Table``: it measures every cell of every row before it prints the first line
(0.7 ms a row, 77 s for 50,000 invitations) and needs them all in memory. Here the widths are
known before the first row, from the page itself or from one aggregate query over the whole
listing, so rows are written as the cursor gives them. ``rich.cells`` still does the measuring,
so wide characters (CJK names, emoji) keep the columns straight.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from rich.cells import cell_len, set_cell_size

from watcher.cli.render import plain
from watcher.notify.clipping import clip
from watcher.store.listing import ListingSize, TableRow

#: A longer name is cut (with "…"): the note needs the room more.
NAME_MAX = 32
#: How much of the note a line shows.
NOTE_MAX = 60
_GAP = "  "
#: fixed widths: the longest value each column can hold ("meet-first", "meet-requested")
_SENT, _VERDICT, _SCORE, _STATUS = 10, 10, 5, 14


@dataclass(frozen=True)
class Widths:
    """The two columns whose width depends on the data, and the terminal's width (None: not a
    terminal) that a line is cut to, so that a screenful of rows is a screenful of lines."""

    id: int
    name: int
    line: int | None = None

    def fitting(self, columns: int) -> Widths:
        return replace(self, line=columns)

    @classmethod
    def of_rows(cls, rows: Iterable[TableRow]) -> Widths:
        """Widths that fit these rows (one page, already in memory)."""
        listed = list(rows)
        return cls(
            id=max((len(str(r.id)) for r in listed), default=2),
            name=min(NAME_MAX, max((cell_len(plain(r.name)) for r in listed), default=4)),
        )

    @classmethod
    def of_listing(cls, size: ListingSize) -> Widths:
        """Widths that fit every row of a listing, known before the first is read."""
        return cls(id=len(str(size.widest_id)), name=min(NAME_MAX, size.longest_name))


def header(widths: Widths) -> str:
    return _cut(_join(widths, "id", "sent", "name", "verdict", "score", "status", "note"), widths)


def line(row: TableRow, widths: Widths) -> str:
    text = _join(
        widths,
        str(row.id),
        row.sent_at.strftime("%Y-%m-%d"),
        plain(row.name),
        row.verdict.value if row.verdict else "-",
        "-" if row.score is None else f"{row.score:+d}",
        row.status.value,
        plain(clip(row.message, NOTE_MAX)),
    )
    return _cut(text, widths)


def _cut(text: str, widths: Widths) -> str:
    text = text.rstrip()
    if widths.line is None or cell_len(text) <= widths.line:
        return text
    return _fit(text, widths.line)


def _join(widths: Widths, *cells: str) -> str:
    id_, sent, name, verdict, score, status, note = cells
    return _GAP.join(
        (
            id_.rjust(max(widths.id, 2)),
            sent.ljust(_SENT),
            _fit(name, max(widths.name, 4)),
            verdict.ljust(_VERDICT),
            score.rjust(_SCORE),
            status.ljust(_STATUS),
            note,
        )
    )


def _fit(text: str, width: int) -> str:
    """Exactly ``width`` cells: padded, or cut with an ellipsis."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
