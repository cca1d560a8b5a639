"""The database thread: the one thread that owns the daemon's only Store.

SQLite has one writer, and a large import must not stall the loop: every database call of the
daemon runs here, one after the other, while reminders, notifications and the systemd watchdog
ping go on in the loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from watcher.store import Store

T = TypeVar("T")


class DatabaseThread:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="invite-watcher-db")
        self._store: Store | None = None

    async def open(self) -> None:
        await self._run(self._open)

    async def close(self) -> None:
        await self._run(self._close)
        self._executor.shutdown(wait=True)

    async def __call__(self, work: Callable[[Store], T]) -> T:
        """Run ``work(store)`` on the database thread."""

        def call() -> T:
            if self._store is None:
                raise RuntimeError("the database is not open")
            return work(self._store)

        return await self._run(call)

    async def _run(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def _open(self) -> None:
        self._store = Store(self.path)

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
