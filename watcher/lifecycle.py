"""Move invitations through their lifecycle and keep the meet-up rows in step.

The decisions (which move is legal) are ``followup.transition``; this module applies them to the
store, for the CLI (``sent``, ``replied``, ``decide``), for reminder actions, and for what a later
export shows by itself (a connection, a reply in messages.csv, an invitation no longer listed).
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from watcher.followup import IllegalTransition, LifecycleEvent, transition
from watcher.models import TIME_SLACK, Status
from watcher.store import ApplyCounts, Store


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
    """Apply one event; raises IllegalTransition (with a readable message) or UnknownInvitation."""
    invitation = store.invitation(invitation_id)
    if invitation is None:
        raise UnknownInvitation(f"no invitation with id {invitation_id}")
    new = transition(invitation.status, event)
    store.set_status(invitation_id, new, cause, at or now)
    if event is LifecycleEvent.SENT and invitation.status is not Status.MEET_REQUESTED:
        store.start_meetup(invitation_id, at or now)
    return new


def advance(store: Store, counts: ApplyCounts, cause: str, now: datetime) -> dict[int, Status]:
    """What this import shows about earlier invitations; returns the moves it made."""
    moves: dict[int, Status] = {}

    def move(invitation_id: int, event: LifecycleEvent, at: datetime | None = None) -> None:
        # An export cannot undo what the user decided: an illegal move is simply not made.
        with contextlib.suppress(IllegalTransition):
            moves[invitation_id] = apply_event(store, invitation_id, event, cause, now, at=at)

    for invitation_id in store.connected_unsettled():
        move(invitation_id, LifecycleEvent.CONNECTED)
    if counts.listing_since is not None:
        listed = set(counts.seen_invitation_ids)
        for invitation_id in store.vanished(counts.listing_since + TIME_SLACK, listed):
            move(invitation_id, LifecycleEvent.VANISHED)
    for invitation_id, written_at in store.written_to_after_invitation():
        move(invitation_id, LifecycleEvent.SENT, at=written_at)
    for invitation_id in store.answered_meetups():
        move(invitation_id, LifecycleEvent.REPLIED)
    return moves
