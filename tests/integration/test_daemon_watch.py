"""The daemon's drop folder through real inotify: what is taken, when, and only once."""

from __future__ import annotations

import asyncio
import shutil
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from loguru import logger

from tests.support.exports import build_archive, invitations_json
from tests.support.inprocess import (
    RunningDaemon,
    daemon_settings,
    quiet_hours_around_now,
    running_daemon,
)
from watcher import pipeline
from watcher.config.settings import ConfigError, Settings
from watcher.daemon.folders import FolderWatcher
from watcher.intake.tracker import Fingerprint
from watcher.models import AlreadyImported, Failed, Imported, ImportOutcome, NotOurs
from watcher.store import Store

pytestmark = pytest.mark.timeout(60)

SENT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def invitation_file(index: int, note: str = "We have not met, but I'd love a coffee.") -> bytes:
    return invitations_json(
        [
            {
                "name": f"Person {index}",
                "profile_url": f"https://www.linkedin.com/in/person-{index}",
                "headline": "PR manager",
                "note": note,
                "sent_at": (SENT - timedelta(minutes=index)).isoformat(),
            }
        ]
    )


MARKER = "marker.json"


async def marker_imported(running: RunningDaemon, tmp_path: Path, drop: Path) -> None:
    """Move one more file in and wait for its outcome. Events reach the daemon in order and
    its worker takes one file at a time, so anything the earlier files still had coming (a
    duplicate) would have arrived before it: this replaces sleeping for "nothing more came"."""
    staged = tmp_path / MARKER
    staged.write_bytes(invitation_file(999))
    count = len(running.outcomes)
    staged.rename(drop / MARKER)
    await running.wait_for(lambda seen: any(o.path.name == MARKER for o in seen[count:]))


def imported_paths(store_path: Path) -> Counter[str]:
    store = Store(store_path)
    try:
        rows = store.db.execute("SELECT path FROM imports WHERE outcome = 'imported'").fetchall()
    finally:
        store.close()
    return Counter(Path(row["path"]).name for row in rows)


async def test_daemon_browser_download_counts_only_after_rename(tmp_path: Path, drop: Path) -> None:
    settings = daemon_settings(tmp_path)
    async with running_daemon(settings, drop) as running:
        partial = drop / "invites.json.crdownload"
        with partial.open("wb") as handle:
            data = invitation_file(1)
            handle.write(data[:40])
            handle.flush()
            await asyncio.sleep(0.5)  # the browser is still downloading: longer than settle
            handle.write(data[40:])
        partial.rename(drop / "invites.json")
        outcomes = await running.wait_for_count(1)
    assert [type(o) for o in outcomes] == [Imported]
    assert outcomes[0].path.name == "invites.json"
    assert imported_paths(settings.storage.database_path()) == {"invites.json": 1}


async def test_daemon_slow_writer_is_taken_once_complete(tmp_path: Path, drop: Path) -> None:
    # The writer keeps the file open all along: it is taken after the close, once.
    settings = daemon_settings(tmp_path)
    archive = build_archive(invitations=[], year=2024)
    async with running_daemon(settings, drop) as running:
        target = drop / "export.zip"
        with target.open("wb") as handle:
            for start in range(0, len(archive), 256):
                handle.write(archive[start : start + 256])
                handle.flush()
                await asyncio.sleep(0.02)
        outcomes = await running.wait_for_count(1)
        await marker_imported(running, tmp_path, drop)
    assert [o.path.name for o in running.outcomes] == ["export.zip", MARKER]
    assert isinstance(outcomes[0], Imported)


