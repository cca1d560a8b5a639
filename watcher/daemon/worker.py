"""The import worker: one file at a time through the pipeline, then what its outcome calls for.

Imports are serialized (SQLite has one writer) and run on the database thread. A stop sets the
cancel token: the pipeline checks it in every phase and rolls a large import back, so the next
start does it again. The notices an outcome calls for (a failure, new invitations) are recorded
in the outbox inside the import's transaction and shown after it; the outcome is logged, and the
file is kept, moved or deleted as configured.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

from loguru import logger

from watcher import pipeline
from watcher.config.settings import Settings
from watcher.daemon.disposal import dispose
from watcher.daemon.folders import Ledger
from watcher.daemon.outbox import record
from watcher.daemon.ports import Clock, RunsOnDatabase, SendsNotices
from watcher.models import Failed, Imported, ImportOutcome, Interrupted, NotOurs
from watcher.notify.announce import import_notices
from watcher.notify.texts import failure_notice
from watcher.store import Store

OutcomeHook = Callable[[ImportOutcome], Awaitable[None]]


class ImportWorker:
    def __init__(
        self,
        *,
        db: RunsOnDatabase,
        outbox: SendsNotices,
        settings: Callable[[], Settings],
        folders: Callable[[], list[Path]],
        ledger: Ledger,
        clock: Clock,
        after_each: OutcomeHook,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._settings = settings
        self._folders = folders
        self._ledger = ledger
        self._clock = clock
        self._after_each = after_each
        self._queue: asyncio.Queue[Path] = asyncio.Queue()
        self.cancel = threading.Event()
        self.busy = False

    def submit(self, path: Path) -> None:
        """Queue a complete file, unless it is already waiting or being imported."""
        if self._ledger.claim(path):
            self._queue.put_nowait(path)

    async def run(self) -> None:
        while not self.cancel.is_set():
            path = await self._queue.get()
            self.busy = True
            try:
                outcome = await self._import(path)
                if isinstance(outcome, Interrupted):
                    logger.info("{}: import interrupted; it will be redone at the next start", path)
                    return
                await self._report(outcome)
                await self._after_each(outcome)
            except Exception as error:  # a bug must not stop the worker: report and go on
                logger.opt(exception=error).error("{}: after the import: {}", path, error)
            finally:
                self.busy = False

    async def _import(self, path: Path) -> ImportOutcome:
        self._ledger.started(path)
        logger.debug("{}: importing", path)
        try:
            return await self._db(partial(self._process, path=path))
        except Exception as error:  # a bug must not stop the daemon: report and go on
            logger.opt(exception=error).error("{}: unexpected error: {}", path, error)
            return Failed(path=path, kind=None, reason=f"unexpected error: {error}")
        finally:
            self._ledger.finished(path)

    def _process(self, store: Store, *, path: Path) -> ImportOutcome:
        deps = pipeline.Deps(
            store=store,
            settings=self._settings(),
            clock=self._clock,
            cancel=self.cancel,
            announce=self._record_notices,
        )
        return pipeline.process(path, deps, retry_failed=False)

    def _record_notices(self, store: Store, outcome: Imported | Failed) -> None:
        """The notices an outcome calls for, into the outbox in the import's own transaction:
        a kill after the commit still shows them at the next start."""
        if isinstance(outcome, Imported):
            notices = import_notices(store, outcome.changes, self._settings())
        else:
            notices = [failure_notice(outcome.path.name, outcome.reason)]
        record(store, notices, self._clock(), f"import of {outcome.path.name}")

    async def _report(self, outcome: ImportOutcome) -> None:
        match outcome:
            case NotOurs():
                logger.debug("{}: not an export; left alone", outcome.path)
            case Failed(kind=None):
                logger.info("{}: skipped: {}", outcome.path, outcome.reason)
            case Failed(transient=True):
                logger.warning("{}: will retry: {}", outcome.path, outcome.reason)
                self._ledger.retry_later(outcome.path)
            case Failed(repeated=True):
                logger.debug("{}: failed before, not retried: {}", outcome.path, outcome.reason)
            case Failed():
                logger.warning("{}: {}", outcome.path, outcome.reason)
                await self._outbox.deliver()  # its notice was recorded with the failure
            case Imported():
                logger.info("imported {} ({})", outcome.path, outcome.kind)
                for warning in outcome.changes.warnings:
                    logger.warning("{}: {}", outcome.path, warning)
                if outcome.changes.settled:
                    logger.info(
                        "{}: {} past meet-up requests settled as unanswered",
                        outcome.path,
                        len(outcome.changes.settled),
                    )
                await self._outbox.deliver()  # its notices were recorded with the import
                await dispose(outcome.path, outcome.sha256, self._settings(), self._folders())
            case _:
                logger.debug("{}: already imported", outcome.path)
