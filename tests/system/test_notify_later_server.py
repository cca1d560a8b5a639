"""A notification server that comes after the daemon: the service starts with default.target,
before most graphical sessions, so at login the daemon is up before dunst (or any server).

The daemon process starts on a private desktop whose session bus activates nothing and has no
notification server; a file is dropped; then dunst starts, and the notice reaches it, once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.daemon import DaemonFactory, drop
from tests.support.desktop import DesktopSession
from tests.support.exports import invitations_json

pytestmark = [pytest.mark.system, pytest.mark.timeout(120)]

ADA = {
    "name": "Ada Nwosu",
    "profile_url": "https://www.linkedin.com/in/ada-nwosu",
    "headline": "Data engineer",
    "note": "We have not met, but I read your post on ingestion; would you have 20 minutes?",
    "sent_at": "2026-11-20T09:30:00+00:00",
}


def test_daemon_uses_a_notification_server_that_comes_later(
    desktop_without_server: DesktopSession, daemon_factory: DaemonFactory, tmp_path: Path
) -> None:
    desktop = desktop_without_server
    folder = tmp_path / "Downloads"
    folder.mkdir()
    settings = {"watch.settle": "0.2s", "watch.rescan": "0s", "notifications.backend": "auto"}
    daemon = daemon_factory(folder, settings=settings)
    drop(folder, "ada.json", invitations_json([ADA]))
    # Logged meanwhile, and kept: no server took it.
    daemon.wait_for_log(r"Notification: Ada Nwosu", timeout=30)
    desktop.start_dunst()
    shown = desktop.wait_for(lambda n: n["summary"].startswith("Ada Nwosu"), timeout=60)
    assert shown["appname"] == "invite-watcher"
    titles = [n["summary"] for n in desktop.history() if n["summary"].startswith("Ada Nwosu")]
    assert len(titles) == 1
    log = daemon.log()
    assert len(re.findall(r"Notification: Ada Nwosu", log)) == 1  # logged once, not per try
    warnings = re.findall(r"^.* WARNING .*$", log, re.MULTILINE)
    assert len(warnings) == 1 and "No desktop notification server yet" in warnings[0]
