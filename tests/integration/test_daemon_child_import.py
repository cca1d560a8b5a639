"""A large archive through the daemon process: imported by a child process, so that the
daemon's memory falls back after it (the readers and the import's peak end with the child),
and the notices the child wrote into the outbox are shown by the daemon once it committed.
A stop during such an import rolls it back: ``test_daemon_signals``."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.daemon import DaemonFactory, daemon_factory
from tests.support.daemon import drop as drop_file
from tests.support.exports import Invite, Person, build_archive
from watcher.daemon.child import LARGE_ARCHIVE

__all__ = ["daemon_factory"]

pytestmark = pytest.mark.timeout(60)

SETTINGS = {"watch.settle": "0.2s", "notifications.backend": "log"}
NOTE = "We have not met, but I'd love a coffee to talk about climate PR."
#: what the daemon may grow by for an import it did not run itself: the outbox's reads, the
#: notice; in-process the pipeline and readers alone were 15 MB more (a 134 KB archive)
GROWTH_LIMIT_KB = 8 * 1024


def resident_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for {pid}")


def large_archive(invitations: int) -> bytes:
    """A few invitations, and a photo that makes the archive large (the reader skips it)."""
    now = datetime.now(UTC)
    invites = [
        Invite(Person(f"Person {i}", f"https://www.linkedin.com/in/person-{i}"), now, NOTE)
        for i in range(invitations)
    ]
    photo = random.Random(0).randbytes(LARGE_ARCHIVE + 64 * 1024)  # incompressible
    return build_archive(invitations=invites, extra={"Rich_Media/photo.jpg": photo})


def test_daemon_large_archive_is_imported_in_a_child_and_leaves_no_memory_behind(
    daemon_factory: DaemonFactory, drop: Path
) -> None:
    daemon = daemon_factory(drop, settings=SETTINGS)
    before = resident_kb(daemon.pid)

    drop_file(drop, "Basic_LinkedInDataExport_11-20-2026.zip", large_archive(5))

    daemon.wait_for_log(r"importing in a child process", timeout=20)
    daemon.wait_for_log(r"imported .*\.zip", timeout=30)
    # the child's notices, in the outbox with its commit, shown by the daemon
    daemon.wait_for_log(r"Notification: 5 new invitations: ", timeout=10)
    grown = resident_kb(daemon.pid) - before
    print(f"\nthe daemon grew by {grown / 1024:.1f} MB")
    assert grown < GROWTH_LIMIT_KB
    listed = json.loads(daemon.cli("list", "--json").stdout)
    assert len(listed) == 5
    assert daemon.log().count("Notification: ") == 1
