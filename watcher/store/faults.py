"""What can go wrong with the database file itself, each told as one line a person can act on.

SQLite reports a corrupt file, a full disk and another writer's lock as ``sqlite3`` errors with
a terse message ("file is not a database", "database or disk is full", "database is locked").
``translate`` turns those into ``StoreError`` kinds that name the file and say what to do; the
rest of the program shows them as they are and never needs a traceback.

``DatabaseBusy`` and ``DiskFull`` stay ``sqlite3.OperationalError`` too: callers that treat a
database error as passing trouble (the import pipeline tries the file again later) keep doing
so. ``CorruptDatabase`` does not: waiting does not mend a file, and the daemon must stop on it
(with an exit status systemd does not restart) instead of retrying.
"""

from __future__ import annotations

import shlex
import sqlite3
from pathlib import Path

#: SQLite's primary result codes for the faults we name (the low byte of an extended code).
_CORRUPT_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_FULL_CODES = {sqlite3.SQLITE_FULL}
_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}

#: the files SQLite keeps beside a WAL database; moved aside with it, or a new store beside a
#: stale write-ahead log would replay the old database's pages into itself
SIDECARS = ("-wal", "-shm")


class StoreError(Exception):
    """The database cannot be opened or used; the message names the file and says why."""


class CorruptDatabase(StoreError):
    """The file is not a usable SQLite database (damaged, truncated, empty or something else)."""


class DatabaseBusy(StoreError, sqlite3.OperationalError):
    """Another writer held the lock for longer than we were willing to wait."""


class DiskFull(StoreError, sqlite3.OperationalError):
    """The disk (or the user's quota) is full: the transaction was rolled back."""


def primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_busy(error: sqlite3.Error) -> bool:
    return primary_code(error) in _BUSY_CODES


def is_passing(error: BaseException) -> bool:
    """A fault that waiting mends: another writer's lock, a disk that fills up for a while."""
    if isinstance(error, DatabaseBusy | DiskFull):
        return True
    return isinstance(error, sqlite3.OperationalError) and is_busy(error)


def move_aside_command(path: Path, suffix: str = ".corrupt") -> str:
    """The shell command that moves the database (and its WAL files, if any) out of the way."""
    moves = [(path, path.with_name(path.name + suffix))]
    for sidecar in SIDECARS:
        beside = path.with_name(path.name + sidecar)
        if beside.exists():
            moves.append((beside, path.with_name(path.name + suffix + sidecar)))
    return " && ".join(f"mv {shlex.quote(str(a))} {shlex.quote(str(b))}" for a, b in moves)


def corrupt(path: Path, why: str) -> CorruptDatabase:
    return CorruptDatabase(
        f"{path}: the database is corrupt ({why}); invite-watcher never deletes it: move it "
        f"aside with `{move_aside_command(path)}` (keep it: it may be recoverable), and the "
        "next start makes a new, empty store"
    )


def empty_file(path: Path) -> CorruptDatabase:
    return CorruptDatabase(
        f"{path}: the database file is empty (0 bytes), so it is no store invite-watcher made, "
        f"and it is left alone: move it aside with `{move_aside_command(path, '.empty')}`, and "
        "the next start makes a new, empty store"
    )


#: How a full disk is told (``disk_full``), and what SQLite itself says of it: the words the
#: daemon looks for in a failed import's reason, to say it on the desktop once.
DISK_FULL = "the disk is full"
SQLITE_FULL = "database or disk is full"


def disk_full(path: Path) -> DiskFull:
    return DiskFull(
        f"{path}: {DISK_FULL}; nothing was written (the change was rolled back): free "
        "some space and it is tried again"
    )


def busy(path: Path, waited: float) -> DatabaseBusy:
    return DatabaseBusy(
        f"{path}: another invite-watcher (an import?) still holds the database after "
        f"{_duration(waited)}; try again when it is done"
    )


def translate(error: sqlite3.Error, path: Path) -> sqlite3.Error | StoreError:
    """The fault ``error`` stands for, told for ``path``; ``error`` itself if none we name."""
    if isinstance(error, StoreError):
        return error
    code = primary_code(error)
    if code in _CORRUPT_CODES:
        return corrupt(path, str(error))
    if code in _FULL_CODES:
        return disk_full(path)
    return error


def _duration(seconds: float) -> str:
    if seconds >= 90:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds:.0f} s"
