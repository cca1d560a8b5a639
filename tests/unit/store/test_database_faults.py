"""The database file's own faults, on real files: corrupt, empty, brand new, a full disk."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from watcher.store import Store, StoreError
from watcher.store.faults import CorruptDatabase, DiskFull, move_aside_command


def _made(path: Path, rows: int = 2000) -> Path:
    """A real store with something in it, closed (its WAL checkpointed into the file)."""
    store = Store(path)
    with store.transaction():
        store.db.execute("CREATE TABLE filler (text TEXT)")
        store.db.executemany("INSERT INTO filler VALUES (?)", [("x" * 200,)] * rows)
    store.close()
    return path


def _refused(path: Path) -> str:
    before = path.read_bytes()
    with pytest.raises(CorruptDatabase) as refused:
        Store(path)
    assert path.read_bytes() == before  # never repaired, truncated or deleted
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message


def test_database_not_a_database_is_refused_as_corrupt_with_the_move(tmp_path: Path) -> None:
    path = tmp_path / "invite-watcher.db"
    path.write_bytes(b"these are not the pages you are looking for " * 100)

    message = _refused(path)

    assert "corrupt (file is not a database)" in message
    assert f"`mv {path} {path}.corrupt`" in message
    assert "never deletes it" in message


def test_database_with_a_damaged_schema_page_is_refused_as_corrupt(tmp_path: Path) -> None:
    path = _made(tmp_path / "invite-watcher.db")
    with path.open("r+b") as damaged:
        damaged.seek(100)  # page 1 after the file header: the schema's b-tree
        damaged.write(b"\xff" * 40)

    assert "corrupt (database disk image is malformed)" in _refused(path)


def test_database_cut_short_is_refused_as_corrupt(tmp_path: Path) -> None:
    path = _made(tmp_path / "invite-watcher.db")
    os.truncate(path, path.stat().st_size // 2)

    assert "corrupt (database disk image is malformed)" in _refused(path)


def test_database_empty_file_is_refused_not_reused(tmp_path: Path) -> None:
    path = tmp_path / "invite-watcher.db"
    path.touch()

    message = _refused(path)

    assert "empty (0 bytes)" in message
    assert f"`mv {path} {path}.empty`" in message
    assert path.stat().st_size == 0


def test_database_brand_new_store_is_made_whole_and_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "invite-watcher.db"

    Store(path).close()
    reopened = Store(path)  # not refused as empty: it was a database from its first byte
    reopened.close()

    assert path.stat().st_size > 0
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["invite-watcher.db"]


def test_database_move_aside_command_takes_the_wal_along_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "my data" / "invite-watcher.db"
    path.parent.mkdir()
    path.write_bytes(b"x")
    (path.parent / "invite-watcher.db-wal").write_bytes(b"x")

    command = move_aside_command(path)

    folder = f"'{path.parent}"
    assert command == (
        f"mv {folder}/invite-watcher.db' {folder}/invite-watcher.db.corrupt' && "
        f"mv {folder}/invite-watcher.db-wal' {folder}/invite-watcher.db.corrupt-wal'"
    )


def test_database_unwritable_folder_is_one_line_not_corrupt(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")

    with pytest.raises(StoreError) as refused:
        Store(blocker / "invite-watcher.db")

    assert not isinstance(refused.value, CorruptDatabase)
    assert str(refused.value).startswith(f"{blocker / 'invite-watcher.db'}: cannot open")


# -- a full disk (a 2 MB tmpfs: the small_disk fixture of tests/conftest.py) ---------------------


def test_database_disk_full_is_one_line_and_rolls_back(small_disk: Path) -> None:
    path = small_disk / "invite-watcher.db"
    store = Store(path)
    with store.transaction():
        store.db.execute("CREATE TABLE filler (text TEXT)")
        store.db.execute("INSERT INTO filler VALUES ('kept')")

    with pytest.raises(DiskFull) as full, store.transaction():
        store.db.executemany("INSERT INTO filler VALUES (?)", [("y" * 1000,)] * 10_000)

    message = str(full.value)
    assert message.startswith(f"{path}: the disk is full")
    assert "\n" not in message
    assert isinstance(full.value, sqlite3.OperationalError)  # still "try again later" trouble
    assert isinstance(full.value.__cause__, sqlite3.OperationalError)
    # Rolled back whole, and the store goes on working once there is room.
    assert [r[0] for r in store.db.execute("SELECT text FROM filler")] == ["kept"]
    with store.transaction():
        store.db.execute("INSERT INTO filler VALUES ('after')")
    store.close()
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        check.close()
