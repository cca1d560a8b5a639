"""The console entry point: the daemon's own command line goes straight to the daemon, without
the command line's toolkit; anything else is left to the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.fresh import run_python
from watcher.entry import DaemonRequest, daemon_request


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run"], DaemonRequest()),
        (["--verbose", "run"], DaemonRequest(verbose=True)),
        (["-v", "--config", "c.toml", "run"], DaemonRequest(True, Path("c.toml"))),
        (["--config=c.toml", "run"], DaemonRequest(config=Path("c.toml"))),
        (
            ["run", "--folder", "/a", "--folder=/b"],
            DaemonRequest(folders=[Path("/a"), Path("/b")]),
        ),
    ],
)
def test_entry_daemon_command_lines_go_to_the_daemon(
    args: list[str], expected: DaemonRequest
) -> None:
    assert daemon_request(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["list"],
        ["import", "run"],
        ["run", "--help"],
        ["--help", "run"],
        ["--version"],
        ["run", "--folder"],
        ["run", "--folder", "--verbose"],
        ["run", "extra"],
        ["--config", "run"],
    ],
)
def test_entry_anything_else_is_the_command_lines(args: list[str]) -> None:
    assert daemon_request(args) is None


def test_entry_daemon_path_loads_no_command_line_toolkit(tmp_path: Path) -> None:
    # run_daemon with a configuration file that is not there: it imports everything the
    # daemon's path imports, then stops at the missing file (one line, exit status 1).
    probe = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from watcher import entry\n"
        "request = entry.daemon_request(['--verbose', '--config', sys.argv[1], 'run'])\n"
        "code = entry.run_daemon(request)\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    missing = tmp_path / "missing.toml"
    out = run_python(probe, str(missing))
    code, modules = json.loads(out.stdout)
    loaded = set(modules)
    assert code == 1
    assert f"{missing}: no such configuration file" in out.stderr
    assert "watcher.daemon.root" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("typer", "rich", "click")}
    assert not {m for m in loaded if m.startswith("watcher.cli")}


def test_entry_command_line_path_loads_no_daemon(tmp_path: Path) -> None:
    """Every command passes through the entry point: it must not load the daemon for them."""
    probe = (
        "import json, sys\n"
        "from watcher import entry\n"
        "assert entry.daemon_request(['list']) is None\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = run_python(probe)
    loaded = set(json.loads(out.stdout))
    assert not {m for m in loaded if m.startswith(("watcher.daemon", "watcher.config"))}
    assert not {m for m in loaded if m.split(".")[0] in ("apscheduler", "watchdog", "loguru")}