async def test_daemon_file_changed_while_imported_is_imported_again(
    tmp_path: Path, drop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new version saved while the first is being imported waits for that import, then
    settles and is imported as a version of its own (before, its events were dropped)."""
    real_process = pipeline.process
    saved_again: list[Path] = []

    def process(path: Path, deps: pipeline.Deps, **options: bool) -> ImportOutcome:
        outcome = real_process(path, deps, **options)
        if not saved_again:  # still in flight: the worker has not had the outcome yet
            saved_again.append(path)
            path.write_bytes(invitation_file(13))
        return outcome

    monkeypatch.setattr(pipeline, "process", process)
    settings = daemon_settings(tmp_path)
    async with running_daemon(settings, drop) as running:
        (drop / "versions.json").write_bytes(invitation_file(12))
        outcomes = await running.wait_for_count(2)
    assert [type(o) for o in outcomes] == [Imported, Imported]
    assert [o.changes.new for o in outcomes if isinstance(o, Imported)] == [
        {"invitations": 1},
        {"invitations": 1},
    ]


async def test_daemon_copied_file_is_imported(tmp_path: Path, drop: Path) -> None:
    settings = daemon_settings(tmp_path)
    source = tmp_path / "elsewhere.json"
    source.write_bytes(invitation_file(2))
    async with running_daemon(settings, drop) as running:
        shutil.copy(source, drop / "copied.json")
        outcomes = await running.wait_for_count(1)
    assert isinstance(outcomes[0], Imported)
    assert outcomes[0].changes.new == {"invitations": 1}


async def test_daemon_two_hundred_files_each_imported_exactly_once(
    tmp_path: Path, drop: Path
) -> None:
    settings = daemon_settings(tmp_path)
    staging = tmp_path / "staging"
    staging.mkdir()
    for index in range(200):
        (staging / f"invites-{index:03}.json").write_bytes(invitation_file(index))
    async with running_daemon(settings, drop) as running:
        for path in staging.iterdir():
            path.rename(drop / path.name)
        await running.wait_for_count(200, timeout=40)
        await marker_imported(running, tmp_path, drop)
    assert len(running.outcomes) == 201 and running.outcomes[-1].path.name == MARKER
    assert all(isinstance(o, Imported) for o in running.outcomes)
    counts = imported_paths(settings.storage.database_path())
    assert len(counts) == 201 and set(counts.values()) == {1}


async def test_daemon_catches_up_on_files_that_arrived_while_down(
    tmp_path: Path, drop: Path
) -> None:
    settings = daemon_settings(tmp_path)
    (drop / "old.json").write_bytes(invitation_file(3))
    (drop / "notes.txt").write_text("shopping list")
    (drop / "half.json.part").write_bytes(b'{"format":')
    async with running_daemon(settings, drop) as running:
        await running.wait_for(lambda seen: any(isinstance(o, Imported) for o in seen))
        await running.wait_for_count(2)
    kinds = {o.path.name: type(o) for o in running.outcomes}
    assert kinds == {"old.json": Imported, "notes.txt": NotOurs}
    # A second start finds the same content already imported and the text file already seen.
    async with running_daemon(settings, drop) as running:
        await running.wait_for_count(2)
    assert {o.path.name: type(o) for o in running.outcomes} == {
        "old.json": AlreadyImported,
        "notes.txt": NotOurs,
    }


async def test_daemon_reports_a_broken_export_once(tmp_path: Path, drop: Path) -> None:
    settings = daemon_settings(tmp_path)
    broken = build_archive(year=2024)[:-200]  # truncated in the central directory
    async with running_daemon(settings, drop) as running:
        (drop / "Basic_LinkedInDataExport_11-20-2026.zip").write_bytes(broken)
        await running.wait_for_count(1)
        (drop / "Basic_LinkedInDataExport_11-20-2026 (1).zip").write_bytes(broken)
        await running.wait_for_count(2)
    first, second = running.outcomes
    assert isinstance(first, Failed) and not first.repeated
    assert isinstance(second, Failed) and second.repeated
    failures = [n for n in running.notifier.notices if "11-20-2026" in n.title + n.body]
    assert len(failures) == 1


async def test_daemon_notifies_new_invitations_with_verdicts(tmp_path: Path, drop: Path) -> None:
    settings = daemon_settings(tmp_path)
    async with running_daemon(settings, drop) as running:
        (drop / "one.json").write_bytes(invitation_file(4))
        await running.wait_for_count(1)
    [notice] = running.notifier.notices
    assert "Person 4" in notice.title
    assert notice.invitation_ids == (1,)


async def test_daemon_summarises_many_new_invitations(tmp_path: Path, drop: Path) -> None:
    settings = daemon_settings(tmp_path, notifications={"summary_threshold": 3})
    entries = [
        {
            "name": f"Guest {i}",
            "profile_url": f"https://www.linkedin.com/in/guest-{i}",
            "note": "",
            "sent_at": (SENT - timedelta(hours=i)).isoformat(),
        }
        for i in range(14)
    ]
    async with running_daemon(settings, drop) as running:
        (drop / "many.json").write_bytes(invitations_json(entries))
        await running.wait_for_count(1)
    [notice] = running.notifier.notices
    assert notice.title.startswith("14 new invitations")


async def test_daemon_moves_imported_files_when_configured(tmp_path: Path, drop: Path) -> None:
    settings = daemon_settings(tmp_path, watch={"after_import": "move"})
    async with running_daemon(settings, drop) as running:
        (drop / "move-me.json").write_bytes(invitation_file(5))
        await running.wait_for_count(1)
        await running.wait_for(lambda _: (drop / "processed" / "move-me.json").exists())
        # A later export of the same name never overwrites the earlier one.
        (drop / "move-me.json").write_bytes(invitation_file(11))
        await running.wait_for_count(2)
        await running.wait_for(lambda _: (drop / "processed" / "move-me (1).json").exists())
    assert not (drop / "move-me.json").exists()
    assert (drop / "processed" / "move-me.json").read_bytes() == invitation_file(5)
    assert len(running.outcomes) == 2  # the moved copies are not imported again


async def test_daemon_keeps_user_files_by_default(tmp_path: Path, drop: Path) -> None:
    settings = daemon_settings(tmp_path)
    async with running_daemon(settings, drop) as running:
        (drop / "keep-me.json").write_bytes(invitation_file(6))
        await running.wait_for_count(1)
    assert (drop / "keep-me.json").read_bytes() == invitation_file(6)


async def test_daemon_rescan_finds_what_events_missed(tmp_path: Path, drop: Path) -> None:
    settings = daemon_settings(tmp_path, watch={"rescan": "1s", "polling": True})
    async with running_daemon(settings, drop) as running:
        (drop / "polled.json").write_bytes(invitation_file(7))
        outcomes = await running.wait_for_count(1)
    assert isinstance(outcomes[0], Imported)


async def test_daemon_holds_notices_during_quiet_hours(tmp_path: Path, drop: Path) -> None:
    quiet, _ = quiet_hours_around_now()
    settings = daemon_settings(tmp_path, notifications={"backend": "none", "quiet_hours": quiet})
    async with running_daemon(settings, drop) as running:
        (drop / "night.json").write_bytes(invitation_file(8))
        outcomes = await running.wait_for_count(1)
    assert isinstance(outcomes[0], Imported)
    assert running.notifier.notices == []


async def test_daemon_reload_watches_new_folders_and_rejudges(tmp_path: Path, drop: Path) -> None:
    second = tmp_path / "second"
    second.mkdir()
    current = daemon_settings(tmp_path, watch={"folders": [str(drop)]})

    def load() -> Settings:
        return current

    async with running_daemon(load, None) as running:
        (drop / "first.json").write_bytes(invitation_file(9, note=""))
        await running.wait_for_count(1)
        assert running.daemon is not None
        before = running.daemon.settings

        # An invalid configuration is reported and the old one kept.
        def broken() -> Settings:
            raise ConfigError(["config.toml: watch.settle: 'soon' is not a duration"])

        running.daemon._load = broken
        await running.daemon.reload()
        assert running.daemon.settings is before
        # A valid one takes effect: rules and the watched folders.
        running.daemon._load = lambda: daemon_settings(
            tmp_path, watch={"folders": [str(drop), str(second)]}, you={"interests": ["pr"]}
        )
        await running.daemon.reload()
        (second / "second.json").write_bytes(invitation_file(10, note=""))
        await running.wait_for_count(2)
    store = Store(before.storage.database_path())
    try:
        changes = store.verdict_changes(1)
    finally:
        store.close()
    assert [c.cause for c in changes][-1] == "configuration reloaded"


async def test_daemon_rescan_that_raises_is_logged_and_rescanning_goes_on(
    tmp_path: Path, drop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in a rescan is an error in the log with its traceback, not a task that dies
    silently; the next rescan runs as usual."""
    errors: list[str] = []
    sink = logger.add(lambda message: errors.append(str(message)), level="ERROR")
    calls = 0
    later_scan = asyncio.Event()
    real_scan = FolderWatcher._scan

    def scan(self: FolderWatcher, folders: list[Path]) -> list[tuple[Path, Fingerprint]]:
        nonlocal calls
        calls += 1
        if calls == 2:  # the first rescan after the catch-up at start
            raise RuntimeError("a bug in the scan")
        if calls >= 3:
            loop.call_soon_threadsafe(later_scan.set)
        return real_scan(self, folders)

    loop = asyncio.get_running_loop()
    monkeypatch.setattr(FolderWatcher, "_scan", scan)
    try:
        settings = daemon_settings(tmp_path, watch={"rescan": "0.2s"})
        async with running_daemon(settings, drop):
            await asyncio.wait_for(later_scan.wait(), 10)
    finally:
        logger.remove(sink)
    assert any("rescan failed unexpectedly: a bug in the scan" in line for line in errors)
    assert any("RuntimeError" in line for line in errors)  # with its traceback
