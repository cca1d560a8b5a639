"""Signals to the daemon process: SIGHUP reloads, SIGTERM stops cleanly even mid-import."""

from __future__ import annotations

import json
import signal
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.daemon import DaemonFactory, daemon_factory
from tests.support.daemon import drop as drop_file
from tests.support.exports import invitations_json, write_big_archive
from watcher.config.settings import user_config_path

__all__ = ["daemon_factory"]  # the fixture

pytestmark = pytest.mark.timeout(120)

PR_MANAGER = {
    "name": "Sam Ortiz",
    "profile_url": "https://www.linkedin.com/in/sam-ortiz",
    "headline": "Public relations manager at Brightside",
    "note": "",
    "sent_at": datetime(2026, 11, 20, 9, tzinfo=UTC).isoformat(),
}
SETTINGS = {"watch.settle": "0.2s", "notifications.backend": "log"}


def write_config(text: str) -> None:
    path = user_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def verdicts(daemon_cli: object) -> list[str]:
    listed = json.loads(daemon_cli("list", "--json").stdout)  # type: ignore[operator]
    return [row["verdict"] for row in listed]


def test_daemon_sighup_reloads_rules_and_keeps_a_good_config(
    daemon_factory: DaemonFactory, drop: Path
) -> None:
    write_config("[you]\ninterests = []\n")
    daemon = daemon_factory(drop, settings=SETTINGS)
    drop_file(drop, "sam.json", invitations_json([PR_MANAGER]))
    daemon.wait_for_log(r"imported .*sam\.json")
    assert verdicts(daemon.cli) == ["ignore"]

    mark = daemon.log_position()
    write_config('[you]\ninterests = ["public relations"]\n')
    daemon.signal(signal.SIGHUP)
    daemon.wait_for_log(r"rules changed: 1 open invitations re-evaluated", since=mark)
    daemon.wait_for_notify("READY")
    assert verdicts(daemon.cli) == ["meet-first"]

    mark = daemon.log_position()
    write_config('[meetup]\ngive_up_after = "soon"\n')
    daemon.signal(signal.SIGHUP)
    daemon.wait_for_log(r"configuration not reloaded: .*meetup\.give_up_after", since=mark)
    lee = {**PR_MANAGER, "name": "Lee Park", "profile_url": "https://www.linkedin.com/in/lee-park"}
    drop_file(drop, "later.json", invitations_json([lee]))
    daemon.wait_for_log(r"imported .*later\.json", since=mark)
    assert daemon.stop() == 0


def test_daemon_sigterm_mid_import_rolls_back_and_the_next_start_finishes(
    daemon_factory: DaemonFactory, drop: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip"
    write_big_archive(archive, invitations=20_000, connections=10_000, messages=300_000)
    daemon = daemon_factory(drop, settings=SETTINGS)
    target = drop_file(drop, archive.name, archive.read_bytes())
    daemon.wait_for_log(r"importing")
    assert daemon.stop(timeout=5) == 0  # within 5 s, cleanly

    listed = json.loads(daemon.cli("list", "--json", "--direction", "all").stdout)
    assert listed == []  # rolled back: nothing half-written

    restarted = daemon_factory(drop, settings=SETTINGS)
    restarted.wait_for_log(rf"imported .*{target.name}", timeout=90)
    listed = json.loads(restarted.cli("list", "--json", "--direction", "all").stdout)
    assert len(listed) == 20_000
    assert len({row["id"] for row in listed}) == 20_000
    imported = restarted.cli("import", "--json", str(target))
    assert json.loads(imported.stdout)[0]["outcome"] == "already-imported"
