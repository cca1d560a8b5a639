"""The store's own result types: what it reports that no other stage models.

Frozen, so a caller can keep them past the query, and built from rows inside the store only:
no ``sqlite3.Row`` leaves it. ``ApplyCounts`` is the exception that is filled in as an import
applies its records, and so is mutable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from watcher.models import Direction, Finding, InvitationView, Status, Verdict


@dataclass
class ApplyCounts:
    """What applying records did, per kind: kind -> (new, updated, unchanged)."""

    new: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    new_invitation_ids: list[int]
    seen_invitation_ids: list[int]
    history_changed: bool = False
    #: earliest sent time in an Invitations.csv listing: an invitation sent since then that the
    #: listing no longer shows was ignored or withdrawn
    listing_since: datetime | None = None

    @classmethod
    def empty(cls) -> ApplyCounts:
        return cls({}, {}, {}, [], [])

    def note_listing(self, sent_at: datetime) -> None:
        if self.listing_since is None or sent_at < self.listing_since:
            self.listing_since = sent_at

    def count(self, kind: str, change: str) -> None:
        table = {"new": self.new, "updated": self.updated, "unchanged": self.unchanged}[change]
        table[kind] = table.get(kind, 0) + 1
        if change != "unchanged" and kind != "invitations":
            self.history_changed = True


class StatusChange(NamedTuple):
    """One lifecycle move to store: the invitation, from and to which status, and when."""

    invitation_id: int
    old: Status
    new: Status
    at: datetime


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
class StoredConnection:
    """A row of Connections.csv as stored for one person."""

    #: the person the row belongs to: for a name-key twin, the twin, not the one asked about
    person_id: int
    email: str | None
    company: str | None
    position: str | None
    connected_on: date | None
    #: the file it came from
    source: str


@dataclass(frozen=True)
class Transition:
    """A lifecycle move as stored: when, from and to which status, and its cause."""

    invitation_id: int
    at: datetime
    old: Status
    new: Status
    #: which command or which file moved it
    cause: str


@dataclass(frozen=True)
class VerdictChange:
    """A change of verdict as stored: when, the old one (None: first evaluated), the new, why."""

    invitation_id: int
    at: datetime
    old: Verdict | None
    new: Verdict
    cause: str
