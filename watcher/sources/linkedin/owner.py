"""Who owns a LinkedIn archive, from the tables that say so, for messages.csv, which does not.

Profile.csv names the owner. Invitations.csv has the owner on one side of every row (the invitee
of an incoming invitation, the inviter of an outgoing one), with a profile URL since 2024.
Connections.csv lists the owner's connections, who are therefore someone else. The archive reads
these small tables before messages.csv (their kinds rank lower, whatever the member order in the
ZIP), so the messages can take their direction from what the tables said; the vote over rows in
``messages`` stays the last resort, for a messages.csv dropped loose.

People are keyed as ``messages`` keys them: the normalised profile URL, else ``name:<name key>``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from watcher.core.identity import PROFILE_PREFIX, name_key, name_key_uncached, normalise_url

NAME_PREFIX = "name:"


@dataclass
class OwnerClues:
    """What the archive's small tables said about its owner, gathered while they are read."""

    urls: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # name keys
    #: people the owner is connected to: never the owner (URL keys and name keys)
    others: set[str] = field(default_factory=set)

    def saw_owner(self, name: str, url: str = "") -> None:
        normalised = normalise_url(url) if url else None
        if normalised:
            self.urls.add(normalised)
        if key := name_key(name):
            self.names.add(key)

    def saw_connection(self, name: str, profile_url: str | None) -> None:
        """``profile_url`` already normalised (as a record holds it)."""
        if profile_url:
            self.others.add(profile_url)
        if key := name_key(name):
            self.others.add(NAME_PREFIX + key)

    def choose(self, rows: Counter[str], names: Mapping[str, str]) -> str | None:
        """The owner among the people of messages.csv (``rows``: key -> rows taken part in;
        ``names``: key -> a display name seen), or None when the clues name none of them.

        The owner's URL decides first, then the owner's name (for shapes or tables without
        URLs); failing both, the owner is the most active person who is not a connection.
        """
        by_url = [key for key in rows if key in self.urls]
        if by_url:
            return most_active(rows, by_url)
        by_name = [
            key for key in rows if _name_of(key, names) in self.names and key not in self.others
        ]
        if by_name:
            return most_active(rows, by_name)
        strangers = [key for key in rows if not self._is_connection(key, names)]
        if strangers and len(strangers) < len(rows):
            return most_active(rows, strangers)
        return None

    def _is_connection(self, key: str, names: Mapping[str, str]) -> bool:
        return key in self.others or NAME_PREFIX + _name_of(key, names) in self.others


def most_active(rows: Counter[str], among: Iterable[str] | None = None) -> str:
    """The key with the most rows; among equals the smallest, so that a tie does not follow
    the order of the rows."""
    return min(rows if among is None else among, key=lambda key: (-rows[key], key))


def _name_of(key: str, names: Mapping[str, str]) -> str:
    """The name key of a messages.csv person; called once the tally is done, so uncached (the
    process-wide cache would pin the tally's freed memory: see ``urls``)."""
    if key in names:
        return name_key_uncached(names[key])
    if key.startswith(NAME_PREFIX):
        return key[len(NAME_PREFIX) :]
    return "" if key.startswith(PROFILE_PREFIX) else name_key_uncached(key)
