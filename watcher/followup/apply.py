"""Move invitations through their lifecycle and keep the meet-up rows in step.

The decisions (which move is legal) are ``followup.transition``; this module applies them to the
store, for the CLI (``sent``, ``replied``, ``decide``), for reminder actions, and for what a later
export shows by itself (a connection, a reply in messages.csv, an invitation no longer listed).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from watcher.followup.transitions import (
    IllegalTransition,
    LifecycleEvent,
    depends_on_history,
    recorded,
    transition,
)
from watcher.models import Direction, Status
from watcher.store import ApplyCounts, StatusChange, Store
from watcher.store.lifecycle import Finding
from watcher.store.moves import Decision


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
    The lifecycle is an incoming invitation's: one the user sent takes no event.
    """
    invitation = store.invitation(invitation_id)
    if invitation is None:
        raise UnknownInvitation(f"no invitation with id {invitation_id}")
    if invitation.direction is Direction.OUTGOING:
        why = "you sent this invitation; meet-ups and decisions are for invitations you received"
        raise IllegalTransition(invitation.status, event, why)
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
    ids = [invitation_id for invitation_id, _, _ in moves]
    standing = store.standing_of(ids)
    current = {i: stands.status for i, stands in standing.items()}
    closed_by = {i: _EVENTS[s.event] for i, s in standing.items() if s.event in _EVENTS}
    came_from = {i: stands.came_from for i, stands in standing.items()}
    made: dict[int, Status] = {}
    changes: list[StatusChange] = []
    meetups: list[tuple[int, datetime]] = []
    for invitation_id, event, at in moves:
        old = current.get(invitation_id)
        if old is None:
            continue
        by, before = closed_by.get(invitation_id), came_from.get(invitation_id)
        corrected = asked and at is not None
        decision = _decide(old, event, by, before, asked=asked, corrected=corrected)
        if decision is None:
            continue
        current[invitation_id] = made[invitation_id] = decision.new
        if decision.recorded:
            changes.append(StatusChange(invitation_id, old, decision.new, at or now, event.value))
            closed_by[invitation_id], came_from[invitation_id] = event, old
        if decision.starts_meetup:
            meetups.append((invitation_id, at or now))
    store.set_statuses(changes, cause)
    store.start_meetups(meetups)
    return made


def _decide(
    old: Status,
    event: LifecycleEvent,
    closed_by: LifecycleEvent | None,
    came_from: Status | None = None,
    *,
    asked: bool,
    corrected: bool = False,
) -> Decision | None:
    """What ``event`` makes of an invitation in status ``old`` that ``closed_by`` led there
    from ``came_from``; None for a move an export cannot make (the user asked: raises
    IllegalTransition). A ``corrected`` sending (the user said when) restarts the meet-up even
    if it was running."""
    try:
        new = transition(old, event, closed_by=closed_by, came_from=came_from)
    except IllegalTransition:
        if asked:
            raise
        return None
    starts = event is LifecycleEvent.SENT and (old is not Status.MEET_REQUESTED or corrected)
    return Decision(new, recorded(old, new, event, closed_by), starts)


def _apply_found(
    store: Store, finding: Finding, among: Collection[int], cause: str, now: datetime
) -> dict[int, Status]:
    """The moves one of the store's finders finds among these invitations, each invitation
    once, written set-based: the move is decided once for each status it could start from
    (it depends on nothing else), not once an invitation."""
    if not among:
        return {}
    event = _FOUND[finding]
    if depends_on_history(event):  # a new finder's: it needs each one's latest event too
        raise ValueError(f"a bulk '{event}' depends on each invitation's latest move")
    decisions = {
        old: decision
        for old in Status
        if (decision := _decide(old, event, None, asked=False)) is not None
    }
    return store.apply_found_moves(
        finding, sorted(among), decisions, event=event.value, cause=cause, now=now
    )


def _latest_events(store: Store, ids: list[int]) -> dict[int, LifecycleEvent]:
    """The event of each invitation's latest move, where it is one we know."""
    return {i: _EVENTS[e] for i, e in store.latest_events(ids).items() if e in _EVENTS}


