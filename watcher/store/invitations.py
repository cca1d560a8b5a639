"""Invitations: applying them from every source, and reading them back for the CLI and the rules.

An invitation is keyed by (person, direction, sent time), where a sent time within a day of a
stored one is the same invitation (the exports carry no time zone); a person has at most one
open invitation to the user at a time, so among several within that day the open one is it.
A richer source fills in what a poorer one lacks and never erases it.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from watcher.config.rules import DEFAULT_PHRASES
from watcher.core.fingerprint import note_fingerprint as _fingerprint
from watcher.models import TIME_SLACK, Direction, Finding, InvitationRecord, Status, Verdict
from watcher.store.database import iso
from watcher.store.ids import among
from watcher.store.lifecycle import decided_by_user
from watcher.store.people import NAME_TWINS, People
from watcher.store.records import ApplyCounts, StoredInvitation

#: LinkedIn's stock text as shipped, not the user's phrases: a stored fingerprint must not
#: change with the configuration.
_STOCK = tuple(DEFAULT_PHRASES["stock"])


@functools.lru_cache(maxsize=4096)
def note_fingerprint(note: str) -> str:
    """The stored fingerprint of a note. Cached: the same few notes (none, LinkedIn's stock
    text, a template) come back thousands of times."""
    return _fingerprint(note, _STOCK)


_INVITATION_SELECT = (
    "SELECT i.*, p.name, p.profile_url, p.headline AS person_headline "
    "FROM invitations i JOIN people p ON p.id = i.person_id "
)


class Invitations(People):
    """Invitations, over ``People``: every invitation names its counterpart."""

    def apply_invitation(self, record: InvitationRecord, counts: ApplyCounts) -> None:
        pid = self.person_id(record.counterpart, record.headline)
        existing = self._matching_invitation(pid, record)
        if existing is None:
            invitation_id = self._insert_invitation(pid, record)
            counts.count("invitations", "new")
            counts.new_invitation_ids.append(invitation_id)
            counts.seen_invitation_ids.append(invitation_id)
            counts.note_sighting(invitation_id, record)
            return
        invitation_id = int(existing["id"])
        counts.seen_invitation_ids.append(invitation_id)
        counts.note_sighting(invitation_id, record)
        # A richer export (the invitation JSON) fills what the archive lacks; never erase.
        message = fuller_note(record.message, existing["message"])
        truncated = truncated_after(
            (record.message, record.note_truncated),
            (existing["message"], bool(existing["note_truncated"])),
            kept=message,
        )
        headline = record.headline or existing["headline"]
        mutual = record.mutual_connections
        if mutual is None:
            mutual = existing["mutual_connections"]
        sent_at, earliest = sent_times(existing["sent_at"], existing["sent_earliest"], record)
        before = tuple(existing)[1:]
        if (message, headline, mutual, sent_at, earliest, truncated) == before:
            counts.count("invitations", "unchanged")
            return
        self.db.execute(
            "UPDATE invitations SET message = ?, headline = ?, mutual_connections = ?, "
            "sent_at = ?, sent_earliest = ?, note_fingerprint = ?, last_seen_source = ?, "
            "note_truncated = ? WHERE id = ?",
            (
                message,
                headline,
                mutual,
                sent_at,
                earliest,
                note_fingerprint(message),
                record.source,
                truncated,
                invitation_id,
            ),
        )
        counts.count("invitations", "updated")

    def _matching_invitation(self, person_id: int, record: InvitationRecord) -> sqlite3.Row | None:
        """The stored invitation this record is: the same person and direction, sent times that
        agree within a day (a capture's "3 days ago" is a window of them). A person has at most
        one open invitation to the user, so among several the open one, then the nearest."""
        earliest = record.sent_window_start or record.sent_at
        row: sqlite3.Row | None = self.db.execute(
            "SELECT id, message, headline, mutual_connections, sent_at, sent_earliest, "
            "note_truncated FROM invitations WHERE person_id = ? AND direction = ? "
            "AND sent_at >= ? AND COALESCE(sent_earliest, sent_at) <= ? "
            "ORDER BY status IN ('accepted', 'ignored'), "
            "ABS(julianday(sent_at) - julianday(?)), id LIMIT 1",
            (
                person_id,
                record.direction.value,
                iso(earliest - TIME_SLACK),
                iso(record.sent_at + TIME_SLACK),
                iso(record.sent_at),
            ),
        ).fetchone()
        return row

    def _insert_invitation(self, person_id: int, record: InvitationRecord) -> int:
        cursor = self.db.execute(
            "INSERT INTO invitations (person_id, direction, sent_at, sent_earliest, message, "
            "headline, mutual_connections, note_fingerprint, first_seen, last_seen_source, "
            "note_truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                person_id,
                record.direction.value,
                iso(record.sent_at),
                iso(record.sent_window_start),
                record.message,
                record.headline or "",
                record.mutual_connections,
                note_fingerprint(record.message),
                iso(datetime.now(UTC)),
                record.source,
                bool(record.note_truncated and record.message),
            ),
        )
        return int(cursor.lastrowid or 0)

    def invitation(self, invitation_id: int) -> StoredInvitation | None:
        row = self.db.execute(_INVITATION_SELECT + "WHERE i.id = ?", (invitation_id,)).fetchone()
        return _stored_invitation(row) if row else None

    def invitations(
        self,
        *,
        direction: Direction | None = Direction.INCOMING,
        status: Status | None = None,
        verdict: Verdict | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[StoredInvitation]:
        """Invitations, newest first, filtered."""
        where: list[str] = []
        args: list[str] = []
        if direction is not None:
            where.append("i.direction = ?")
            args.append(direction.value)
        if status is not None:
            where.append("i.status = ?")
            args.append(status.value)
        if verdict is not None:
            where.append("i.verdict = ?")
            args.append(verdict.value)
        if ids is not None:
            sql, id_args = among("i.id", ids)
            where.append(sql)
            args.extend(id_args)
        sql = _INVITATION_SELECT
        if where:
            sql += "WHERE " + " AND ".join(where) + " "
        sql += "ORDER BY i.sent_at DESC, i.id DESC"
        return [_stored_invitation(row) for row in self.db.execute(sql, args)]

    def open_incoming_ids(self, ids: Sequence[int] | None = None) -> list[int]:
        """Incoming invitations still awaiting the user (pending, meet-requested), oldest first."""
        sql = (
            "SELECT id FROM invitations WHERE direction = 'incoming' "
            "AND status IN ('pending', 'meet-requested')"
        )
        if ids is None:
            return [int(row[0]) for row in self.db.execute(sql + " ORDER BY id")]
        wanted, args = among("id", ids)
        return [int(row[0]) for row in self.db.execute(f"{sql} AND {wanted} ORDER BY id", args)]

    # ----------------------------------------------------------------------------------------
    # Template notes: the same note from many inviters
    # ----------------------------------------------------------------------------------------

    def sharing_notes_with(self, invitation_ids: Sequence[int]) -> set[int]:
        """Incoming invitations the user has not decided whose note matches one of these (a
        template sent to many)."""
        sql, args = among("n.id", invitation_ids)
        rows = self.db.execute(
            "SELECT o.id FROM invitations o WHERE o.direction = 'incoming' "
            f"AND NOT {decided_by_user('o')} AND o.note_fingerprint IN "
            "(SELECT DISTINCT n.note_fingerprint FROM invitations n "
            f"WHERE n.note_fingerprint != '' AND {sql})",
            args,
        )
        return {int(row[0]) for row in rows}.difference(invitation_ids)

    def invitations_of_people(self, person_ids: Iterable[int]) -> set[int]:
        """Incoming invitations from these people, or from their name-key twins (one person
        known by URL in one export and by name only in another)."""
        wanted, args = among("p.id", person_ids)
        rows = self.db.execute(
            "SELECT i.id FROM people p JOIN people me ON me.id = p.id OR "
            f"{NAME_TWINS} JOIN invitations i ON i.person_id = me.id "
            f"WHERE i.direction = 'incoming' AND {wanted}",
            args,
        )
        return {int(row[0]) for row in rows}

    def undecided_incoming_ids(self, ids: Sequence[int] | None = None) -> list[int]:
        """Incoming invitations (these, or all) whose latest move was not the user's decision,
        oldest first: whatever their status, their verdict follows the evidence."""
        undecided = f"NOT {decided_by_user('i')}"
        sql = f"SELECT i.id FROM invitations i WHERE i.direction = 'incoming' AND {undecided}"
        if ids is None:
            return [int(row[0]) for row in self.db.execute(sql + " ORDER BY i.id")]
        wanted, args = among("i.id", ids)
        return [int(row[0]) for row in self.db.execute(f"{sql} AND {wanted} ORDER BY i.id", args)]

    def note_senders(self, fingerprints: Sequence[str]) -> dict[str, int]:
        """How many distinct people sent an incoming invitation with each of these notes."""
        sql, args = among("note_fingerprint", {f for f in fingerprints if f})
        rows = self.db.execute(
            "SELECT note_fingerprint, COUNT(DISTINCT person_id) FROM invitations "
            f"WHERE direction = 'incoming' AND {sql} GROUP BY note_fingerprint",
            args,
        )
        return {str(row[0]): int(row[1]) for row in rows}

    def same_note_senders(self, fingerprint: str, person_id: int) -> int:
        if not fingerprint:
            return 0
        row = self.db.execute(
            "SELECT COUNT(DISTINCT person_id) FROM invitations WHERE note_fingerprint = ? "
            "AND person_id != ? AND direction = 'incoming'",
            (fingerprint, person_id),
        ).fetchone()
        return int(row[0])


def sent_times(
    stored_at: str, stored_earliest: str | None, record: InvitationRecord
) -> tuple[str, str | None]:
    """When one invitation two files list was sent, as (sent_at, earliest) stored: the most
    exact time wins, whatever the order the files came in. An exact time beats a capture's
    window, and the exact time of a page (with its zone) beats the archive's, which has none;
    two windows narrow to what both allow."""
    if record.sent_window_start is None:
        if stored_earliest is not None or record.pending_only:
            return iso(record.sent_at) or stored_at, None
        return stored_at, stored_earliest
    if stored_earliest is None:
        return stored_at, None
    earliest = max(stored_earliest, iso(record.sent_window_start) or "")
    latest = min(stored_at, iso(record.sent_at) or "")
    if earliest > latest:  # they agree only within the slack: keep what is stored
        return stored_at, stored_earliest
    return latest, earliest if earliest < latest else None


def fuller_note(new: str, stored: str) -> str:
    """The note to keep when two files give one: the longer (the archive collapses line breaks
    and a capture may cut a note short), the greater text on a tie, so the order files come in
    never decides; an empty note never erases one."""
    return max(new, stored, key=lambda note: (len(note.strip()), note))


def truncated_after(new: tuple[str, bool], stored: tuple[str, bool], *, kept: str) -> bool:
    """Whether the note kept (``fuller_note``'s choice) is one a page cut short: the flag of
    the sighting it came from; when both gave that same text, cut only if both were cut (a
    full sighting of the same words proves it whole), so the order files come in never
    decides."""
    flags = [cut for text, cut in (new, stored) if text == kept]
    return bool(kept) and bool(flags) and all(flags)


def _stored_invitation(row: sqlite3.Row) -> StoredInvitation:
    reasons = json.loads(row["reasons"]) if row["reasons"] else []
    return StoredInvitation(
        id=row["id"],
        name=row["name"],
        profile_url=row["profile_url"],
        direction=Direction(row["direction"]),
        sent_at=datetime.fromisoformat(row["sent_at"]),
        message=row["message"],
        headline=row["headline"] or row["person_headline"] or "",
        mutual_connections=row["mutual_connections"],
        status=Status(row["status"]),
        verdict=Verdict(row["verdict"]) if row["verdict"] else None,
        score=row["score"],
        findings=[Finding.model_validate(r) for r in reasons],
        person_id=row["person_id"],
        note_fingerprint=row["note_fingerprint"],
        note_truncated=bool(row["note_truncated"]),
    )
