"""``invite-watcher list`` and ``show``: reading invitations back, instant on any database.

``list`` never loads the whole table: SQLite filters, sorts and stops at the page
(``watcher.store.listing``); rows are written as the cursor gives them.
"""

# Real annotations, not strings: see watcher/cli/app.py.

import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from enum import StrEnum
from typing import Annotated, Any, TextIO

import typer

from watcher.cli import render
from watcher.cli.common import err, fail, open_reading, options_of, out, stored_invitation
from watcher.models import Direction, Status, Verdict
from watcher.store.listing import Criteria, TableRow
from watcher.store.reading import Reading

#: Lines a terminal page leaves for other things: the header, the "more" line, the prompt.
_PAGE_MARGIN = 3
#: The smallest page, however short the terminal says it is.
_PAGE_MIN = 5


class DirectionChoice(StrEnum):
    """``list --direction``: a Direction, or both."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"
    ALL = "all"


def list_(  # Typer passes every option by name
    ctx: typer.Context,
    *,
    verdict: Annotated[Verdict | None, typer.Option(help="Only this verdict.")] = None,
    status: Annotated[Status | None, typer.Option(help="Only this status.")] = None,
    direction: Annotated[
        DirectionChoice, typer.Option(help="incoming: sent to you; outgoing: by you; all: both.")
    ] = DirectionChoice.INCOMING,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, metavar="N", help="Only the newest N.")
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every invitation, on a terminal too.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="A JSON array, one object each (all, unless --limit).")
    ] = False,
) -> None:
    """Invitations, newest first.

    On a terminal, one screenful, then how many more there are; --limit N or --all for more.
    Piped or redirected, every invitation (scripts read them all), unless --limit.
    """
    if limit is not None and show_all:
        fail("--limit and --all: give one of them", code=2)
    chosen = None if direction is DirectionChoice.ALL else Direction(direction.value)
    criteria = Criteria(direction=chosen, statuses=(status,) if status else (), verdict=verdict)
    settings = options_of(ctx).settings()
    with open_reading(settings) as store, _quiet_when_the_reader_leaves():
        if as_json:
            _write_json(store, criteria, limit)
        else:
            _write_table(store, criteria, _page_size(limit, show_all))


def _page_size(limit: int | None, show_all: bool) -> int | None:
    """How many rows to print; None for all of them."""
    if limit is not None:
        return limit
    if show_all or not sys.stdout.isatty():
        return None
    return max(_PAGE_MIN, out.size.height - _PAGE_MARGIN)


def _write_table(store: Reading, criteria: Criteria, page: int | None) -> None:
    # Here, not at the top: the lines' module brings notify's texts (for ``clip``), which
    # ``show`` and ``list --json`` do not need.
    from watcher.cli import table  # noqa: PLC0415

    if page is None:
        size = store.listing_size(criteria)
        count = size.count
        widths = table.Widths.of_listing(size)
        rows: Iterable[TableRow] = store.table_rows(criteria)
    else:  # a page's widths are its rows': only the count is asked of the rest
        count = store.listing_count(criteria)
        rows = list(store.table_rows(criteria, page))
        widths = table.Widths.of_rows(rows)
    if count == 0:
        _say_empty(criteria)
        return
    if sys.stdout.isatty():  # a row longer than the terminal would wrap onto two lines
        widths = widths.fitting(out.size.width)
    lines = (table.line(row, widths) for row in rows)
    _write_lines(sys.stdout, [table.header(widths)])
    _write_lines(sys.stdout, lines)
    if page is not None and count > page:
        more = count - page
        # on stderr: a script that asked for --limit N reads N rows on stdout, nothing else
        err.print(
            f"… and {more:,} more: invite-watcher list --all (or --limit N) shows them",
        )


def _say_empty(criteria: Criteria) -> None:
    if criteria == Criteria():
        out.print("No invitations yet. Import an export: invite-watcher import PATH")
    else:
        out.print("No invitations match.")


def _write_lines(stream: TextIO, lines: Iterable[str]) -> None:
    _write(stream, (f"{text}\n" for text in lines))


def _write(stream: TextIO, pieces: Iterable[str], *, batch: int = 500) -> None:
    """Write pieces a batch at a time: one write each costs more than formatting a row."""
    pending: list[str] = []
    for piece in pieces:
        pending.append(piece)
        if len(pending) >= batch:
            stream.write("".join(pending))
            pending.clear()
    stream.write("".join(pending))


def _write_json(store: Reading, criteria: Criteria, limit: int | None) -> None:
    """The same array ``json.dumps(everything, indent=2)`` gives, written one object at a
    time as the store streams them."""
    # closed here, whatever happens (a reader leaving), so its read snapshot ends while the
    # store is still open, not when the garbage collector gets to it
    with closing(store.invitations_with_sightings(criteria)) as found:
        objects = (render.invitation_json(i, seen_in) for i, seen_in in found)
        if limit is not None:
            objects = (obj for _, obj in zip(range(limit), objects, strict=False))
        _write(sys.stdout, _json_array(objects), batch=100)


def _json_array(objects: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    empty = True
    for obj in objects:
        text = json.dumps(obj, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        yield ("\n  " if empty else ",\n  ") + text
        empty = False
    yield "]\n" if empty else "\n]\n"


@contextmanager
def _quiet_when_the_reader_leaves() -> Iterator[None]:
    """``invite-watcher list | head``: the reader closing the pipe ends the listing, quietly
    (Python's own recipe: point stdout at /dev/null so the exit's flush cannot fail again)."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def show(
    ctx: typer.Context,
    invitation_id: Annotated[int, typer.Argument(metavar="ID")],
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object, with its history and sightings.")
    ] = False,
) -> None:
    """One invitation: verdict, score, and every rule that fired with its evidence."""
    settings = options_of(ctx).settings()
    with open_reading(settings) as store:
        found = stored_invitation(store, invitation_id)
        transitions = store.transitions(invitation_id)
        changes = store.verdict_changes(invitation_id)
        seen_in = store.sightings(invitation_id)
    if as_json:
        data = render.invitation_json(found, seen_in)
        data["transitions"] = [render.transition_json(t) for t in transitions]
        data["verdict_changes"] = [render.verdict_change_json(c) for c in changes]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return
    out.print(render.report(found, transitions, changes, seen_in))
