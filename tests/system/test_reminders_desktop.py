"""Meet-up reminders seen where the user sees them: dunst, fed by the running daemon process.

Second-long durations make the whole cycle (sent -> two reminders -> give-up) run in seconds;
the stages are two seconds apart so a loaded machine (a CLI process starting slowly, a stalled
daemon) cannot merge or reorder them. Where only the absence of a notice proves the point, the
test waits for the daemon's own word that nothing is planned, instead of sleeping.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.daemon import DaemonFactory, DaemonProcess
from tests.support.desktop import DesktopSession
from tests.support.jane import GAVE_UP, STILL, daemon_with_jane, reminder_titles

pytestmark = [pytest.mark.system, pytest.mark.timeout(60)]

FAST = {
    "watch.settle": "0.2s",
    "watch.rescan": "0s",
    "meetup.remind_after": '["1s", "3s"]',
    "meetup.give_up_after": "5s",
}
#: For a test that answers after the first reminder: the second one far enough out that a slow
#: CLI start cannot let it fire first.
SPACED = {**FAST, "meetup.remind_after": '["1s", "60s"]', "meetup.give_up_after": "90s"}


@pytest.fixture
def daemon(
    desktop_session: DesktopSession, daemon_factory: DaemonFactory, tmp_path: Path
) -> DaemonProcess:
    return daemon_with_jane(daemon_factory, tmp_path, FAST)


@pytest.fixture
def spaced_daemon(
    desktop_session: DesktopSession, daemon_factory: DaemonFactory, tmp_path: Path
) -> DaemonProcess:
    return daemon_with_jane(daemon_factory, tmp_path, SPACED)


def status(daemon: DaemonProcess) -> tuple[str, str]:
    [row] = json.loads(daemon.cli("list", "--json").stdout)
    return row["status"], row["verdict"]


def test_reminders_full_cycle_in_dunst(
    daemon: DaemonProcess, desktop_session: DesktopSession
) -> None:
    daemon.cli("sent", "1")
    final = desktop_session.wait_for_summary(GAVE_UP, timeout=15)
    assert "ignor" in final["body"].lower()
    assert reminder_titles(desktop_session) == [STILL, STILL, GAVE_UP]
    assert status(daemon) == ("unanswered", "ignore")


def test_reminders_replied_between_reminders_stops_the_rest(
    spaced_daemon: DaemonProcess, desktop_session: DesktopSession
) -> None:
    daemon = spaced_daemon
    daemon.cli("sent", "1")
    desktop_session.wait_for_summary(STILL)
    since = daemon.log_position()
    daemon.cli("replied", "1")  # from the CLI while the daemon runs
    # The daemon saw the CLI's write and dropped the plan: nothing more can fire.
    daemon.wait_for_log(r"reminders: 0 planned$", since=since)
    assert reminder_titles(desktop_session) == [STILL]
    assert status(daemon)[0] == "replied"


def test_reminders_click_snoozes_instead_of_answering(
    spaced_daemon: DaemonProcess, desktop_session: DesktopSession
) -> None:
    daemon = spaced_daemon
    desktop_session.close_all()  # the invitation's own notice
    daemon.cli("sent", "1")
    deadline = time.monotonic() + 10
    while desktop_session.displayed() == 0:  # the first reminder is on screen
        assert time.monotonic() < deadline, "no reminder appeared"
        time.sleep(0.05)
    since = daemon.log_position()
    desktop_session.invoke_action(0)  # a click on the reminder itself
    daemon.wait_for_log(r"snoozed", since=since)
    # Snoozed for a day: the next stage is planned a day out, so nothing more comes now.
    planned = daemon.wait_for_log(r"reminders: 1 planned; next: .* at (\S+ \S+)$", since=since)
    next_due = datetime.fromisoformat(planned.group(1))
    assert next_due > datetime.now(UTC) + timedelta(hours=23)
    assert reminder_titles(desktop_session) == [STILL]
    assert status(daemon)[0] == "meet-requested"


def test_reminders_restart_between_reminders_keeps_the_plan(
    daemon: DaemonProcess,
    desktop_session: DesktopSession,
    daemon_factory: DaemonFactory,
    tmp_path: Path,
) -> None:
    daemon.cli("sent", "1")
    desktop_session.wait_for_summary(STILL)
    daemon.stop()
    restarted = daemon_factory(tmp_path / "Downloads", settings=FAST)
    desktop_session.wait_for_summary(GAVE_UP, timeout=15)
    titles = reminder_titles(desktop_session)
    assert titles[-1] == GAVE_UP and titles.count(GAVE_UP) == 1
    assert len(titles) <= 3  # no stage fired twice across the restart
    assert status(restarted) == ("unanswered", "ignore")
