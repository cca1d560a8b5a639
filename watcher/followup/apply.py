"""Move invitations through their lifecycle and keep the meet-up rows in step.

The decisions (which move is legal) are ``followup.transition``; this module applies them to the
store, for the CLI (``sent``, ``replied``, ``decide``), for reminder actions, and for what a later
export shows by itself (a connection, a reply in messages.csv, an invitation no longer listed).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from watcher.followup.transitions import IllegalTransition, LifecycleEvent, transition
from watcher.models import TIME_SLACK, Status
from watcher.store import ApplyCounts, StatusChange, Store


class UnknownInvitation(Exception):
    pass


def apply_event(
    store: Store,
    invitation_id: int,
    event: LifecycleEvent,
    cause: str,
    now: datetime,
    *,
    at: datetime | None = None,
) -> Status:
    """Apply one event the user asked for (a command, a notification button).

    Raises IllegalTransition (with a readable message) or UnknownInvitation. A repeated
    ``sent`` keeps the reminder plan, unless it says when (a correction): then it restarts.
    """
    if store.invitation(invitation_id) is None:
        raise UnknownInvitation(f"no invitation with id {invitation_id}")
    return _apply(store, [(invitation_id, event, at)], cause, now, asked=True)[invitation_id]


#: One move: (invitation id, event, when it happened; None for "now").
Move = tuple[int, LifecycleEvent, datetime | None]


def apply_moves(
    store: Store, moves: Iterable[Move], cause: str, now: datetime
) -> dict[int, Status]:
    """Moves an export shows, for many invitations in a few statements; the new statuses.

    Each move is decided by ``followup.transition`` in the order given; an illegal move (an
    export cannot undo what the user decided) or an unknown invitation is simply not made.
    """
    return _apply(store, list(moves), cause, now, asked=False)


def _apply(
    store: Store, moves: list[Move], cause: str, now: datetime, *, asked: bool
) -> dict[int, Status]:
    current = store.statuses_of([invitation_id for invitation_id, _, _ in moves])
    made: dict[int, Status] = {}
    changes: list[StatusChange] = []
    meetups: list[tuple[int, datetime]] = []
    for invitation_id, event, at in moves:
        old = current.get(invitation_id)
        if old is None:
            continue
        try:
            new = transition(old, event)
        except IllegalTransition:
            if asked:
                raise
            continue
        current[invitation_id] = made[invitation_id] = new
        if new is not old:
            changes.append(StatusChange(invitation_id, old, new, at or now))
        corrected = asked and at is not None
        if event is LifecycleEvent.SENT and (old is not Status.MEET_REQUESTED or corrected):
            meetups.append((invitation_id, at or now))
    store.set_statuses(changes, cause)
    store.start_meetups(meetups)
    return made


def advance(store: Store, counts: ApplyCounts, cause: str, now: datetime) -> dict[int, Status]:
    """What this import shows about earlier invitations; returns the moves it made.

    Four steps, in this order, each applied in bulk before the next one looks: a step sees the
    moves of the steps before it (a request seen sent can be seen answered in the same import).
    """
    made: dict[int, Status] = {}
    fresh = bool(counts.new_invitation_ids)
    if fresh or _changed(counts, "connections"):
        connected = store.connected_unsettled()
        made |= apply_moves(store, ((i, _CONNECTED, None) for i in connected), cause, now)
    if counts.listing_since is not None:
        listed = set(counts.seen_invitation_ids)
        vanished = store.vanished(counts.listing_since + TIME_SLACK, listed)
        made |= apply_moves(store, ((i, _VANISHED, None) for i in vanished), cause, now)
    if fresh or _changed(counts, "messages"):
        written = store.written_to_after_invitation()
        made |= apply_moves(store, ((i, _SENT, at) for i, at in written), cause, now)
        answered = store.answered_meetups()
        made |= apply_moves(store, ((i, _REPLIED, None) for i in answered), cause, now)
    return made


def _changed(counts: ApplyCounts, kind: str) -> bool:
    """Whether this file brought new or changed rows of ``kind`` (a step with none can skip)."""
    return bool(counts.new.get(kind) or counts.updated.get(kind))


_CONNECTED = LifecycleEvent.CONNECTED
_VANISHED = LifecycleEvent.VANISHED
_SENT = LifecycleEvent.SENT
_REPLIED = LifecycleEvent.REPLIED