def advance(store: Store, counts: ApplyCounts, cause: str, now: datetime) -> dict[int, Status]:
    """What this import shows about earlier invitations; returns the moves it made.

    The steps run in this order, each applied in bulk before the next one looks, so a step sees
    the moves of the steps before it (a request seen sent can be seen answered in the same
    import), and the statuses the evidence implies come out the same whatever order the files
    came in: connected, else gone from a complete newer listing, else what the messages show.
    So what reopens is reopened first and takes up its messages again; what a listing proves
    gone closes last, whatever the messages made of it.

    Each step looks only at what this import could have moved: its new invitations, those of
    the people whose connection or messages it changed (and their name-key twins), and those
    an earlier step moved. A one-invitation file costs a few index lookups, whatever the
    database's size.
    """
    touched = set(counts.new_invitation_ids)
    if counts.people_changed:
        touched |= store.invitations_of_people(counts.people_changed)
    made = _apply_found(store, "connected", touched, cause, now)
    reopened = _reopen(store, counts, cause, now)
    made |= reopened
    touched |= reopened.keys()
    sent = _apply_found(store, "written to", touched, cause, now)
    made |= sent
    made |= _apply_found(store, "answered", touched | sent.keys(), cause, now)
    made |= _close_gone(store, counts, cause, now)
    return made


def _reopen(store: Store, counts: ApplyCounts, cause: str, now: datetime) -> dict[int, Status]:
    """Invitations closed only because a listing left them out, that this file lists as of a
    time no complete listing has since contradicted: back to where they stood."""
    new = set(counts.new_invitation_ids)  # pending: this import made them
    ignored = store.with_status([i for i in counts.sighted if i not in new], Status.IGNORED)
    return _reopen_unproven_among(store, ignored, cause, now)


def reopen_unproven(store: Store, cause: str, now: datetime) -> dict[int, Status]:
    """Invitations closed only because a listing left them out, that no complete listing
    proves gone any longer (one was withdrawn as superseded): back to where they stood."""
    return _reopen_unproven_among(store, store.ids_with_status(Status.IGNORED), cause, now)


def _reopen_unproven_among(
    store: Store, ignored: list[int], cause: str, now: datetime
) -> dict[int, Status]:
    """Those of these ignored invitations a vanishing closed and no complete listing proves
    gone any longer, reopened (``REAPPEARED``)."""
    if not ignored:
        return {}
    inferred = [i for i, e in _latest_events(store, ignored).items() if e is _VANISHED]
    still_gone = store.proven_gone(inferred)
    back = (i for i in inferred if i not in still_gone)
    return apply_moves(store, ((i, _REAPPEARED, None) for i in back), cause, now)


def _close_gone(store: Store, counts: ApplyCounts, cause: str, now: datetime) -> dict[int, Status]:
    """Invitations a complete listing newer than every file that listed them leaves out, sent
    in the window it covers, from someone not connected: taken for ignored (or withdrawn).

    Only a complete listing can prove that, and only of what it covers: a file with one may
    prove it of any invitation; a file without one only of the invitations it brought (an old
    invitation JSON arriving after a newer archive)."""
    if counts.listing_since is not None:
        gone = store.proven_gone(still_open=True)
    elif counts.new_invitation_ids:
        gone = store.proven_gone(counts.new_invitation_ids, still_open=True)
    else:
        return {}
    return apply_moves(store, ((i, _VANISHED, None) for i in sorted(gone)), cause, now)


#: The events we know, by the value the transitions keep.
_EVENTS = {event.value: event for event in LifecycleEvent}
_CONNECTED = LifecycleEvent.CONNECTED
_VANISHED = LifecycleEvent.VANISHED
_REAPPEARED = LifecycleEvent.REAPPEARED
_SENT = LifecycleEvent.SENT
_REPLIED = LifecycleEvent.REPLIED
#: The move each of the store's finders finds.
_FOUND: dict[Finding, LifecycleEvent] = {
    "connected": _CONNECTED,
    "written to": _SENT,
    "answered": _REPLIED,
}
