"""Lifecycle moves in bulk, set-based: an import's thousands of moves of one kind in a few
statements, with no Python object per move.

A step of ``followup.apply.advance`` (the connected inviters, the requests its messages show
sent, those they show answered) is one kind of move whose outcome depends only on the status
it starts from. The caller decides it once for each status, with the pure
``followup.transition``; ``apply_decided_moves`` then stages the moves the step's query finds,
each joined to its status's decision, in the TEMP table ``stage_moves``, and writes the
transitions, the statuses and the meet-ups they start, a statement each. (One by one, today's
50,000-invitation archive made 53,000 moves: a Python object each, 1.1 s of the import's write
lock.)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from watcher.models import Status
from watcher.store.database import Database, iso

#: One step's moves, in the order they are made (``seq``), each as decided.
_STAGE_MOVES = (
    "CREATE TEMP TABLE IF NOT EXISTS stage_moves (seq INTEGER PRIMARY KEY, "
    "invitation_id INTEGER NOT NULL, at TEXT, old TEXT NOT NULL, new TEXT NOT NULL, "
    "record INTEGER NOT NULL, meetup INTEGER NOT NULL)"
)

#: What the step's move makes of each status it can be made from (a handful of rows).
_STAGE_DECISIONS = (
    "CREATE TEMP TABLE IF NOT EXISTS stage_decisions (old TEXT PRIMARY KEY, "
    "new TEXT NOT NULL, record INTEGER NOT NULL, meetup INTEGER NOT NULL) WITHOUT ROWID"
)

_ADD_TRANSITIONS = (
    "INSERT INTO transitions (invitation_id, at, from_status, to_status, cause, event) "
    "SELECT invitation_id, COALESCE(at, ?), old, new, ?, ? FROM stage_moves "
    "WHERE record ORDER BY seq"
)

_SET_STATUSES = (
    "UPDATE invitations SET status = s.new FROM stage_moves s "
    "WHERE invitations.id = s.invitation_id AND s.record"
)

#: A meet-up started, or restarted from its new sending time (``WHERE true``: SQLite's parser
#: needs it before an UPSERT's ON CONFLICT after a SELECT).
_START_MEETUPS = (
    "INSERT INTO meetups (invitation_id, sent_at, fired_stage, snoozed_until) "
    "SELECT invitation_id, COALESCE(at, ?), 0, NULL FROM stage_moves WHERE meetup ORDER BY seq "
    "ON CONFLICT(invitation_id) DO UPDATE SET "
    "sent_at = excluded.sent_at, fired_stage = 0, snoozed_until = NULL"
)


def latest_event(alias: str) -> str:
    """SQL for the event of the latest move of invitation ``alias`` (NULL: it never moved)."""
    return (
        f"(SELECT t.event FROM transitions t WHERE t.invitation_id = {alias}.id "
        "ORDER BY t.id DESC LIMIT 1)"
    )


class Decision(NamedTuple):
    """What a move from one status makes of it: the new status, whether the move is stored as
    a transition, and whether it starts the invitation's meet-up."""

    new: Status
    recorded: bool
    starts_meetup: bool


class Moves(Database):
    def apply_decided_moves(
        self,
        found: tuple[str, tuple[str, ...]],
        decisions: Mapping[Status, Decision],
        *,
        event: str,
        cause: str,
        now: datetime,
    ) -> dict[int, Status]:
        """Make the moves ``found`` selects (SQL giving ``id`` and ``at``, the time of the
        move, NULL for ``now``; each invitation once, and its argument) as decided for their
        status, with ``event`` and ``cause``; one from a status with no decision is not made.
        Returns the new status of each invitation moved, by id."""
        sql, args = found
        stamp = iso(now)
        self.db.execute(_STAGE_MOVES)
        self.db.execute(_STAGE_DECISIONS)
        self.db.execute("DELETE FROM stage_moves")
        self.db.execute("DELETE FROM stage_decisions")
        self.db.executemany(
            "INSERT INTO stage_decisions VALUES (?, ?, ?, ?)",
            [(old, d.new, d.recorded, d.starts_meetup) for old, d in decisions.items()],
        )
        self.db.execute(
            "INSERT INTO stage_moves (invitation_id, at, old, new, record, meetup) "
            f"SELECT f.id, f.at, i.status, d.new, d.record, d.meetup FROM ({sql}) f "
            "JOIN invitations i ON i.id = f.id JOIN stage_decisions d ON d.old = i.status "
            "ORDER BY f.id",
            args,
        )
        self.db.execute(_ADD_TRANSITIONS, (stamp, cause, event))
        self.db.execute(_SET_STATUSES)
        self.db.execute(_START_MEETUPS, (stamp,))
        rows = self.db.execute("SELECT invitation_id, new FROM stage_moves ORDER BY seq")
        made = {int(row[0]): _STATUSES[row[1]] for row in rows}
        self.db.execute("DELETE FROM stage_moves")
        return made


_STATUSES = {status.value: status for status in Status}
