"""One inviter, Jane Roe, imported into a real daemon process: the reminder system tests' start.

A meet-up request to her is sent with `invite-watcher sent 1`; her reminders are read back from
dunst's history by their titles.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support.daemon import DaemonFactory, DaemonProcess, drop
from tests.support.desktop import DesktopSession
from tests.support.exports import invitations_json

STILL = "Still waiting to hear from Jane Roe"
GAVE_UP = "No answer from Jane Roe"


def daemon_with_jane(
    daemon_factory: DaemonFactory, tmp_path: Path, settings: Mapping[str, str]
) -> DaemonProcess:
    """A daemon on ``tmp_path/Downloads`` that has imported Jane's invitation (invitation 1)."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    daemon = daemon_factory(folder, settings=dict(settings))
    jane = {
        "name": "Jane Roe",
        "profile_url": "https://www.linkedin.com/in/jane-roe",
        "headline": "PR manager at Brightside",
        "note": "",
        "sent_at": (datetime.now(UTC) - timedelta(hours=2)).isoformat(),
    }
    drop(folder, "jane.json", invitations_json([jane]))
    daemon.wait_for_log(r"imported .*jane\.json", timeout=30)
    return daemon


def reminder_titles(desktop: DesktopSession) -> list[str]:
    """Reminder titles shown so far (closing what is displayed moves it to the history)."""
    desktop.close_all()
    titles = [n["summary"] for n in reversed(desktop.history())]
    return [t for t in titles if t in (STILL, GAVE_UP)]
