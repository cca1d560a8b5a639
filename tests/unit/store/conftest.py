"""Fixtures the store's tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from watcher.store import Store


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A store holding one table ``t`` with one row (1): what the lock tests write to."""
    path = tmp_path / "invite-watcher.db"
    store = Store(path)
    with store.transaction():
        store.db.execute("CREATE TABLE t (x INTEGER)")
        store.db.execute("INSERT INTO t VALUES (1)")
    store.close()
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in the test's own folder, closed after it."""
    opened = Store(tmp_path / "db.sqlite")
    yield opened
    opened.close()
