"""messages.csv reduced to one MessageSummary per counterpart, in one streaming pass.

The file can hold a million rows, so the per-row work is kept to a few dict look-ups:

* people are keyed by their normalised profile URL (or ``name:<name key>`` when a shape has no
  URLs), through a cache keyed by the raw cells;
* every row adds one tally per (sender, recipient) pair: count, first and last date. Dates are
  compared as ``YYYY-MM-DD HH:MM:SS`` strings (the file's own shape since 2021), parsed only
  once per counterpart at the end;
* no text is kept.

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
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from watcher.core.identity import PROFILE_PREFIX, name_key, normalise_url
from watcher.models import MessageSummary, PersonRef
from watcher.sources.dates import parse_datetime, sortable
from watcher.sources.linkedin.owner import OwnerClues, most_active
from watcher.sources.text import Table

SYSTEM_BODIES = frozenset({"Message request accepted", "A LinkedIn member left the conversation."})
SPONSORED_TITLE = "Sponsored Conversation"
LINKEDIN_MEMBER = "LinkedIn Member"
_URL_SEPARATOR = re.compile(r"\s*[,;]\s*")
_NAME_SEPARATOR = re.compile(r",(?! )")
#: The key of an empty name without a URL.
NOBODY = "name:"


#: The cells the tally reads, in this order; an absent column reads as "".
_CELLS = (
    ("FROM",),
    ("SENDER PROFILE URL",),
    ("TO",),
    ("RECIPIENT PROFILE URLS",),
    ("DATE",),
    ("CONTENT",),
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


def _cell_getter(table: Table) -> tuple[operator.itemgetter[Any], int]:
    """One C call that picks every cell the tally needs; absent columns point past the row."""
    width = len(table.header)
    indices = [table.column(*names) for names in _CELLS]
    return operator.itemgetter(*(width if i is None else i for i in indices)), width


def _key(name: str, url: str) -> str:
    normalised = normalise_url(url) if url else None
    return normalised or NOBODY + name_key(name)


def _utc_text(text: str) -> str:
    """Older date shapes turned into messages.csv's own; "" when unreadable."""
    value = sortable(text)
    return value + " UTC" if value else ""


def is_noise(sender: str, sender_url: str, to: str, content: str, title: str) -> bool:
    """Sponsored rows, ``LinkedIn Member`` senders, system bodies and rows naming nobody."""
    return (
        title == SPONSORED_TITLE
        or (sender == LINKEDIN_MEMBER and not sender_url)
        or (len(content) <= _SYSTEM_BODY_MAX and content.strip() in SYSTEM_BODIES)
        or (not sender.strip() and not to.strip())
    )


#: Per distinct (sender cell, recipients cell, direction cell): [count, first, last, and the
#: raw cells]. Rows are grouped by their raw text in the hot loop; people are worked out once
#: per group when the groups are folded into the tally.
RawGroups = dict[tuple[str, str, str], list[Any]]

#: Raw groups held before they are folded into the tally. LinkedIn writes conversation after
#: conversation, so a folded group rarely comes back; whatever the order, folding is exact
#: (counts add, firsts and lasts merge) and memory stays bounded by the people, not the rows.
GROUPS_HELD = 4096


def _tally_rows(table: Table) -> _Tally:
    """The hot loop: one pass, one dict look-up per row, no text kept."""
    tally = _Tally()
    groups: RawGroups = {}
    cells, width = _cell_getter(table)
    with table.reading():
        for row in table.raw_rows:
            if len(row) != width:
                row = (row + [""] * width)[:width]  # noqa: PLW2901 (short or long rows: rare)
            row.append("")  # what absent columns read
            name, url, to, to_urls, when, content, title, draft, c_draft, out = cells(row)
            # is_noise, inlined: a function call per row is a tenth of the loop's time
            if (
                draft in _YES
                or c_draft in _YES
                or title == SPONSORED_TITLE
                or (len(content) <= _SYSTEM_BODY_MAX and content.strip() in SYSTEM_BODIES)
                or (name == LINKEDIN_MEMBER and not url)
                or (not name.strip() and not to.strip())
            ):
                continue
            if len(when) != _UTC_TEXT_LENGTH or when[4] != "-":
                when = _utc_text(when)
                if not when:
                    continue
            key = (url or name, to_urls or to, out)
            stats = groups.get(key)
            if stats is None:
                groups = _new_group(groups, key, [1, when, when, name, url, to, to_urls], tally)
            else:
                stats[0] += 1
                if when < stats[1]:
                    stats[1] = when
                elif when > stats[2]:
                    stats[2] = when
    tally.fold(groups)
    return tally


def _new_group(
    groups: RawGroups, key: tuple[str, str, str], stats: list[Any], tally: _Tally
) -> RawGroups:
    """Start a group; when too many are held, fold them into the tally first."""
    if len(groups) >= GROUPS_HELD:
        tally.fold(groups)
        groups = {}
    groups[key] = stats
    return groups


