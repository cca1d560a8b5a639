"""Folder watching: filesystem events and scans in, complete files out to the import worker.

The watchdog observer thread only hands events to the loop (``call_soon_threadsafe``). The
completeness tracker (``watcher.intake.tracker``, pure) decides when a file is whole; a catch-up
scan at start and a periodic rescan find what arrived while nothing was listening. The ledger
remembers which files are in flight and how each handled file looked, so a rescan passes over
what did not change. Which folders are actually watched (a folder may be missing, come back
after being deleted, or be unreadable) is ``watcher.daemon.arming``'s job.
"""

from __future__ import annotations

import asyncio
import contextlib
import platform
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from loguru import logger
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from watcher.config.settings import Settings, default_downloads
from watcher.daemon.arming import Arms, FolderState
from watcher.daemon.disposal import processed_folder_for
from watcher.daemon.ports import Spawns
from watcher.intake import files as intake
from watcher.intake.tracker import CompletenessTracker, Fingerprint, Hint, is_ignored

#: How long a stop waits for an observer thread to end.
JOIN_TIMEOUT = 4.0


class Events(FileSystemEventHandler):
    """Runs on the observer thread: hands every event to the loop and does nothing else.

    ``writes`` is what a create or modify event says: a writer is at it (an observer that
    reports closes, inotify) or only that the file looks different (one that does not)."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        sink: Callable[[Path, Hint], None],
        writes: Hint = Hint.WRITTEN,
    ):
        self.loop = loop
        self.sink = sink
        self.writes = writes

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        hint = _HINTS.get(event.event_type, self.writes)
        # A move from outside arrives (with full events) as "moved" with no source; a move out
        # as "moved" with no destination, which only makes the tracker forget the file.
        target = event.dest_path if event.event_type == "moved" else event.src_path
        target = target or event.src_path
        path = Path(target if isinstance(target, str) else target.decode())
        with contextlib.suppress(RuntimeError):  # the loop closed while we were stopping
            self.loop.call_soon_threadsafe(self.sink, path, hint)


_HINTS = {"closed": Hint.CLOSED, "moved": Hint.MOVED, "attrib": Hint.TOUCHED}


class Ledger:
    """Files handed to the worker and not yet done, and how each handled file looked."""

    def __init__(self) -> None:
        self.in_flight: set[Path] = set()
        self._handled: dict[Path, Fingerprint | None] = {}
        self._claimed: dict[Path, Fingerprint | None] = {}
        self._on_finished: Callable[[Path], None] = lambda path: None

    def when_finished(self, callback: Callable[[Path], None]) -> None:
        """Call ``callback(path)`` once each import is done (the watcher looks again at a file
        that changed while it was being imported)."""
        self._on_finished = callback

    def claim(self, path: Path) -> bool:
        """True if ``path`` was not in flight and now is."""
        if path in self.in_flight:
            return False
        self.in_flight.add(path)
        self._claimed[path] = intake.fingerprint(path)
        return True

    def still_as_claimed(self, path: Path) -> bool:
        """Whether ``path`` looks as it did when it was found complete: one that grew while it
        waited in the queue is not imported yet (``finished`` hands it back to the watcher,
        which tracks it until it settles again)."""
        return path in self._claimed and intake.fingerprint(path) == self._claimed[path]

    def started(self, path: Path) -> None:
        self._handled[path] = intake.fingerprint(path)

    def finished(self, path: Path) -> None:
        self.in_flight.discard(path)
        self._claimed.pop(path, None)
        self._on_finished(path)

    def retry_later(self, path: Path) -> None:
        """Forget that ``path`` was handled: the next rescan offers it again."""
        self._handled.pop(path, None)

    def unchanged(self, path: Path, fingerprint: Fingerprint) -> bool:
        return self._handled.get(path) == fingerprint


class FolderWatcher:
    def __init__(
        self,
        *,
        settings: Callable[[], Settings],
        override: list[Path],
        submit: Callable[[Path], None],
        ledger: Ledger,
        tasks: Spawns | None = None,
        on_change: Callable[[], None] = lambda: None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """``on_change``: which folders are watched changed (one appeared, vanished...);
        ``tasks`` runs the scan of a folder that came (back)."""
        self._settings = settings
        self._override = [folder.expanduser() for folder in override]
        self._submit = submit
        self._ledger = ledger
        self._monotonic = monotonic
        self._tracker = CompletenessTracker(settings().watch.settle.total_seconds())
        self._tasks = tasks
        self._on_change = on_change
        self._observer: BaseObserver | None = None
        self._lookout: BaseObserver | None = None
        self._arms: Arms | None = None
        self._settle_timer: asyncio.TimerHandle | None = None
        self._confirming = False
        self._own_tasks: set[asyncio.Future[None]] = set()
        ledger.when_finished(self._import_done)

    def folders(self) -> list[Path]:
        """The folders to watch: those given on the command line, else the configured ones."""
        return self._override or self._settings().watch.watched_folders()

    def watched(self) -> list[Path]:
        """The folders actually watched now."""
        if self._arms is None:
            return []
        states = self._arms.states()
        return [f for f in self.folders() if states.get(f) is FolderState.WATCHED]

    def not_watched(self) -> dict[Path, str]:
        """The folders not watched now, each with why (``missing``, ``unreadable: …``)."""
        return {} if self._arms is None else self._arms.problems()

    # -- the observer ------------------------------------------------------------------------

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        settings = self._settings()
        if not self._override and not settings.watch.folders:
            # The default Downloads folder may not exist yet on a fresh account; the browser
            # would create it anyway. Folders the user named are never created (a typo would be).
            with contextlib.suppress(OSError):  # then it is watched for, like any missing one
                default_downloads().mkdir(parents=True, exist_ok=True)
        # Started before any watch is added, so a folder that cannot be watched fails here,
        # in schedule(), not later on the observer's thread.
        kind = PollingObserver if settings.watch.polling else native_observer
        self._observer, self._lookout = _started(kind()), _started(kind())
        self._arms = Arms(
            loop=loop,
            observer=self._observer,
            lookout=self._lookout,
            files=Events(loop, self.on_event, writes=_write_hint(settings.watch.polling)),
            recursive=settings.watch.recursive,
            on_armed=self._armed,
            on_change=self._on_change,
        )
        self._arms.start(self.folders())

    def _armed(self, folder: Path) -> None:
        """A folder came (back): what is already in it waits for no rescan."""
        if self._tasks is not None:
            self._tasks.spawn(self.catch_up(), f"scan {folder}")

    def reconfigure(self, loop: asyncio.AbstractEventLoop, old_folders: list[Path]) -> None:
        """After a reload: new settle time; a new observer if the folders or its kind changed."""
        settings = self._settings()
        self._tracker.settle = settings.watch.settle.total_seconds()
        polling_now = isinstance(self._observer, PollingObserver)
        if self.folders() != old_folders or polling_now != settings.watch.polling:
            self.stop()
            self.join()
            self.start(loop)

    def stop(self) -> None:
        if self._arms is not None:
            self._arms.stop()
        for observer in (self._observer, self._lookout):
            if observer is not None:
                observer.stop()
        if self._settle_timer is not None:
            self._settle_timer.cancel()
        for task in self._own_tasks:
            task.cancel()

    def join(self) -> None:
        for observer in (self._observer, self._lookout):
            if observer is not None:
                observer.join(JOIN_TIMEOUT)

    # -- events and settling -----------------------------------------------------------------

    def _watched(self, path: Path) -> bool:
        settings = self._settings()
        if is_ignored(path, settings.watch.ignore):
            return False
        processed = processed_folder_for(path, settings, self.folders())
        return processed is None or processed not in path.parents

    def on_event(self, path: Path, hint: Hint) -> None:
        # A file being imported is tracked too: if it changes meanwhile, it is imported again
        # once it settles (as a new version), after this import is done.
        if not self._watched(path):
            return
        self._tracker.observe(path, intake.fingerprint(path), self._monotonic(), hint)
        self._check_settled()

    def _import_done(self, path: Path) -> None:
        if path in self._tracker:
            self._check_settled()

    def _check_settled(self) -> None:
        """Hand the files whose quiet period is over to a look for their writers; wake up
        again when the next one is due."""
        if self._settle_timer is not None:
            self._settle_timer.cancel()
            self._settle_timer = None
        if self._confirming:
            return  # the look under way calls this again when it is done
        now = self._monotonic()
        current = {p: intake.fingerprint(p) for p in self._tracker.paths()}
        in_flight = self._ledger.in_flight
        due = [p for p in self._tracker.due(now, current) if p not in in_flight]
        if due:
            self._confirming = True
            self._spawn(self._confirm(due), "look for writers")
            return
        wake = self._tracker.next_check(skip=in_flight)
        if wake is not None:
            loop = asyncio.get_running_loop()
            self._settle_timer = loop.call_later(max(wake - now, 0.01), self._check_settled)

    async def _confirm(self, candidates: list[Path]) -> None:
        """Submit the candidates no process still has open for writing (looked for in a thread:
        a pass over /proc takes milliseconds); the others wait for their writer's close."""
        try:
            writing = await asyncio.to_thread(intake.open_for_writing, candidates)
        except Exception as error:  # our bug: say so, and let the events and the clock decide
            logger.opt(exception=error).error("looking for writers failed: {}", error)
            writing = set()
        finally:
            self._confirming = False  # also when a stop cancels the look: then nothing more
        now = self._monotonic()
        for path in candidates:
            print_ = intake.fingerprint(path)
            still_open = path in writing
            if self._tracker.confirm(path, print_, now, open_for_writing=still_open):
                self._submit(path)
            elif still_open:
                logger.debug("{}: still open for writing; waiting for its writer", path)
        self._check_settled()

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        if self._tasks is not None:
            self._tasks.spawn(work, name)
        else:  # no task registry (a test's bare watcher): keep a reference till it is done
            task = asyncio.ensure_future(work)
            self._own_tasks.add(task)
            task.add_done_callback(self._own_tasks.discard)

    # -- scans -------------------------------------------------------------------------------

    async def catch_up(self) -> None:
        """Files that arrived while we were down (or were missed) go through the tracker too."""
        candidates = await asyncio.to_thread(self._scan, self.watched())
        now = self._monotonic()
        for path, print_ in candidates:
            if self._ledger.unchanged(path, print_):
                continue
            if path not in self._ledger.in_flight and path not in self._tracker:
                # Unchanged since we looked: an old file is complete; a new one waits to settle.
                self._tracker.observe(path, print_, now - _age(path), Hint.SEEN)
        self._check_settled()

    def _scan(self, folders: list[Path]) -> list[tuple[Path, Fingerprint]]:
        """The files in ``folders`` (the watched ones: the others are reported, and scanned
        once they come)."""
        recursive = self._settings().watch.recursive
        found = []
        for folder in folders:
            try:
                entries = list(folder.rglob("*") if recursive else folder.iterdir())
            except OSError as error:  # gone or unreadable since it was armed: arming says so
                logger.debug("{}: not scanned: {}", folder, error)
                continue
            for path in entries:
                print_ = intake.fingerprint(path)
                if print_ is not None and self._watched(path):
                    found.append((path, print_))
        return found

    async def rescan_forever(self) -> None:
        while True:
            interval = self._settings().watch.rescan.total_seconds()
            if interval <= 0:
                await asyncio.sleep(3600)
                continue
            await asyncio.sleep(interval)
            try:
                await self.catch_up()
            except OSError as error:  # a folder vanished or became unreadable: next time
                logger.warning("rescan failed: {}", error)
            except Exception as error:  # our bug: say so loudly, and keep rescanning
                logger.opt(exception=error).error("rescan failed unexpectedly: {}", error)


