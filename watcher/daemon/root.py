"""The composition root of ``invite-watcher run``: builds the parts, wires them, runs the loop.

One asyncio loop is the heart of the daemon. The parts, one job each:

* ``DatabaseThread`` — the one thread that owns the Store; every database call goes there.
* ``FolderWatcher`` — filesystem events and scans in, complete files out.
* ``ImportWorker`` — one file at a time through ``pipeline.process`` (a large one in a child
  process, ``daemon.child``), then what its outcome calls for (log, failure notice,
  announcement, keep/move/delete); a file that met a busy database is retried with backoff.
* ``Outbox`` — every notice goes out through it, recorded in the database first, sent on a
  task of its own (the worker never waits for the desktop); the one place quiet hours and the
  notification budget apply, and where announcements pending together become one summary.
* ``ActionRouter`` — what a click on a notification's button does.
* ``ReminderScheduler`` — APScheduler's jobs kept equal to the meet-ups' due times.
* ``ClockJumps`` — notices the clock jumped (a resume from suspend) and catches up.

Parts depend on small Protocols (``watcher.daemon.ports``) and on one injected clock; only this
module knows them all. Signals: SIGTERM/SIGINT stop (the current import commits or rolls back),
SIGHUP reloads the configuration (an invalid one is reported and the old one kept).
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path

from loguru import logger
from watchdog.observers.api import BaseObserver

from watcher.config.settings import ConfigError, Settings
from watcher.daemon.actions import ActionRouter
from watcher.daemon.clockjump import PERIOD, ClockJumps
from watcher.daemon.database import DatabaseThread
from watcher.daemon.folders import FolderWatcher, Ledger, watch_database
from watcher.daemon.outbox import Outbox
from watcher.daemon.ports import Clock, system_clock
from watcher.daemon.reminders import ReminderScheduler
from watcher.daemon.tasks import BackgroundTasks
from watcher.daemon.worker import ImportWorker
from watcher.models import ImportOutcome
from watcher.notify.asked import config_refused_notice
from watcher.notify.backends import ActionHandler, Notifier, make_notifier
from watcher.notify.clipping import clip
from watcher.store import Store
from watcher.store.faults import CorruptDatabase
from watcher.system.localtime import local_zone
from watcher.system.sd_notify import SystemdNotifier, not_watching, status_line
from watcher.system.service import UNUSABLE_DATABASE_EXIT

#: How long a stop may wait for the current import to commit or notice it should roll back.
STOP_TIMEOUT = 4.0


class Daemon:
    def __init__(
        self,
        load: Callable[[], Settings],
        *,
        folders: list[Path] | None = None,
        systemd: SystemdNotifier | None = None,
        notifier: Notifier | None = None,
        on_outcome: Callable[[ImportOutcome], None] | None = None,
        clock: Clock = system_clock,
        zone: tzinfo | None = None,
        clock_check: float = PERIOD,
    ):
        """``notifier`` replaces the configured backend; ``on_outcome`` hears of every file;
        ``clock_check`` is how often (seconds) to look whether the clock jumped."""
        self._load = load
        self.settings = load()
        self.systemd = systemd or SystemdNotifier.from_environment()
        self.clock = clock
        self.zone = zone or local_zone()
        self.ready = asyncio.Event()
        self._fixed_notifier = notifier
        self._on_outcome = on_outcome
        self._stopping = asyncio.Event()
        #: what ``run`` returns: UNUSABLE_DATABASE_EXIT once the database was found corrupt
        self._exit_status = 0
        self._reloading = asyncio.Lock()
        #: why the last SIGHUP kept the old configuration (None: it took the new one)
        self._refused: str | None = None
        self._db_watch: BaseObserver | None = None
        self._worker_task: asyncio.Task[None] | None = None
        self.tasks = BackgroundTasks()
        self._clock_jumps = ClockJumps(clock, self.time_moved, period=clock_check)
        self._compose(folders or [])

    def _compose(self, folders: list[Path]) -> None:
        settings = self.current_settings
        self.db = DatabaseThread(
            self.settings.storage.database_path(), on_corrupt=self._database_corrupt
        )
        self.outbox = Outbox(
            self._fixed_notifier or _Unset(),
            settings,
            db=self.db,
            handler_for=self._handler_for,
            zone=self.zone,
            clock=self.clock,
            tasks=self.tasks,
        )
        self.actions = ActionRouter(
            db=self.db, outbox=self.outbox, settings=settings, tasks=self.tasks
        )
        self.reminders = ReminderScheduler(
            db=self.db,
            outbox=self.outbox,
            settings=settings,
            clock=self.clock,
            zone=self.zone,
            tasks=self.tasks,
        )
        self.actions.answer_reminders_with(self.reminders.on_action)
        ledger = Ledger()
        self.worker = ImportWorker(
            db=self.db,
            outbox=self.outbox,
            settings=settings,
            folders=self.folders,
            ledger=ledger,
            clock=self.clock,
            after_each=self._after_import,
            on_corrupt=self._database_corrupt,
        )
        self.watcher = FolderWatcher(
            settings=settings,
            override=folders,
            submit=self.worker.submit,
            ledger=ledger,
            tasks=self.tasks,
            on_change=self._folders_changed,
        )

    def current_settings(self) -> Settings:
        return self.settings

    def _handler_for(self, invitation_id: int | None) -> ActionHandler | None:
        # The router is made after the outbox (it sends drafts through it): ask it late.
        return self.actions.handler_for(invitation_id)

    def folders(self) -> list[Path]:
        return self.watcher.folders()

    # -- lifecycle ---------------------------------------------------------------------------

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        for signum, handler in (
            (signal.SIGTERM, self.stop),
            (signal.SIGINT, self.stop),
            (signal.SIGHUP, lambda: self.tasks.spawn(self.reload(), "reload")),
        ):
            loop.add_signal_handler(signum, handler)
        try:
            await self._start(loop)
            await self._stopping.wait()
        finally:
            await self._shutdown()
        return self._exit_status

    async def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        await self.db.open()
        await self.outbox.start(await self._make_notifier())  # shows what a last run did not
        await self.reminders.start()
        self.watcher.start(loop)
        database = self.settings.storage.database_path()
        self._db_watch = watch_database(loop, database, self.reminders.database_touched)
        self._worker_task = asyncio.create_task(self.worker.run(), name="import-worker")
        self.tasks.spawn(self.watcher.rescan_forever(), "rescan")
        self.tasks.spawn(self._clock_jumps.run(), "clock-jumps")
        self._start_watchdog_pings(loop)
        await self.watcher.catch_up()
        self.systemd.ready(await self.status_text())
        self.ready.set()
        logger.info(self._watching())

    async def _make_notifier(self) -> Notifier:
        if self._fixed_notifier is not None:
            return self._fixed_notifier
        notes = self.settings.notifications
        return await make_notifier(notes.backend, notes.app_name)

    def _database_corrupt(self, error: CorruptDatabase) -> None:
        """Found corrupt while running: nothing more can work, and a restart would find the same
        file, so stop with the status the unit does not restart on (the user moves it aside)."""
        if self._exit_status == 0:
            logger.error("{}", error)
        self._exit_status = UNUSABLE_DATABASE_EXIT
        self.stop()

    def stop(self) -> None:
        if self._stopping.is_set():
            return
        logger.info("stopping")
        self.systemd.stopping()
        self.worker.cancel.set()
        self._stopping.set()

    async def _shutdown(self) -> None:
        self.watcher.stop()
        self.worker.close()
        if self._db_watch is not None:
            self._db_watch.stop()
        if self._worker_task is not None:
            if self.worker.busy:
                # The file being imported either commits and is announced, or (a large one)
                # notices the stop and rolls back; either way within the stop timeout.
                await asyncio.wait({self._worker_task}, timeout=STOP_TIMEOUT)
            self._worker_task.cancel()
            await asyncio.gather(self._worker_task, return_exceptions=True)
        await self.tasks.cancel_all()
        self.reminders.shutdown()
        await self.outbox.aclose()
        self.watcher.join()
        if self._db_watch is not None:
            await asyncio.to_thread(self._db_watch.join, STOP_TIMEOUT)
        await self.db.close()

    async def reload(self) -> None:
        """SIGHUP: re-read the configuration; an invalid one is reported and the old one kept."""
        async with self._reloading:  # two quick SIGHUPs apply one after the other
            await self._reload()

    async def _reload(self) -> None:
        self.systemd.reloading()
        try:
            settings = self._load()
        except ConfigError as error:
            for problem in error.problems:
                logger.error("configuration not reloaded: {}", problem)
            # The log is not where the user looks after `service reload`: say it on the
            # desktop, and in the status line `service status` shows, until a reload works.
            self._refused = error.problems[0] if error.problems else "invalid configuration"
            await self.outbox.send(config_refused_notice(error.problems), "reload")
            self.systemd.ready(await self.status_text())
            return
        self._refused = None
        old_folders, old_settings = self.folders(), self.settings
        self.settings = settings
        self.watcher.reconfigure(asyncio.get_running_loop(), old_folders)
        await self.outbox.replace_notifier(await self._make_notifier())
        await self.outbox.time_moved()  # quiet hours may have changed
        await self.reminders.resync()
        if _judgement(settings) != _judgement(old_settings):
            count = await self.db(self._reevaluate)
            logger.info("rules changed: {} open invitations re-evaluated", count)
        logger.info("configuration reloaded; {}", self._watching())
        await self.watcher.catch_up()
        self.systemd.ready(await self.status_text())

    async def time_moved(self) -> None:
        """The clock jumped (a resume from suspend, a test moving time): catch up on what fell
        due meanwhile — held notices and reminders."""
        await self.outbox.time_moved()
        await self.reminders.resync()

    # -- after each import -------------------------------------------------------------------

    async def _after_import(self, outcome: ImportOutcome) -> None:
        await self.reminders.resync()
        self.systemd.status(await self.status_text())
        if self._on_outcome is not None:
            self._on_outcome(outcome)

    def _reevaluate(self, store: Store) -> int:
        # Imported when the rules changed: the idle daemon does not keep the rulebook resident.
        from watcher.judge import gather  # noqa: PLC0415

        return gather.rejudge_open(store, self.settings, "configuration reloaded", self.clock())

    # -- systemd -----------------------------------------------------------------------------

    def _watching(self) -> str:
        """Which folders are actually watched, and which not and why: the startup line."""
        watched = ", ".join(map(str, self.watcher.watched())) or "no folder"
        problems = self.watcher.not_watched()
        return f"watching {watched}" + (f"; {not_watching(problems)}" if problems else "")

    def _folders_changed(self) -> None:
        if self.ready.is_set():  # at start, READY carries the first status
            self.tasks.spawn(self._update_status(), "status")

    async def _update_status(self) -> None:
        self.systemd.status(await self.status_text())

    async def status_text(self) -> str:
        waiting, next_due = await self.reminders.summary()
        now = self.clock().astimezone(self.zone)
        watched, problems = self.watcher.watched(), self.watcher.not_watched()
        line = status_line(watched, waiting, next_due, now, not_watched=problems)
        if self._refused is not None:
            return f"old configuration kept (reload refused: {clip(self._refused, 80)}); {line}"
        return line

    def _start_watchdog_pings(self, loop: asyncio.AbstractEventLoop) -> None:
        interval = self.systemd.watchdog_interval()
        if interval is None:
            return
        period = interval.total_seconds() / 2

        def ping() -> None:
            self.systemd.watchdog()
            loop.call_later(period, ping)

        ping()


class _Unset:
    """The notifier before the configured one is made (at start, inside the loop)."""

    async def send(self, *args: object, **kwargs: object) -> None:
        logger.debug("a notice came up before the notifier was ready")

    async def aclose(self) -> None:
        return None


def _judgement(settings: Settings) -> tuple[object, ...]:
    """The settings a verdict depends on."""
    return (settings.rules, settings.lists, settings.you)


def run(load: Callable[[], Settings], folders: list[Path] | None = None) -> int:
    """Run the daemon until SIGTERM/SIGINT; the exit status."""
    daemon = Daemon(load, folders=folders)
    return asyncio.run(daemon.run())
