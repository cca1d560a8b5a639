"""Keeping each watched folder armed, whatever happens to it: missing, deleted, unreadable.

An inotify watch is on an inode, not a name: a folder missing at start cannot be watched, and a
watched folder deleted and made again is a new inode the old watch never sees. So each folder
has a state, re-checked (:meth:`Arms.review`) whenever a folder appears or vanishes nearby:

* ``watched`` — its own watch is armed (and re-armed if the name now points to a new folder);
* ``missing`` — its nearest existing parent is watched (non-recursively, on a lookout observer
  of its own, so it never shares a watch with a folder) for the folder, or the next folder on
  the way to it, to appear;
* ``unreadable`` — reported once, tried again every ``RETRY`` seconds.

Each change of state is logged in one line; a folder that becomes watched is scanned at once
(``on_armed``), since files may have come with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from loguru import logger
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import BaseObserver, ObservedWatch

#: How often an unreadable folder is tried again (seconds).
RETRY = 30.0


class FolderState(StrEnum):
    WATCHED = "watched"
    MISSING = "missing"
    UNREADABLE = "unreadable"


@dataclass
class _Arm:
    state: FolderState | None = None
    watch: ObservedWatch | None = None
    inode: tuple[int, int] | None = None
    problem: str = ""


class FolderEvents(FileSystemEventHandler):
    """Runs on an observer thread: a folder appeared, vanished or moved — review, in the loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, review: Callable[[], None]) -> None:
        self.loop = loop
        self.review = review

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory and event.event_type in ("created", "deleted", "moved"):
            with contextlib.suppress(RuntimeError):  # the loop closed while we were stopping
                self.loop.call_soon_threadsafe(self.review)


class Arms:
    def __init__(
        self,
        *,
        loop: asyncio.AbstractEventLoop,
        observer: BaseObserver,
        lookout: BaseObserver,
        files: FileSystemEventHandler,
        recursive: bool,
        on_armed: Callable[[Path], None],
        on_change: Callable[[], None],
        retry: float | None = None,
    ) -> None:
        """``observer`` holds the folders' watches (``files`` hears their events), ``lookout``
        the missing folders' parents."""
        self._loop = loop
        self._observer = observer
        self._lookout = lookout
        self._files = files
        self._recursive = recursive
        self._on_armed = on_armed
        self._on_change = on_change
        self._retry = RETRY if retry is None else retry
        self._folder_events = FolderEvents(loop, self.review)
        self._arms: dict[Path, _Arm] = {}
        self._parents: dict[Path, ObservedWatch] = {}
        self._retry_timer: asyncio.TimerHandle | None = None

    def start(self, folders: list[Path]) -> None:
        self._arms = {folder: _Arm() for folder in folders}
        self.review()

    def states(self) -> dict[Path, FolderState]:
        return {folder: arm.state for folder, arm in self._arms.items() if arm.state is not None}

    def problems(self) -> dict[Path, str]:
        """The folders not watched, each with why (``missing``, ``unreadable: …``)."""
        return {f: a.problem for f, a in self._arms.items() if a.state is not FolderState.WATCHED}

    def review(self) -> None:
        """Bring every folder's watch in line with what is on disk now."""
        before = {folder: arm.state for folder, arm in self._arms.items()}
        changed = [folder for folder, arm in self._arms.items() if self._review(folder, arm)]
        self._watch_parents()
        self._schedule_retry()
        if changed:
            self._on_change()
        for folder in changed:
            # At start the caller scans every folder; later, one that came (back) is scanned.
            if self._arms[folder].state is FolderState.WATCHED and before[folder] is not None:
                self._on_armed(folder)

    def _review(self, folder: Path, arm: _Arm) -> bool:
        """Re-arm one folder; True if its state changed (or it was re-armed)."""
        before = arm.state
        current = _inode(folder)
        if arm.state is FolderState.WATCHED and current == arm.inode:
            return False
        self._disarm(arm)
        try:
            _probe(folder)
            arm.watch = self._observer.schedule(self._files, str(folder), recursive=self._recursive)
            self._observer.add_handler_for_watch(self._folder_events, arm.watch)
        except (FileNotFoundError, NotADirectoryError):
            self._disarm(arm)
            arm.state, arm.problem = FolderState.MISSING, "missing"
        except OSError as error:
            self._disarm(arm)
            arm.state = FolderState.UNREADABLE
            arm.problem = f"unreadable: {error.strerror or error}"
        else:
            arm.state, arm.inode, arm.problem = FolderState.WATCHED, current, ""
        if arm.state is not before or before is FolderState.WATCHED:
            self._report(folder, arm, before)
            return True
        return False

    def _report(self, folder: Path, arm: _Arm, before: FolderState | None) -> None:
        if arm.state is FolderState.WATCHED:
            if before is not None:
                logger.info("{}: watched", folder)
        elif arm.state is FolderState.MISSING:
            parent = _nearest_existing(folder)
            logger.warning("{}: missing; watched for in {} until it appears", folder, parent)
        else:
            logger.warning(
                "{}: {}; not watched, trying again every {:g} s", folder, arm.problem, self._retry
            )

    def _disarm(self, arm: _Arm) -> None:
        if arm.watch is not None:
            with contextlib.suppress(KeyError):  # already gone with its deleted folder
                self._observer.unschedule(arm.watch)
        arm.watch, arm.inode = None, None

    def _watch_parents(self) -> None:
        """One lookout watch per parent that a missing folder waits in; none left over."""
        wanted = {
            _nearest_existing(folder)
            for folder, arm in self._arms.items()
            if arm.state is FolderState.MISSING
        }
        for parent in set(self._parents) - wanted:
            with contextlib.suppress(KeyError):
                self._lookout.unschedule(self._parents.pop(parent))
        for parent in wanted - set(self._parents):
            try:
                self._parents[parent] = self._lookout.schedule(
                    self._folder_events, str(parent), recursive=False
                )
            except OSError as error:  # vanished meanwhile, or unreadable: the retry looks again
                logger.debug("{}: cannot watch for missing folders: {}", parent, error)

    def _schedule_retry(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.cancel()
            self._retry_timer = None
        # A parent that could not be watched is retried too: nothing else would look again.
        waiting = [a for a in self._arms.values() if a.state is not FolderState.WATCHED]
        if any(a.state is FolderState.UNREADABLE for a in waiting) or (
            waiting and not self._parents
        ):
            self._retry_timer = self._loop.call_later(self._retry, self.review)

    def stop(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.cancel()


def _probe(folder: Path) -> None:
    """Raise what listing ``folder`` would raise (missing, not a folder, unreadable)."""
    with os.scandir(folder) as entries:
        next(entries, None)


def _inode(folder: Path) -> tuple[int, int] | None:
    try:
        stat = folder.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def _nearest_existing(folder: Path) -> Path:
    for parent in folder.parents:
        if parent.is_dir():
            return parent
    return Path(folder.anchor or "/")
