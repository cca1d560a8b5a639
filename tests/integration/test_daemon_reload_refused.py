"""A reload that finds the configuration broken keeps the old one and says so where the user
looks: a notice on the desktop, and the status line ``service status`` shows (sd_notify
STATUS=), until a reload works."""

from __future__ import annotations

from pathlib import Path

from tests.support.inprocess import daemon_settings, running_daemon
from watcher.config.settings import ConfigError, Settings

PROBLEM = "config.toml: watch.settle: 'soon' is not a duration"


async def test_daemon_reload_refused_notifies_and_shows_in_the_status(
    tmp_path: Path, drop: Path
) -> None:
    good = daemon_settings(tmp_path)
    async with running_daemon(lambda: good, drop) as running:
        daemon = running.daemon
        assert daemon is not None

        def broken() -> Settings:
            raise ConfigError([PROBLEM])

        daemon._load = broken
        await daemon.reload()

        notice = await running.wait_for_notice(lambda n: n.title == "Configuration not reloaded")
        assert notice.body.splitlines()[0] == f"• {PROBLEM}"
        assert "The old configuration stays in effect" in notice.body
        assert notice.resident
        refused = await daemon.status_text()
        assert refused.startswith(f"old configuration kept (reload refused: {PROBLEM}); ")

        daemon._load = lambda: good
        await daemon.reload()
        assert not (await daemon.status_text()).startswith("old configuration kept")
