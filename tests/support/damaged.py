"""A real store whose data, not its schema, is damaged: it opens, and a read meets the damage."""

from __future__ import annotations

from pathlib import Path

from watcher.store import Store

#: the table a test reads to meet the damage
FILLER = "filler"


def damaged_store(path: Path) -> Path:
    """A store with a table of some hundred pages, one of them overwritten near the end."""
    store = Store(path)
    with store.transaction():
        store.db.execute(f"CREATE TABLE {FILLER} (text TEXT)")
        store.db.executemany(f"INSERT INTO {FILLER} VALUES (?)", [("x" * 200,)] * 2000)
    store.close()  # the last connection: its WAL is checkpointed into the file
    page = 4096
    with path.open("r+b") as damaged:
        damaged.seek(path.stat().st_size - 20 * page)
        damaged.write(b"\xff" * page)
    return path
