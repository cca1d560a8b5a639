"""Reminders across a gap: the daemon process stopped (SIGSTOP) while stages fall due.

What a laptop asleep, or a daemon frozen by a debugger or a swapping machine, looks like from
inside: the job for the next stage wakes late, when later stages are due as well. Every meet-up
must then end with exactly what the plan promises: the latest missed stage once, the rest on
time, one give-up — never more, never fewer.

The stages are at least 2 s apart (so a loaded machine cannot merge two of them), the first one
4 s after the request (so a slow CLI cannot let it fire before the daemon is stopped), and the
daemon is resumed halfway between two due times. The only fixed sleep is the stop itself.
"""

from __future__ import annotations

import json
import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.daemon import DaemonFactory, DaemonProcess
from tests.support.desktop import DesktopSession
from tests.support.jane import GAVE_UP, STILL, daemon_with_jane, reminder_titles

pytestmark = [pytest.mark.system, pytest.mark.timeout(120)]

#: Due 4 s, 6 s and 10 s after the request; the give-up at 14 s.
STAGES = {
    "watch.settle": "0.2s",
    "watch.rescan": "0s",
    "meetup.remind_after": '["4s", "6s", "10s"]',
    "meetup.give_up_after": "14s",
}
FIRST_DUE = timedelta(seconds=4)
PLANNED = r"reminders: 1 planned; next: invitation 1 stage (\d) at (\S+ \S+)$"


def send_and_stop(daemon: DaemonProcess) -> datetime:
    """`sent 1`, wait until the daemon planned the first stage, SIGSTOP it; the send time."""
    since = daemon.log_position()
    daemon.cli("sent", "1")
    planned = daemon.wait_for_log(PLANNED, timeout=30, since=since)
    daemon.signal(signal.SIGSTOP)
    assert planned.group(1) == "1"
    sent_at = datetime.fromisoformat(planned.group(2)) - FIRST_DUE
    assert datetime.now(UTC) < sent_at + FIRST_DUE, "too slow: stopped after the first stage"
    assert "reminder for invitation" not in daemon.log()
    return sent_at


def resume_at(daemon: DaemonProcess, moment: datetime) -> int:
    """SIGCONT at ``moment``; the log position at the resume."""
    time.sleep(max((moment - datetime.now(UTC)).total_seconds(), 0))  # the gap itself
    since = daemon.log_position()
    daemon.signal(signal.SIGCONT)
    return since


def finish(daemon: DaemonProcess, desktop: DesktopSession, since: int) -> list[str]:
    """Wait for the give-up and for the daemon to plan nothing more; the reminders shown."""
    desktop.wait_for_summary(GAVE_UP, timeout=40)
    daemon.wait_for_log(r"reminders: 0 planned$", timeout=20, since=since)
    [row] = json.loads(daemon.cli("list", "--json").stdout)
    assert (row["status"], row["verdict"]) == ("unanswered", "ignore")
    return reminder_titles(desktop)


@pytest.mark.parametrize(
    ("resume_after", "expected"),
    [
        # Stages 1 and 2 missed: stage 2 alone, stage 3 and the give-up on time.
        (timedelta(seconds=8), [STILL, STILL, GAVE_UP]),
        # Stages 1, 2 and 3 missed: stage 3 alone, then the give-up on time.
        (timedelta(seconds=12), [STILL, GAVE_UP]),
        # Everything missed, the give-up too: the give-up alone, once.
        (timedelta(seconds=16), [GAVE_UP]),
    ],
    ids=["across-two", "across-three", "across-all"],
)
def test_reminders_stopped_across_stages_fire_the_latest_then_the_rest(
    desktop_session: DesktopSession,
    daemon_factory: DaemonFactory,
    tmp_path: Path,
    resume_after: timedelta,
    expected: list[str],
) -> None:
    daemon = daemon_with_jane(daemon_factory, tmp_path, STAGES)
    sent_at = send_and_stop(daemon)
    resumed = resume_at(daemon, sent_at + resume_after)
    assert finish(daemon, desktop_session, resumed) == expected
    assert "maximum number of running instances" not in daemon.log()
