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

    def superseded_listing(self, path: Path, sha256: str, since: datetime) -> int | None:
        """The import of another version of ``path``, the latest imported there, logged after
        ``since`` and still vouching for a window: a version this one replaces (its writer had
        not finished). None if there is none."""
        row = self.db.execute(
            "SELECT id, sha256, at, listed_from FROM imports WHERE path = ? "
            "AND outcome = 'imported' ORDER BY id DESC LIMIT 1",
            (str(path),),
        ).fetchone()
        if row is None or row["sha256"] == sha256 or row["listed_from"] is None:
            return None
        return int(row["id"]) if row["at"] >= iso(since) else None

    def withdraw_listing(self, import_id: int) -> None:
        """This import vouches for no window any more: what it alone proved gone is not."""
        self.db.execute(
            "UPDATE imports SET listed_from = NULL, listed_to = NULL WHERE id = ?", (import_id,)
        )

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
