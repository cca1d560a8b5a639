"""Where each invitation stands: its evaluations and verdict changes, its status and transitions,
and what later exports tell about it (a connection made, a listing without it, a message sent).

The moves themselves are decided by ``watcher.followup``; this module stores them, each with
its time and its cause.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Literal, NamedTuple

from watcher.models import Status, Verdict
from watcher.store.database import iso
from watcher.store.ids import among
from watcher.store.moves import Decision, Moves, latest_event
from watcher.store.people import NAME_TWIN_JOINS
from watcher.store.records import StatusChange, Transition, VerdictChange

#: The inviter of invitation ``i`` is a connection, under their own key or a name-key twin's:
#: three index lookups an invitation, the first that finds one ends it. (One join ON "the same
#: person OR a twin" scanned every person sharing the name key, about 8 in a big archive; a
#: UNION of three joins twice as long as this for 50,000 invitations, sorting to dedupe.)
INVITER_CONNECTED = (
    "(EXISTS (SELECT 1 FROM connections c WHERE c.person_id = i.person_id) OR "
    + " OR ".join(
        f"EXISTS (SELECT 1 FROM people me JOIN people p ON {twins} "
        "JOIN connections c ON c.person_id = p.id WHERE me.id = i.person_id)"
        for twins in NAME_TWIN_JOINS
    )
    + ")"
)

#: Everyone ``INVITER_CONNECTED`` holds for: a connection, or a name-key twin of one (one of
#: the two known by name only). Each twin arm starts from the name-only people, who are few
#: (CROSS JOIN keeps that order: from every person, it looked up every connection).
_CONNECTED_PEOPLE = (
    "SELECT c.person_id FROM connections c UNION "
    "SELECT me.id FROM people me INDEXED BY people_name_only "
    "CROSS JOIN people p ON p.name_key = me.name_key "
    "CROSS JOIN connections c ON c.person_id = p.id WHERE me.profile_url IS NULL UNION "
    "SELECT me.id FROM people p INDEXED BY people_name_only "
    "CROSS JOIN people me ON me.name_key = p.name_key "
    "CROSS JOIN connections c ON c.person_id = p.id WHERE p.profile_url IS NULL"
)

#: From this many invitations on, ``connected_unsettled`` reads who is connected once instead
#: of asking for each invitation.
MANY_INVITATIONS = 5000

#: The user's own decisions (``followup.LifecycleEvent`` values, as the transitions keep them):
#: an invitation whose latest move is one of them is settled, and nothing an export shows later
#: re-judges or reopens it.
DECISIONS = ("decided-accept", "decided-ignore")


def decided_by_user(alias: str) -> str:
    """SQL: the latest move of invitation ``alias`` was the user's decision."""
    return f"COALESCE({latest_event(alias)} IN {DECISIONS!r}, 0)"


#: Each (invitation id, status) of a JSON array: the invitation takes that status.
_SET_STATUSES = (
    "UPDATE invitations SET status = json_extract(j.value, '$[1]') FROM json_each(?) j "
    "WHERE invitations.id = json_extract(j.value, '$[0]')"
)

#: Each (invitation id, at, from, to, event) of a JSON array, in its order, with one cause.
_ADD_TRANSITIONS = (
    "INSERT INTO transitions (invitation_id, at, from_status, to_status, cause, event) "
    "SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), "
    "json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), ?, "
    "json_extract(j.value, '$[4]') FROM json_each(?) j ORDER BY j.key"
)


#: Changes written per statement (``set_statuses``): few statements, bounded memory.
_JSON_CHUNK = 5000


class Standing(NamedTuple):
    """Where an invitation stands: its status, the event of its latest move (None: it never
    moved, or the move predates events being kept) and the status that move left."""

    status: Status
    event: str | None
    came_from: Status | None


