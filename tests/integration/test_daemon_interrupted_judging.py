"""An import the daemon was stopped in between its merge and its verdicts (a kill, a shutdown
mid-judging: ``watcher.judge.deferred``): the next start judges it and tells the user once,
before anything new; a start after that tells nothing again."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.exports import invitations_json
from tests.support.inprocess import daemon_settings, running_daemon
from tests.support.stops import StopOnceMerged
from watcher import pipeline
from watcher.daemon.outbox import announcer
from watcher.daemon.ports import system_clock
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
