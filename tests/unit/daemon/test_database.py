"""The daemon's database thread on real SQLite: faults named, a wait for the lock ended by stop."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from tests.support.damaged import FILLER, damaged_store
from watcher.daemon.database import DatabaseThread
from watcher.store import Store
from watcher.store.faults import CorruptDatabase, DatabaseBusy

pytestmark = pytest.mark.timeout(30)


async def test_database_thread_names_damage_met_by_a_read(tmp_path: Path) -> None:
    path = damaged_store(tmp_path / "invite-watcher.db")
    db = DatabaseThread(path)
    await db.open()
    try:
        with pytest.raises(CorruptDatabase) as corrupt:
            await db(lambda store: store.db.execute(f"SELECT * FROM {FILLER}").fetchall())
    finally:
        await db.close()
    assert str(corrupt.value).startswith(f"{path}: the database is corrupt (database disk image")


async def test_database_thread_tells_the_daemon_of_damage_so_it_stops(tmp_path: Path) -> None:
    """Damage met while running reaches ``on_corrupt`` (the daemon stops with the status the unit
    does not restart on), and the caller still gets the fault."""
    path = damaged_store(tmp_path / "invite-watcher.db")
    told: list[CorruptDatabase] = []
    db = DatabaseThread(path, on_corrupt=told.append)
    await db.open()
    try:
        await db(lambda store: store.db.execute("SELECT 1").fetchall())
        assert told == []  # a sound call tells nothing
        with pytest.raises(CorruptDatabase) as corrupt:
            await db(lambda store: store.db.execute(f"SELECT * FROM {FILLER}").fetchall())
    finally:
        await db.close()
    assert told == [corrupt.value]


async def test_database_thread_stop_ends_a_wait_for_the_lock(tmp_path: Path) -> None:
    """A write waiting for another process's lock (up to minutes) gives up when the daemon
    stops, instead of holding the stop until systemd kills it."""
    path = tmp_path / "invite-watcher.db"
    Store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    db = DatabaseThread(path)
    await db.open()
    try:
        waiting = asyncio.ensure_future(db(_write))
        await asyncio.sleep(0)  # the write is handed to the thread before the close is
        # Far less than the thread's patience (minutes): only the stop can end the wait.
        async with asyncio.timeout(10):
            await db.close()
            with pytest.raises(DatabaseBusy):
                await waiting
    finally:
        other.close()


def _write(store: Store) -> None:
    with store.transaction():
        raise AssertionError("the write ran without the lock")
