"""The lifecycle of an incoming invitation: where it goes when something happens. Pure.

DESIGN.md, "Lifecycle": :func:`transition` maps (status, event) to the next status or raises
:class:`IllegalTransition` with a reason a person can read. Applying it to stored invitations is
``watcher.followup.apply``; the reminder plan is ``watcher.followup.plan``.

Some statuses are facts (a connection, the user's decision) and one is an inference: an
invitation a newer complete listing no longer shows is taken for ignored (``VANISHED``). What
an inference closed, newer evidence reopens (``REAPPEARED``); what the user decided, nothing an
export shows ever does. So a move depends on the event that led to the current status, too.
"""

from __future__ import annotations

from enum import StrEnum

from watcher.models import Status


class LifecycleEvent(StrEnum):
    SENT = "sent"  # the meet-up request went out (`sent`, or an outgoing message seen)
    REPLIED = "replied"  # the inviter answered (`replied`, or an incoming message seen)
    GAVE_UP = "gave-up"  # the give-up time passed without an answer
    CONNECTED = "connected"  # the inviter shows up in Connections.csv
    DECIDED_ACCEPT = "decided-accept"  # `decide ID accept`
    DECIDED_IGNORE = "decided-ignore"  # `decide ID ignore`
    VANISHED = "vanished"  # a newer, complete Invitations.csv no longer lists it; no connection
    REAPPEARED = "reappeared"  # a file newer than that listing lists it again


class IllegalTransition(ValueError):
    """The event cannot happen to an invitation in this status; the message tells the user why."""

    def __init__(self, current: Status, event: LifecycleEvent, why: str):
        super().__init__(f"cannot record '{event}' for an invitation that is {current}: {why}")
        self.current = current
        self.event = event


_S = Status
_E = LifecycleEvent

#: Every legal move. A repeated event (``sent`` twice, ``replied`` twice) is idempotent: the
#: status stays and the caller records no transition, because the same evidence arrives again
#: whenever an export is re-imported. ``sent`` after ``unanswered`` is a fresh request (the user
#: asked again); the caller restarts the reminder plan from the new sending time.
_MOVES: dict[tuple[Status, LifecycleEvent], Status] = {
    (_S.PENDING, _E.SENT): _S.MEET_REQUESTED,
    (_S.MEET_REQUESTED, _E.SENT): _S.MEET_REQUESTED,
    (_S.UNANSWERED, _E.SENT): _S.MEET_REQUESTED,
    (_S.MEET_REQUESTED, _E.REPLIED): _S.REPLIED,
    (_S.UNANSWERED, _E.REPLIED): _S.REPLIED,  # a late answer still counts
    (_S.REPLIED, _E.REPLIED): _S.REPLIED,
    (_S.MEET_REQUESTED, _E.GAVE_UP): _S.UNANSWERED,
    (_S.UNANSWERED, _E.GAVE_UP): _S.UNANSWERED,
    # A connection is a fact and the user's decision is final: both win from any status.
    **{(status, _E.CONNECTED): _S.ACCEPTED for status in Status},
    **{(status, _E.DECIDED_ACCEPT): _S.ACCEPTED for status in Status},
    **{(status, _E.DECIDED_IGNORE): _S.IGNORED for status in Status},
    # Vanishing from a listing is weak evidence: it never demotes an accepted invitation.
    **{(status, _E.VANISHED): _S.IGNORED for status in Status if status is not _S.ACCEPTED},
    (_S.ACCEPTED, _E.VANISHED): _S.ACCEPTED,
}

#: Being listed again changes nothing about an invitation that did not vanish: it is still
#: waiting, or settled by a fact.
_MOVES.update({(status, _E.REAPPEARED): status for status in Status if status is not _S.IGNORED})

#: Events that only infer a status from what a listing leaves out: newer evidence may undo them.
INFERENCES = frozenset({_E.VANISHED})
#: The user's own decisions: final until the user decides otherwise.
DECISIONS = frozenset({_E.DECIDED_ACCEPT, _E.DECIDED_IGNORE})

_WHY: dict[LifecycleEvent, str] = {
    _E.REPLIED: "no meet-up request was sent, so there is nothing to answer (run `sent ID` first)",
    _E.GAVE_UP: "only a sent, unanswered meet-up request can be given up",
}


#: What a reopened invitation can go back to: where it stood when a listing left it out.
_RESUMABLE = frozenset({_S.PENDING, _S.MEET_REQUESTED, _S.UNANSWERED, _S.REPLIED})


def transition(
    current: Status,
    event: LifecycleEvent,
    *,
    closed_by: LifecycleEvent | None = None,
    came_from: Status | None = None,
) -> Status:
    """The status after ``event``; equal to ``current`` for a repeated, harmless event.

    ``closed_by`` is the event that led to ``current`` (None: unknown, or it never moved) and
    ``came_from`` the status it left. They decide whether an ignored invitation listed again
    reopens, and to what: only when ``VANISHED`` closed it, and back to where it stood then (a
    meet-up request the user sent stays sent, its reminders where they were), pending when that
    is unknown. Raises IllegalTransition for a move that cannot happen (``replied`` on an
    invitation never ``sent``, ``sent`` on an accepted one, reopening what the user ignored...).
    """
    if event is _E.REAPPEARED and current is _S.IGNORED:
        if closed_by in INFERENCES:
            return came_from if came_from in _RESUMABLE else _S.PENDING
        why = "you ignored it, and a file listing it again does not undo your decision"
        raise IllegalTransition(current, event, why)
    try:
        return _MOVES[current, event]
    except KeyError:
        if current in (_S.ACCEPTED, _S.IGNORED):
            why = f"it was already decided ({current}); use `decide ID` to change the decision"
        elif current is _S.REPLIED:
            why = "the inviter already answered"
        else:
            why = _WHY[event]
        raise IllegalTransition(current, event, why) from None


def recorded(
    old: Status, new: Status, event: LifecycleEvent, closed_by: LifecycleEvent | None
) -> bool:
    """Whether a move is stored as a transition: it changes the status, or it is the user's
    decision on what only an inference closed (ignored, and now ignored for good: the same
    status, but nothing may reopen it any more)."""
    return new is not old or (event in DECISIONS and closed_by in INFERENCES)


def depends_on_history(event: LifecycleEvent) -> bool:
    """Whether where ``event`` leads (``transition``) and whether the move is stored
    (``recorded``) can depend on ``closed_by`` or ``came_from``; when not, a bulk move needs
    only each invitation's status, not its latest move."""
    return event is _E.REAPPEARED or event in DECISIONS


# --------------------------------------------------------------------------------------------
# Quiet hours
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# The reminder plan
# --------------------------------------------------------------------------------------------
