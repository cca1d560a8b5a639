"""A large import in a child process meets the database's faults as the daemon's own thread
does: a corrupt database stops the daemon (the parent hears of it), and a database another
process is writing makes a transient failure within seconds, retried, not a wait of minutes."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from tests.support.exports import invitations_json
from tests.support.inprocess import daemon_settings
from watcher.daemon.child import StopToken, import_in_child
from watcher.daemon.ports import system_clock
from watcher.models import Failed
from watcher.store import Store
from watcher.store.faults import CorruptDatabase

pytestmark = pytest.mark.timeout(60)


def exported(tmp_path: Path) -> Path:
    path = tmp_path / "invitations.json"
    path.write_bytes(
        invitations_json(
            [{"name": "Ada Nwosu", "profile_url": "https://www.linkedin.com/in/ada", "note": ""}]
        )
    )
    return path


async def test_child_import_on_a_corrupt_database_raises_it_in_the_parent(tmp_path: Path) -> None:
    settings = daemon_settings(tmp_path)
    database = settings.storage.database_path()
    database.parent.mkdir(parents=True)
    database.write_bytes(b"not a database at all, " * 300)

    with pytest.raises(CorruptDatabase, match="corrupt"):
        await import_in_child(exported(tmp_path), settings, system_clock, StopToken())
    assert database.read_bytes().startswith(b"not a database")  # never touched


async def test_child_import_behind_another_writer_is_a_transient_failure_soon(
    tmp_path: Path,
) -> None:
    settings = daemon_settings(tmp_path)
    database = settings.storage.database_path()
    Store(database).close()
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    try:
        outcome = await import_in_child(exported(tmp_path), settings, system_clock, StopToken())
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert isinstance(outcome, Failed) and outcome.transient, outcome
    # The store's own default waits minutes; the child's is the worker's second.
    assert time.monotonic() - started < 30


def test_child_killed_without_an_answer_is_a_failure_to_warn_about() -> None:
    """Out of memory, say: a failure of the file's import (a warning), not a quiet skip, and
    not retried by itself (a file that kills its importer would do it again)."""
    from watcher.daemon.child import _outcome

    outcome = _outcome(Path("/drop/big.zip"), b"", -9, StopToken())
    assert isinstance(outcome, Failed) and outcome.kind is not None and not outcome.transient
    assert "exit status -9" in outcome.reason
    stopped = StopToken()
    stopped.set()
    assert not isinstance(_outcome(Path("/drop/big.zip"), b"", -15, stopped), Failed)
