"""The reminder plan for a meet-up request: pure decisions, no clock, no I/O.

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
from datetime import datetime, timedelta, tzinfo

from watcher.config.settings import QuietHours
from watcher.followup.quiet import out_of_quiet_hours
from watcher.models import Meetup


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
