"""Fixtures the store's tests share (the empty ``store`` is tests/unit/conftest.py's)."""

from __future__ import annotations

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
