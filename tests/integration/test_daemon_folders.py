"""Watched folders that come and go, through real inotify and the in-process daemon: missing
at start, deleted and made again, unreadable. Each test waits for an outcome with a deadline.

The tests run as root, for whom no folder is unreadable: the unreadable folder is made so by
patching ``os.scandir`` and ``os.listdir`` (what every listing of it goes through) to raise the
``PermissionError`` the kernel would give anyone else.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from loguru import logger

from tests.support.exports import invitations_json
from tests.support.inprocess import RunningDaemon, daemon_settings, running_daemon
from watcher.daemon import arming
from watcher.daemon.root import Daemon
from watcher.models import Imported

pytestmark = pytest.mark.timeout(90)

DEADLINE = 30.0


def invitation(index: int) -> bytes:
    return invitations_json(
        [
            {
                "name": f"Person {index}",
                "profile_url": f"https://www.linkedin.com/in/person-{index}",
                "headline": "PR manager",
                "note": "We have not met, but I'd love a coffee.",
                "sent_at": "2026-11-20T09:30:00+00:00",
            }
        ]
    )


def drop_into(folder: Path, name: str, index: int) -> None:
    """A finished download: written beside the folder, renamed into it."""
    staged = folder.parent / f".{name}"
    staged.write_bytes(invitation(index))
    staged.rename(folder / name)


def imported(running: RunningDaemon, name: str) -> Callable[[list[Any]], bool]:
    return lambda seen: any(isinstance(o, Imported) and o.path.name == name for o in seen)


def daemon_of(running: RunningDaemon) -> Daemon:
    assert running.daemon is not None
    return running.daemon


@pytest.fixture
def log_lines() -> Iterator[list[str]]:
    lines: list[str] = []
    sink = logger.add(lambda message: lines.append(str(message)), level="INFO")
    yield lines
    logger.remove(sink)


async def until(check: Callable[[], bool], what: str) -> None:
    try:
        async with asyncio.timeout(DEADLINE):
            while not check():
                await asyncio.sleep(0.02)
    except TimeoutError:
        raise AssertionError(f"not within {DEADLINE} s: {what}") from None


async def test_daemon_folder_missing_at_start_is_watched_once_it_appears(
    tmp_path: Path, log_lines: list[str]
) -> None:
    folder = tmp_path / "home" / "exports" / "linkedin"  # two levels do not exist yet
    (tmp_path / "home").mkdir()
    async with running_daemon(daemon_settings(tmp_path), folder) as running:
        daemon = daemon_of(running)
        assert daemon.watcher.watched() == []
        assert f"not watching {folder} (missing)" in await daemon.status_text()
        assert any(f"{folder}: missing; watched for in {tmp_path / 'home'}" in x for x in log_lines)
        assert any(f"watching no folder; not watching {folder} (missing)" in x for x in log_lines)
        folder.mkdir(parents=True)
        await until(lambda: daemon.watcher.watched() == [folder], "the folder armed")
        drop_into(folder, "first.json", 1)
        await running.wait_for(imported(running, "first.json"), DEADLINE)
        assert (await daemon.status_text()).startswith(f"watching {folder} ·")


async def test_daemon_folder_made_one_level_at_a_time_is_followed_down(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b" / "Downloads"
    async with running_daemon(daemon_settings(tmp_path), folder) as running:
        (tmp_path / "a").mkdir()
        await asyncio.sleep(0.3)  # let the daemon move its lookout to a/ before b/ comes
        (tmp_path / "a" / "b").mkdir()
        await asyncio.sleep(0.3)
        folder.mkdir()
        await until(lambda: daemon_of(running).watcher.watched() == [folder], "armed")
        drop_into(folder, "deep.json", 1)
        await running.wait_for(imported(running, "deep.json"), DEADLINE)


async def test_daemon_folder_deleted_and_made_again_is_watched_again(
    tmp_path: Path, drop: Path, log_lines: list[str]
) -> None:
    async with running_daemon(daemon_settings(tmp_path), drop) as running:
        daemon = daemon_of(running)
        drop_into(drop, "before.json", 1)
        await running.wait_for(imported(running, "before.json"), DEADLINE)
        shutil.rmtree(drop)
        await until(lambda: daemon.watcher.watched() == [], "the deletion seen")
        assert "(missing)" in await daemon.status_text()
        drop.mkdir()
        await until(lambda: daemon.watcher.watched() == [drop], "the folder re-armed")
        drop_into(drop, "after.json", 2)
        await running.wait_for(imported(running, "after.json"), DEADLINE)
    assert any(f"{drop}: missing" in line for line in log_lines)
    assert any(f"{drop}: watched" in line for line in log_lines)


async def test_daemon_folder_that_comes_back_with_files_in_it_is_scanned(
    tmp_path: Path, drop: Path
) -> None:
    """A folder moved in whole (restored from a backup, unpacked): its files had no event."""
    async with running_daemon(daemon_settings(tmp_path), drop) as running:
        drop.rmdir()
        await until(lambda: daemon_of(running).watcher.watched() == [], "the deletion seen")
        restored = tmp_path / "restored"
        restored.mkdir()
        (restored / "restored.json").write_bytes(invitation(3))
        restored.rename(drop)
        await running.wait_for(imported(running, "restored.json"), DEADLINE)


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> set[Path]:
    """Folders put in this set cannot be listed, as if mode 000 for a user who is not root."""
    locked: set[Path] = set()
    real_scandir, real_listdir = os.scandir, os.listdir

    def check(path: Any) -> None:
        if isinstance(path, (str, os.PathLike)) and Path(os.fspath(path)) in locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))

    def scandir(path: Any = ".") -> Any:
        check(path)
        return real_scandir(path)

    def listdir(path: Any = ".") -> list[Any]:
        check(path)
        return real_listdir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(arming, "RETRY", 0.2)
    return locked


async def test_daemon_unreadable_folder_is_reported_once_and_retried(
    tmp_path: Path, drop: Path, unreadable: set[Path], log_lines: list[str]
) -> None:
    (drop / "waiting.json").write_bytes(invitation(4))
    unreadable.add(drop)
    # Before: the catch-up scan at start raised PermissionError and the daemon died.
    async with running_daemon(daemon_settings(tmp_path), drop) as running:
        daemon = daemon_of(running)
        assert "not watching" in await daemon.status_text()
        assert "(unreadable: Permission denied)" in await daemon.status_text()
        retries = len(log_lines)
        await asyncio.sleep(1.0)  # five retries at 0.2 s, all still failing
        assert [x for x in log_lines[retries:] if "Permission denied" in x] == []
        unreadable.clear()  # the user fixed the mode
        await running.wait_for(imported(running, "waiting.json"), DEADLINE)
        assert daemon.watcher.watched() == [drop]
    said = [line for line in log_lines if "Permission denied" in line]
    assert len(said) == 2  # the one warning, and the startup line naming it
