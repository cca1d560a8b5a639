"""Large imports in a child process, so that the daemon's memory falls back after them.

A ZIP archive of ``LARGE_ARCHIVE`` bytes or more, or any file of ``LARGE_FILE`` or more, is
imported by a fresh interpreter (``python -m watcher.daemon.child``) with the daemon's settings
and clock, sent pickled on its stdin. It opens its own connection to the database and runs
``pipeline.process`` with the same announce hook as the daemon (``daemon.outbox.announcer``):
the notices go into the outbox inside the import's transaction, so the daemon's outbox finds
them once the child has committed. The outcome comes back pickled on its stdout. The readers,
the rules and the import's peak memory end with the child; small files stay in-process.

A stop (``StopToken.set``: SIGTERM or SIGINT to the daemon) reaches the child as SIGTERM, which
sets the child's own cancel token: its pipeline notices it in the next phase and rolls the
import back (``Interrupted``), as it would in-process. A child that dies without an outcome
(killed, out of memory) has written nothing: SQLite rolls its transaction back.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from loguru import logger

from watcher.config.settings import Settings
from watcher.daemon.outbox import announcer
from watcher.daemon.ports import Clock
from watcher.daemon.retries import LOCK_WAIT
from watcher.models import AlreadyImported, Failed, Imported, ImportOutcome, Interrupted, NotOurs
from watcher.store.faults import CorruptDatabase, StoreError
from watcher.store.locking import LockWait

#: A ZIP archive this large (bytes) is imported in a child: its members unpack to several times
#: that in rows.
LARGE_ARCHIVE = 512 * 1024
#: Any other file this large is imported in a child.
LARGE_FILE = 4 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"


def is_large(path: Path) -> bool:
    """Whether ``path`` is imported in a child process (unreadable: no, the pipeline says why)."""
    try:
        with path.open("rb") as file:
            head, size = file.read(len(_ZIP_MAGIC)), os.fstat(file.fileno()).st_size
    except OSError:
        return False
    return size >= (LARGE_ARCHIVE if head == _ZIP_MAGIC else LARGE_FILE)


class StopToken:
    """The import worker's cancel token: the pipeline asks ``is_set``; what should hear of a
    stop at once (a child import) registers with ``when_set``."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._listeners: list[Callable[[], None]] = []

    def is_set(self) -> bool:
        return self._event.is_set()

    def set(self) -> None:
        self._event.set()
        for listener in list(self._listeners):
            listener()

    def when_set(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call ``listener`` on ``set`` (at once if set already); returns how to unregister."""
        self._listeners.append(listener)
        if self.is_set():
            listener()
        return lambda: self._listeners.remove(listener)


@dataclass(frozen=True)
class ChildRequest:
    """What the child needs: the file, the daemon's settings and its clock."""

    path: Path
    settings: Settings
    clock: Clock


_OUTCOMES = (Imported, AlreadyImported, NotOurs, Failed, Interrupted)


@dataclass(frozen=True)
class Corrupt:
    """The child's answer when the database is corrupt: the parent raises it again, so the
    daemon stops as it does when its own database thread meets the damage."""

    path: Path
    reason: str


async def import_in_child(
    path: Path, settings: Settings, clock: Clock, stop: StopToken
) -> ImportOutcome:
    """Import ``path`` in a child process; its outcome. A stop is passed on as SIGTERM."""
    request = pickle.dumps(ChildRequest(path, settings, clock))
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "watcher.daemon.child",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    logger.info("{}: importing in a child process ({})", path, process.pid)

    def pass_on() -> None:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)

    forget = stop.when_set(pass_on)
    try:
        out, _ = await process.communicate(request)
    except asyncio.CancelledError:
        # The daemon stops without waiting any longer: nothing of the import is committed.
        if process.returncode is None:
            process.kill()
            # Reaped, so no zombie and no open pipe outlives the loop (a kill is quick).
            await asyncio.shield(process.wait())
        raise
    finally:
        forget()
    return _outcome(path, out, process.returncode, stop)


def _outcome(path: Path, out: bytes, status: int | None, stop: StopToken) -> ImportOutcome:
    try:
        # Our own child's answer on a pipe only the two of us hold: trusted like our own state.
        outcome = pickle.loads(out)
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        outcome = None
    if isinstance(outcome, Corrupt):
        raise CorruptDatabase(outcome.reason)
    if isinstance(outcome, _OUTCOMES):
        return outcome
    if stop.is_set():
        return Interrupted(path=path)
    # Killed (out of memory?) or crashed: a warning in the log, not a quiet "skipped"; not
    # retried by itself, since a file that kills its importer would do so again and again.
    reason = (
        f"the import process ended without an outcome (exit status {status}); "
        "drop the file again to retry"
    )
    return Failed(path=path, kind="import", reason=reason)


def _run(request: ChildRequest, cancel: threading.Event) -> ImportOutcome | Corrupt:
    # The child alone loads the readers and the rules: that is why it exists.
    from watcher import pipeline  # noqa: PLC0415
    from watcher.store import Store  # noqa: PLC0415

    settings = request.settings
    try:
        # The in-process import's short wait for another writer (then retried with backoff),
        # ended at once by a stop, instead of the store's minutes-long default.
        wait = LockWait(limit=LOCK_WAIT, stopping=cancel.is_set)
        store = Store(settings.storage.database_path(), wait=wait)
    except CorruptDatabase as error:
        return Corrupt(path=request.path, reason=str(error))
    except StoreError as error:
        return Failed(path=request.path, kind=None, reason=str(error), transient=True)
    try:
        deps = pipeline.Deps(
            store=store,
            settings=settings,
            clock=request.clock,
            cancel=cancel,
            announce=announcer(settings, request.clock),
        )
        return pipeline.process(request.path, deps, retry_failed=False)
    except CorruptDatabase as error:
        return Corrupt(path=request.path, reason=str(error))
    except Exception as error:  # a bug: reported as the file's outcome, never a traceback
        logger.opt(exception=error).error("{}: unexpected error: {}", request.path, error)
        return Failed(path=request.path, kind=None, reason=f"unexpected error: {error}")
    finally:
        store.close()


def main() -> None:
    """The child: a request on stdin, the outcome on stdout, logs on stderr (the daemon's)."""
    from watcher.system import logs  # noqa: PLC0415

    cancel = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: cancel.set())
    # Ctrl-C on the daemon's terminal reaches the whole group: the daemon decides, and tells us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answer = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not corrupt it
    logs.setup()
    request = pickle.loads(sys.stdin.buffer.read())
    # Run as ``python -m``, this module is ``__main__``: the outcome's own classes must be
    # pickled under the name the daemon imports them by.
    from watcher.daemon import child  # noqa: PLC0415, PLW0406

    outcome = child._run(request, cancel)
    answer.write(pickle.dumps(outcome))
    answer.close()


if __name__ == "__main__":
    main()
