"""An import the daemon left between its merge and its verdicts (``watcher.judge.deferred``): a
kill or a shutdown mid-judging is finished by the next start, before anything new; a database
busy when the verdicts were to be stored is tried again soon by itself. Either way the user is
told once."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.exports import invitations_json
from tests.support.inprocess import daemon_settings, running_daemon
from tests.support.stops import StopOnceMerged
from watcher import pipeline
from watcher.daemon.outbox import announcer
from watcher.daemon.ports import system_clock
from watcher.judge import gather
from watcher.models import Imported
from watcher.store import Store

pytestmark = pytest.mark.timeout(60)

SENT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def export(tmp_path: Path) -> Path:
    path = tmp_path / "invitations.json"
    entry = {
        "name": "Ada Nwosu",
        "profile_url": "https://www.linkedin.com/in/ada-nwosu",
        "headline": "PR manager",
        "note": "We have not met, but I'd love a coffee.",
        "sent_at": (SENT - timedelta(days=1)).isoformat(),
    }
    path.write_bytes(invitations_json([entry]))
    return path


async def test_daemon_start_judges_and_announces_an_interrupted_import_once(
    tmp_path: Path,
) -> None:
    settings = daemon_settings(tmp_path)
    database = settings.storage.database_path()
    store = Store(database)
    deps = pipeline.Deps(
        store=store,
        settings=settings,
        clock=system_clock,
        cancel=StopOnceMerged(database),
        announce=announcer(settings, system_clock),
    )
    stopped = pipeline.process(export(tmp_path), deps)
    assert isinstance(stopped, Imported), stopped
    assert store.pending_judgings(announced_too=True) != []
    store.close()
    folder = tmp_path / "Downloads"
    folder.mkdir()

    async with running_daemon(settings, folder) as running:
        notice = await running.wait_for_notice(lambda n: "Ada Nwosu" in n.title + n.body)

    assert notice is not None
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM pending_judgings").fetchone() == (0,)
        assert db.execute("SELECT verdict FROM invitations").fetchone()[0] is not None
        recorded = db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    assert recorded == len(running.notifier.notices) >= 1

    async with running_daemon(settings, folder) as again:
        pass  # ready: its start is done, and it had nothing left to judge or show

    assert again.notifier.notices == []
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == recorded


async def test_daemon_judges_again_what_a_busy_database_made_it_leave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # When the daemon comes to store the verdicts of a dropped file, another process holds
    # the database for a few seconds: the file counts as imported, and the daemon judges it
    # again soon after by itself, telling the user once, with no new file to trigger it.
    settings = daemon_settings(tmp_path)
    database = settings.storage.database_path()
    Store(database).close()
    holder = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    real = gather.judge_chosen

    def judging(*args: Any, **options: Any) -> Any:
        if not holder.in_transaction and not released.is_set():
            holder.execute("BEGIN IMMEDIATE")  # let go of 1.5 s later, past the worker's wait
            threading.Timer(1.5, release).start()
        return real(*args, **options)

    def release() -> None:
        holder.execute("ROLLBACK")
        released.set()

    released = threading.Event()
    monkeypatch.setattr(gather, "judge_chosen", judging)
    folder = tmp_path / "Downloads"
    folder.mkdir()

    async with running_daemon(settings, folder) as running:
        export(tmp_path).replace(folder / "invitations.json")
        [outcome] = await running.wait_for_count(1, timeout=30)
        notice = await running.wait_for_notice(
            lambda n: "Ada Nwosu" in n.title + n.body, timeout=30
        )

    assert isinstance(outcome, Imported) and outcome.changes.judging_left, outcome
    assert notice is not None
    assert released.is_set()
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM pending_judgings").fetchone() == (0,)
        assert db.execute("SELECT verdict FROM invitations").fetchone()[0] is not None
    assert len([n for n in running.notifier.notices if "Ada Nwosu" in n.title + n.body]) == 1
