"""Files written slowly under their final name, through the daemon process and real inotify:
taken once, when complete, and a version that did get through early leaves nothing behind."""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.daemon import DaemonFactory, DaemonProcess, daemon_factory
from tests.support.exports import Invite, Person, invitations_csv
from watcher.store import Store

__all__ = ["daemon_factory"]  # the fixture

pytestmark = pytest.mark.timeout(60)

SETTLE = 0.25
SETTINGS = {"watch.settle": f"{SETTLE}s", "notifications.backend": "log"}
NAME = "Invitations.csv"
PENDING = 40
#: rows in the part a slow writer has written when it first pauses
PARTIAL = 11
#: how old the export imported first is: a re-export is newer evidence than it
EARLIER = 3600.0


def invitations_table(count: int = PENDING) -> bytes:
    """``count`` pending incoming invitations, oldest first: a part that has the oldest row
    spans the sent times of all the others, so a listing read from it alone leaves them out."""
    now = datetime.now(UTC)
    rows = [
        Invite(Person(f"Person {i}", f"https://www.linkedin.com/in/person-{i}"), sent)
        for i, sent in enumerate(now - timedelta(days=3 + i) for i in range(count))
    ]
    return invitations_csv(reversed(rows))


def split_after_rows(data: bytes, *counts: int) -> list[bytes]:
    """``data`` cut after the header and ``counts`` rows each (at line ends), then the rest."""
    lines = data.splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    parts, start = [], 0
    for count in counts:
        parts.append(b"".join(rows[start : start + count]))
        start += count
    parts.append(b"".join(rows[start:]))
    parts[0] = header + parts[0]
    return parts


def append_in_chunks(path: Path, chunks: list[bytes], pause: float) -> None:
    """A slow writer under the final name: open, append, close per chunk, pausing between."""
    for index, chunk in enumerate(chunks):
        if index:
            time.sleep(pause)  # the writer's pause is the scenario, not a wait for the daemon
        with path.open("ab") as handle:
            handle.write(chunk)


def drop_dated(folder: Path, data: bytes, age: float) -> None:
    """A finished export moved in, last modified ``age`` seconds ago (its as-of time)."""
    staged = folder.parent / NAME
    staged.write_bytes(data)
    then = time.time() - age
    os.utime(staged, (then, then))
    staged.replace(folder / NAME)


def start(
    daemon_factory: DaemonFactory, drop: Path, tmp_path: Path, **settings: str
) -> DaemonProcess:
    database = tmp_path / "db" / "invite-watcher.db"
    return daemon_factory(
        drop, settings={**SETTINGS, "storage.database": str(database), **settings}
    )


def imports_of(daemon: DaemonProcess, name: str) -> int:
    """How many times the daemon imported (not skipped as already imported) ``name``."""
    return len(re.findall(rf"imported \S*/{re.escape(name)} \(", daemon.log()))


def statuses(tmp_path: Path) -> Counter[str]:
    store = Store(tmp_path / "db" / "invite-watcher.db")
    try:
        rows = store.db.execute("SELECT status FROM invitations").fetchall()
    finally:
        store.close()
    return Counter(row["status"] for row in rows)


def test_daemon_slow_reexport_is_imported_once_complete_and_closes_nothing(
    daemon_factory: DaemonFactory, drop: Path, tmp_path: Path
) -> None:
    """A re-export (one invitation more) saved slowly over the first, chunk by chunk, pausing
    longer than ``settle``: each close looks final, and its first part alone would prove 29 of
    the 40 pending invitations gone."""
    daemon = start(daemon_factory, drop, tmp_path)
    drop_dated(drop, invitations_table(), age=EARLIER)
    daemon.wait_for_log(rf"imported .*{NAME}")
    mark = daemon.log_position()
    (drop / NAME).unlink()
    chunks = split_after_rows(invitations_table(PENDING + 1), PARTIAL, 10, 10)
    append_in_chunks(drop / NAME, chunks, pause=1.5 * SETTLE)
    daemon.wait_for_log(rf"imported .*{NAME}", since=mark, timeout=20)
    daemon.wait_for_log(r"Notification: Person 40 ", since=mark)  # the one new invitation
    assert imports_of(daemon, NAME) == 2  # the first export, then the re-export once
    assert "Could not import" not in daemon.log()
    assert statuses(tmp_path) == {"pending": PENDING + 1}


def test_daemon_partial_version_superseded_leaves_no_invitation_closed(
    daemon_factory: DaemonFactory, drop: Path, tmp_path: Path
) -> None:
    """A writer that paused longer than any wait: its first part was imported as a version of
    its own. The complete file, the same content as the earlier import, supersedes it."""
    daemon = start(daemon_factory, drop, tmp_path)
    data = invitations_table()
    drop_dated(drop, data, age=EARLIER)
    daemon.wait_for_log(rf"imported .*{NAME}")
    mark = daemon.log_position()
    drop_dated(drop, split_after_rows(data, PARTIAL)[0], age=60)
    daemon.wait_for_log(rf"imported .*{NAME}", since=mark)
    mark = daemon.log_position()
    drop_dated(drop, data, age=0)
    daemon.wait_for_log(rf"{NAME}: already imported", since=mark)
    assert statuses(tmp_path) == {"pending": PENDING}


def test_daemon_waits_for_a_writer_that_keeps_the_file_open(
    daemon_factory: DaemonFactory, drop: Path, tmp_path: Path
) -> None:
    """No close for longer than a lost close is waited for: only the look at /proc tells."""
    daemon = start(daemon_factory, drop, tmp_path, **{"watch.settle": "0.1s"})
    first, rest = split_after_rows(invitations_table(), PARTIAL)
    with (drop / NAME).open("wb") as handle:
        handle.write(first)
        handle.flush()
        daemon.wait_for_log(rf"{NAME}: still open for writing", timeout=20)
        handle.write(rest)
    daemon.wait_for_log(rf"imported .*{NAME}", timeout=20)
    assert imports_of(daemon, NAME) == 1
    assert statuses(tmp_path) == {"pending": PENDING}
