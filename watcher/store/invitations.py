"""Invitations: applying them from every source, and reading them back for the CLI and the rules.

An invitation is keyed by (person, direction, sent time), where a sent time within a day of a
stored one is the same invitation (the exports carry no time zone). A richer source fills in
what a poorer one lacks and never erases it.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from watcher.config.rules import DEFAULT_PHRASES
from watcher.core.fingerprint import note_fingerprint as _fingerprint
from watcher.models import TIME_SLACK, Direction, Finding, InvitationRecord, Status, Verdict
from watcher.store.database import iso
from watcher.store.ids import among
from watcher.store.people import People
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
        sent = record.sent_at
        existing = self.db.execute(
            "SELECT id, message, headline, mutual_connections FROM invitations "
            "WHERE person_id = ? AND direction = ? AND sent_at BETWEEN ? AND ? "
            "ORDER BY id LIMIT 1",
            (pid, record.direction.value, iso(sent - TIME_SLACK), iso(sent + TIME_SLACK)),
        ).fetchone()
        if existing is None:
            invitation_id = self._insert_invitation(pid, record)
            counts.count("invitations", "new")
            counts.new_invitation_ids.append(invitation_id)
            counts.seen_invitation_ids.append(invitation_id)
            return
        invitation_id = int(existing["id"])
        counts.seen_invitation_ids.append(invitation_id)
        # A richer export (the invitation JSON) fills what the archive lacks; never erase.
        message = record.message or existing["message"]
        headline = record.headline or existing["headline"]
        mutual = record.mutual_connections
        if mutual is None:
            mutual = existing["mutual_connections"]
        if (message, headline, mutual) == (
            existing["message"],
            existing["headline"],
            existing["mutual_connections"],
        ):
            counts.count("invitations", "unchanged")
            return
        self.db.execute(
            "UPDATE invitations SET message = ?, headline = ?, mutual_connections = ?, "
            "note_fingerprint = ?, last_seen_source = ? WHERE id = ?",
            (message, headline, mutual, note_fingerprint(message), record.source, invitation_id),
        )
        counts.count("invitations", "updated")

    def _insert_invitation(self, person_id: int, record: InvitationRecord) -> int:
        cursor = self.db.execute(
            "INSERT INTO invitations (person_id, direction, sent_at, message, headline, "
            "mutual_connections, note_fingerprint, first_seen, last_seen_source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                person_id,
                record.direction.value,
                iso(record.sent_at),
                record.message,
                record.headline or "",
                record.mutual_connections,
                note_fingerprint(record.message),
                iso(datetime.now(UTC)),
                record.source,
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
        """Open incoming invitations whose note matches one of these (a template sent to many)."""
        sql, args = among("n.id", invitation_ids)
        rows = self.db.execute(
            "SELECT o.id FROM invitations o WHERE o.direction = 'incoming' "
            "AND o.status IN ('pending', 'meet-requested') AND o.note_fingerprint IN "
            "(SELECT DISTINCT n.note_fingerprint FROM invitations n "
            f"WHERE n.note_fingerprint != '' AND {sql})",
            args,
        )
        return {int(row[0]) for row in rows}.difference(invitation_ids)

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
    )
