"""The people behind messages.csv's groups of rows: who wrote to whom, how often, and when.

``messages`` groups the rows by their raw cells in its hot loop; this module turns each group
into people once (the sender's and recipients' keys, the names seen), keeps one entry per
recipient, picks the owner, and yields one ``MessageSummary`` per counterpart.

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

from watcher.core.identity import PROFILE_PREFIX, name_key_uncached
from watcher.models import MessageSummary, PersonRef
from watcher.sources.dates import parse_datetime
from watcher.sources.linkedin.owner import OwnerClues, most_active
from watcher.sources.linkedin.urls import uncached_profile_url

_URL_SEPARATOR = re.compile(r"\s*[,;]\s*")
_NAME_SEPARATOR = re.compile(r",(?! )")
#: The key of an empty name without a URL.
NOBODY = "name:"
_UTC_SUFFIX = " UTC"
_UTC_OFFSET = "+00:00"

#: (count, first, last) of a group, dates as ``YYYY-MM-DD HH:MM:SS UTC`` text.
Stats = tuple[int, str, str]


class _Keys:
    """Person keys by raw cell, remembered for one file (and only here: see ``urls``)."""

    def __init__(self) -> None:
        self._urls: dict[str, str | None] = {}
        self._names: dict[str, str] = {}

    def name(self, name: str) -> str:
        key = self._names.get(name)
        if key is None:
            key = self._names[name] = NOBODY + name_key_uncached(name)
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
    """One entry per group and recipient, and who sent how many rows.

    Entries are not summed per (sender, recipient) pair: a counterpart's figures are sums,
    minima and maxima, which come out the same whatever way the entries are grouped, so they
    are added straight to the owner's counterparts once the owner is known (``summaries``).
    They are kept column by column, one list each, with no object per entry: a dictionary of
    pairs (a key tuple, a stats list and a slot each) took 25 MB at twice issue 12's size
    (123,000 pairs), these lists 5 MB; and freed tuples are kept for reuse by the interpreter,
    which kept the tally's memory from going back when it was done."""

    def __init__(self) -> None:
        #: of every group, per recipient: the sender key, the recipient key, count, first, last
        self.senders: list[str] = []
        self.receivers: list[str] = []
        self.counts: list[int] = []
        self.firsts: list[str] = []
        self.lasts: list[str] = []
        self.sent_rows: Counter[str] = Counter()
        self.owner_votes: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        #: name key -> URL key, learnt from sender cells, for shapes whose TO has names only
        self.aliases: dict[str, str] = {}
        #: sender name -> the first URL key it came with, in the order the groups came: what
        #: ``aliases`` is learnt from once the groups are in, and only if a name-only key needs
        #: it (a name key per sender was a sixth of the tally's time when every cell has a URL)
        self._url_senders: dict[str, str] = {}
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
        for recipient in self.recipients(to, to_urls):
            self.senders.append(sender)
            self.receivers.append(recipient)
            self.counts.append(count)
            self.firsts.append(first)
            self.lasts.append(last)

    def sender(self, name: str, url: str) -> str:
        name = name.strip()
        key = self._keys.person(name, url.strip())
        if name:
            self.names.setdefault(key, name)  # a sender cell names exactly one person
            if key.startswith(PROFILE_PREFIX):
                self._url_senders.setdefault(name, key)
        return key

    def recipients(self, names: str, urls: str) -> list[str]:
        if "," not in urls and ";" not in urls and urls.strip():
            # one URL (a one-to-one conversation: most groups), the general case below made
            # short: one key, labelled when the names are one name too
            key = self._keys.person("", urls.strip())
            split_names = _split_names(names)
            if len(split_names) == 1:
                self.names.setdefault(key, split_names[0])
            return [] if key == NOBODY else [key]
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

    def _learn_aliases(self) -> None:
        """``aliases`` from the URL senders, first URL per name key, if any key is name-only:
        with none, no alias could apply. A name gives one name key, so its first URL is the
        one it could ever have set."""
        senders = self._url_senders
        named_only = any(key.startswith(NOBODY) for key in self.sent_rows) or any(
            key.startswith(NOBODY) for key in self.receivers
        )
        if named_only:
            for name, key in senders.items():
                self.aliases.setdefault(self._keys.name(name), key)
        senders.clear()

    def rows(self) -> Counter[str]:
        """Rows each person takes part in, name-only keys resolved to the URL their sender
        rows gave (``aliases``: a URL key is never one of them). Learns the aliases first."""
        self._learn_aliases()
        alias = self.aliases.get
        rows: Counter[str] = Counter()
        for sender, count in self.sent_rows.items():
            rows[alias(sender, sender)] += count
        for recipient, count in zip(self.receivers, self.counts, strict=True):
            rows[alias(recipient, recipient)] += count
        return rows

    def entries(self) -> Iterator[tuple[str, str, int, str, str]]:
        """(sender, recipient, count, first, last), names resolved as in ``rows``; the columns
        are emptied once read."""
        alias = self.aliases.get
        columns = (self.senders, self.receivers, self.counts, self.firsts, self.lasts)
        for sender, recipient, count, first, last in zip(*columns, strict=True):
            yield alias(sender, sender), alias(recipient, recipient), count, first, last
        for column in columns:
            column.clear()

    def owner(self, rows: Counter[str], clues: OwnerClues | None) -> str | None:
        """The one the archive's tables name, else who sent the rows marked outgoing (2018),
        else who takes part in the most rows."""
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

    # comparisons rather than min() and max(): called once per entry, the calls were a third
    # of the time
    def add_inbound(self, count: int, first: str, last: str) -> None:
        self.inbound += count
        if not self.first_in or first < self.first_in:
            self.first_in = first
        if last > self.last_in:  # noqa: PLR1730 (max() is the call this saves)
            self.last_in = last

    def add_outbound(self, count: int, first: str, last: str) -> None:
        self.outbound += count
        if not self.first_out or first < self.first_out:
            self.first_out = first
        if last > self.last_out:  # noqa: PLR1730 (max() is the call this saves)
            self.last_out = last


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
    owner = tally.owner(tally.rows(), clues)
    if owner is None:
        return
    people: dict[str, _Counterpart] = {}
    for sender, recipient, count, first, last in tally.entries():
        if sender == owner:
            if recipient != owner:
                seen = people.get(recipient)
                if seen is None:
                    seen = people[recipient] = _Counterpart()
                seen.add_outbound(count, first, last)
        elif recipient == owner:
            seen = people.get(sender)
            if seen is None:
                seen = people[sender] = _Counterpart()
            seen.add_inbound(count, first, last)
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