def _write_hint(polling: bool) -> Hint:
    """What a create or modify event means with this observer: inotify also reports closes, so
    a write says "wait for the writer's close"; a poll or another platform's observer reports
    none, so a change only re-times the file."""
    return Hint.WRITTEN if not polling and platform.system() == "Linux" else Hint.SEEN


def _started(observer: BaseObserver) -> BaseObserver:
    observer.daemon = True
    observer.start()
    return observer


def _age(path: Path) -> float:
    try:
        return max(time.time() - path.stat().st_mtime, 0.0)
    except OSError:
        return 0.0


def native_observer() -> BaseObserver:
    """inotify with full events on Linux: a file moved in from elsewhere is reported as a move
    (complete), not as a new file that must first settle. Elsewhere, watchdog's default."""
    if platform.system() == "Linux":
        # Imported here: the inotify module only loads on Linux.
        from watchdog.observers.inotify import InotifyObserver  # noqa: PLC0415

        return InotifyObserver(generate_full_events=True)
    return Observer()


def watch_database(
    loop: asyncio.AbstractEventLoop, database: Path, touched: Callable[[], None]
) -> BaseObserver:
    """Notice when another process (the CLI: ``sent``, ``replied``, ``decide``) writes the
    database: inotify on its folder says something was written; the caller then asks SQLite
    (``PRAGMA data_version``) whether another connection committed, so no timer polls."""

    def changed(path: Path, hint: Hint) -> None:
        if path.name.startswith(database.name):
            touched()

    observer = Observer()
    observer.schedule(Events(loop, changed), str(database.parent), recursive=False)
    observer.daemon = True
    observer.start()
    return observer
