"""Where each invitation stands: its evaluations and verdict changes, its status and transitions,
and what later exports tell about it (a connection made, a listing without it, a message sent).

The moves themselves are decided by ``watcher.followup``; this module stores them, each with
its time and its cause.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from watcher.models import Status, Verdict
from watcher.store.database import Database, iso
from watcher.store.ids import among
from watcher.store.people import NAME_TWIN_JOINS
from watcher.store.records import StatusChange, Transition, VerdictChange

#: Joins from invitation ``i`` to a connection ``c`` of its inviter: their own, or a twin's.
#: Separate lookups: one join ON "the same person OR a twin" scanned every person sharing the
#: name key (about 8 in a big archive) for every invitation.
_TO_CONNECTION = (
    "JOIN connections c ON c.person_id = i.person_id",
    *(
        f"JOIN people me ON me.id = i.person_id JOIN people p ON {twins} "
        "JOIN connections c ON c.person_id = p.id"
        for twins in NAME_TWIN_JOINS
    ),
)

#: The inviter of invitation ``i`` is a connection, under their own key or a name-key twin's.
INVITER_CONNECTED = (
    "(EXISTS (SELECT 1 FROM connections c WHERE c.person_id = i.person_id) OR "
    + " OR ".join(
        f"EXISTS (SELECT 1 FROM people me JOIN people p ON {twins} "
        "JOIN connections c ON c.person_id = p.id WHERE me.id = i.person_id)"
        for twins in NAME_TWIN_JOINS
    )
    + ")"
)

#: The user's own decisions (``followup.LifecycleEvent`` values, as the transitions keep them):
#: an invitation whose latest move is one of them is settled, and nothing an export shows later
#: re-judges or reopens it.
DECISIONS = ("decided-accept", "decided-ignore")


def latest_event(alias: str) -> str:
    """SQL for the event of the latest move of invitation ``alias`` (NULL: it never moved)."""
    return (
        f"(SELECT t.event FROM transitions t WHERE t.invitation_id = {alias}.id "
        "ORDER BY t.id DESC LIMIT 1)"
    )


def decided_by_user(alias: str) -> str:
    """SQL: the latest move of invitation ``alias`` was the user's decision."""
    return f"COALESCE({latest_event(alias)} IN {DECISIONS!r}, 0)"


