"""The composition root of ``invite-watcher run``: one asyncio loop and everything around it.

The watchdog observer thread only hands events to the loop. One worker imports files in order
(SQLite has one writer); the import itself runs in a dedicated database thread so reminders,
notifications and the systemd watchdog ping never stall behind a large archive. Every database
access goes through that one thread, which owns the only Store.
"""

from __future__ import annotations

import asyncio
import contextlib
import platform
import shutil
import signal
import threading
import time
import webbrowser
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from loguru import logger
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from watcher import pipeline
from watcher.config.settings import AfterImport, ConfigError, Settings, default_downloads
from watcher.followup import scheduler as reminders
from watcher.followup.quiet import out_of_quiet_hours
from watcher.intake import files as intake
from watcher.intake import tracker
from watcher.judge import gather as context
from watcher.models import Failed, Imported, ImportOutcome, NotOurs
from watcher.notify.announce import draft_notice, new_invitation_notices, profile_url
from watcher.notify.backends import Notifier, make_notifier
from watcher.notify.texts import Notice, failure_notice
from watcher.store import Store
from watcher.system.localtime import local_zone
from watcher.system.sd_notify import SystemdNotifier, status_line

T = TypeVar("T")

#: How long a stop may wait for the current import to notice it should roll back.
STOP_TIMEOUT = 4.0


class ImportCancelled(Exception):
    """Raised inside an import when the daemon is stopping: the transaction rolls back."""


class _Events(FileSystemEventHandler):
    """Runs on the observer thread: hands every event to the loop and does nothing else."""

    def __init__(self, loop: asyncio.AbstractEventLoop, sink: Callable[[Path, bool], None]):
        self.loop = loop
        self.sink = sink

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        hint = event.event_type in ("closed", "moved")
        # A move from outside arrives (with full events) as "moved" with no source; a move out
        # as "moved" with no destination, which only makes the tracker forget the file.
        target = event.dest_path if event.event_type == "moved" else event.src_path
        target = target or event.src_path
        path = Path(target if isinstance(target, str) else target.decode())
        with contextlib.suppress(RuntimeError):  # the loop closed while we were stopping
            self.loop.call_soon_threadsafe(self.sink, path, hint)


