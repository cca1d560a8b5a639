"""Reminders across crashes: the daemon process killed (SIGKILL) at points of a meet-up's cycle.

A crash, an OOM kill or a power cut gives the daemon no chance to save anything: whatever it
promised must come from the database alone. Each test kills the daemon at a step of the cycle
and starts a new one on the same database; every meet-up must end with exactly the notices the
plan promises, never more, never fewer.

The kills fall between steps, never inside a desktop send: a notice handed to the notification
server in the instant before its "shown" mark is written would be shown again after a restart
(at-least-once is the outbox's promise: a lost reminder is worse than a repeated one), and that
instant is not what these tests are about. So a kill waits for the step's mark in the database.

The stages are far enough apart that a slow restart on a loaded machine (a few seconds) cannot
make a stage that should fire on time look missed.
"""

from __future__ import annotations

import signal
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.daemon import DaemonFactory, DaemonProcess
from tests.support.desktop import DesktopSession
from tests.support.jane import GAVE_UP, STILL, daemon_with_jane, reminder_titles
from watcher.config.settings import load_settings

pytestmark = [pytest.mark.system, pytest.mark.timeout(120)]

#: Due 4 s, 12 s and 20 s after the request; the give-up at 24 s: 6 s or more between a restart and
#: the next stage it must fire on time, for a daemon that starts slowly on a loaded machine.
STAGES = {
    "watch.settle": "0.2s",
    "watch.rescan": "0s",
    "meetup.remind_after": '["4s", "12s", "20s"]',
    "meetup.give_up_after": "24s",
}
FIRST_DUE = timedelta(seconds=4)
PLANNED = r"reminders: 1 planned; next: invitation 1 stage (\d) at (\S+ \S+)$"


def database() -> Path:
    """The daemon's database: the tests' isolated XDG folders are the daemon's too."""
    return load_settings(None).storage.database_path()


def shown(title: str) -> int:
    """How many notices with this title the daemon has marked shown."""
    with sqlite3.connect(f"file:{database()}?mode=ro", uri=True, timeout=10) as db:
        row = db.execute(
            "SELECT COUNT(*) FROM outbox WHERE shown_at IS NOT NULL AND notice LIKE ?",
            (f"%{title}%",),
        ).fetchone()
    return int(row[0])


def wait_shown(title: str, count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while shown(title) < count:
        assert time.monotonic() < deadline, f"{title!r} was not marked shown {count} time(s)"
        time.sleep(0.05)


def send(daemon: DaemonProcess) -> datetime:
    """`sent 1` and wait until the daemon planned the first stage; the send time."""
    since = daemon.log_position()
    daemon.cli("sent", "1")
    planned = daemon.wait_for_log(PLANNED, timeout=30, since=since)
    assert planned.group(1) == "1"
    return datetime.fromisoformat(planned.group(2)) - FIRST_DUE


def kill(daemon: DaemonProcess) -> None:
    daemon.signal(signal.SIGKILL)
    assert daemon.stop(expect_status=None) == -signal.SIGKILL


def finish(daemon: DaemonProcess, desktop: DesktopSession) -> list[str]:
    """Wait for the give-up and for the daemon to plan nothing more; the reminders shown."""
    desktop.wait_for_summary(GAVE_UP, timeout=40)
    daemon.wait_for_log(r"reminders: 0 planned$", timeout=20)
    return reminder_titles(desktop)


def test_reminders_killed_after_planning_and_after_a_stage_keep_every_stage_once(
    desktop_session: DesktopSession, daemon_factory: DaemonFactory, tmp_path: Path
) -> None:
    daemon = daemon_with_jane(daemon_factory, tmp_path, STAGES)
    sent_at = send(daemon)
    kill(daemon)  # planned, nothing due yet: the plan is only in memory and in the database
    restarted = daemon_factory(tmp_path / "Downloads", settings=STAGES)
    wait_shown(STILL, 1)
    kill(restarted)  # the first stage shown and marked: it must not come again
    assert datetime.now(UTC) < sent_at + timedelta(seconds=12), "too slow: past the second stage"
    last = daemon_factory(tmp_path / "Downloads", settings=STAGES)
    assert finish(last, desktop_session) == [STILL, STILL, STILL, GAVE_UP]
    assert shown(GAVE_UP) == 1


def test_reminders_killed_and_down_across_two_stages_fire_the_latest_then_the_rest(
    desktop_session: DesktopSession, daemon_factory: DaemonFactory, tmp_path: Path
) -> None:
    daemon = daemon_with_jane(daemon_factory, tmp_path, STAGES)
    sent_at = send(daemon)
    kill(daemon)
    # Down while the stages at 4 s and 12 s fall due; back 6 s before the one at 20 s.
    time.sleep(max((sent_at + timedelta(seconds=14) - datetime.now(UTC)).total_seconds(), 0))
    restarted = daemon_factory(tmp_path / "Downloads", settings=STAGES)
    assert finish(restarted, desktop_session) == [STILL, STILL, GAVE_UP]
    assert shown(STILL) == 2 and shown(GAVE_UP) == 1
