"""messages.csv reduced to one MessageSummary per counterpart, in one streaming pass.

The file can hold a million rows, so the per-row work is one dict look-up:

* rows are grouped by their raw cells (sender, recipients, title, draft flags, direction),
  joined into one string, in a dictionary that lives for the whole file: it grows with the
  people and their conversations, never with the rows, whatever their order (exports
  interleave conversations). One string per group, not a tuple of eight, halves the memory and
  the cache misses of a look-up when conversations interleave;
* each group keeps count, first and last date. Dates are compared as
  ``YYYY-MM-DD HH:MM:SS UTC`` strings (the file's own shape since 2021), parsed only once per
  counterpart at the end;
* only then are the groups turned into people (``message_tally``), once per group; no text is
  kept.

The owner of the archive is not named in the file. Inside an archive the other tables say who it
is (``owner.OwnerClues``: Profile.csv, the owner's side of Invitations.csv, Connections.csv being
everyone else), which a one-conversation file needs: there both people take part in every row.
Failing that, the 2018 shape's Direction/Folder columns say who sent what; last, the owner is
whoever takes part in the most rows (the owner is in every conversation), ties broken by key so
the guess does not depend on the row order.

Noise is skipped: drafts, sponsored conversations, ``LinkedIn Member`` senders, LinkedIn's system
bodies and rows with neither sender nor recipient.

Group chats: ``TO`` joins names with "," and names may contain ", " (``Jo Tim, FICS (UK)``), so
recipients come from the profile URLs (``,`` or ``;`` separated) when the shape has them, and
``TO`` is split only on commas not followed by a space otherwise.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Generator, Iterator

from watcher.core.identity import PROFILE_PREFIX
from watcher.models import MessageSummary, ReadProgress
from watcher.sources.dates import sortable
from watcher.sources.linkedin.message_tally import Tally, summaries
from watcher.sources.linkedin.owner import OwnerClues
from watcher.sources.text import Table

SYSTEM_BODIES = frozenset({"Message request accepted", "A LinkedIn member left the conversation."})
SPONSORED_TITLE = "Sponsored Conversation"
LINKEDIN_MEMBER = "LinkedIn Member"

#: The cells a row's group key is made of, in this order; an absent column reads as "".
_KEY_CELLS = (
    ("FROM",),
    ("SENDER PROFILE URL",),
    ("TO",),
    ("RECIPIENT PROFILE URLS",),
    ("CONVERSATION TITLE",),
    ("IS MESSAGE DRAFT",),
    ("IS CONVERSATION DRAFT",),
    ("DIRECTION", "FOLDER"),  # 2018 and ~2020: who sent it
)
_YES = frozenset({"Yes", "yes", "YES", "True", "true", "TRUE"})
_OUTGOING = frozenset({"OUTGOING", "SENT", "outgoing", "sent"})
_SYSTEM_BODY_MAX = max(len(body) for body in SYSTEM_BODIES)
#: messages.csv's own date shape: it sorts as text, so rows are compared without parsing.
_UTC_TEXT_LENGTH = len("2023-06-11 15:33:58 UTC")
#: Rows between two progress reports (read as one slice of the csv reader).
ROWS_PER_REPORT = 4096

#: Joins a row's key cells into its group key. A cell holding it (a control character no
#: export writes) would make the key ambiguous: such a group keeps its cells (``_new_group``).
KEY_SEPARATOR = "\x1f"

#: Every profile URL starts with ``PROFILE_PREFIX``; a group key holds it as ``URL_CODE``
#: instead, two characters for 28 (8 MB less at twice issue 12's size: 122,000 groups, two
#: URLs each). A cell holding ``URL_MARK`` itself has it doubled first, so that a key still
#: says exactly which cells made it.
URL_MARK = "\x1e"
URL_CODE = URL_MARK + "p"
_MARK_DOUBLED = URL_MARK * 2
_CODES = re.compile(re.escape(URL_MARK) + "(.)", re.DOTALL)


class _Group:
    """One group's rows: how many, the first and last date; and, for an ambiguous key only,
    the cells themselves. One object of four slots (64 bytes) where a [count, first, last]
    list took two allocations (96 bytes): 4 MB at twice issue 12's size."""

    __slots__ = ("cells", "count", "first", "last")

    def __init__(self, when: str, cells: tuple[str, ...] | None) -> None:
        self.count = 1
        self.first = self.last = when
        self.cells = cells


#: Per distinct group key (the key cells joined).
RawGroups = dict[str, _Group]


def _decode(key: str) -> str:
    """A group key as its cells joined, ``URL_CODE`` back to the URL prefix."""
    if _MARK_DOUBLED not in key:  # no cell held the mark: every mark starts a URL_CODE
        return key.replace(URL_CODE, PROFILE_PREFIX)
    return _CODES.sub(lambda code: PROFILE_PREFIX if code[1] == "p" else URL_MARK, key)