class _Tally:
    """Per (sender key, recipient key): [count, first, last]; and who sent how many rows."""

    def __init__(self) -> None:
        self.pairs: dict[tuple[str, str], list[Any]] = {}
        self.sent_rows: Counter[str] = Counter()
        self.owner_votes: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        #: name key -> URL key, learnt from sender cells, for shapes whose TO has names only
        self.aliases: dict[str, str] = {}

    def fold(self, groups: RawGroups) -> None:
        """Add raw groups of rows (their raw cells resolved to people here, once per group)."""
        for (_, _, out), stats in groups.items():
            self.add(stats, outgoing=out in _OUTGOING)

    def add(self, stats: list[Any], *, outgoing: bool) -> None:
        count, first, last, name, url, to, to_urls = stats
        sender = self.sender(name, url)
        if sender == NOBODY:
            return
        self.sent_rows[sender] += count
        if outgoing:
            self.owner_votes[sender] += count
        for recipient in self.recipients(to, to_urls):
            known = self.pairs.get((sender, recipient))
            if known is None:
                self.pairs[(sender, recipient)] = [count, first, last]
            else:
                known[:] = [known[0] + count, min(known[1], first), max(known[2], last)]

    def sender(self, name: str, url: str) -> str:
        name = name.strip()
        key = _key(name, url.strip())
        if name:
            self.names.setdefault(key, name)  # a sender cell names exactly one person
            if key.startswith(PROFILE_PREFIX):
                self.aliases.setdefault(NOBODY + name_key(name), key)
        return key

    def recipients(self, names: str, urls: str) -> list[str]:
        split_names = [n.strip() for n in _NAME_SEPARATOR.split(names) if n.strip()]
        split_urls = [u for u in _URL_SEPARATOR.split(urls.strip()) if u]
        if split_urls:
            keys = [_key("", url) for url in split_urls]
            # the names line up with the URLs only when no name held a bare comma
            labels = split_names if len(split_names) == len(keys) else [""] * len(keys)
        else:
            keys = [_key(name, "") for name in split_names]
            labels = split_names
        for key, label in zip(keys, labels, strict=True):
            if label:
                self.names.setdefault(key, label)
        return [key for key in keys if key != NOBODY]

    def merged_pairs(self) -> dict[tuple[str, str], list[Any]]:
        """The pairs with name-only recipients resolved to the URL their sender rows gave."""
        if not self.aliases:
            return self.pairs
        merged: dict[tuple[str, str], list[Any]] = {}
        for (sender, recipient), stats in self.pairs.items():
            key = (self.aliases.get(sender, sender), self.aliases.get(recipient, recipient))
            known = merged.get(key)
            if known is None:
                merged[key] = list(stats)
            else:
                known[:] = [known[0] + stats[0], min(known[1], stats[1]), max(known[2], stats[2])]
        return merged

    def owner(
        self, pairs: dict[tuple[str, str], list[Any]], clues: OwnerClues | None
    ) -> str | None:
        """The one the archive's tables name, else who sent the rows marked outgoing (2018),
        else who takes part in the most rows."""
        rows: Counter[str] = Counter()
        for sender, count in self.sent_rows.items():
            rows[self.aliases.get(sender, sender)] += count
        for (_, recipient), stats in pairs.items():
            rows[recipient] += stats[0]
        known = clues.choose(rows, self.names) if clues is not None else None
        if known is not None:
            return known
        if self.owner_votes:
            return most_active(self.owner_votes)
        return most_active(rows) if rows else None


@dataclass(slots=True)
class _Counterpart:
    inbound: int = 0
    outbound: int = 0
    first_in: str = ""
    last_in: str = ""
    first_out: str = ""
    last_out: str = ""

    def add(self, stats: list[Any], *, inbound: bool) -> None:
        count, first, last = stats
        if inbound:
            self.inbound += count
            self.first_in = min(self.first_in or first, first)
            self.last_in = max(self.last_in, last)
        else:
            self.outbound += count
            self.first_out = min(self.first_out or first, first)
            self.last_out = max(self.last_out, last)


def _display_name(key: str, names: dict[str, str]) -> str:
    if key in names:
        return names[key]
    if key.startswith(PROFILE_PREFIX):
        return key[len(PROFILE_PREFIX) :]
    return key.removeprefix("name:")


def _summaries(tally: _Tally, source: str, clues: OwnerClues | None) -> Iterator[MessageSummary]:
    pairs = tally.merged_pairs()
    owner = tally.owner(pairs, clues)
    if owner is None:
        return
    people: dict[str, _Counterpart] = {}
    for (sender, recipient), stats in pairs.items():
        if sender == owner and recipient != owner:
            people.setdefault(recipient, _Counterpart()).add(stats, inbound=False)
        elif recipient == owner and sender != owner:
            people.setdefault(sender, _Counterpart()).add(stats, inbound=True)
    for key in sorted(people):
        seen = people[key]
        url = key if key.startswith(PROFILE_PREFIX) else None
        yield MessageSummary(
            person=PersonRef(name=_display_name(key, tally.names), profile_url=url),
            inbound_count=seen.inbound,
            outbound_count=seen.outbound,
            first_inbound=parse_datetime(seen.first_in) if seen.first_in else None,
            last_inbound=parse_datetime(seen.last_in) if seen.last_in else None,
            first_outbound=parse_datetime(seen.first_out) if seen.first_out else None,
            last_outbound=parse_datetime(seen.last_out) if seen.last_out else None,
            source=source,
        )


def read_messages(
    table: Table, source: str, clues: OwnerClues | None = None
) -> Iterator[MessageSummary]:
    """Every messages.csv shape (2018 to 2026) and its Learning/coach twins; ``clues`` are what
    the archive's other tables said about its owner."""
    yield from _summaries(_tally_rows(table), source, clues)
