"""Meet-up reminders bound to APScheduler, inside the daemon's loop.

The database is the one source of truth: each open meet-up's next reminder is computed from its
row by the pure plan (``followup.next_reminder``) and bound to one APScheduler job with a stable
id and ``replace_existing``, so re-syncing at start, after an import, or after the CLI touched the
database never loses or doubles a reminder. A stage fires at most once: firing advances the
meet-up's ``fired_stage`` in the same transaction that decides to notify.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from loguru import logger

from watcher.config.settings import Settings
from watcher.followup import apply as lifecycle
from watcher.followup.plan import Reminder, after_firing, next_reminder, snoozed
from watcher.followup.quiet import out_of_quiet_hours
from watcher.followup.transitions import IllegalTransition, LifecycleEvent
from watcher.models import Evaluation, Finding, Meetup, Status, Verdict
from watcher.notify.texts import Notice, reminder_notice
from watcher.store import Store

if TYPE_CHECKING:
    from watcher.daemon.root import Daemon

#: Debounce for bursts of database-file events (one CLI command writes several times).
DB_SETTLE = 0.2


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
class Fired:
    """A reminder that fired: what to show."""

    notice: Notice
    invitation_id: int


def fire(
    store: Store, settings: Settings, invitation_id: int, stage: int, *, now: datetime, tz: tzinfo
) -> Fired | None:
    """Fire ``stage`` of a meet-up if it is still due; None if it was answered or already fired."""
    with store.transaction():
        meetup = store.meetup(invitation_id)
        invitation = store.invitation(invitation_id)
        if meetup is None or invitation is None or invitation.status.value != "meet-requested":
            return None
        due = plan_next(meetup, settings, now, tz)
        if due is None or due.stage != stage or due.due_at > now + timedelta(seconds=1):
            return None  # the plan moved (snooze, reply, config change): resync decides
        if out_of_quiet_hours(now, settings.notifications.quiet(), tz) > now:
            return None  # quiet hours began meanwhile: resync moves it to their end
        after = after_firing(meetup, due)
        store.update_meetup(
            invitation_id, fired_stage=after.fired_stage, snoozed_until=after.snoozed_until
        )
        if due.final:
            give_up(store, invitation_id, due.waited, now)
    notice = reminder_notice(meetup.name, invitation_id, due.waited, final=due.final)
    return Fired(notice, invitation_id)


def give_up(store: Store, invitation_id: int, waited: timedelta, now: datetime) -> None:
    """No answer in time: the inviter was collecting connections. Status and verdict say so."""
    current = store.invitation(invitation_id)
    if current is None or current.status is Status.UNANSWERED:
        return  # already given up: the penalty counts once
    days = max(round(waited.total_seconds() / 86400), 0)
    cause = f"no answer to the meet-up request after {days} days" if days else "no answer in time"
    lifecycle.apply_event(store, invitation_id, LifecycleEvent.GAVE_UP, cause, now)
    invitation = store.invitation(invitation_id)
    if invitation is None:
        return
    finding = Finding(rule="meetup.unanswered", points=-10, detail=cause, at=now)
    evaluation = Evaluation(
        verdict=Verdict.IGNORE,
        score=(invitation.score or 0) + finding.points,
        findings=[*invitation.findings, finding],
    )
    store.save_evaluations([(invitation, evaluation)], cause, now)


class ReminderService:
    """Keeps APScheduler's jobs equal to what the database says is due."""

    def __init__(
        self, daemon: Daemon, settings: Settings, clock: Callable[[], datetime] | None = None
    ):
        self.daemon = daemon
        self.settings = settings
        self.clock = clock or (lambda: datetime.now(UTC))
        self.tz = daemon.zone
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._db_check: asyncio.TimerHandle | None = None
        self._seen_version: int | None = None

    async def start(self) -> None:
        self.scheduler.start()
        await self.resync()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def reconfigure(self, settings: Settings) -> None:
        self.settings = settings
        await self.resync()

    async def resync(self) -> None:
        """Derive the jobs from the database: add, move or drop one job per open meet-up."""
        now = self.clock()
        planned = await self.daemon.db(
            lambda store: pending_reminders(store, self.settings, now, self.tz)
        )
        wanted = {f"meetup-{r.invitation_id}": r for r in planned}
        for job in self.scheduler.get_jobs():
            if job.id not in wanted:
                job.remove()
        for job_id, reminder in wanted.items():
            # Overdue (the daemon was down): fire now, once. misfire_grace_time=None because a
            # late reminder is still worth showing, and the database guards against doubles.
            self.scheduler.add_job(
                self._fire,
                DateTrigger(run_date=self._show_at(reminder, now)),
                args=(reminder.invitation_id, reminder.stage),
                id=job_id,
                replace_existing=True,
                misfire_grace_time=None,
                coalesce=True,
            )

    def _show_at(self, reminder: Reminder, now: datetime) -> datetime:
        """When to fire: now if overdue, but never inside quiet hours (the plan already keeps
        due times out of them; an overdue one found at start may not be)."""
        quiet = self.settings.notifications.quiet()
        return out_of_quiet_hours(max(reminder.due_at, now), quiet, self.tz)

    async def _fire(self, invitation_id: int, stage: int) -> None:
        now = self.clock()
        fired = await self.daemon.db(
            lambda store: fire(store, self.settings, invitation_id, stage, now=now, tz=self.tz)
        )
        if fired is not None:
            logger.info("reminder for invitation {} (stage {})", invitation_id, stage + 1)
            await self.daemon.send(fired.notice, self.daemon.action_handler(invitation_id))
        await self.resync()

    async def on_action(self, invitation_id: int, action: str) -> None:
        """The user's answer on a reminder: They replied, Snooze 1 day, Give up."""
        now = self.clock()

        def apply(store: Store) -> None:
            with store.transaction():
                if action == "replied":
                    lifecycle.apply_event(
                        store, invitation_id, LifecycleEvent.REPLIED, "reminder: They replied", now
                    )
                elif action == "snooze" and (meetup := store.meetup(invitation_id)) is not None:
                    later = snoozed(meetup, now, self.settings.meetup.snooze)
                    store.update_meetup(invitation_id, snoozed_until=later.snoozed_until)
                elif action == "give-up":
                    give_up(store, invitation_id, timedelta(0), now)

        try:
            await self.daemon.db(apply)
        except IllegalTransition as error:
            logger.info("invitation {}: {}", invitation_id, error)
        else:
            done = {
                "replied": "marked replied",
                "snooze": "reminder snoozed",
                "give-up": "given up",
            }
            logger.info(
                "invitation {}: {} from a notification", invitation_id, done.get(action, action)
            )
        await self.resync()

    def database_touched(self) -> None:
        """The database files changed on disk; re-sync soon if another process committed."""
        loop = asyncio.get_running_loop()
        if self._db_check is not None:
            self._db_check.cancel()
        self._db_check = loop.call_later(DB_SETTLE, lambda: self.daemon.spawn(self._check_db()))

    async def _check_db(self) -> None:
        version = await self.daemon.db(lambda store: store.data_version())
        if version != self._seen_version:
            self._seen_version = version
            await self.resync()

    async def summary(self) -> tuple[int, datetime | None]:
        """How many meet-ups wait for an answer, and when the next reminder is due."""
        now = self.clock()
        planned = await self.daemon.db(
            lambda store: (
                len(store.meetups()),
                pending_reminders(store, self.settings, now, self.tz),
            )
        )
        waiting, reminders = planned
        return waiting, reminders[0].due_at if reminders else None