class _Layout:
    """Where the cells the tally reads sit in this table's rows."""

    def __init__(self, table: Table):
        self.width = len(table.header)
        indices = [table.column(*names) for names in _KEY_CELLS]
        #: key positions of absent columns: picked from column 0, read as "" when folding
        self.absent = frozenset(i for i, index in enumerate(indices) if index is None)
        #: one C call that picks the group key of a row
        self.key_of = operator.itemgetter(*(0 if i is None else i for i in indices))
        date, content = table.column("DATE"), table.column("CONTENT")
        if date is None or content is None:  # the messages kind requires both
            raise ValueError("messages.csv without DATE or CONTENT")
        self.date, self.content = date, content

    def cells(self, key: str, group: _Group) -> tuple[str, ...]:
        """The key cells of a group; absent columns read as ""."""
        cells = group.cells or tuple(_decode(key).split(KEY_SEPARATOR))
        if not self.absent:
            return cells
        return tuple("" if i in self.absent else cell for i, cell in enumerate(cells))


def _utc_text(text: str) -> str:
    """Older date shapes turned into messages.csv's own; "" when unreadable."""
    value = sortable(text)
    return value + " UTC" if value else ""


def is_noise(sender: str, sender_url: str, to: str, content: str, title: str) -> bool:
    """Sponsored rows, ``LinkedIn Member`` senders, system bodies and rows naming nobody."""
    return (
        title == SPONSORED_TITLE
        or (sender == LINKEDIN_MEMBER and not sender_url)
        or is_system_body(content)
        or (not sender.strip() and not to.strip())
    )


def is_system_body(content: str) -> bool:
    return len(content) <= _SYSTEM_BODY_MAX and content.strip() in SYSTEM_BODIES


def _group_rows(table: Table, layout: _Layout) -> Generator[ReadProgress, None, RawGroups]:
    """The hot loop: one pass, one dict look-up per row, no text kept; a progress report
    every ``ROWS_PER_REPORT`` rows. Rows without a readable date or with a system body are
    dropped here; what depends only on the group key is decided once per group (``_fold``)."""
    groups: RawGroups = {}
    key_of, date, content, width = layout.key_of, layout.date, layout.content, layout.width
    padding, join = [""] * width, KEY_SEPARATOR.join
    mark, doubled, prefix, code = URL_MARK, _MARK_DOUBLED, PROFILE_PREFIX, URL_CODE
    left = ROWS_PER_REPORT
    with table.reading():
        for row in table.raw_rows:
            left -= 1
            if not left:
                left = ROWS_PER_REPORT
                yield table.progress()
            if len(row) != width:
                row = (row + padding)[:width]  # noqa: PLW2901 (short or long rows: rare)
            text = row[content]
            # is_system_body, inlined: a function call per row is a tenth of the loop
            if len(text) <= _SYSTEM_BODY_MAX and text.strip() in SYSTEM_BODIES:
                continue
            when = row[date]
            if len(when) != _UTC_TEXT_LENGTH or when[4] != "-":
                when = _utc_text(when)
                if not when:
                    continue
            # no export writes the mark: its replace finds nothing and gives the key as it is
            key = join(key_of(row)).replace(mark, doubled).replace(prefix, code)
            group = groups.get(key)
            if group is None:
                groups[key] = _new_group(key, key_of(row), when)
            else:
                group.count += 1
                if when < group.first:
                    group.first = when
                elif when > group.last:
                    group.last = when
    return groups


def _new_group(key: str, cells: tuple[str, ...], when: str) -> _Group:
    if key.count(KEY_SEPARATOR) == len(cells) - 1:
        return _Group(when, None)
    return _Group(when, cells)


def _fold(groups: RawGroups, layout: _Layout) -> Tally:
    """The groups into people, once per group, in the order they were first seen (the first
    name seen for a URL is the one shown); noise groups (drafts, sponsored, ``LinkedIn Member``
    senders, nobody named) are dropped whole. Each group is let go once folded, so the groups
    and the tally they become are not both held whole; the order is kept by a list of the keys
    alone (a list of (key, group) pairs would add a tuple per group at the peak: 9 MB at twice
    issue 12's size)."""
    tally = Tally()
    keys = list(groups)
    keys.reverse()
    while keys:
        key = keys.pop()
        group = groups.pop(key)
        name, url, to, to_urls, title, draft, c_draft, direction = layout.cells(key, group)
        if draft in _YES or c_draft in _YES or is_noise(name, url, to, "", title):
            continue
        stats = (group.count, group.first, group.last)
        tally.add(stats, (name, url, to, to_urls), outgoing=direction in _OUTGOING)
    groups.clear()  # popping leaves the table its full size: the caller still holds it
    return tally


def read_messages(
    table: Table, source: str, clues: OwnerClues | None = None
) -> Iterator[MessageSummary | ReadProgress]:
    """Every messages.csv shape (2018 to 2026) and its Learning/coach twins; ``clues`` are what
    the archive's other tables said about its owner. Progress reports come while the rows are
    read, the summaries once they all are."""
    layout = _Layout(table)
    groups = yield from _group_rows(table, layout)
    yield from summaries(_fold(groups, layout), source, clues)
