"""The reminder scheduler: APScheduler's jobs kept equal to what the database says is due.

Each open meet-up's next reminder (``watcher.followup.reminders.pending_reminders``) is bound to
one job with a stable id and ``replace_existing``, so re-syncing at start, after an import, after
the CLI touched the database or after the clock moved never loses or doubles a reminder. Due
times come from the injected clock; APScheduler only wakes us when that much real time passed.

A job only wakes us: it hands the meet-up to a task of its own (``_fire``) and returns, and that
task fires whatever the plan says is due *now* (after a gap, the latest missed stage: the
earlier ones coalesce into it), then re-plans. Re-planning from inside the running job would
re-add that job's own id while APScheduler still counts it as running: the new, immediate run
is "skipped: maximum number of running instances reached" and, its date trigger spent, dropped
with the meet-up's every later stage.

A write that meets a busy database (another process's long import, past the database thread's
patience) or a full disk is tried again with backoff until it goes through: the stage waits,
it is never lost, and the plan in the database keeps it from firing twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from loguru import logger

from watcher.config.settings import Settings
from watcher.daemon.outbox import record
from watcher.daemon.ports import Clock, RunsOnDatabase, SendsNotices, Spawns
from watcher.followup import reminders as steps
from watcher.followup.plan import Reminder
from watcher.followup.transitions import IllegalTransition
from watcher.notify.texts import reminder_notice
from watcher.store import Store
from watcher.store.faults import is_passing

#: Debounce for bursts of database-file events (one CLI command writes several times).
DB_SETTLE = 0.2
#: Backoff for a write that met a busy database or a full disk: first pause, longest (seconds).
RETRY_FIRST = 0.5
RETRY_LONGEST = 30.0

T = TypeVar("T")


class ReminderScheduler:
    def __init__(
        self,
        *,
        db: RunsOnDatabase,
        outbox: SendsNotices,
        settings: Callable[[], Settings],
        clock: Clock,
        zone: tzinfo,
        tasks: Spawns,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._settings = settings
        self._clock = clock
        self._zone = zone
        self._tasks = tasks
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._db_check: asyncio.TimerHandle | None = None
        self._seen_version: int | None = None

    async def start(self) -> None:
        self.scheduler.start()
        await self.resync()

    def shutdown(self) -> None:
        if self._db_check is not None:
            self._db_check.cancel()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def resync(self) -> None:
        """Derive the jobs from the database: add, move or drop one job per open meet-up."""
        now, settings = self._clock(), self._settings()
        planned = await self._db(
            lambda store: steps.pending_reminders(store, settings, now, self._zone)
        )
        wanted = {f"meetup-{r.invitation_id}": r for r in planned}
        logger.debug("reminders: {} planned{}", len(wanted), _soonest(planned))
        for job in self.scheduler.get_jobs():
            if job.id not in wanted:
                job.remove()
        for job_id, reminder in wanted.items():
            # Overdue (the daemon was down): fire now, once. misfire_grace_time=None because a
            # late reminder is still worth showing, and the database guards against doubles.
            # max_instances stays 1 and the id stays one per meet-up (not per stage): the job
            # body is over at once (``_due``), so a second instance could only be a double,
            # and a stable id is what lets a re-sync move or drop the one job of a meet-up.
            self.scheduler.add_job(
                self._due,
                DateTrigger(run_date=self._wake_at(reminder, now)),
                args=(reminder.invitation_id, reminder.stage),
                id=job_id,
                replace_existing=True,
                misfire_grace_time=None,
                coalesce=True,
            )

    def _wake_at(self, reminder: Reminder, now: datetime) -> datetime:
        """The wall-clock moment to wake for a reminder due (by our clock) at ``due_at``."""
        wait = max(reminder.due_at - now, timedelta(0))
        return datetime.now(UTC) + wait

    async def _due(self, invitation_id: int, stage: int) -> None:
        """The job: a meet-up's planned ``stage`` fell due. Firing and re-planning happen in a
        task of their own, after this job returned (see the module docstring): the task's first
        step waits for the database thread, and by then APScheduler has counted this run out."""
        self._tasks.spawn(self._fire(invitation_id), f"reminder-{invitation_id}-{stage + 1}")

    async def _fire(self, invitation_id: int) -> None:
        fired = await _until_written(
            lambda: self._db(self._firing(invitation_id)),
            f"the reminder for invitation {invitation_id}",
        )
        if fired is not None:
            logger.info("reminder for invitation {} (stage {})", invitation_id, fired.stage + 1)
            await self._outbox.deliver()
        await self.resync()

    def _firing(self, invitation_id: int) -> Callable[[Store], steps.FiredReminder | None]:
        """The database work that fires what is due for a meet-up now (read now: a retry after
        a wait for the lock fires what is due by then)."""
        now, settings = self._clock(), self._settings()

        def fire(store: Store) -> steps.FiredReminder | None:
            def then(fired: steps.FiredReminder) -> None:
                # In the transaction that marks the stage fired: never one without the other.
                notice = reminder_notice(
                    fired.name,
                    invitation_id,
                    fired.waited,
                    final=fired.final,
                    snooze=settings.meetup.snooze,
                )
                record(store, [notice], now, f"reminder stage {fired.stage + 1}")

            return steps.fire(store, settings, invitation_id, now=now, tz=self._zone, then=then)

        return fire

    async def on_action(self, invitation_id: int, action: str) -> None:
        """The user's answer on a reminder: They replied, Snooze, Give up."""

        def answer() -> Awaitable[str]:
            now, settings = self._clock(), self._settings()
            return self._db(lambda store: steps.answer(store, settings, invitation_id, action, now))

        try:
            done = await _until_written(answer, f"the answer on invitation {invitation_id}")
        except IllegalTransition as error:
            logger.info("invitation {}: {}", invitation_id, error)
        else:
            logger.info("invitation {}: {} from a notification", invitation_id, done)
        await self.resync()

    def database_touched(self) -> None:
        """The database files changed on disk; re-sync soon if another process committed."""
        if self._db_check is not None:
            self._db_check.cancel()
        self._db_check = asyncio.get_running_loop().call_later(
            DB_SETTLE, lambda: self._tasks.spawn(self._check_db(), "database-check")
        )

    async def _check_db(self) -> None:
        version = await self._db(lambda store: store.data_version())
        if version != self._seen_version:
            self._seen_version = version
            await self.resync()

    async def summary(self) -> tuple[int, datetime | None]:
        """How many meet-ups wait for an answer, and when the next reminder is due."""
        now, settings = self._clock(), self._settings()
        waiting, planned = await self._db(
            lambda store: (
                len(store.meetups()),
                steps.pending_reminders(store, settings, now, self._zone),
            )
        )
        return waiting, planned[0].due_at if planned else None


async def _until_written(attempt: Callable[[], Awaitable[T]], what: str) -> T:
    """``attempt()`` again and again, with backoff, while it fails with a fault that waiting
    mends (``is_passing``); said once in the log, not at every try."""
    pause = RETRY_FIRST
    tries = 0
    while True:
        try:
            return await attempt()
        except Exception as error:
            if not is_passing(error):
                raise
            tries += 1
            say = logger.warning if tries == 1 else logger.debug
            say("{}: {}; trying again (try {}, in {:.1f} s)", what, error, tries + 1, pause)
        await asyncio.sleep(pause)
        pause = min(pause * 2, RETRY_LONGEST)


def _soonest(planned: list[Reminder]) -> str:
    """For the debug log (and the system tests, which wait for it): the next one, if any."""
    if not planned:
        return ""
    first = planned[0]
    return f"; next: invitation {first.invitation_id} stage {first.stage + 1} at {first.due_at}"