class Lifecycle(Moves):
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
        return {int(row[0]): _STATUSES[row[1]] for row in rows}

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
        """Apply status changes already decided, in order, each stored as a transition.

        Two statements for every ``_JSON_CHUNK`` changes (an import's 20,000 took 40,000
        executed one by one): each invitation takes its last new status, the transitions are
        written in the order given."""
        if not changes:
            return
        stamp = functools.cache(iso)  # most changes share one time: formatted once
        # In chunks: SQLite parses a JSON argument whole, and one of 100,000 transitions took
        # 25 MB of its memory at the import's peak; the rows are built a chunk at a time too.
        # (The statuses are StrEnums: JSON writes them as their values, without the slow
        # ``.value`` lookup for each of 50,000.)
        final = list({change.invitation_id: change.new for change in changes}.items())
        for start in range(0, len(final), _JSON_CHUNK):
            self.db.execute(_SET_STATUSES, (json.dumps(final[start : start + _JSON_CHUNK]),))
        for start in range(0, len(changes), _JSON_CHUNK):
            rows = [
                (c.invitation_id, stamp(c.at), c.old, c.new, c.event or None)
                for c in changes[start : start + _JSON_CHUNK]
            ]
            self.db.execute(_ADD_TRANSITIONS, (cause, json.dumps(rows)))

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

    def standing_of(self, invitation_ids: Sequence[int]) -> dict[int, Standing]:
        """Each of these invitations' status, and its latest move's event and the status that
        move left (``statuses_of`` and ``latest_events`` in one pass: a bulk move of 20,000
        invitations asks both)."""
        sql, args = among("i.id", invitation_ids)
        # the latest move found once (its id, by the index), then read whole
        rows = self.db.execute(
            "SELECT i.id, i.status, t.event, t.from_status FROM invitations i "
            "LEFT JOIN transitions t ON t.id = (SELECT MAX(l.id) FROM transitions l "
            f"WHERE l.invitation_id = i.id) WHERE {sql}",
            args,
        )
        return {
            int(row[0]): Standing(_STATUSES[row[1]], row[2] or None, _STATUSES.get(row[3]))
            for row in rows
        }

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
        found, args = _connected_unsettled(invitation_ids)
        return [int(row[0]) for row in self.db.execute(f"{found} ORDER BY i.id", args)]

    def apply_found_moves(
        self,
        finding: Finding,
        invitation_ids: Sequence[int],
        decisions: Mapping[Status, Decision],
        *,
        event: str,
        cause: str,
        now: datetime,
    ) -> dict[int, Status]:
        """Make the moves one of the finders above finds among these invitations, as decided
        for each status (``Moves.apply_decided_moves``), at the first message's time for
        those written to, ``now`` for the others; the new status of each invitation moved."""
        found = _FINDERS[finding](invitation_ids)
        return self.apply_decided_moves(found, decisions, event=event, cause=cause, now=now)


#: What a later export may show of an invitation, as ``apply_found_moves`` finds them.
Finding = Literal["connected", "written to", "answered"]

#: Each finder: SQL selecting ``id`` and ``at`` (the move's time, NULL: the import's) of the
#: invitations it finds among the given ones (``i``), and its one argument.
_Finder = Callable[[Sequence[int]], tuple[str, tuple[str]]]


def _connected_unsettled(invitation_ids: Sequence[int]) -> tuple[str, tuple[str]]:
    wanted, args = among("i.id", invitation_ids)
    # An archive's worth asks who is connected once (LinkedIn keeps at most 30,000
    # connections), not three lookups for each of 50,000 invitations, which went to their
    # people and connections in no order those are stored in.
    many = len(invitation_ids) >= MANY_INVITATIONS
    connected = f"i.person_id IN ({_CONNECTED_PEOPLE})" if many else INVITER_CONNECTED
    return (
        "SELECT i.id AS id, NULL AS at FROM invitations i WHERE i.direction = 'incoming' "
        f"AND i.status != 'accepted' AND {wanted} AND {connected}",
        args,
    )


def _written_to_after_invitation(invitation_ids: Sequence[int]) -> tuple[str, tuple[str]]:
    """Pending incoming invitations whose inviter got a message from the user after it, at
    when the first such message went."""
    wanted, args = among("i.id", invitation_ids)
    return (
        "SELECT i.id AS id, CASE WHEN m.first_outbound > i.sent_at THEN m.first_outbound "
        "ELSE m.last_outbound END AS at FROM invitations i "
        "JOIN message_stats m ON m.person_id = i.person_id "
        "WHERE i.direction = 'incoming' AND i.status = 'pending' "
        f"AND m.last_outbound > i.sent_at AND {wanted}",
        args,
    )


def _answered_meetups(invitation_ids: Sequence[int]) -> tuple[str, tuple[str]]:
    """Meet-up requests whose inviter wrote after the request was sent; given-up ones too (a
    late answer still counts, and an import may have settled a request as unanswered that a
    later export shows answered)."""
    wanted, args = among("i.id", invitation_ids)
    return (
        "SELECT i.id AS id, NULL AS at FROM invitations i "
        "JOIN meetups u ON u.invitation_id = i.id "
        "JOIN message_stats m ON m.person_id = i.person_id "
        "WHERE i.direction = 'incoming' AND i.status IN ('meet-requested', 'unanswered') "
        f"AND m.last_inbound > u.sent_at AND {wanted}",
        args,
    )


_FINDERS: dict[Finding, _Finder] = {
    "connected": _connected_unsettled,
    "written to": _written_to_after_invitation,
    "answered": _answered_meetups,
}


_STATUSES = {status.value: status for status in Status}


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
