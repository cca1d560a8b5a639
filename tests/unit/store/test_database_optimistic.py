"""A transaction that reads without the write lock and takes it only to write
(``Database.optimistically``): real SQLite, the other writer a second connection as another
process (a command, a reminder, another import) would hold it."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from watcher.store import Store
from watcher.store.locking import LockWait

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    store = Store(path)
    yield store
    store.close()


@pytest.fixture
def other(path: Path) -> Iterator[sqlite3.Connection]:
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def total(store: Store) -> int:
    return int(store.db.execute("SELECT SUM(x) FROM t").fetchone()[0])


def write_total(store: Store, seen: int) -> int:
    store.db.execute("INSERT INTO t VALUES (?)", (-seen,))  # only right if ``seen`` is current
    return seen


def test_optimistic_work_reads_then_writes_in_one_transaction(store: Store, path: Path) -> None:
    assert store.optimistically(lambda: total(store), lambda seen: write_total(store, seen)) == 1
    assert total(store) == 0
    assert not store.db.in_transaction


def test_optimistic_read_holds_no_lock_another_writer_commits_meanwhile(
    store: Store, other: sqlite3.Connection
) -> None:
    # While the read runs, another connection writes and commits: it did not wait for us.
    # What was read is then out of date, so it is read again before anything is written.
    reads: list[int] = []

    def read() -> int:
        reads.append(total(store))
        if len(reads) == 1:
            other.execute("BEGIN IMMEDIATE")  # would raise if the read held the lock
            other.execute("INSERT INTO t VALUES (10)")
            other.execute("COMMIT")
        return reads[-1]

    store.optimistically(read, lambda seen: write_total(store, seen))

    assert reads == [1, 11]
    assert total(store) == 0  # written from the second, current read


def test_optimistic_write_waits_for_a_writer_without_reading_again(
    store: Store, other: sqlite3.Connection
) -> None:
    # Another writer holds the lock when we come to write, then lets it go without a change
    # (a rollback): the snapshot is still current, so no second read.
    reads: list[int] = []
    waiting = threading.Event()

    def read() -> int:
        reads.append(total(store))
        other.execute("BEGIN IMMEDIATE")
        return reads[-1]

    def release() -> None:
        waiting.wait(20)
        other.execute("ROLLBACK")

    store.wait = LockWait(on_wait=waiting.set)
    releaser = threading.Thread(target=release)
    releaser.start()
    store.optimistically(read, lambda seen: write_total(store, seen))
    releaser.join()

    assert waiting.is_set()
    assert reads == [1]
    assert total(store) == 0


def test_optimistic_work_gives_up_on_snapshots_and_holds_the_lock_after_attempts(
    store: Store, other: sqlite3.Connection
) -> None:
    # Another writer commits during every read: after ``attempts`` the work runs holding the
    # lock throughout, so that writer must wait and the last read is current.
    reads: list[int] = []

    def read() -> int:
        reads.append(total(store))
        try:
            other.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            assert len(reads) == 4  # only the locked run keeps it out
        else:
            other.execute("INSERT INTO t VALUES (10)")
            other.execute("COMMIT")
        return reads[-1]

    other.execute("PRAGMA busy_timeout = 0")
    store.optimistically(read, lambda seen: write_total(store, seen), attempts=3)

    assert reads == [1, 11, 21, 31]
    assert total(store) == 0


def test_optimistic_failure_rolls_back_what_it_wrote(store: Store) -> None:
    def write(seen: int) -> int:
        write_total(store, seen)
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError):
        store.optimistically(lambda: total(store), write)

    assert total(store) == 1
    assert not store.db.in_transaction