class Lifecycle(Database):
    # ----------------------------------------------------------------------------------------
    # Evaluations
    # ----------------------------------------------------------------------------------------

    def verdict_changes(self, invitation_id: int) -> list[VerdictChange]:
        """The invitation's changes of verdict, oldest first."""
        rows = self.db.execute(
            "SELECT * FROM verdict_changes WHERE invitation_id = ? ORDER BY id", (invitation_id,)
        )
        return [_verdict_change(row) for row in rows]

    # ----------------------------------------------------------------------------------------
    # Statuses
    # ----------------------------------------------------------------------------------------

    def statuses_of(self, invitation_ids: Sequence[int]) -> dict[int, Status]:
        """The current status of each of these invitations (unknown ids are left out)."""
        sql, args = among("id", invitation_ids)
        rows = self.db.execute(f"SELECT id, status FROM invitations WHERE {sql}", args)
        return {int(row[0]): Status(row[1]) for row in rows}

    def with_status(self, invitation_ids: Sequence[int], status: Status) -> list[int]:
        """Those of these invitations whose status is ``status``, by id."""
        if not invitation_ids:
            return []
        sql, args = among("id", invitation_ids)
        rows = self.db.execute(
            f"SELECT id FROM invitations WHERE status = ? AND {sql} ORDER BY id",
            (status.value, *args),
        )
        return [int(row[0]) for row in rows]

    def set_statuses(self, changes: Sequence[StatusChange], cause: str) -> None:
        """Apply status changes already decided, in order, each stored as a transition."""
        self.db.executemany(
            "UPDATE invitations SET status = ? WHERE id = ?",
            ((change.new.value, change.invitation_id) for change in changes),
        )
        self.db.executemany(
            "INSERT INTO transitions (invitation_id, at, from_status, to_status, cause, event) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    change.invitation_id,
                    iso(change.at),
                    change.old.value,
                    change.new.value,
                    cause,
                    change.event or None,
                )
                for change in changes
            ),
        )

    def ids_with_status(self, status: Status) -> list[int]:
        rows = self.db.execute("SELECT id FROM invitations WHERE status = ?", (status.value,))
        return [int(row[0]) for row in rows]

    def latest_events(self, invitation_ids: Sequence[int]) -> dict[int, str]:
        """The event of each invitation's latest move (left out: it never moved, or the move
        predates events being kept and the migration could not tell)."""
        sql, args = among("i.id", invitation_ids)
        rows = self.db.execute(
            f"SELECT i.id, {latest_event('i')} FROM invitations i WHERE {sql}", args
        )
        return {int(row[0]): str(row[1]) for row in rows if row[1]}

    def transitions(self, invitation_id: int) -> list[Transition]:
        """The invitation's lifecycle moves, oldest first."""
        rows = self.db.execute(
            "SELECT * FROM transitions WHERE invitation_id = ? ORDER BY id", (invitation_id,)
        )
        return [_transition(row) for row in rows]

    # ----------------------------------------------------------------------------------------
    # What later exports tell about the lifecycle
    # ----------------------------------------------------------------------------------------

    def connected_unsettled(self, invitation_ids: Sequence[int]) -> list[int]:
        """Those of these incoming invitations not yet marked accepted whose inviter is a
        connection."""
        wanted, args = among("i.id", invitation_ids)
        where = f"WHERE i.direction = 'incoming' AND i.status != 'accepted' AND {wanted}"
        rows = self.db.execute(
            " UNION ".join(
                f"SELECT i.id FROM invitations i {join} {where}" for join in _TO_CONNECTION
            ),
            args * len(_TO_CONNECTION),
        )
        return sorted(int(row[0]) for row in rows)

    def written_to_after_invitation(
        self, invitation_ids: Sequence[int]
    ) -> list[tuple[int, datetime]]:
        """Those of these pending incoming invitations whose inviter got a message from the user
        after it."""
        wanted, args = among("i.id", invitation_ids)
        rows = self.db.execute(
            "SELECT i.id, m.first_outbound, m.last_outbound, i.sent_at FROM invitations i "
            "JOIN message_stats m ON m.person_id = i.person_id "
            "WHERE i.direction = 'incoming' AND i.status = 'pending' "
            f"AND m.last_outbound > i.sent_at AND {wanted} ORDER BY i.id",
            args,
        )
        found = []
        for row in rows:
            first = row["first_outbound"]
            sent = first if first and first > row["sent_at"] else row["last_outbound"]
            found.append((int(row["id"]), datetime.fromisoformat(sent)))
        return found

    def answered_meetups(self, invitation_ids: Sequence[int]) -> list[int]:
        """Those of these meet-up requests whose inviter wrote after the request was sent;
        given-up ones too (a late answer still counts, and an import may have settled a request
        as unanswered that a later export shows answered)."""
        wanted, args = among("i.id", invitation_ids)
        return [
            int(row[0])
            for row in self.db.execute(
                "SELECT i.id FROM invitations i JOIN meetups u ON u.invitation_id = i.id "
                "JOIN message_stats m ON m.person_id = i.person_id "
                "WHERE i.status IN ('meet-requested', 'unanswered') "
                f"AND m.last_inbound > u.sent_at AND {wanted} ORDER BY i.id",
                args,
            )
        ]


def _verdict_change(row: sqlite3.Row) -> VerdictChange:
    return VerdictChange(
        invitation_id=int(row["invitation_id"]),
        at=datetime.fromisoformat(row["at"]),
        old=Verdict(row["old_verdict"]) if row["old_verdict"] else None,
        new=Verdict(row["new_verdict"]),
        cause=str(row["cause"]),
    )


def _transition(row: sqlite3.Row) -> Transition:
    return Transition(
        invitation_id=int(row["invitation_id"]),
        at=datetime.fromisoformat(row["at"]),
        old=Status(row["from_status"]),
        new=Status(row["to_status"]),
        cause=str(row["cause"]),
        event=str(row["event"] or ""),
    )
