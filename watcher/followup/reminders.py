"""Meet-up reminders against the store: what is due, firing a stage, giving up, the user's answer.

The database is the one source of truth for due times: each open meet-up's next reminder is
computed from its stored state by the pure plan (``watcher.followup.plan``). A stage fires at
most once: firing advances the meet-up's ``fired_stage`` in the same transaction that decides to
notify. Binding these steps to a scheduler is the daemon's job (``watcher.daemon.reminders``);
what the notification says is ``watcher.notify.texts``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from watcher.config.settings import Settings
from watcher.followup import apply as lifecycle
from watcher.followup.plan import Reminder, after_firing, next_reminder, snoozed
from watcher.followup.transitions import LifecycleEvent
from watcher.models import Meetup, Status
from watcher.store import Store

#: A reminder counts as due this much before its time: APScheduler may wake a little early.
EARLY_SLACK = timedelta(seconds=1)


def plan_next(meetup: Meetup, settings: Settings, now: datetime, tz: tzinfo) -> Reminder | None:
    meet = settings.meetup
    return next_reminder(
        meetup,
        remind_after=meet.remind_after,
        give_up_after=meet.give_up_after,
        quiet=settings.notifications.quiet(),
        tz=tz,
        now=now,
    )


def pending_reminders(
    store: Store, settings: Settings, now: datetime, tz: tzinfo
) -> list[Reminder]:
    """The next reminder of every open meet-up, soonest first (also what `reminders` prints)."""
    planned = [plan_next(meetup, settings, now, tz) for meetup in store.meetups()]
    return sorted((r for r in planned if r is not None), key=lambda r: r.due_at)


@dataclass(frozen=True)
class FiredReminder:
    """A stage that fired: which, who it is about and how long they were waited for."""

    invitation_id: int
    stage: int
    name: str
    waited: timedelta
    final: bool  # the give-up: the request went unanswered


def fire(
    store: Store,
    settings: Settings,
    invitation_id: int,
    *,
    now: datetime,
    tz: tzinfo,
    then: Callable[[FiredReminder], None] | None = None,
) -> FiredReminder | None:
    """Fire the stage of a meet-up that the plan says is due now; None if none is (answered,
    snoozed, every stage fired, or not yet due).

    Not the stage a scheduler planned: after a gap (the daemon stopped, the machine asleep)
    several may be due, and the plan's latest overdue one fires alone, the earlier ones behind
    it (the give-up, when it is among them, once). ``then`` runs inside the same transaction
    (the daemon records the reminder's notice there), so a stage is never marked fired without
    its notice, nor its notice kept without it."""
    with store.transaction():
        meetup = store.meetup(invitation_id)
        invitation = store.invitation(invitation_id)
        if meetup is None or invitation is None or invitation.status is not Status.MEET_REQUESTED:
            return None
        due = plan_next(meetup, settings, now, tz)
        if due is None or due.due_at > now + EARLY_SLACK:
            return None  # the plan moved (snooze, reply, config change): a resync decides
        after = after_firing(meetup, due)
        store.update_meetup(
            invitation_id, fired_stage=after.fired_stage, snoozed_until=after.snoozed_until
        )
        if due.final:
            give_up(store, settings, invitation_id, due.waited, now)
        fired = FiredReminder(invitation_id, due.stage, meetup.name, due.waited, due.final)
        if then is not None:
            then(fired)
    return fired


def give_up(
    store: Store, settings: Settings, invitation_id: int, waited: timedelta, now: datetime
) -> None:
    """No answer in time: the inviter was collecting connections. The status says so, and the
    rulebook's ``meetup.unanswered`` rule turns the verdict to ignore."""
    current = store.invitation(invitation_id)
    if current is None or current.status is Status.UNANSWERED:
        return  # already given up
    days = max(round(waited.total_seconds() / 86400), 0)
    cause = f"no answer to the meet-up request after {days} days" if days else "no answer in time"
    lifecycle.apply_event(store, invitation_id, LifecycleEvent.GAVE_UP, cause, now)
    # Imported here: the rules (rapidfuzz among them) stay out of an idle daemon's memory.
    from watcher.judge import gather  # noqa: PLC0415

    gather.evaluate_given(store, settings, [invitation_id], cause, now)


def settle_overdue(
    store: Store,
    settings: Settings,
    moved: Mapping[int, Status],
    file_name: str,
    now: datetime,
    *,
    judge: bool = True,
) -> list[int]:
    """Meet-up requests an import just inferred (``moved`` to meet-requested) whose give-up
    time had already passed when it arrived: history, settled silently. Each is unanswered,
    its stages all behind it (nothing fires), and the rulebook re-judges it (ignore), unless
    ``judge`` is False: the caller judges them with the rest of the import's moves. Runs
    inside the import's transaction; returns the settled invitations.

    The give-up time here is the send time plus ``give_up_after``, not moved out of quiet
    hours: for a request this old, the hour of the day no longer matters.
    """
    meet = settings.meetup
    stages = len(meet.remind_after) + 1
    inferred = [i for i, status in moved.items() if status is Status.MEET_REQUESTED]
    overdue = [
        meetup
        for i in inferred
        if (meetup := store.meetup(i)) is not None and meetup.sent_at + meet.give_up_after <= now
    ]
    if not overdue:
        return []
    days = max(round(meet.give_up_after.total_seconds() / 86400), 0)
    cause = f"no answer to the meet-up request after {days} days (seen in {file_name})"
    for meetup in overdue:
        store.update_meetup(meetup.invitation_id, fired_stage=stages, snoozed_until=None)
    # The transition is dated when the request was given up, not when the file arrived.
    gave_up = [(m.invitation_id, _GAVE_UP, m.sent_at + meet.give_up_after) for m in overdue]
    lifecycle.apply_moves(store, gave_up, cause, now)
    settled = [m.invitation_id for m in overdue]
    if judge:
        from watcher.judge import gather  # noqa: PLC0415  (see above)

        gather.evaluate_given(store, settings, settled, cause, now)
    return settled


_GAVE_UP = LifecycleEvent.GAVE_UP


def answer(store: Store, settings: Settings, invitation_id: int, action: str, now: datetime) -> str:
    """The user's answer on a reminder (They replied, Snooze, Give up); what was done, in words.

    Raises ``IllegalTransition`` when the invitation has moved on (e.g. replied already)."""
    with store.transaction():
        if action == "replied":
            cause = "reminder: They replied"
            lifecycle.apply_event(store, invitation_id, LifecycleEvent.REPLIED, cause, now)
            return "marked replied"
        if action == "snooze":
            meetup = store.meetup(invitation_id)
            if meetup is None:
                return "nothing to snooze"
            later = snoozed(meetup, now, settings.meetup.snooze)
            store.update_meetup(invitation_id, snoozed_until=later.snoozed_until)
            return "reminder snoozed"
        if action == "give-up":
            give_up(store, settings, invitation_id, timedelta(0), now)
            return "given up"
    return f"unknown action {action!r} ignored"
