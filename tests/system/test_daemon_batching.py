"""Many files at once through the running daemon (a subprocess) and a real notification server
(dunst on a private bus): the import worker never waits for the desktop, and the notices of
files that finish close together fold into one summary, nothing lost and nothing doubled.

Every wait is for an event (a log line, a notification in dunst's history) with a deadline.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from pathlib import Path

import pytest

from tests.support.daemon import DaemonFactory, DaemonProcess
from tests.support.desktop import POLL_INTERVAL, DesktopSession, Notification
from tests.support.exports import invitations_json
from watcher.config.settings import Settings

pytestmark = [pytest.mark.system, pytest.mark.timeout(120)]

APP = "invite-watcher"
FILES = 200
BUDGET = 3
SETTINGS = {
    "watch.settle": "0.2s",
    "watch.rescan": "0s",
    "notifications.budget_per_import": str(BUDGET),
}
NOTES = (
    "We have not met, but I'd love a coffee to talk about climate PR.",
    "I'd like to add you to my professional network on LinkedIn.",
)
#: what the outbox records as the cause of a summary it merged
MERGED = "imports together"
#: "Ada — meet first" counts one invitation; "12 new invitations: ..." counts twelve
_SUMMARY = re.compile(r"^(\d+) new invitations?: ")


def one_invitation(index: int) -> bytes:
    name = f"Person {index:03d}"
    entry = {
        "name": name,
        "profile_url": f"https://www.linkedin.com/in/person-{index:03d}",
        "headline": "PR manager at Brightside",
        "note": NOTES[index % len(NOTES)],
        "sent_at": f"2026-03-{index % 28 + 1:02d}T10:{index // 28:02d}:00+00:00",
    }
    return invitations_json([entry])


def announced(notification: Notification) -> int:
    """How many invitations one of our notifications tells of."""
    summary = str(notification["summary"])
    if (match := _SUMMARY.match(summary)) is not None:
        return int(match.group(1))
    return 1 if " — " in summary else 0


def wait_for_imports(daemon: DaemonProcess, count: int, timeout: float) -> float:
    """Seconds until the daemon logged ``count`` imports."""
    started = time.monotonic()
    while len(re.findall(r"imported .*invitations-\d+\.json", daemon.log())) < count:
        if time.monotonic() - started > timeout:
            raise AssertionError(f"fewer than {count} imports in {timeout}s\n{daemon.log_tail()}")
        time.sleep(POLL_INTERVAL)  # a log file has no "grew" event to await
    return time.monotonic() - started


def wait_for_announced(desktop: DesktopSession, count: int, timeout: float) -> list[Notification]:
    """Our notifications, once together they tell of ``count`` invitations."""
    deadline = time.monotonic() + timeout
    while True:
        desktop.close_all()  # closed ones land in the history
        ours = [n for n in desktop.history() if n["appname"] == APP]
        if sum(map(announced, ours)) >= count or time.monotonic() > deadline:
            return ours
        time.sleep(POLL_INTERVAL)


def fake_terminal(folder: Path) -> tuple[Path, Path]:
    """A "terminal" that writes down what it was asked to run: the script, and that file."""
    ran = folder / "terminal-ran"
    script = folder / "terminal"
    script.write_text(f'#!/bin/sh\necho "$@" > {ran}\n')
    script.chmod(0o755)
    return script, ran


def wait_for_file(path: Path, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while not path.exists() or not path.read_text():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} not written within {timeout}s")
        time.sleep(POLL_INTERVAL)  # a script's file has no event to await
    return path.read_text()


def wait_for_merged_summary_shown(timeout: float) -> None:
    """Until the outbox marked a merged summary shown (dunst displays it then)."""
    database = Settings().storage.database_path()
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.closing(sqlite3.connect(database)) as db:
            row = db.execute(
                "SELECT count(*) FROM outbox WHERE cause = ? AND shown_at IS NOT NULL",
                (MERGED,),
            ).fetchone()
        if row[0]:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"no merged summary shown within {timeout}s")
        time.sleep(POLL_INTERVAL)  # another process's commit has no event to await


def test_daemon_200_files_at_once_make_a_few_notices_and_all_are_imported(
    desktop_session: DesktopSession, daemon_factory: DaemonFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    terminal, ran = fake_terminal(tmp_path)
    daemon = daemon_factory(folder, settings=SETTINGS | {"notifications.terminal": str(terminal)})

    staging = tmp_path / "staging"  # written first, then renamed in: all land within ms
    staging.mkdir()
    written = [staging / f"invitations-{index:03d}.json" for index in range(FILES)]
    for index, path in enumerate(written):
        path.write_bytes(one_invitation(index))
    started = time.monotonic()
    for path in written:
        path.rename(folder / path.name)
    imported = wait_for_imports(daemon, FILES, timeout=90)
    wait_for_merged_summary_shown(timeout=30)
    desktop_session.invoke_action(0)  # the newest, the summary; its default action: Review
    assert "review" in wait_for_file(ran)
    ours = wait_for_announced(desktop_session, FILES, timeout=30)
    print(
        f"\n{FILES} files: imported in {imported:.1f} s, {len(ours)} notices, "
        f"all shown {time.monotonic() - started:.1f} s after the first drop"
    )

    assert sum(map(announced, ours)) == FILES  # every invitation told of, none twice
    assert len(ours) <= BUDGET + 1, [n["summary"] for n in ours]
    assert any(_SUMMARY.match(str(n["summary"])) for n in ours)
    assert "merged into one" in daemon.log()
