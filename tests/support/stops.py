"""A stop between an import's two transactions (``watcher.judge.deferred``), for tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StopOnceMerged:
    """A cancel token set once the merge's commit is visible to another connection (its note
    in ``pending_judgings``): the import then stops before judging, as a kill there would."""

    def __init__(self, database: Path) -> None:
        self.other = sqlite3.connect(database, isolation_level=None)

    def is_set(self) -> bool:
        return self.other.execute("SELECT 1 FROM pending_judgings").fetchone() is not None
