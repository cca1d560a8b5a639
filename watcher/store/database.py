"""The database itself: one SQLite connection, its settings, transactions, and the stored time form.

Every aggregate module (``imports``, ``people``, ``invitations``, ``lifecycle``, ``meetups``)
adds its methods to ``Database`` as a mixin over this one connection; ``watcher.store.Store``
combines them.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from watcher.store.schema import SCHEMA_VERSION, migration


class StoreError(Exception):
    """The database cannot be opened or is from a newer version of invite-watcher."""


def iso(moment: datetime | date | None) -> str | None:
    """Stored form of a time: UTC ISO 8601 with seconds, so strings sort like the times."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    return moment.isoformat()


def parse_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class Database:
    """One SQLite database. Not thread-safe: one Store per thread."""

    def __init__(self, path: Path):
        self.path = path
        #: values derived from the data, cached by their users with a version check
        self.derived: dict[str, object] = {}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Create the file with mode 0600 before SQLite does: notes and names are private.
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
            os.close(fd)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"{path}: cannot open the database: {error}") from None
        self.db.row_factory = sqlite3.Row
        #: key -> (id, name, headline) of people written in the current transaction; an import
        #: names the same person again and again (every message, every invitation), and a dict
        #: lookup is far cheaper than an UPSERT. Kept here, not in ``People``, because it lives
        #: and dies with the transaction: cleared with each one, so a rollback can never leave
        #: an id behind that the database no longer has.
        self._people: dict[str, tuple[int, str, str]] = {}
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise StoreError(f"{path}: cannot use the database: {error}") from None

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer invite-watcher (schema {version}); upgrade it"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for statement in migration(target):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {target}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; rolled back on any exception (and on a dry run by the caller)."""
        self._people.clear()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._people.clear()
            self.derived.clear()  # may describe rows that are now gone
            if self.db.in_transaction:  # SQLite may have rolled back by itself (disk full)
                self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def data_version(self) -> int:
        """Changes when ANOTHER connection commits (SQLite's PRAGMA data_version)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])
