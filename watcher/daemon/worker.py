"""The import worker: one file at a time through the pipeline, then what its outcome calls for.

Imports are serialized (SQLite has one writer) and run on the database thread. A stop sets the
cancel token: the pipeline checks it in every phase and rolls a large import back, so the next
start does it again. The notices an outcome calls for (a failure, new invitations) are recorded
in the outbox inside the import's transaction; the outcome is logged, and the file is kept,
moved or deleted as configured.

The worker never waits for the desktop: it ``kick``s the outbox, which sends on its own task.
While more files wait in the queue it holds even the kick (at most ``ANNOUNCE_EVERY``), so the
notices of files dropped together are pending together and the outbox merges them into one
summary. A file that met a busy database is retried with backoff (``watcher.daemon.retries``);
a full disk is said once on the desktop, directly (the outbox is in the database on that disk),
and not again until an import has worked since.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

from loguru import logger

from watcher.config.settings import Settings
from watcher.daemon.child import StopToken, import_in_child, is_large
from watcher.daemon.disposal import dispose
from watcher.daemon.folders import Ledger
from watcher.daemon.outbox import announcer
from watcher.daemon.ports import Clock, RunsOnDatabase, SendsNotices
from watcher.daemon.retries import LOCK_WAIT, Retries
from watcher.models import Failed, Imported, ImportOutcome, Interrupted, NotOurs
from watcher.notify.texts import disk_full_notice
from watcher.store import Store
from watcher.store.faults import DISK_FULL, SQLITE_FULL, CorruptDatabase

OutcomeHook = Callable[[ImportOutcome], Awaitable[None]]

#: While more files wait, their notices are held to be merged, but not longer than this (s):
#: a long import behind them does not keep them back.
ANNOUNCE_EVERY = 10.0
#: Judging an import left for later (the database busy or full then) is tried again after this
#: many seconds, doubling up to the longest, until it is done.
JUDGE_AGAIN_FIRST = 2.0
JUDGE_AGAIN_LONGEST = 120.0


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
        on_corrupt: Callable[[CorruptDatabase], None] = lambda error: None,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._settings = settings
        self._folders = folders
        self._ledger = ledger
        self._clock = clock
        self._after_each = after_each
        #: a child import found the database corrupt (in-process, the database thread tells)
        self._on_corrupt = on_corrupt
        self._queue: asyncio.Queue[Path] = asyncio.Queue()
        self.cancel = StopToken()
        self.busy = False
        self._retries = Retries(self.submit)
        #: notices wait for the queue to empty; this shows them anyway (None: nothing waits)
        self._flush: asyncio.TimerHandle | None = None
        #: the disk was said to be full, and no import has worked since
        self._told_disk_full = False
        #: direct notices on their way (kept referenced until done)
        self._sending: set[asyncio.Task[None]] = set()
        #: trying again, with backoff, to judge what imports left for later (None: nothing left)
        self._judging_later: asyncio.Task[None] | None = None

    def submit(self, path: Path) -> None:
        """Queue a complete file, unless it is already waiting or being imported."""
        if self._ledger.claim(path):
            self._queue.put_nowait(path)

    async def run(self) -> None:
        await self._finish_interrupted()
        while not self.cancel.is_set():
            path = await self._queue.get()
            if not self._ledger.still_as_claimed(path):
                # It grew while it waited: the watcher tracks it and submits it once it settles.
                self._ledger.finished(path)
                self._announce()  # what earlier files hold need not wait for it
                continue
            self.busy = True
            try:
                outcome = await self._import(path)
                if isinstance(outcome, Interrupted):
                    logger.info("{}: import interrupted; it will be redone at the next start", path)
                    return
                await self._report(outcome)
                self._announce()
                await self._after_each(outcome)
            except Exception as error:  # a bug must not stop the worker: report and go on
                logger.opt(exception=error).error("{}: after the import: {}", path, error)
            finally:
                self.busy = False

    async def _finish_interrupted(self) -> bool:
        """Judge and announce what imports left for later (a stop or a kill between an import's
        merge and its verdicts, a database busy or full then: ``watcher.judge.deferred``);
        whether nothing is left. Done at start, before anything new; each import also does it
        first."""
        try:
            finished, left = await self._db(self._finish_pending)
        except Exception as error:  # tried again later, and by the next import
            logger.opt(exception=error).warning("judging what imports left: {}", error)
            return False
        if finished:
            logger.info("judged and announced {} import(s) left for later", finished)
            self._hold_notices()
            self._announce()
        return not left

    def _finish_pending(self, store: Store) -> tuple[int, bool]:
        if not store.pending_judgings(announced_too=True):
            return 0, False  # the usual case: the rules are not loaded for nothing
        from watcher.judge import deferred  # noqa: PLC0415

        settings = self._settings()
        with store.waiting_at_most(LOCK_WAIT):
            finished = deferred.finish_pending(
                store,
                settings,
                self._clock(),
                announce=announcer(settings, self._clock),
                stop=self.cancel.is_set,
            )
        return finished, bool(store.pending_judgings(announced_too=True))

    def _judge_later(self) -> None:
        """An import's judging was left for later: try again soon, with backoff, until done."""
        if self._judging_later is None or self._judging_later.done():
            self._judging_later = asyncio.create_task(self._judge_again(), name="judging left")

    async def _judge_again(self) -> None:
        delay = JUDGE_AGAIN_FIRST
        while not self.cancel.is_set():
            await asyncio.sleep(delay)
            if await self._finish_interrupted():
                return
            delay = min(delay * 2, JUDGE_AGAIN_LONGEST)

    def close(self) -> None:
        """A stop: no retry is submitted any more; what was held is in the outbox, for the
        next start."""
        self._retries.cancel()
        if self._flush is not None:
            self._flush.cancel()
        if self._judging_later is not None:
            self._judging_later.cancel()

    def _hold_notices(self) -> None:
        """Notices were recorded: shown once no more files wait, or after ANNOUNCE_EVERY."""
        if self._flush is None:
            self._flush = asyncio.get_running_loop().call_later(ANNOUNCE_EVERY, self._kick)

    def _announce(self) -> None:
        """Kick the outbox for the notices held, once no more files wait: files dropped
        together make one summary, not one notice each."""
        if self._flush is not None and self._queue.empty():
            self._kick()

    def _kick(self) -> None:
        if self._flush is not None:
            self._flush.cancel()
            self._flush = None
        self._outbox.kick()

    async def _import(self, path: Path) -> ImportOutcome:
        self._ledger.started(path)
        logger.debug("{}: importing", path)
        try:
            if is_large(path):  # the daemon's memory falls back after it
                return await import_in_child(path, self._settings(), self._clock, self.cancel)
            return await self._db(partial(self._process, path=path))
        except CorruptDatabase as error:
            self._on_corrupt(error)
            return Failed(path=path, kind=None, reason=str(error))
        except Exception as error:  # a bug must not stop the daemon: report and go on
            logger.opt(exception=error).error("{}: unexpected error: {}", path, error)
            return Failed(path=path, kind=None, reason=f"unexpected error: {error}")
        finally:
            self._ledger.finished(path)

    def _process(self, store: Store, *, path: Path) -> ImportOutcome:
        # Imported here, at the first file: the readers and the rules are most of the daemon's
        # memory, and an idle daemon needs none of them.
        from watcher import pipeline  # noqa: PLC0415

        settings = self._settings()
        deps = pipeline.Deps(
            store=store,
            settings=settings,
            clock=self._clock,
            cancel=self.cancel,
            announce=announcer(settings, self._clock),
        )
        with store.waiting_at_most(LOCK_WAIT):
            return pipeline.process(path, deps, retry_failed=False)

    async def _report(self, outcome: ImportOutcome) -> None:
        if not (isinstance(outcome, Failed) and outcome.transient):
            self._retries.settled(outcome.path)
        match outcome:
            case NotOurs():
                logger.debug("{}: not an export; left alone", outcome.path)
            case Failed(kind=None):
                logger.info("{}: skipped: {}", outcome.path, outcome.reason)
            case Failed(transient=True):
                await self._retry(outcome)
            case Failed(repeated=True):
                logger.debug("{}: failed before, not retried: {}", outcome.path, outcome.reason)
            case Failed():
                logger.warning("{}: {}", outcome.path, outcome.reason)
                self._hold_notices()  # its notice was recorded with the failure
            case Imported():
                await self._imported(outcome)
            case _:
                logger.debug("{}: already imported", outcome.path)
                # what an earlier, interrupted import left may have been announced first
                self._hold_notices()

    async def _imported(self, outcome: Imported) -> None:
        self._told_disk_full = False
        logger.info("imported {} ({})", outcome.path, outcome.kind)
        for warning in outcome.changes.warnings:
            logger.warning("{}: {}", outcome.path, warning)
        if outcome.changes.settled:
            logger.info(
                "{}: {} past meet-up requests settled as unanswered",
                outcome.path,
                len(outcome.changes.settled),
            )
        self._hold_notices()  # its notices were recorded with the import
        if outcome.changes.judging_left:
            self._judge_later()
        await dispose(outcome.path, outcome.sha256, self._settings(), self._folders())

    async def _retry(self, outcome: Failed) -> None:
        """The database's trouble, not the file's: offered again soon, with backoff."""
        delay = self._retries.later(outcome.path)
        logger.warning("{}: will retry in {:g} s: {}", outcome.path, delay, outcome.reason)
        self._ledger.retry_later(outcome.path)
        if DISK_FULL in outcome.reason or SQLITE_FULL in outcome.reason:
            await self._tell_disk_full(outcome)

    async def _tell_disk_full(self, outcome: Failed) -> None:
        """Once, until an import works again: straight to the desktop, since the outbox lives
        in the database on the full disk."""
        if self._told_disk_full:
            return
        self._told_disk_full = True
        database = str(self._settings().storage.database_path())
        # On a task of its own: the worker never waits for the desktop.
        sending = asyncio.create_task(
            self._outbox.show_now(disk_full_notice(outcome.path.name, database)),
            name="disk-full notice",
        )
        self._sending.add(sending)
        sending.add_done_callback(self._sending.discard)
