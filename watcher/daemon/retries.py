"""Files that met a busy database, offered again with backoff.

A file whose import failed for the database's sake (locked by a CLI command or another import,
the disk full: ``Failed(transient=True)``) is not the file's fault: it is submitted again after
``FIRST`` seconds, doubling up to ``LONGEST`` while it keeps failing, so a lock released within
seconds costs seconds (not the next rescan), and a full disk is not hammered.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

#: The first retry's delay (seconds), then doubling up to LONGEST.
#: How long an import waits for a database another process holds (seconds) before it gives
#: the file back to be retried: the database thread runs reminders and clicks too, and must not
#: stall for minutes behind someone else's transaction.
LOCK_WAIT = 1.0
FIRST = 0.5
LONGEST = 60.0


class Retries:
    def __init__(self, submit: Callable[[Path], None]) -> None:
        self._submit = submit
        self._delays: dict[Path, float] = {}
        self._timers: dict[Path, asyncio.TimerHandle] = {}

    def later(self, path: Path) -> float:
        """Submit ``path`` again after its next delay; that delay (seconds)."""
        delay = self._delays.get(path, FIRST)
        self._delays[path] = min(delay * 2, LONGEST)
        if (timer := self._timers.pop(path, None)) is not None:
            timer.cancel()
        self._timers[path] = asyncio.get_running_loop().call_later(delay, self._due, path)
        return delay

    def settled(self, path: Path) -> None:
        """``path`` got an outcome of its own (imported, failed for its content): no backoff,
        and no retry left pending (a rescan may have imported it before the timer fired)."""
        self._delays.pop(path, None)
        if (timer := self._timers.pop(path, None)) is not None:
            timer.cancel()

    def _due(self, path: Path) -> None:
        self._timers.pop(path, None)
        self._submit(path)

    def cancel(self) -> None:
        """A stop: nothing is submitted any more (the next start scans the folders again)."""
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
