"""``watch.after_import`` through the real daemon and inotify: only a file that was imported is
moved or deleted; anything that is not ours, or that failed, stays where the user put it.

"Stays" is only worth asserting once the daemon is done with the file: each test then drops a
good export (the marker) and waits until it is disposed of. The worker takes one file at a
time, so by then the files dropped before it have had their fate decided.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.exports import build_archive, invitations_json
from tests.support.inprocess import RunningDaemon, daemon_settings, running_daemon
from watcher import pipeline
from watcher.models import Failed, Imported, NotOurs

pytestmark = pytest.mark.timeout(60)

SENT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
#: generous: the tests must pass on a loaded machine, and they end as soon as the file is gone
DEADLINE = 20.0


def export(index: int) -> bytes:
    """Our invitation JSON with one invitation from Person ``index``."""
    entry = {
        "name": f"Person {index}",
        "profile_url": f"https://www.linkedin.com/in/person-{index}",
        "headline": "PR manager",
        "note": "We have not met, but I'd love a coffee.",
        "sent_at": (SENT - timedelta(minutes=index)).isoformat(),
    }
    return invitations_json([entry])


def land(folder: Path, name: str, data: bytes) -> Path:
    """Write ``name`` the way a finished download lands: elsewhere, then renamed in."""
    staging = folder.parent / "staging"
    staging.mkdir(exist_ok=True)
    (staging / name).write_bytes(data)
    return (staging / name).replace(folder / name)


async def eventually(condition: Callable[[], bool], what: str) -> None:
    """Wait until ``condition()`` holds (checked every 20 ms), failing after DEADLINE seconds."""
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {DEADLINE:g}s: {what}")
        await asyncio.sleep(0.02)


async def dispose_of_marker(running: RunningDaemon, drop: Path, mode: str) -> None:
    """Drop a good export and wait until ``mode`` has been applied to it (see the docstring)."""
    seen = len(running.outcomes)
    land(drop, "marker.json", export(99))
    [*_, outcome] = await running.wait_for_count(seen + 1, DEADLINE)
    assert isinstance(outcome, Imported) and outcome.path.name == "marker.json", outcome
    moved = drop / "processed" / "marker.json"
    await eventually(lambda: not (drop / "marker.json").exists(), f"marker.json {mode}d")
    assert moved.exists() is (mode == "move")


async def test_daemon_delete_removes_an_imported_file(tmp_path: Path, drop: Path) -> None:
    settings = daemon_settings(tmp_path, watch={"after_import": "delete"})
    async with running_daemon(settings, drop) as running:
        land(drop, "invitations.json", export(1))
        [outcome] = await running.wait_for_count(1, DEADLINE)
        assert isinstance(outcome, Imported), outcome
        await eventually(lambda: not (drop / "invitations.json").exists(), "the file deleted")
    assert sorted(p.name for p in drop.iterdir()) == []  # deleted, not moved aside
    assert len(running.outcomes) == 1


@pytest.mark.parametrize("mode", ["delete", "move"])
async def test_daemon_after_import_leaves_files_that_are_not_ours(
    tmp_path: Path, drop: Path, mode: str
) -> None:
    settings = daemon_settings(tmp_path, watch={"after_import": mode})
    theirs = {
        "notes.txt": b"Groceries: milk, eggs\n",
        "report.csv": b"quarter,revenue\nQ1,100\nQ2,120\n",
        "empty.json": b"",
    }
    async with running_daemon(settings, drop) as running:
        for name, data in theirs.items():
            land(drop, name, data)
        outcomes = await running.wait_for_count(len(theirs), DEADLINE)
        await dispose_of_marker(running, drop, mode)
    kinds = {o.path.name: (type(o), getattr(o, "kind", None)) for o in outcomes}
    assert kinds == {
        "notes.txt": (NotOurs, None),
        "report.csv": (NotOurs, None),
        "empty.json": (Failed, None),  # "is empty": not even looked at
    }
    assert {name: (drop / name).read_bytes() for name in theirs} == theirs


@pytest.mark.parametrize("mode", ["delete", "move"])
async def test_daemon_after_import_leaves_a_broken_export(
    tmp_path: Path, drop: Path, mode: str
) -> None:
    settings = daemon_settings(tmp_path, watch={"after_import": mode})
    broken = build_archive(year=2024)[:-200]  # recognised as an archive, truncated
    name = "Basic_LinkedInDataExport_11-20-2026.zip"
    async with running_daemon(settings, drop) as running:
        land(drop, name, broken)
        [failed] = await running.wait_for_count(1, DEADLINE)
        await dispose_of_marker(running, drop, mode)
    assert isinstance(failed, Failed) and failed.kind is not None, failed
    assert (drop / name).read_bytes() == broken  # kept for the user to look at or retry
    assert any(name in notice.title for notice in running.notifier.notices)


async def test_daemon_delete_spares_a_file_replaced_during_its_import(
    tmp_path: Path, drop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = daemon_settings(tmp_path, watch={"after_import": "delete"})
    newer = export(2)
    process = pipeline.process

    def replaced_while_importing(path: Path, *args: Any, **kwargs: Any) -> Any:
        # The user saves a newer export under the same name while the first one is imported
        # (a tool that writes a fixed name, `cp` over it): deterministic here, a race in life.
        outcome = process(path, *args, **kwargs)
        if path.name == "invitations.json" and path.read_bytes() != newer:
            staged = tmp_path / "newer.json"
            staged.write_bytes(newer)
            os.replace(staged, path)
        return outcome

    monkeypatch.setattr(pipeline, "process", replaced_while_importing)
    async with running_daemon(settings, drop) as running:
        land(drop, "invitations.json", export(1))
        [first] = await running.wait_for_count(1, DEADLINE)
        # Checked at once: the worker reports an outcome before it takes the next file, so the
        # newer file cannot have been imported (and rightly deleted) yet.
        survived = (drop / "invitations.json").exists()
    assert isinstance(first, Imported)
    assert first.sha256 != hashlib.sha256(newer).hexdigest()
    assert survived, "the newer export was deleted without being imported"
