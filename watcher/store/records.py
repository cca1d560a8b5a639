"""The store's own result types: what it reports that no other stage models.

Frozen, so a caller can keep them past the query, and built from rows inside the store only:
no ``sqlite3.Row`` leaves it. ``ApplyCounts`` is the exception that is filled in as an import
applies its records, and so is mutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from watcher.models import (
    TIME_SLACK,
    AsOf,
    Direction,
    Finding,
    InvitationView,
    Status,
    Verdict,
)


@dataclass
class ApplyCounts:
    """What applying records did, per kind: kind -> (new, updated, unchanged)."""

    new: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    new_invitation_ids: list[int]
    seen_invitation_ids: list[int]
    history_changed: bool = False
    #: earliest sent time in a complete listing (an Invitations.csv): its window starts there
    listing_since: datetime | None = None
    #: invitation id -> whether this file saw it in a complete listing (else a partial one)
    sighted: dict[int, bool] = field(default_factory=dict)
    #: the file's as-of time as its source gave it; None: the file's modification time
    as_of: AsOf | None = None
    #: the latest time its invitations say the file saw them (a capture's), if they say
    seen_at: datetime | None = None
    #: people whose connection or message stats this file changed: only their invitations'
    #: history moved (see ``everyone_affected``)
    people_changed: set[int] = field(default_factory=set)
    #: what the user should know about the file (``ImportChanges.warnings``)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls) -> ApplyCounts:
        return cls({}, {}, {}, [], [])

    def listing_window(self, as_of: datetime) -> tuple[datetime, datetime] | None:
        """The sent times a complete listing of this file vouches for: from a day after its
        first invitation to a day before its as-of time (no zone in the archive's times, so
        a day of slack at both ends); None for a file without a complete listing."""
        if self.listing_since is None:
            return None
        return self.listing_since + TIME_SLACK, as_of - TIME_SLACK

    @property
    def everyone_affected(self) -> bool:
        """Whether this file changed history every invitation is judged on (who the user is,
        their lists, address books, calendars) rather than one person's (``people_changed``)."""
        changed = {kind for kind, n in (*self.new.items(), *self.updated.items()) if n}
        return bool(changed - _ONE_PERSONS)

    def count(self, kind: str, change: str, how_many: int = 1) -> None:
        if not how_many:
            return
        table = {"new": self.new, "updated": self.updated, "unchanged": self.unchanged}[change]
        table[kind] = table.get(kind, 0) + how_many
        if change != "unchanged" and kind != "invitations":
            self.history_changed = True

    def listed(self, since: datetime | None, seen_at: datetime | None) -> None:
        """The file's complete listing starts at ``since`` and its invitations say it saw them
        at ``seen_at`` (either None: not so); merged with what earlier records said."""
        if since is not None and (self.listing_since is None or since < self.listing_since):
            self.listing_since = since
        if seen_at is not None and (self.seen_at is None or seen_at > self.seen_at):
            self.seen_at = seen_at


#: Kinds of rows that are one person's: an invitation, a connection, message stats.
_ONE_PERSONS = frozenset({"invitations", "connections", "messages"})


class StatusChange(NamedTuple):
    """One lifecycle move to store: the invitation, from and to which status, and when; the
    event that made it (a ``followup.LifecycleEvent`` value) tells an inference from a fact."""

    invitation_id: int
    old: Status
    new: Status
    at: datetime
    event: str = ""


@dataclass(frozen=True)
class StoredInvitation:
    """An invitation row as the CLI shows it."""

    id: int
    name: str
    profile_url: str | None
    direction: Direction
    sent_at: datetime
    message: str
    headline: str
    mutual_connections: int | None
    status: Status
    verdict: Verdict | None
    score: int | None
    findings: list[Finding]
    person_id: int
    note_fingerprint: str = ""
    #: the note is as a page showed it, cut short ("…See more"): the full text is not known
    note_truncated: bool = False

    def view(self) -> InvitationView:
        return InvitationView(
            id=self.id,
            name=self.name,
            profile_url=self.profile_url,
            direction=self.direction,
            sent_at=self.sent_at,
            message=self.message,
            headline=self.headline,
            mutual_connections=self.mutual_connections,
            status=self.status,
        )


@dataclass(frozen=True)
class LoggedImport:
    """One entry of the import log: a file seen, by content hash, and what came of it."""

    sha256: str
    path: Path
    size: int
    #: the source that read it; None when it failed before one was chosen
    kind: str | None
    outcome: str  # "imported" | "failed"
    #: the reason, for a failed import
    error: str | None
    at: datetime


@dataclass(frozen=True)
class Transition:
    """A lifecycle move as stored: when, from and to which status, and its cause."""

    invitation_id: int
    at: datetime
    old: Status
    new: Status
    #: which command or which file moved it
    cause: str
    #: the lifecycle event (``followup.LifecycleEvent`` value); empty when not known
    event: str = ""


@dataclass(frozen=True)
class Sighting:
    """A file that listed an invitation, and as of when (``show``'s ``seen_in``)."""

    invitation_id: int
    #: the file's name; empty for a sighting from before files were kept with it
    file: str
    as_of: datetime
    #: how the as-of time was read ("its exported_at", "the file's modification time (…)")
    basis: str
    #: a complete listing of its window (Invitations.csv), or a partial one (the JSON)
    complete: bool


@dataclass(frozen=True)
class VerdictChange:
    """A change of verdict as stored: when, the old one (None: first evaluated), the new, why."""

    invitation_id: int
    at: datetime
    old: Verdict | None
    new: Verdict
    cause: str
