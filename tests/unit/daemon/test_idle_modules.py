"""The idle daemon keeps only what idle needs: the readers, the rules (rapidfuzz), the CLI's
toolkit (typer, rich) and the review screen are loaded on first use, never at start.

A fresh interpreter (a subprocess: this one has imported everything already) builds the daemon
as ``invite-watcher run`` does and prints the modules it holds.
"""

from __future__ import annotations

import json

import pytest

from tests.support.fresh import run_python

BUILD_THE_DAEMON = """
import json, sys
from pathlib import Path
from watcher.config.settings import Settings
from watcher.daemon.root import Daemon
Daemon(Settings, folders=[Path(sys.argv[1])])
print(json.dumps(sorted(sys.modules)))
"""

#: each is megabytes the idle daemon would carry for nothing
NOT_AT_REST = [
    "typer",
    "rich",
    "textual",
    "watcher.cli",
    "watcher.pipeline",
    "watcher.sources.registry",
    "watcher.sources.linkedin.messages",
    "watcher.sources.linkedin.archive",
    "vobject",
    "icalendar",
    "snowballstemmer",
    "watcher.followup.compose",
    "rapidfuzz",
]


@pytest.fixture(scope="module")
def idle_modules(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    folder = tmp_path_factory.mktemp("Downloads")
    return set(json.loads(run_python(BUILD_THE_DAEMON, str(folder)).stdout))


def test_idle_modules_the_daemon_is_built_at_all(idle_modules: set[str]) -> None:
    assert {"watcher.daemon.root", "watcher.daemon.worker", "watcher.store"} <= idle_modules


@pytest.mark.parametrize("module", NOT_AT_REST)
def test_idle_modules_leave_out(idle_modules: set[str], module: str) -> None:
    loaded = sorted(m for m in idle_modules if m == module or m.startswith(module + "."))
    assert not loaded, f"{module} is loaded by the idle daemon"