class Daemon:
    def __init__(
        self,
        load: Callable[[], Settings],
        *,
        folders: list[Path] | None = None,
        systemd: SystemdNotifier | None = None,
        notifier: Notifier | None = None,
        on_outcome: Callable[[ImportOutcome], None] | None = None,
    ):
        """``notifier`` replaces the configured backend; ``on_outcome`` hears of every file."""
        self._load = load
        self._folder_override = folders or []
        self.settings = load()
        self.systemd = systemd or SystemdNotifier.from_environment()
        self._fixed_notifier = notifier
        self._on_outcome = on_outcome
        self.ready = asyncio.Event()
        self.zone = local_zone()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="invite-watcher-db")
        self._store: Store | None = None
        self._queue: asyncio.Queue[Path] = asyncio.Queue()
        self._in_flight: set[Path] = set()
        #: files already handled, as they looked then: a rescan passes over them unless changed
        self._handled: dict[Path, tracker.Fingerprint | None] = {}
        self._tracker = tracker.CompletenessTracker(self.settings.watch.settle.total_seconds())
        self._observer: BaseObserver | None = None
        self._settle_timer: asyncio.TimerHandle | None = None
        self._stopping = asyncio.Event()
        self._cancel_import = threading.Event()
        self._busy = False
        self._reloading = asyncio.Lock()
        self._worker_task: asyncio.Task[None] | None = None
        self._tasks: list[asyncio.Task[Any]] = []
        self.notifier: Notifier | None = None
        self.reminders: reminders.ReminderService | None = None
        self._db_watch: BaseObserver | None = None

    # ----------------------------------------------------------------------------------------
    # Lifecycle
    # ----------------------------------------------------------------------------------------

    def folders(self) -> list[Path]:
        return [
            p.expanduser() for p in self._folder_override
        ] or self.settings.watch.watched_folders()

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        for signum, handler in (
            (signal.SIGTERM, self.stop),
            (signal.SIGINT, self.stop),
            (signal.SIGHUP, lambda: self.spawn(self.reload())),
        ):
            loop.add_signal_handler(signum, handler)
        try:
            await self._start(loop)
            await self._stopping.wait()
        finally:
            await self._shutdown()
        return 0

    async def _start(self, loop: asyncio.AbstractEventLoop) -> None:
        await loop.run_in_executor(self._db, self._open_store)
        self.notifier = await self._make_notifier()
        self.reminders = reminders.ReminderService(self, self.settings)
        await self.reminders.start()
        self._start_observer(loop)
        self._start_db_watch(loop)
        self._worker_task = asyncio.create_task(self._worker(), name="import-worker")
        self._tasks.append(self._worker_task)
        self._tasks.append(asyncio.create_task(self._rescan_forever(), name="rescan"))
        self._start_watchdog_pings(loop)
        await self.catch_up()
        self.systemd.ready(await self.status_text())
        self.ready.set()
        logger.info("watching {}", ", ".join(str(f) for f in self.folders()))

    async def _make_notifier(self) -> Notifier:
        if self._fixed_notifier is not None:
            return self._fixed_notifier
        notes = self.settings.notifications
        return await make_notifier(notes.backend, notes.app_name)

    def stop(self) -> None:
        if self._stopping.is_set():
            return
        logger.info("stopping")
        self.systemd.stopping()
        self._cancel_import.set()
        self._stopping.set()

    async def _shutdown(self) -> None:
        for observer in (self._observer, self._db_watch):
            if observer is not None:
                observer.stop()
        if self._busy and self._worker_task is not None:
            # The file being imported either commits and is announced, or (a large one)
            # notices the stop and rolls back; either way within the stop timeout.
            await asyncio.wait({self._worker_task}, timeout=STOP_TIMEOUT)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.reminders is not None:
            self.reminders.shutdown()
        if self.notifier is not None:
            await self.notifier.aclose()
        for observer in (self._observer, self._db_watch):
            if observer is not None:
                await asyncio.to_thread(observer.join, STOP_TIMEOUT)
        await asyncio.get_running_loop().run_in_executor(self._db, self._close_store)
        self._db.shutdown(wait=True)

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
            self.systemd.ready(await self.status_text())
            return
        old_folders, old_settings = self.folders(), self.settings
        self.settings = settings
        self._tracker.settle = settings.watch.settle.total_seconds()
        if self.folders() != old_folders or self._observer_kind_changed():
            self._restart_observer(asyncio.get_running_loop())
        if self.notifier is not None and self._fixed_notifier is None:
            await self.notifier.aclose()
        self.notifier = await self._make_notifier()
        if self.reminders is not None:
            await self.reminders.reconfigure(settings)
        if _judgement(settings) != _judgement(old_settings):
            count = await self.db(partial(_reevaluate, settings=settings))
            logger.info("rules changed: {} open invitations re-evaluated", count)
        logger.info("configuration reloaded; watching {}", ", ".join(map(str, self.folders())))
        await self.catch_up()
        self.systemd.ready(await self.status_text())

    # ----------------------------------------------------------------------------------------
    # The database thread
    # ----------------------------------------------------------------------------------------

    async def db(self, work: Callable[[Store], T]) -> T:
        """Run ``work(store)`` on the database thread, which owns the only Store."""

        def call() -> T:
            if self._store is None:
                raise RuntimeError("the database is not open")
            return work(self._store)

        return await asyncio.get_running_loop().run_in_executor(self._db, call)

    def _open_store(self) -> None:
        self._store = Store(self.settings.storage.database_path())

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # ----------------------------------------------------------------------------------------
    # Watching
    # ----------------------------------------------------------------------------------------

    def _observer_kind_changed(self) -> bool:
        return isinstance(self._observer, PollingObserver) != self.settings.watch.polling

    def _start_observer(self, loop: asyncio.AbstractEventLoop) -> None:
        observer: BaseObserver = (
            PollingObserver() if self.settings.watch.polling else _native_observer()
        )
        handler = _Events(loop, self._on_event)
        if not self._folder_override and not self.settings.watch.folders:
            # The default Downloads folder may not exist yet on a fresh account; the browser
            # would create it anyway. Folders the user named are never created (a typo would be).
            default_downloads().mkdir(parents=True, exist_ok=True)
        for folder in self.folders():
            if not folder.is_dir():
                logger.warning("{}: not a folder; not watched", folder)
                continue
            observer.schedule(handler, str(folder), recursive=self.settings.watch.recursive)
        observer.daemon = True
        observer.start()
        self._observer = observer

    def _restart_observer(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(STOP_TIMEOUT)
        self._start_observer(loop)

    def _start_db_watch(self, loop: asyncio.AbstractEventLoop) -> None:
        """Notice when the CLI changes the database (``sent``, ``replied``, ``decide``).

        inotify on the database's folder tells us something was written; the reminder service
        then asks SQLite (``PRAGMA data_version``) whether another connection committed, so the
        daemon's own writes cost nothing and no timer polls.
        """
        folder = self.settings.storage.database_path().parent
        database = self.settings.storage.database_path().name

        def changed(path: Path, hint: bool) -> None:
            if path.name.startswith(database) and self.reminders is not None:
                self.reminders.database_touched()

        observer = Observer()
        observer.schedule(_Events(loop, changed), str(folder), recursive=False)
        observer.daemon = True
        observer.start()
        self._db_watch = observer

    def _watched(self, path: Path) -> bool:
        if tracker.is_ignored(path, self.settings.watch.ignore):
            return False
        processed = self._processed_folder_for(path)
        return processed is None or processed not in path.parents

    def _on_event(self, path: Path, hint: bool) -> None:
        if not self._watched(path) or path in self._in_flight:
            return
        self._tracker.observe(path, intake.fingerprint(path), time.monotonic(), hint=hint)
        self._check_settled()

    def _check_settled(self) -> None:
        if self._settle_timer is not None:
            self._settle_timer.cancel()
            self._settle_timer = None
        now = time.monotonic()
        current = {p: intake.fingerprint(p) for p in self._tracker.paths()}
        for path in self._tracker.ready(now, current):
            self._enqueue(path)
        due = self._tracker.next_check()
        if due is not None:
            loop = asyncio.get_running_loop()
            self._settle_timer = loop.call_later(max(due - now, 0.01), self._check_settled)

    def _enqueue(self, path: Path) -> None:
        if path in self._in_flight:
            return
        self._in_flight.add(path)
        self._queue.put_nowait(path)

    async def catch_up(self) -> None:
        """Files that arrived while we were down (or were missed) go through the tracker too."""
        candidates = await asyncio.to_thread(self._scan)
        now = time.monotonic()
        for path, print_ in candidates:
            if self._handled.get(path) == print_:
                continue
            if path not in self._in_flight and path not in self._tracker:
                # Unchanged since we looked: an old file is complete; a new one waits to settle.
                self._tracker.observe(path, print_, now - self._age(path), hint=False)
        self._check_settled()

    def _age(self, path: Path) -> float:
        try:
            return max(time.time() - path.stat().st_mtime, 0.0)
        except OSError:
            return 0.0

    def _scan(self) -> list[tuple[Path, tracker.Fingerprint]]:
        found = []
        for folder in self.folders():
            if not folder.is_dir():
                continue
            entries = folder.rglob("*") if self.settings.watch.recursive else folder.iterdir()
            for path in entries:
                print_ = intake.fingerprint(path)
                if print_ is not None and self._watched(path):
                    found.append((path, print_))
        return found

    async def _rescan_forever(self) -> None:
        while True:
            interval = self.settings.watch.rescan.total_seconds()
            if interval <= 0:
                await asyncio.sleep(3600)
                continue
            await asyncio.sleep(interval)
            try:
                await self.catch_up()
            except OSError as error:  # a folder vanished or became unreadable: next time
                logger.warning("rescan failed: {}", error)

    # ----------------------------------------------------------------------------------------
    # Importing
    # ----------------------------------------------------------------------------------------

    async def _worker(self) -> None:
        while not self._stopping.is_set():
            path = await self._queue.get()
            self._busy = True
            try:
                outcome = await self._import_one(path)
                if outcome is None:
                    return
                await self._after_import(outcome)
            except Exception as error:  # a bug must not stop the worker: report and go on
                logger.opt(exception=error).error("{}: after the import: {}", path, error)
            finally:
                self._busy = False

    async def _import_one(self, path: Path) -> ImportOutcome | None:
        """The outcome of importing ``path``; None when a stop interrupted (and rolled it back)."""
        self._handled[path] = intake.fingerprint(path)
        logger.debug("{}: importing", path)
        try:
            return await self.db(partial(self._import, path=path))
        except ImportCancelled:
            logger.info("{}: import interrupted; it will be redone at the next start", path)
            return None
        except Exception as error:  # a bug must not stop the daemon: report and go on
            logger.opt(exception=error).error("{}: unexpected error: {}", path, error)
            return Failed(path=path, kind=None, reason=f"unexpected error: {error}")
        finally:
            self._in_flight.discard(path)

    def _import(self, store: Store, *, path: Path) -> ImportOutcome:
        def progress(done: int) -> None:
            if self._cancel_import.is_set():
                raise ImportCancelled

        deps = pipeline.Deps(store=store, settings=self.settings, progress=progress)
        return pipeline.process(path, deps, retry_failed=False)

    async def _after_import(self, outcome: ImportOutcome) -> None:
        await self._report(outcome)
        self.systemd.status(await self.status_text())
        if self._on_outcome is not None:
            self._on_outcome(outcome)

    async def _report(self, outcome: ImportOutcome) -> None:
        match outcome:
            case NotOurs():
                logger.debug("{}: not an export; left alone", outcome.path)
            case Failed(kind=None):
                logger.info("{}: skipped: {}", outcome.path, outcome.reason)
            case Failed(transient=True):
                logger.warning("{}: will retry: {}", outcome.path, outcome.reason)
                self._handled.pop(outcome.path, None)  # the next rescan tries it again
            case Failed(repeated=True):
                logger.debug("{}: failed before, not retried: {}", outcome.path, outcome.reason)
            case Failed():
                logger.warning("{}: {}", outcome.path, outcome.reason)
                await self.send(failure_notice(outcome.path.name, outcome.reason))
            case Imported():
                logger.info("imported {} ({})", outcome.path, outcome.kind)
                await self._announce(outcome)
                await self._dispose(outcome.path)
                if self.reminders is not None:
                    await self.reminders.resync()
            case _:
                logger.debug("{}: already imported", outcome.path)

    async def _announce(self, outcome: Imported) -> None:

        notices = await self.db(
            lambda store: new_invitation_notices(store, outcome.changes, self.settings)
        )
        for notice, invitation_id in notices:
            await self.send(notice, self.action_handler(invitation_id))

    def action_handler(self, invitation_id: int | None) -> Callable[[str], None] | None:
        if invitation_id is None:
            return None
        return lambda action: self._on_action(invitation_id, action)

    async def _dispose(self, path: Path) -> None:
        """after_import: keep (default), move to the processed folder, or delete."""
        mode = self.settings.watch.after_import
        try:
            if mode is AfterImport.MOVE:
                target = self._processed_folder_for(path) or path.parent / "processed"
                target.mkdir(parents=True, exist_ok=True)
                await asyncio.to_thread(shutil.move, path, intake.free_name(target, path.name))
            elif mode is AfterImport.DELETE:
                path.unlink()
        except OSError as error:
            logger.warning("{}: imported, but could not {} it: {}", path, mode.value, error)

    def _processed_folder_for(self, path: Path) -> Path | None:
        if self.settings.watch.after_import is not AfterImport.MOVE:
            return None
        if self.settings.watch.processed_folder is not None:
            return self.settings.watch.processed_folder.expanduser()
        for folder in self.folders():
            if folder in path.parents:
                return folder / "processed"
        return None

    # ----------------------------------------------------------------------------------------
    # Notifications and their actions
    # ----------------------------------------------------------------------------------------

    async def send(self, notice: Notice, on_action: Callable[[str], None] | None = None) -> None:
        """Show a notice now, or at the end of quiet hours if they are on."""
        now = datetime.now(UTC)
        shown_at = out_of_quiet_hours(now, self.settings.notifications.quiet(), self.zone)
        if shown_at > now:
            logger.info("quiet hours: {!r} waits until {}", notice.title, shown_at.astimezone())
            delay = (shown_at - now).total_seconds()
            asyncio.get_running_loop().call_later(
                delay, lambda: self.spawn(self.send(notice, on_action))
            )
            return
        if self.notifier is not None:
            await self.notifier.send(notice, on_action)

    def _on_action(self, invitation_id: int, action: str) -> None:
        self.spawn(self._handle_action(invitation_id, action))

    async def _handle_action(self, invitation_id: int, action: str) -> None:

        if action == "open-profile":
            url = await self.db(lambda store: profile_url(store, invitation_id))
            if url:
                await asyncio.to_thread(webbrowser.open, url)
        elif action == "draft":
            notice = await self.db(lambda store: draft_notice(store, invitation_id, self.settings))
            if notice is not None:
                await self.send(notice)
        elif self.reminders is not None:
            await self.reminders.on_action(invitation_id, action)

    # ----------------------------------------------------------------------------------------
    # systemd
    # ----------------------------------------------------------------------------------------

    async def status_text(self) -> str:
        waiting, next_due = (
            await self.reminders.summary() if self.reminders is not None else (0, None)
        )
        return status_line(self.folders(), waiting, next_due, datetime.now().astimezone())

    def _start_watchdog_pings(self, loop: asyncio.AbstractEventLoop) -> None:
        interval = self.systemd.watchdog_interval()
        if interval is None:
            return
        period = interval.total_seconds() / 2

        def ping() -> None:
            self.systemd.watchdog()
            loop.call_later(period, ping)

        ping()

    def spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.append(task)
        task.add_done_callback(self._tasks_done)

    def _tasks_done(self, task: asyncio.Task[Any]) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if not task.cancelled() and task.exception() is not None:
            logger.opt(exception=task.exception()).error("background task failed")


def _native_observer() -> BaseObserver:
    """inotify with full events on Linux: a file moved in from elsewhere is reported as a move
    (complete), not as a new file that must first settle. Elsewhere, watchdog's default."""
    if platform.system() == "Linux":
        # Imported here: the inotify module only loads on Linux.
        from watchdog.observers.inotify import InotifyObserver  # noqa: PLC0415

        return InotifyObserver(generate_full_events=True)
    return Observer()


def _reevaluate(store: Store, *, settings: Settings) -> int:
    with store.transaction():
        cause = "configuration reloaded"
        return context.evaluate_invitations(store, settings, None, cause, datetime.now(UTC))


def _judgement(settings: Settings) -> tuple[object, ...]:
    """The settings a verdict depends on."""
    return (settings.rules, settings.lists, settings.you)


def run(load: Callable[[], Settings], folders: list[Path] | None = None) -> int:
    """Run the daemon until SIGTERM/SIGINT; the exit status."""
    daemon = Daemon(load, folders=folders)
    return asyncio.run(daemon.run())
