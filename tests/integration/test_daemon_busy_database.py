"""The in-process daemon against a database it cannot write: locked by another connection (a
CLI command, another import), or on a full disk (a small tmpfs). Real SQLite, real inotify.

A locked database costs seconds, not the next rescan (rescans are off here: only the retry can
bring the file back); a full disk is said once on the desktop, not again until an import has
worked since, and nothing is lost once there is room again.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.exports import invitations_json
from tests.support.inprocess import RunningDaemon, daemon_settings, running_daemon
from watcher.models import Failed, Imported, ImportOutcome

pytestmark = pytest.mark.timeout(60)

DISK_FULL_TITLE = "Disk full: imports wait"


def invitation_file(name: str) -> bytes:
    slug = name.lower().replace(" ", "-")
    entry = {
        "name": name,
        "profile_url": f"https://www.linkedin.com/in/{slug}",
        "headline": "PR manager at Brightside",
        "note": "We have not met, but I'd love a coffee.",
        "sent_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
    }
    return invitations_json([entry])


def transient(seen: list[ImportOutcome], name: str) -> int:
    return sum(isinstance(o, Failed) and o.transient and o.path.name == name for o in seen)


def imported(seen: list[ImportOutcome], name: str) -> bool:
    return any(isinstance(o, Imported) and o.path.name == name for o in seen)


async def test_daemon_file_meeting_a_locked_database_is_imported_once_the_lock_goes(
    tmp_path: Path, drop: Path
) -> None:
    settings = daemon_settings(tmp_path)
    async with running_daemon(settings, drop) as running:
        other = sqlite3.connect(settings.storage.database_path(), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process's write transaction
        (drop / "ana.json").write_bytes(invitation_file("Ana Lima"))
        await running.wait_for(lambda seen: transient(seen, "ana.json") >= 1)
        other.execute("COMMIT")
        released = time.monotonic()
        await running.wait_for(lambda seen: imported(seen, "ana.json"), timeout=15)
        print(f"\nimported {time.monotonic() - released:.2f} s after the lock was released")
        await running.wait_for_notice(lambda n: n.title == "Ana Lima — meet first")
        other.close()


# --------------------------------------------------------------------------------------------
# A full disk (a 2 MB tmpfs: the small_disk fixture of tests/conftest.py)
# --------------------------------------------------------------------------------------------


def fill(disk: Path, database: Path) -> Path:
    """Take every free block of ``disk``: the database's WAL is emptied first (so its next
    write needs new blocks), then a filler file grows until the disk is full."""
    with contextlib.closing(sqlite3.connect(database)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while os.write(descriptor, b"\0" * size):
                    pass
    finally:
        os.close(descriptor)
    return filler


async def wait_disk_full(running: RunningDaemon, name: str, count: int) -> None:
    await running.wait_for(lambda seen: transient(seen, name) >= count, timeout=20)


def told(running: RunningDaemon) -> int:
    return running.notifier.titles.count(DISK_FULL_TITLE)


async def test_daemon_full_disk_is_said_once_until_an_import_works_again(
    tmp_path: Path, drop: Path, small_disk: Path
) -> None:
    settings = daemon_settings(tmp_path, storage={"database": str(small_disk / "watcher.db")})
    database = settings.storage.database_path()
    async with running_daemon(settings, drop) as running:
        filler = fill(small_disk, database)
        (drop / "ana.json").write_bytes(invitation_file("Ana Lima"))
        await wait_disk_full(running, "ana.json", 2)  # failed, and failed again when retried
        (drop / "bo.json").write_bytes(invitation_file("Bo Lind"))
        await wait_disk_full(running, "bo.json", 1)
        assert told(running) == 1  # once, however many imports fail
        (notice,) = [n for n in running.notifier.notices if n.title == DISK_FULL_TITLE]
        assert str(database) in notice.body

        filler.unlink()  # room again: the retries import both, nothing lost
        await running.wait_for(
            lambda seen: imported(seen, "ana.json") and imported(seen, "bo.json"), timeout=20
        )
        assert told(running) == 1

        fill(small_disk, database)  # full again after an import worked: said again
        (drop / "cy.json").write_bytes(invitation_file("Cy Twombly"))
        await wait_disk_full(running, "cy.json", 1)
        await running.wait_for_notice(lambda n: told(running) == 2)
