"""Invitations: applying them from every source, and reading them back for the CLI and the rules.

An invitation is keyed by (person, direction, sent time), where a sent time within a day of a
stored one is the same invitation (the exports carry no time zone); a person has at most one
open invitation to the user at a time, so among several within that day the open one is it.
A richer source fills in what a poorer one lacks and never erases it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from watcher.models import (
    Acquaintance,
    ConnectionRecord,
    Direction,
    Finding,
    InvitationRecord,
    MessageSummary,
    Status,
    Verdict,
)
from watcher.store.ids import among
from watcher.store.lifecycle import decided_by_user
from watcher.store.merge_invitations import merge_invitations
from watcher.store.merging import (
    merge_acquaintances,
    merge_connections,
    merge_messages,
    merge_people,
)
from watcher.store.people import NAME_TWIN_JOINS, People
from watcher.store.records import ApplyCounts, StoredInvitation
from watcher.store.staging import Stage, Staged

_INVITATION_SELECT = (
    "SELECT i.*, p.name, p.profile_url, p.headline AS person_headline "
    "FROM invitations i JOIN people p ON p.id = i.person_id "
)


class Invitations(People):
    """Invitations, over ``People``: every invitation names its counterpart. Here too the one
    way records get in, whatever their kind: staged, then merged (``watcher.store.staging``)."""

    def stage(self) -> Stage:
        """An empty stage for one import's records; filling it takes no write lock."""
        return Stage(self.db)

    def merge_staged(self, stage: Stage, counts: ApplyCounts, now: datetime | None = None) -> None:
        """Write what is staged into the real tables (inside the caller's transaction), as
        applying the records one by one in file order would. The stage is emptied by
        ``Stage.release`` after the transaction (its DELETEs need no lock), or by the next
        stage made on this connection."""
        stage.flush()
        merge_people(self.db)
        merge_invitations(self.db, counts, now or datetime.now(UTC))
        merge_connections(self.db, counts)
        merge_messages(self.db, counts)
        merge_acquaintances(self.db, counts)
        counts.listed(stage.listing_since, stage.seen_at)

    def apply_one(self, record: Staged, counts: ApplyCounts) -> None:
        """Apply one record (a file's many go through ``stage`` and ``merge_staged``)."""
        stage = self.stage()
        stage.add(record)
        self.merge_staged(stage, counts)

    def apply_invitation(self, record: InvitationRecord, counts: ApplyCounts) -> None:
        self.apply_one(record, counts)

    def apply_connection(self, record: ConnectionRecord, counts: ApplyCounts) -> None:
        self.apply_one(record, counts)

    def apply_messages(self, record: MessageSummary, counts: ApplyCounts) -> None:
        """Merged monotonically (max counts, min firsts, max lasts): overlapping exports agree."""
        self.apply_one(record, counts)

    def apply_acquaintance(self, record: Acquaintance, counts: ApplyCounts) -> None:
        self.apply_one(record, counts)

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

    def note_senders_before_and_after(
        self, invitation_ids: Sequence[int]
    ) -> dict[str, tuple[int, int]]:
        """For every note these (new) invitations carry, how many distinct people sent an
        incoming invitation with it without them, and with them: what a template's count was
        before the import that made them, and is now."""
        sql, args = among("n.id", invitation_ids)
        mine, mine_args = among("i.id", invitation_ids)
        rows = self.db.execute(
            "SELECT i.note_fingerprint, "
            f"COUNT(DISTINCT CASE WHEN NOT {mine} THEN i.person_id END), "
            "COUNT(DISTINCT i.person_id) FROM invitations i "
            "WHERE i.direction = 'incoming' AND i.note_fingerprint IN "
            "(SELECT DISTINCT n.note_fingerprint FROM invitations n "
            f"WHERE n.note_fingerprint != '' AND {sql}) GROUP BY i.note_fingerprint",
            mine_args + args,
        )
        return {str(row[0]): (int(row[1]), int(row[2])) for row in rows}

    def sharing_notes(self, fingerprints: Sequence[str]) -> set[int]:
        """Incoming invitations the user has not decided whose note is one of these (by
        fingerprint: a template sent to many)."""
        if not fingerprints:
            return set()
        sql, args = among("o.note_fingerprint", fingerprints)
        rows = self.db.execute(
            "SELECT o.id FROM invitations o WHERE o.direction = 'incoming' "
            f"AND NOT {decided_by_user('o')} AND {sql}",
            args,
        )
        return {int(row[0]) for row in rows}

    def invitations_of_people(self, person_ids: Iterable[int]) -> set[int]:
        """Incoming invitations from these people, or from their name-key twins (one person
        known by URL in one export and by name only in another)."""
        wanted, args = among("p.id", person_ids)
        # Their own, then their twins': two index lookups, where one join ON "same id OR twin"
        # scanned every person sharing the name key.
        joins = (
            "people p JOIN invitations i ON i.person_id = p.id",
            *(
                f"people p JOIN people me ON {twins} JOIN invitations i ON i.person_id = me.id"
                for twins in NAME_TWIN_JOINS
            ),
        )
        rows = self.db.execute(
            " UNION ".join(
                f"SELECT i.id FROM {join} WHERE i.direction = 'incoming' AND {wanted}"
                for join in joins
            ),
            args * len(joins),
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
