"""Meet-up reminders seen where the user sees them: dunst, fed by the running daemon process.

Second-long durations make the whole cycle (sent -> two reminders -> give-up) run in seconds.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.daemon import DaemonFactory, DaemonProcess, drop
from tests.support.desktop import DesktopSession
from tests.support.exports import invitations_json

pytestmark = [pytest.mark.system, pytest.mark.timeout(60)]

STILL = "Still waiting to hear from Jane Roe"
GAVE_UP = "No answer from Jane Roe"
FAST = {
    "watch.settle": "0.2s",
    "watch.rescan": "0s",
    "meetup.remind_after": '["1s", "2s"]',
    "meetup.give_up_after": "3s",
}


@pytest.fixture
def daemon(
    desktop_session: DesktopSession, daemon_factory: DaemonFactory, tmp_path: Path
) -> DaemonProcess:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    process = daemon_factory(folder, settings=FAST)
    jane = {
        "name": "Jane Roe",
        "profile_url": "https://www.linkedin.com/in/jane-roe",
        "headline": "PR manager at Brightside",
        "note": "",
        "sent_at": (datetime.now(UTC) - timedelta(hours=2)).isoformat(),
    }
    drop(folder, "jane.json", invitations_json([jane]))
    process.wait_for_log(r"imported .*jane\.json")
    return process


def summaries(desktop: DesktopSession) -> list[str]:
    """Reminder titles shown so far (closing what is displayed moves it to the history)."""
    desktop.close_all()
    titles = [n["summary"] for n in reversed(desktop.history())]
    return [t for t in titles if t in (STILL, GAVE_UP)]


def status(daemon: DaemonProcess) -> tuple[str, str]:
    [row] = json.loads(daemon.cli("list", "--json").stdout)
    return row["status"], row["verdict"]


def test_reminders_full_cycle_in_dunst(
    daemon: DaemonProcess, desktop_session: DesktopSession
) -> None:
    daemon.cli("sent", "1")
    final = desktop_session.wait_for_summary(GAVE_UP, timeout=15)
    assert "ignor" in final["body"].lower()
    assert summaries(desktop_session) == [STILL, STILL, GAVE_UP]
    assert status(daemon) == ("unanswered", "ignore")


def test_reminders_replied_between_reminders_stops_the_rest(
    daemon: DaemonProcess, desktop_session: DesktopSession
) -> None:
    daemon.cli("sent", "1")
    desktop_session.wait_for_summary(STILL)
    daemon.cli("replied", "1")  # from the CLI while the daemon runs
    time.sleep(3.5)  # past the give-up time: nothing more may come (only time can show it)
    assert summaries(desktop_session) == [STILL]
    assert status(daemon)[0] == "replied"


def test_reminders_click_snoozes_instead_of_answering(
    daemon: DaemonProcess, desktop_session: DesktopSession
) -> None:
    desktop_session.close_all()  # the invitation's own notice
    daemon.cli("sent", "1")
    deadline = time.monotonic() + 10
    while desktop_session.displayed() == 0:  # the first reminder is on screen
        assert time.monotonic() < deadline, "no reminder appeared"
        time.sleep(0.05)
    desktop_session.invoke_action(0)  # a click on the reminder itself
    daemon.wait_for_log(r"snoozed")
    time.sleep(3.5)  # past the give-up time: snoozed for a day, nothing more may come
    assert summaries(desktop_session) == [STILL]
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
    titles = summaries(desktop_session)
    assert titles[-1] == GAVE_UP and titles.count(GAVE_UP) == 1
    assert len(titles) <= 3  # no stage fired twice across the restart
    assert status(restarted) == ("unanswered", "ignore")
