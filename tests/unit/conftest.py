"""Fixtures the unit tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from watcher.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in the test's own folder, closed after it (a test module may override it
    with a store holding what it needs)."""
    opened = Store(tmp_path / "db.sqlite")
    yield opened
    opened.close()
