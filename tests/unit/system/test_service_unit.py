"""The shipped unit file (checked by systemd's own parser) and the pure parts of the service."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from configparser import ConfigParser
from pathlib import Path

import pytest

from tests.support.requires import require_binaries
from watcher.config.shipped import shipped_path
from watcher.system import service


def _shipped_text() -> str:
    return shipped_path(service.UNIT).read_text(encoding="utf-8")


def _directives(text: str) -> dict[str, dict[str, list[str]]]:
    """Every ``Key=value`` of the unit per section, keeping repeated keys."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
        elif line and not line.startswith(("#", ";")):
            key, _, value = line.partition("=")
            current.setdefault(key, []).append(value)
    return sections


def _analyze(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    require_binaries("systemd-analyze")
    unit = tmp_path / service.UNIT
    unit.write_text(service.render_unit(_shipped_text(), Path(sys.executable)), encoding="utf-8")
    runtime = tmp_path / "runtime"  # the user-mode analyzer wants a runtime dir, nothing else
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    return subprocess.run(
        ["systemd-analyze", "--user", *args, str(unit)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_shipped_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    done = _analyze(tmp_path, "verify")

    # verify exits 0 on unknown keys but warns: any output about our file is a defect.
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == ""


def test_shipped_unit_keeps_its_hardening(tmp_path: Path) -> None:
    done = _analyze(tmp_path, "security", "--offline=yes", "--json=short")

    assert done.returncode == 0, done.stderr
    applied = {check["name"] for check in json.loads(done.stdout) if check["set"]}
    expected = {
        "NoNewPrivileges=",
        "LockPersonality=",
        "RestrictRealtime=",
        "RestrictSUIDSGID=",
        "MemoryDenyWriteExecute=",
        "SystemCallArchitectures=",
        "UMask=",
        "RestrictNamespaces=~user",
        "RestrictAddressFamilies=~AF_(INET|INET6)",
        "SystemCallFilter=~@privileged",
    }
    assert expected <= applied


def test_shipped_unit_has_the_directives_the_daemon_relies_on() -> None:
    unit = _directives(_shipped_text())
    svc = unit["Service"]

    assert svc["Type"] == ["notify"]
    assert svc["NotifyAccess"] == ["main"]
    assert svc["ExecStart"] == [f"{service.PLACEHOLDER} run"]
    assert svc["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert svc["Restart"] == ["on-failure"]
    assert svc["RestartSec"]
    assert svc["WatchdogSec"] == ["30"]
    assert svc["TimeoutStopSec"] == ["10"]
    assert svc["StandardOutput"] == svc["StandardError"] == ["journal"]
    assert unit["Install"]["WantedBy"] == ["default.target"]


def test_shipped_unit_does_not_restart_a_daemon_whose_database_is_unusable() -> None:
    """A corrupt or empty database exits with this status (``cli.app.main``); restarting could
    only loop until the start limit, so the unit names it as one not to restart on."""
    svc = _directives(_shipped_text())["Service"]

    assert svc["RestartPreventExitStatus"] == [str(service.UNUSABLE_DATABASE_EXIT)]
    assert service.UNUSABLE_DATABASE_EXIT not in (0, 1, 2)  # not what other failures exit with


def test_shipped_unit_leaves_out_options_that_need_user_namespaces() -> None:
    # In a user unit these turn on PrivateUsers=, which fails where unprivileged user
    # namespaces are off, and ProtectHome= would stop the daemon reading ~/Downloads.
    svc = _directives(_shipped_text())["Service"]

    for option in ("ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateUsers", "PrivateNetwork"):
        assert option not in svc


def test_shipped_unit_parses_as_ini() -> None:
    parser = ConfigParser(strict=False, interpolation=None)
    parser.read_string(_shipped_text())

    assert parser.sections() == ["Unit", "Service", "Install"]


# -- pure helpers of watcher.system.service -------------------------------------------------


def test_render_unit_puts_the_executable_in_exec_start() -> None:
    text = service.render_unit(_shipped_text(), Path("/home/ada/.local/bin/invite-watcher"))

    assert "ExecStart=/home/ada/.local/bin/invite-watcher run\n" in text
    assert service.PLACEHOLDER not in text


@pytest.mark.parametrize(
    ("path", "word"),
    [
        ("/opt/iw/bin/invite-watcher", "/opt/iw/bin/invite-watcher"),
        ("/home/a b/bin/invite-watcher", '"/home/a b/bin/invite-watcher"'),
        ("/home/100%/bin/invite-watcher", "/home/100%%/bin/invite-watcher"),
        ("/home/$HOME/invite-watcher", "/home/$HOME/invite-watcher"),
        ('/x/"q"/invite-watcher', '"/x/\\"q\\"/invite-watcher"'),
    ],
)
def test_exec_start_path_escapes_what_systemd_would_expand(path: str, word: str) -> None:
    assert service.exec_start_path(Path(path)) == word


@pytest.mark.parametrize("path", ["bin/invite-watcher", "/x/new\nline"])
def test_exec_start_path_refuses_what_cannot_be_one_word(path: str) -> None:
    with pytest.raises(service.ServiceError):
        service.exec_start_path(Path(path))


def test_render_unit_without_placeholder_is_an_error() -> None:
    with pytest.raises(service.ServiceError, match="placeholder"):
        service.render_unit("[Service]\nExecStart=/bin/true\n", Path("/bin/true"))


def _launcher(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "invite-watcher"
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_resolve_executable_takes_the_running_launcher(tmp_path: Path) -> None:
    launcher = _launcher(tmp_path / "pipx" / "bin")

    found = service.resolve_executable(str(launcher), "/usr/bin/python3", lambda _: None)

    assert found == launcher


def test_resolve_executable_finds_the_launcher_next_to_a_venv_python(tmp_path: Path) -> None:
    venv_bin = tmp_path / "venv" / "bin"
    launcher = _launcher(venv_bin)
    python = venv_bin / "python"
    python.symlink_to(sys.executable)  # a venv's python links to the base interpreter

    found = service.resolve_executable("/src/watcher/__main__.py", str(python), lambda _: None)

    assert found == launcher  # not next to the interpreter the symlink points at


def test_resolve_executable_looks_up_a_bare_name_on_path(tmp_path: Path) -> None:
    launcher = _launcher(tmp_path / "bin")

    found = service.resolve_executable("invite-watcher", "", lambda name: str(launcher))

    assert found == launcher


def test_resolve_executable_explains_when_nothing_is_installed(tmp_path: Path) -> None:
    with pytest.raises(service.ServiceError, match="cannot find the invite-watcher executable"):
        service.resolve_executable("-c", str(tmp_path / "python"), lambda _: None)


def test_user_unit_dir_follows_xdg_config_home() -> None:
    assert service.user_unit_dir({"XDG_CONFIG_HOME": "/c", "HOME": "/h"}) == Path("/c/systemd/user")
    assert service.user_unit_dir({"HOME": "/h"}) == Path("/h/.config/systemd/user")


def test_parse_show_keeps_values_with_equals_signs() -> None:
    shown = service.parse_show("ActiveState=active\nStatusText=watching ~/a=b\nMainPID=42\n")

    assert shown == {"ActiveState": "active", "StatusText": "watching ~/a=b", "MainPID": "42"}


def test_service_status_summary_reads_well(tmp_path: Path) -> None:
    running = service.ServiceStatus(
        "loaded", "active", "running", 42, "watching ~/Downloads", tmp_path / "u"
    )
    missing = service.ServiceStatus("not-found", "inactive", "dead", None, "", tmp_path / "u")

    assert running.summary() == "active (running), pid 42: watching ~/Downloads"
    assert missing.summary() == "not installed (invite-watcher service install)"


def test_service_status_says_the_database_keeps_it_down(tmp_path: Path) -> None:
    down = service.ServiceStatus(
        "loaded", "failed", "failed", None, "", tmp_path / "u", service.UNUSABLE_DATABASE_EXIT
    )
    crashed = service.ServiceStatus("loaded", "failed", "failed", None, "", tmp_path / "u", 1)

    assert down.summary() == (
        "failed (failed): stopped because its database is corrupt or empty; the file, and the "
        f"mv that moves it aside, are in the log ({service.LOGS_COMMAND})"
    )
    assert crashed.summary() == "failed (failed)"


def test_shipped_unit_orders_itself_after_the_graphical_session_without_needing_it() -> None:
    """After= only orders: a session without graphical-session.target still starts it."""
    unit = _directives(_shipped_text())["Unit"]
    assert unit["After"] == ["graphical-session.target"]
    assert not {"Requires", "BindsTo", "Requisite", "Wants"} & set(unit)
