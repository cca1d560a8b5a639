"""Writers that meet another's lock, readers that never wait, a WAL kept small: real SQLite,
the other writer a second connection as another process would hold it."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from watcher.store import Store
from watcher.store.database import LARGE_WRITE, WAL_LIMIT
from watcher.store.faults import DatabaseBusy
from watcher.store.locking import LockWait

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def other_writer(path: Path) -> Iterator[sqlite3.Connection]:
    """Another process's connection in the middle of a write (an import)."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO t VALUES (2)")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def rows(store: Store) -> list[int]:
    return [r[0] for r in store.db.execute("SELECT x FROM t ORDER BY x")]


def test_database_write_waits_for_the_lock_says_so_once_then_goes_through(
    path: Path, other_writer: sqlite3.Connection
) -> None:
    told = threading.Event()
    waits: list[str] = []

    def on_wait() -> None:
        waits.append("waiting")
        told.set()

    def finish_the_import() -> None:
        told.wait(20)  # commit only once the other side has said it waits
        other_writer.execute("COMMIT")

    finisher = threading.Thread(target=finish_the_import)
    finisher.start()
    store = Store(path, wait=LockWait(on_wait=on_wait))
    try:
        with store.transaction():
            store.db.execute("INSERT INTO t VALUES (3)")
        assert rows(store) == [1, 2, 3]
    finally:
        store.close()
        finisher.join()
    assert waits == ["waiting"]


def test_database_opening_waits_for_a_rollback_journal_writer(path: Path) -> None:
    """Turning a rollback-journal database into WAL takes its exclusive lock: an opening that
    meets another writer there waits like a write does, instead of failing at once."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA journal_mode=DELETE")
    other.execute("BEGIN EXCLUSIVE")
    told = threading.Event()
    finisher = threading.Thread(target=lambda: (told.wait(20), other.execute("COMMIT")))
    finisher.start()
    try:
        store = Store(path, wait=LockWait(on_wait=told.set))
        try:
            assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert rows(store) == [1]
        finally:
            store.close()
    finally:
        told.set()
        finisher.join()
        other.close()
    assert told.is_set()


def test_database_write_gives_up_after_the_limit_with_one_line(
    path: Path, other_writer: sqlite3.Connection
) -> None:
    waits: list[str] = []
    store = Store(path, wait=LockWait(limit=0.6, on_wait=lambda: waits.append("waiting")))
    try:
        with pytest.raises(DatabaseBusy) as busy, store.transaction():
            pytest.fail("the transaction body must not run without the lock")
        assert not store.db.in_transaction
    finally:
        store.close()
    message = str(busy.value)
    assert message == (
        f"{path}: another invite-watcher (an import?) still holds the database after 1 s; "
        "try again when it is done"
    )
    assert waits == ["waiting"]
    assert isinstance(busy.value, sqlite3.OperationalError)  # the pipeline's "try again later"


def test_database_write_gives_up_at_once_when_stopping(
    path: Path, other_writer: sqlite3.Connection
) -> None:
    store = Store(path, wait=LockWait(stopping=lambda: True))
    try:
        with pytest.raises(DatabaseBusy), store.transaction():
            pytest.fail("the transaction body must not run without the lock")
    finally:
        store.close()


def test_database_reads_never_wait_for_a_writer(
    path: Path, other_writer: sqlite3.Connection
) -> None:
    waits: list[str] = []
    store = Store(path, wait=LockWait(on_wait=lambda: waits.append("waiting")))
    try:
        # No busy wait at all: a read that needed the writer's lock would fail at once.
        store.db.execute("PRAGMA busy_timeout = 0")
        assert rows(store) == [1]  # the last commit; the import's row is not there yet
        assert store.data_version() > 0
    finally:
        store.close()
    assert waits == []


# -- the write-ahead log ------------------------------------------------------------------------


def wal_size(path: Path) -> int:
    wal = path.with_name(path.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_database_large_write_truncates_the_wal_at_commit(path: Path) -> None:
    store = Store(path)
    try:
        with store.transaction():
            # Rows the size of an invitation with its note: more pages than SQLite's cache holds
            store.db.execute("CREATE TABLE notes (text TEXT)")
            store.db.executemany("INSERT INTO notes VALUES (?)", [("n" * 300,)] * LARGE_WRITE)
            grown = wal_size(path)
        after_large = wal_size(path)
        with store.transaction():
            store.db.execute("INSERT INTO t VALUES (0)")
        after_small = wal_size(path)
        limit = store.db.execute("PRAGMA journal_size_limit").fetchone()[0]
    finally:
        store.close()
    assert grown > 1_000_000  # the import's pages went through the WAL
    assert after_large == 0  # checkpointed back and truncated at its commit
    assert 0 < after_small < 100_000  # a small write is left to SQLite's own checkpoints
    assert limit == WAL_LIMIT
