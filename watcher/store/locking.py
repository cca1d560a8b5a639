"""Waiting for another writer: how a write transaction gets SQLite's one write lock.

SQLite lets one connection write at a time; a second ``BEGIN IMMEDIATE`` waits in SQLite's busy
handler for as long as the connection's busy timeout, then fails with "database is locked".
Python's ``sqlite3`` offers no hook into that handler, so a long timeout would be a long
silence. Instead the timeout is short (``QUIET_WAIT``: a brief write by the daemon or another
command is absorbed unseen) and ``begin_immediate`` tries again with backoff, telling its caller
once (``LockWait.on_wait``: the CLI prints "waiting for an import to finish…") and giving up with
``DatabaseBusy`` when the overall ``limit`` passes or the caller says it is stopping.

Reads never come here: in WAL mode a reader sees the last commit and never waits for a writer.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watcher.store.faults import busy, is_busy, translate

#: SQLite's own busy wait per attempt, in seconds: long enough for another command's short write
QUIET_WAIT = 0.25
#: Pauses between attempts grow from the first to the longest (seconds).
FIRST_PAUSE = 0.05
LONGEST_PAUSE = 1.0
#: Long enough for the largest import another process may be running.
PATIENCE = 300.0


def _nothing() -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class LockWait:
    """How a write transaction waits for another writer's lock."""

    #: seconds to wait in all before giving up with ``DatabaseBusy``
    limit: float = PATIENCE
    #: called once per transaction, when the wait outlasts ``QUIET_WAIT``
    on_wait: Callable[[], None] = _nothing
    #: True: give up at once (the daemon is stopping; an import waiting for the lock can go)
    stopping: Callable[[], bool] = _never
    monotonic: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep


def begin_immediate(db: sqlite3.Connection, path: Path, wait: LockWait) -> None:
    """Start a write transaction on ``db``, waiting for the lock as ``wait`` says."""
    when_unlocked(lambda: db.execute("BEGIN IMMEDIATE"), path, wait)


def when_unlocked(step: Callable[[], object], path: Path, wait: LockWait) -> None:
    """Run ``step``, a statement that needs a lock another connection may hold, waiting for it
    as ``wait`` says. Used for ``BEGIN IMMEDIATE`` and for the settings made at opening (turning
    a rollback-journal database into WAL needs its exclusive lock once)."""
    started: float | None = None
    pause = FIRST_PAUSE
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error):
                raise translate(error, path) from error
        now = wait.monotonic()
        if started is None:
            started = now - QUIET_WAIT  # the busy timeout already waited that long
            wait.on_wait()
        waited = now - started
        if waited >= wait.limit or wait.stopping():
            raise busy(path, waited)
        wait.sleep(min(pause, wait.limit - waited))
        pause = min(pause * 2, LONGEST_PAUSE)
