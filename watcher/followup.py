"""The meet-up lifecycle and its reminder plan: pure decisions, no clock, no I/O.

The store records where each invitation stands; the daemon binds the plan to APScheduler. Both
call in here with the stored state, the configuration and, where it matters, ``now``:

* :func:`transition` — where an invitation goes when something happens (DESIGN.md, "Lifecycle").
* :func:`plan_reminders` — every stage still to come for a meet-up request, with due times.
* :func:`next_reminder` — the one reminder to schedule now (after a restart, a snooze, a jump of
  the clock).
* :func:`after_firing` and :func:`snoozed` — the meet-up state once a reminder fired or the user
  pressed "snooze"; the store saves it.

Stages are numbered from 0: stage ``i < len(remind_after)`` is the i-th reminder (the durations
sorted), the last stage is the give-up (``final``). ``Meetup.fired_stage`` counts the stages
already behind us, so the next stage is ``fired_stage`` and a stage fires at most once. When
the ``final`` stage fires, the request went unanswered: the caller applies
``LifecycleEvent.GAVE_UP``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from watcher.models import Status
from watcher.settings import QuietHours

# --------------------------------------------------------------------------------------------
# The lifecycle
# --------------------------------------------------------------------------------------------


class LifecycleEvent(StrEnum):
    SENT = "sent"  # the meet-up request went out (`sent`, or an outgoing message seen)
    REPLIED = "replied"  # the inviter answered (`replied`, or an incoming message seen)
    GAVE_UP = "gave-up"  # the give-up time passed without an answer
    CONNECTED = "connected"  # the inviter shows up in Connections.csv
    DECIDED_ACCEPT = "decided-accept"  # `decide ID accept`
    DECIDED_IGNORE = "decided-ignore"  # `decide ID ignore`
    VANISHED = "vanished"  # a newer Invitations.csv no longer lists it, and no connection


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

_WHY: dict[LifecycleEvent, str] = {
    _E.REPLIED: "no meet-up request was sent, so there is nothing to answer (run `sent ID` first)",
    _E.GAVE_UP: "only a sent, unanswered meet-up request can be given up",
}


def transition(current: Status, event: LifecycleEvent) -> Status:
    """The status after ``event``; equal to ``current`` for a repeated, harmless event.

    Raises IllegalTransition for a move that cannot happen (``replied`` on an invitation never
    ``sent``, ``sent`` on an accepted one, ...).
    """
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


# --------------------------------------------------------------------------------------------
# Quiet hours
# --------------------------------------------------------------------------------------------


_DAY = timedelta(days=1)


def in_quiet_hours(moment: datetime, quiet: QuietHours, tz: tzinfo) -> bool:
    """Whether the wall clock in ``tz`` reads inside ``[start, end)``; start == end is never."""
    wall = moment.astimezone(tz).time().replace(tzinfo=None)
    if quiet.start <= quiet.end:
        return quiet.start <= wall < quiet.end
    return wall >= quiet.start or wall < quiet.end  # wraps midnight, e.g. 21:00-08:00


def out_of_quiet_hours(moment: datetime, quiet: QuietHours | None, tz: tzinfo) -> datetime:
    """``moment`` (UTC), or the end of the quiet hours it falls into; never earlier."""
    moment = moment.astimezone(UTC)
    if quiet is None or not in_quiet_hours(moment, quiet, tz):
        return moment
    local = moment.astimezone(tz)
    ends_today = quiet.start > quiet.end and local.time().replace(tzinfo=None) < quiet.end
    end_day = local.date() if ends_today or quiet.start < quiet.end else local.date() + _DAY
    return _first_wall_time(end_day, quiet.end, tz, not_before=moment)


def _first_wall_time(day: date, wall: time, tz: tzinfo, not_before: datetime) -> datetime:
    """The earliest instant, not before ``not_before``, when the clock in ``tz`` reads ``wall``.

    On a fall-back day the time occurs twice (take the first one still ahead); on a
    spring-forward day it may not occur at all, and quiet hours end when the clock jumps past it.
    """
    naive = datetime.combine(day, wall)
    first = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    second = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    if _reads(first, naive, tz) or _reads(second, naive, tz):  # the wall time exists
        candidates = sorted({first, second})
        return next((c for c in candidates if c >= not_before), candidates[-1])
    return max(_clock_jump_past(naive, min(first, second), max(first, second), tz), not_before)


def _reads(moment: datetime, naive: datetime, tz: tzinfo) -> bool:
    return moment.astimezone(tz).replace(tzinfo=None) == naive


def _clock_jump_past(naive: datetime, low: datetime, high: datetime, tz: tzinfo) -> datetime:
    """The first whole second in ``[low, high]`` whose wall clock reads at least ``naive``.

    ``naive`` falls in a gap, so the wall clock (monotonic across a gap) is below it at ``low``
    and beyond it at ``high``; a binary search finds the jump, which lies on a whole second.
    """
    lo, hi = 0, int((high - low).total_seconds())
    while lo < hi:
        mid = (lo + hi) // 2
        if (low + timedelta(seconds=mid)).astimezone(tz).replace(tzinfo=None) >= naive:
            hi = mid
        else:
            lo = mid + 1
    return low + timedelta(seconds=lo)


# --------------------------------------------------------------------------------------------
# The reminder plan
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Meetup:
    """A sent meet-up request as the store keeps it."""

    invitation_id: int
    name: str
    sent_at: datetime  # aware
    snoozed_until: datetime | None = None  # aware
    fired_stage: int = 0  # how many stages already fired (or were skipped)

    def __post_init__(self) -> None:
        for moment in (self.sent_at, self.snoozed_until):
            if moment is not None and moment.utcoffset() is None:
                raise ValueError(f"meet-up {self.invitation_id}: times must carry a time zone")


@dataclass(frozen=True)
class Reminder:
    invitation_id: int
    stage: int
    due_at: datetime  # aware, UTC; already past when the daemon was down: fire it now
    final: bool  # the give-up stage: the request went unanswered
    waited: timedelta  # the configured wait of this stage, for the notification text


def plan_reminders(
    meetup: Meetup,
    remind_after: Sequence[timedelta],
    give_up_after: timedelta,
    quiet: QuietHours | None,
    tz: tzinfo,
) -> list[Reminder]:
    """Every stage not yet fired, in order, with its due time moved out of quiet hours.

    Due times never decrease: the waits are sorted and moving out of quiet hours keeps order.
    """
    waits = [*sorted(remind_after), give_up_after]
    last = len(waits) - 1
    return [
        Reminder(
            invitation_id=meetup.invitation_id,
            stage=stage,
            due_at=out_of_quiet_hours(meetup.sent_at + wait, quiet, tz),
            final=stage == last,
            waited=wait,
        )
        for stage, wait in enumerate(waits)
        if stage >= meetup.fired_stage
    ]


def next_reminder(
    meetup: Meetup,
    remind_after: Sequence[timedelta],
    give_up_after: timedelta,
    quiet: QuietHours | None,
    tz: tzinfo,
    *,
    now: datetime,
) -> Reminder | None:
    """The one reminder to schedule, or None when every stage fired.

    A reminder whose ``due_at`` is not after ``now`` is overdue: fire it at once. When several
    stages are overdue (the daemon was down) only the latest is returned; firing it
    (:func:`after_firing`) skips the earlier ones. While snoozed, nothing fires before
    ``snoozed_until`` (moved out of quiet hours); then the latest stage due by that time fires,
    or, if none is, the last fired stage fires again.
    """
    plan = plan_reminders(meetup, remind_after, give_up_after, quiet, tz)
    if meetup.snoozed_until is not None:
        wake = out_of_quiet_hours(meetup.snoozed_until, quiet, tz)
        refire = _snoozed_reminder(meetup, plan, remind_after, give_up_after, wake)
        if refire is not None:
            return refire
    overdue = [reminder for reminder in plan if reminder.due_at <= now]
    if overdue:
        return overdue[-1]
    return plan[0] if plan else None


def _snoozed_reminder(
    meetup: Meetup,
    plan: list[Reminder],
    remind_after: Sequence[timedelta],
    give_up_after: timedelta,
    wake: datetime,
) -> Reminder | None:
    due_by_wake = [reminder for reminder in plan if reminder.due_at <= wake]
    if due_by_wake:
        return replace(due_by_wake[-1], due_at=wake)
    if meetup.fired_stage == 0:
        return None  # nothing fired yet: the plan's first stage comes after the snooze anyway
    waits = [*sorted(remind_after), give_up_after]
    stage = min(meetup.fired_stage, len(waits)) - 1
    return Reminder(
        invitation_id=meetup.invitation_id,
        stage=stage,
        due_at=wake,
        final=stage == len(waits) - 1,
        waited=waits[stage],
    )


def after_firing(meetup: Meetup, reminder: Reminder) -> Meetup:
    """The meet-up once ``reminder`` fired: its stage (and any skipped before it) is behind us."""
    return replace(
        meetup,
        fired_stage=max(meetup.fired_stage, reminder.stage + 1),
        snoozed_until=None,
    )


def snoozed(meetup: Meetup, now: datetime, snooze: timedelta) -> Meetup:
    """The meet-up after the user pressed "snooze" on its reminder at ``now``."""
    return replace(meetup, snoozed_until=now + snooze)
