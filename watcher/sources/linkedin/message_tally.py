"""The people behind messages.csv's groups of rows: who wrote to whom, how often, and when.

``messages`` groups the rows by their raw cells in its hot loop; this module turns each group
into people once (the sender's and recipients' keys, the names seen), adds it to a tally per
(sender, recipient) pair, picks the owner, and yields one ``MessageSummary`` per counterpart.

People are keyed by their normalised profile URL, or ``name:<name key>`` when a shape has no
URLs. The keys are remembered for the whole file (``_Keys``): an archive names tens of thousands
of people, more than ``identity``'s small process-wide caches hold, and each of them comes back
in several groups.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from watcher.core.identity import PROFILE_PREFIX
from watcher.models import MessageSummary, PersonRef
from watcher.sources.dates import parse_datetime
from watcher.sources.linkedin.owner import OwnerClues, most_active
from watcher.sources.linkedin.urls import uncached_name_key, uncached_profile_url

_URL_SEPARATOR = re.compile(r"\s*[,;]\s*")
_NAME_SEPARATOR = re.compile(r",(?! )")
#: The key of an empty name without a URL.
NOBODY = "name:"
_UTC_SUFFIX = " UTC"
_UTC_OFFSET = "+00:00"

#: (count, first, last) of a pair, dates as ``YYYY-MM-DD HH:MM:SS UTC`` text.
Stats = list[Any]


class _Keys:
    """Person keys by raw cell, remembered for one file (and only here: see ``urls``)."""

    def __init__(self) -> None:
        self._urls: dict[str, str | None] = {}
        self._names: dict[str, str] = {}

    def name(self, name: str) -> str:
        key = self._names.get(name)
        if key is None:
            key = self._names[name] = NOBODY + uncached_name_key(name)
        return key

    def person(self, name: str, url: str) -> str:
        if url:
            normalised = self._urls.get(url, "")
            if normalised == "":
                normalised = self._urls[url] = uncached_profile_url(url)
            if normalised:
                return normalised
        return self.name(name)


def _split_names(cell: str) -> list[str]:
    """The names of a ``TO`` cell; one name (a one-to-one conversation: most of them) without
    running the pattern."""
    if "," not in cell:
        return [cell.strip()] if cell.strip() else []
    return [part.strip() for part in _NAME_SEPARATOR.split(cell) if part.strip()]


def _split_urls(cell: str) -> list[str]:
    """The URLs of a ``RECIPIENT PROFILE URLS`` cell, one URL without running the pattern."""
    if "," not in cell and ";" not in cell:
        return [cell.strip()] if cell.strip() else []
    return [part.strip() for part in _URL_SEPARATOR.split(cell) if part.strip()]


class Tally:
    """Per (sender key, recipient key): [count, first, last]; and who sent how many rows."""

    def __init__(self) -> None:
        self.pairs: dict[tuple[str, str], Stats] = {}
        self.sent_rows: Counter[str] = Counter()
        self.owner_votes: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        #: name key -> URL key, learnt from sender cells, for shapes whose TO has names only
        self.aliases: dict[str, str] = {}
        #: the name-only keys among the pairs: what aliases could merge
        self._named_only: set[str] = set()
        self._keys = _Keys()

    def add(self, stats: Stats, people: tuple[str, str, str, str], *, outgoing: bool) -> None:
        """One group of rows: ``stats`` (count, first, last) and its raw cells ``people``
        (sender name, sender URL, recipient names, recipient URLs)."""
        count, first, last = stats
        name, url, to, to_urls = people
        sender = self.sender(name, url)
        if sender == NOBODY:
            return
        self.sent_rows[sender] += count
        if outgoing:
            self.owner_votes[sender] += count
        if sender.startswith(NOBODY):
            self._named_only.add(sender)
        for recipient in self.recipients(to, to_urls):
            if recipient.startswith(NOBODY):
                self._named_only.add(recipient)
            known = self.pairs.get((sender, recipient))
            if known is None:
                self.pairs[(sender, recipient)] = [count, first, last]
            else:
                known[:] = [known[0] + count, min(known[1], first), max(known[2], last)]

    def sender(self, name: str, url: str) -> str:
        name = name.strip()
        key = self._keys.person(name, url.strip())
        if name:
            self.names.setdefault(key, name)  # a sender cell names exactly one person
            if key.startswith(PROFILE_PREFIX):
                self.aliases.setdefault(self._keys.name(name), key)
        return key

    def recipients(self, names: str, urls: str) -> list[str]:
        split_names = _split_names(names)
        split_urls = _split_urls(urls)
        if split_urls:
            keys = [self._keys.person("", url) for url in split_urls]
            # the names line up with the URLs only when no name held a bare comma
            labels = split_names if len(split_names) == len(keys) else [""] * len(keys)
        else:
            keys = [self._keys.name(name) for name in split_names]
            labels = split_names
        for key, label in zip(keys, labels, strict=True):
            if label:
                self.names.setdefault(key, label)
        return [key for key in keys if key != NOBODY]

    def merged_pairs(self) -> dict[tuple[str, str], Stats]:
        """The pairs with name-only recipients resolved to the URL their sender rows gave."""
        if self._named_only.isdisjoint(self.aliases):
            return self.pairs
        merged: dict[tuple[str, str], Stats] = {}
        for (sender, recipient), stats in self.pairs.items():
            key = (self.aliases.get(sender, sender), self.aliases.get(recipient, recipient))
            known = merged.get(key)
            if known is None:
                merged[key] = list(stats)
            else:
                known[:] = [known[0] + stats[0], min(known[1], stats[1]), max(known[2], stats[2])]
        return merged

    def owner(self, pairs: dict[tuple[str, str], Stats], clues: OwnerClues | None) -> str | None:
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

    def add(self, stats: Stats, *, inbound: bool) -> None:
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


def utc_datetime(text: str) -> datetime | None:
    """A tallied date (``YYYY-MM-DD HH:MM:SS UTC``) as an aware datetime; None when unreadable.

    ``datetime.fromisoformat`` reads that ASCII shape as ``parse_datetime`` does, a few times
    faster (given the offset in the text: ``replace(tzinfo=...)`` alone would cost as much as
    the parse); anything else (non-ASCII digits, a garbled value) goes the long way."""
    if not text:
        return None
    if text.isascii() and text.endswith(_UTC_SUFFIX):
        try:
            return datetime.fromisoformat(text[: -len(_UTC_SUFFIX)] + _UTC_OFFSET)
        except ValueError:
            pass
    return parse_datetime(text)


def summaries(tally: Tally, source: str, clues: OwnerClues | None) -> Iterator[MessageSummary]:
    """One summary per counterpart of the owner, in key order."""
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
            first_inbound=utc_datetime(seen.first_in),
            last_inbound=utc_datetime(seen.last_in),
            first_outbound=utc_datetime(seen.first_out),
            last_outbound=utc_datetime(seen.last_out),
            source=source,
        )
