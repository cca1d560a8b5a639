"""The import log: every recognised file, by content hash, and what came of it.

The pipeline asks it first, so the same content is imported once and a broken file is reported
once, never retried in a loop.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from watcher.models import AsOf
from watcher.store.database import Database, iso
from watcher.store.records import LoggedImport


class ImportLog(Database):
    def known_import(self, sha256: str) -> LoggedImport | None:
        """The latest import of this content, if any."""
        row = self.db.execute(
            "SELECT * FROM imports WHERE sha256 = ? ORDER BY id DESC LIMIT 1", (sha256,)
        ).fetchone()
        return None if row is None else _logged_import(row)

    def log_import(
        self,
        sha256: str,
        path: Path,
        *,
        size: int,
        kind: str | None,
        outcome: str,
        error: str | None = None,
        as_of: AsOf | None = None,
        window: tuple[datetime, datetime] | None = None,
    ) -> int:
        """Log one file; its id. An imported file carries its as-of time (``as_of.at`` set) and,
        for a complete listing, the window of sent times it vouches for."""
        listed_from, listed_to = window if window is not None else (None, None)
        cursor = self.db.execute(
            "INSERT INTO imports (sha256, path, size, kind, outcome, error, at, as_of, "
            "as_of_basis, listed_from, listed_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                sha256,
                str(path),
                size,
                kind,
                outcome,
                error,
                iso(datetime.now(UTC)),
                iso(as_of.at) if as_of is not None else None,
                as_of.basis if as_of is not None else None,
                iso(listed_from),
                iso(listed_to),
            ),
        )
        return int(cursor.lastrowid or 0)

    def imports(self, limit: int = 50) -> list[LoggedImport]:
        """The latest imports, newest first."""
        rows = self.db.execute("SELECT * FROM imports ORDER BY id DESC LIMIT ?", (limit,))
        return [_logged_import(row) for row in rows]


def _logged_import(row: sqlite3.Row) -> LoggedImport:
    return LoggedImport(
        sha256=str(row["sha256"]),
        path=Path(row["path"]),
        size=int(row["size"]),
        kind=row["kind"],
        outcome=str(row["outcome"]),
        error=row["error"],
        at=datetime.fromisoformat(row["at"]),
    )
