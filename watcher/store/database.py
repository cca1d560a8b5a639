"""The database itself: one SQLite connection, its settings, transactions, and the stored time form.

Every aggregate module (``imports``, ``people``, ``invitations``, ``lifecycle``, ``meetups``)
adds its methods to ``Database`` as a mixin over this one connection; ``watcher.store.Store``
combines them.

The file's own faults are told, never papered over (``faults``): a damaged or empty file is
refused as corrupt and left where it is; a full disk rolls the transaction back and says so; a
writer that meets another's lock waits for it (``locking``). A large write transaction is
followed by a checkpoint that truncates the write-ahead log, so the WAL never stays as large as
the import that grew it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

from watcher.store.faults import StoreError, empty_file, is_busy, translate
from watcher.store.locking import QUIET_WAIT, LockWait, begin_immediate, when_unlocked
from watcher.store.schema import SCHEMA_VERSION, migration

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["LARGE_WRITE", "WAL_LIMIT", "Database", "StoreError", "iso", "parse_iso"]

#: Rows a transaction may change before it checkpoints the WAL down to nothing at its commit
#: (a 50k archive changes several hundred thousand; a CLI command a handful).
LARGE_WRITE = 10_000
#: The WAL is cut back to this many bytes whenever a checkpoint resets it.
WAL_LIMIT = 4 * 1024 * 1024
#: Hard links refused by the file system (FAT, some FUSE mounts): fall back to a rename.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV}


class _Stale(Exception):
    """Another connection committed since this transaction's snapshot: what it read is old."""


def iso(moment: datetime | date | None) -> str | None:
    """Stored form of a time: UTC ISO 8601 with seconds, so strings sort like the times."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    return moment.isoformat()


def parse_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class Database:
    """One SQLite database. Not thread-safe: one Store per thread.

    ``wait`` says how a write transaction waits for another process's write lock."""

    def __init__(self, path: Path, *, wait: LockWait | None = None):
        self.path = path
        self.wait = wait or LockWait()
        #: values derived from the data, cached by their users with a version check
        self.derived: dict[str, object] = {}
        self.db = _connect(path)
        self.db.row_factory = sqlite3.Row
        try:
            when_unlocked(lambda: self.db.execute("PRAGMA journal_mode=WAL"), path, self.wait)
            self.db.execute(f"PRAGMA journal_size_limit={WAL_LIMIT}")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            # Reads the schema now: a damaged one is refused at the door, not mid-command.
            self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            self._migrate()
        except StoreError:
            self.db.close()
            raise
        except sqlite3.DatabaseError as error:
            self.db.close()
            fault = translate(error, path)
            if isinstance(fault, StoreError):
                raise fault from None
            raise StoreError(f"{path}: cannot use the database: {error}") from None

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer invite-watcher (schema {version}); upgrade it"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                # Read again under the lock: another process opening the store at the same
                # time may have taken it this far already.
                if int(self.db.execute("PRAGMA user_version").fetchone()[0]) >= target:
                    continue
                for statement in migration(target):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {target}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; rolled back on any exception (and on a dry run by the caller).

        Waits for another writer's lock as ``self.wait`` says (``DatabaseBusy`` when it will not
        wait longer); a full disk comes out as ``DiskFull``, a damaged file as
        ``CorruptDatabase``, each after the rollback."""
        begin_immediate(self.db, self.path, self.wait)
        with self._committed():
            yield

    def optimistically(
        self, read: Callable[[], T], write: Callable[[T], R], *, attempts: int = 2
    ) -> R:
        """``write(read())`` in one transaction that holds the write lock only for ``write``.

        For work that reads long and writes little (judging an import's invitations: seconds of
        reading, a fraction of one writing). ``read`` runs on a snapshot without the lock; then
        the lock is taken, waiting for another writer as ``self.wait`` says. If another
        connection committed since the snapshot, what was read may be out of date: it is
        rolled back and read again; after ``attempts`` of those, read and written holding the
        lock throughout, as ``transaction`` does. So ``read`` must only read."""
        for _ in range(attempts):
            try:
                self.db.execute("BEGIN DEFERRED")
                with self._committed():
                    found = read()
                    when_unlocked(self._claim_write_lock, self.path, self.wait)
                    return write(found)
            except _Stale:
                continue
        with self.transaction():
            return write(read())

    def _claim_write_lock(self) -> None:
        """Take the write lock for the open deferred transaction: a write that changes nothing
        takes it like any other (SQLite has no statement for that alone)."""
        try:
            self.db.execute("DELETE FROM imports WHERE 0")
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY_SNAPSHOT:
                raise _Stale from error
            raise

    @contextmanager
    def _committed(self) -> Iterator[None]:
        """Commit the open transaction after the block, or roll it back on any exception; a
        large one is followed by a checkpoint."""
        changes_before = self.db.total_changes
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException as error:
            self.derived.clear()  # may describe rows that are now gone
            self._roll_back()
            if isinstance(error, sqlite3.Error):
                fault = translate(error, self.path)
                if fault is not error:
                    raise fault from error
            raise
        if self.db.total_changes - changes_before >= LARGE_WRITE:
            self.checkpoint()

    def _roll_back(self) -> None:
        # SQLite may have rolled back by itself (disk full, a failed COMMIT); and a rollback
        # that fails too (a damaged file) must not hide the error that led to it.
        if self.db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    def checkpoint(self) -> None:
        """Copy the WAL into the database and truncate it to 0 bytes.

        Waits for readers only as long as SQLite's short busy timeout; a checkpoint they hold
        up is left to SQLite's automatic ones (and ``journal_size_limit`` keeps their WAL
        small)."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.OperationalError as error:
            if not is_busy(error):
                raise translate(error, self.path) from error

    @contextmanager
    def waiting_at_most(self, seconds: float) -> Iterator[None]:
        """Within this block a write waits at most ``seconds`` for another writer's lock, then
        raises ``DatabaseBusy``: for a caller that would rather try again later (the daemon's
        import worker retries with backoff) than hold its thread for minutes."""
        before = self.wait
        self.wait = dataclasses.replace(before, limit=min(seconds, before.limit))
        try:
            yield
        finally:
            self.wait = before

    def data_version(self) -> int:
        """Changes when ANOTHER connection commits (SQLite's PRAGMA data_version)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to the store at ``path``, made first if there is none.

    An empty file is refused: a store made here is a database from its first byte (see
    ``_create``), so a 0-byte file was made by something else, or truncated."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _create(path)
        if path.stat().st_size == 0:
            raise empty_file(path)
        return sqlite3.connect(path, isolation_level=None, timeout=QUIET_WAIT)
    except sqlite3.Error as error:  # making a new store on a full disk, say
        fault = translate(error, path)
        if isinstance(fault, StoreError):
            raise fault from None
        raise StoreError(f"{path}: cannot open the database: {error}") from None
    except OSError as error:
        raise StoreError(f"{path}: cannot open the database: {error}") from None


def _create(path: Path) -> None:
    """Make a new, empty WAL database at ``path`` whole, under another name, then link it in.

    Nothing can then see a half-made store at ``path``: a kill before the link leaves only a
    temporary file, and two processes making it at once end with the one that linked first."""
    # mkstemp makes the file with mode 0600: notes and names are private (SQLite's -wal and
    # -shm files take their mode from it).
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".new")
    os.close(fd)
    temporary = Path(name)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")  # writes the header: a database now
        finally:
            connection.close()
        _link_no_replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _link_no_replace(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except FileExistsError:
        pass  # another process made the store first: theirs it is
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        if not target.exists():
            os.rename(source, target)
