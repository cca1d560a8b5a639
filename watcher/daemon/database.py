"""The database thread: the one thread that owns the daemon's only Store.

SQLite has one writer, and a large import must not stall the loop: every database call of the
daemon runs here, one after the other, while reminders, notifications and the systemd watchdog
ping go on in the loop.

A write that meets another process's lock (a CLI import) waits here, in this thread, for up to
``PATIENCE`` and logs once that it waits; a stop ends the wait at once. What the wait outlasts
comes out as ``DatabaseBusy``, for the caller to try again later (the reminders do, with
backoff). Errors that name a fault of the file (corrupt, disk full) come out as the store's
``StoreError`` kinds, from reads as from writes.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from loguru import logger

from watcher.store import Store
from watcher.store.faults import CorruptDatabase, translate
from watcher.store.locking import LockWait

T = TypeVar("T")

#: How long (seconds) a daemon write waits for another process's write lock before giving up:
#: as long as the largest import a CLI may be running, so a file dropped meanwhile is imported
#: right after it instead of failing.
PATIENCE = 300.0


class DatabaseThread:
    def __init__(
        self,
        path: Path,
        *,
        patience: float | None = None,
        on_corrupt: Callable[[CorruptDatabase], None] | None = None,
    ) -> None:
        self.path = path
        #: told when a call finds the database corrupt (on the event loop): the daemon stops
        self._on_corrupt = on_corrupt
        self._patience = PATIENCE if patience is None else patience
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="invite-watcher-db")
        self._store: Store | None = None
        #: set at close: a write still waiting for the lock gives up instead of holding the stop
        self._closing = threading.Event()

    async def open(self) -> None:
        await self._run(self._open)

    async def close(self) -> None:
        self._closing.set()
        await self._run(self._close)
        self._executor.shutdown(wait=True)

    async def __call__(self, work: Callable[[Store], T]) -> T:
        """Run ``work(store)`` on the database thread."""

        def call() -> T:
            if self._store is None:
                raise RuntimeError("the database is not open")
            try:
                return work(self._store)
            except sqlite3.Error as error:
                fault = translate(error, self.path)
                if fault is error:
                    raise
                raise fault from error

        try:
            return await self._run(call)
        except CorruptDatabase as error:
            if self._on_corrupt is not None:
                self._on_corrupt(error)
            raise

    async def _run(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def _open(self) -> None:
        wait = LockWait(limit=self._patience, on_wait=self._waiting, stopping=self._closing.is_set)
        self._store = Store(self.path, wait=wait)

    def _waiting(self) -> None:
        logger.info("{}: another process (a CLI import?) is writing; waiting for it", self.path)

    def _close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
