"""The shipped unit under a real (private) systemd user manager.

Two groups of tests, sharing one manager per module (``reset`` after each test keeps them
independent):

- ``stand-in``: the unit as shipped, installed by ``watcher.system.service.install``, running a
  small script that speaks the daemon's systemd protocol through
  ``watcher.system.sd_notify.SystemdNotifier``.
  They prove install/uninstall/status and the harness in a fraction of a second each.
- ``real daemon``: ``invite-watcher run`` itself, installed, queried and removed through the CLI
  (``invite-watcher service install|status|uninstall``) the way a user does it.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.exports import invitations_json
from tests.support.requires import require_binaries
from tests.support.systemd_user import UserManager, running_user_manager, wait_until
from watcher.store import Store
from watcher.system import service

pytestmark = pytest.mark.system

UNIT = service.UNIT

STANDIN = f"""#!{sys.executable}
# Stand-in for `invite-watcher run`: the daemon's systemd protocol and nothing else.
import os, signal, threading, time
from pathlib import Path
from watcher.system.sd_notify import SystemdNotifier

notifier = SystemdNotifier.from_environment()
stop = threading.Event()

def on_term(signum, frame):
    notifier.stopping()
    stop.set()

signal.signal(signal.SIGTERM, on_term)
hold = os.environ.get("STANDIN_HOLD_READY")
if hold:  # wait, before READY, for the flag file the test creates
    Path(hold + ".waiting").touch()
    while not Path(hold).exists() and not stop.is_set():
        time.sleep(0.02)
notifier.ready("stand-in ready")
stop.wait()
"""


def _active(state: dict[str, str]) -> bool:
    return state["ActiveState"] == "active" and state["SubState"] == "running"


def _restarted_from(pid: str) -> Callable[[dict[str, str]], bool]:
    return lambda state: _active(state) and state["MainPID"] not in {"0", pid}


def _assert_unit_gone(manager: UserManager) -> None:
    assert not (manager.unit_dir / UNIT).exists()
    assert not (manager.unit_dir / "default.target.wants" / UNIT).exists()
    state = manager.show(UNIT)
    assert state["LoadState"] == "not-found"
    assert state["ActiveState"] == "inactive"
    assert manager.systemctl("is-enabled", UNIT, check=False).returncode != 0


def _assert_process_gone(pid: int) -> None:
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.fixture(scope="module")
def shared_manager() -> Iterator[UserManager]:
    with running_user_manager() as manager:
        yield manager


@pytest.fixture
def manager(shared_manager: UserManager) -> Iterator[UserManager]:
    """The module's manager, with no trace of the unit or of HOME's contents after the test."""
    yield shared_manager
    shared_manager.reset(UNIT)


# -- the stand-in ------------------------------------------------------------------------------


@pytest.fixture
def standin(tmp_path: Path) -> Path:
    path = tmp_path / "standin-invite-watcher"
    path.write_text(STANDIN, encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def installed(manager: UserManager, standin: Path) -> UserManager:
    service.install(standin, environ=manager.env)
    return manager


def test_service_install_enables_and_starts_the_shipped_unit(
    manager: UserManager, standin: Path
) -> None:
    result = service.install(standin, environ=manager.env)

    assert result.unit_path == manager.unit_dir / UNIT
    assert f"ExecStart={standin} run" in result.unit_path.read_text()
    assert any("journalctl --user -u invite-watcher -f" in line for line in result.messages)
    state = manager.show(UNIT)
    assert _active(state)
    assert state["StatusText"] == "stand-in ready"
    assert manager.systemctl("is-enabled", UNIT).stdout.strip() == "enabled"


def test_service_status_reports_the_daemon_status_text(installed: UserManager) -> None:
    status = service.status(environ=installed.env)

    assert (status.active_state, status.sub_state) == ("active", "running")
    assert status.main_pid == int(installed.show(UNIT)["MainPID"])
    assert status.status_text == "stand-in ready"
    assert status.installed


def test_service_is_activating_until_the_daemon_sends_ready(
    installed: UserManager, tmp_path: Path
) -> None:
    flag = tmp_path / "go"
    installed.write_drop_in(UNIT, "hold", f"[Service]\nEnvironment='STANDIN_HOLD_READY={flag}'\n")

    installed.systemctl("restart", "--no-block", UNIT)
    wait_until(Path(f"{flag}.waiting").exists, "the stand-in never started")

    assert installed.show(UNIT)["ActiveState"] == "activating"
    flag.touch()
    state = installed.wait_for(UNIT, _active)
    assert state["StatusText"] == "stand-in ready"


def test_service_uninstall_leaves_nothing_behind(installed: UserManager) -> None:
    pid = int(installed.show(UNIT)["MainPID"])

    result = service.uninstall(environ=installed.env)

    assert result.removed
    _assert_unit_gone(installed)
    _assert_process_gone(pid)
    again = service.uninstall(environ=installed.env)
    assert not again.removed
    assert again.messages == ("The service was not installed; nothing to do.",)


def test_service_reinstall_restarts_a_running_old_version(
    installed: UserManager, tmp_path: Path
) -> None:
    pid = installed.show(UNIT)["MainPID"]
    moved = tmp_path / "elsewhere" / "invite-watcher"
    moved.parent.mkdir()
    moved.write_text(STANDIN, encoding="utf-8")
    moved.chmod(0o755)

    service.install(moved, environ=installed.env)

    state = installed.show(UNIT)
    assert _active(state)
    assert state["MainPID"] != pid
    assert f"ExecStart={moved} run" in (installed.unit_dir / UNIT).read_text()


# -- without a user manager --------------------------------------------------------------------


def test_service_without_xdg_runtime_dir_explains_what_is_missing(tmp_path: Path) -> None:
    environ = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}

    with pytest.raises(service.ServiceError, match="XDG_RUNTIME_DIR is not set") as error:
        service.install(Path(sys.executable), environ=environ)

    assert "loginctl enable-linger" in str(error.value)
    assert not (tmp_path / ".config" / "systemd").exists()


def test_service_without_a_reachable_manager_says_so(tmp_path: Path) -> None:
    require_binaries("systemctl")
    environ = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}

    with pytest.raises(service.ServiceError, match="cannot reach the user systemd instance"):
        service.status(environ=environ)


# -- the real daemon ---------------------------------------------------------------------------


@dataclass
class RealDaemon:
    """``invite-watcher`` under the private manager, configured through the user's config file."""

    manager: UserManager
    executable: Path
    drop: Path
    #: the daemon's stdout and stderr (a container has no journald)
    log: Path

    @property
    def config(self) -> Path:
        return Path(self.manager.env["XDG_CONFIG_HOME"]) / "invite-watcher" / "config.toml"

    @property
    def database(self) -> Path:
        return self.manager.home / "data" / "invite-watcher.db"

    def write_config(self, *folders: Path) -> None:
        """Watch ``folders``; settle fast, no periodic rescan, notices to the log only."""
        listed = ", ".join(json.dumps(str(folder)) for folder in folders)
        self.config.parent.mkdir(parents=True, exist_ok=True)
        self.config.write_text(
            f'[watch]\nfolders = [{listed}]\nsettle = "0.2s"\nrescan = "0s"\n'
            f"[storage]\ndatabase = {json.dumps(str(self.database))}\n"
            '[notifications]\nbackend = "log"\n',
            encoding="utf-8",
        )

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The console script, run with the environment the service has."""
        done = subprocess.run(
            [str(self.executable), *args],
            env=self.manager.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, (
            f"invite-watcher {' '.join(args)}: {done.stderr}{self.output()}"
        )
        return done

    def output(self) -> str:
        text = self.log.read_text(errors="replace")[-4000:] if self.log.exists() else "(none)"
        return f"\n--- daemon output ---\n{text}"

    def wait_for_output(self, text: str) -> None:
        wait_until(lambda: self.log.exists() and text in self.log.read_text(), repr(text))

    def main_pid(self) -> int:
        return int(self.manager.show(UNIT)["MainPID"])

    def drop_invitation(self, folder: Path, name: str) -> Path:
        """An invitations export, written under a hidden name and renamed like a browser does."""
        entry = {
            "name": name,
            "profile_url": f"https://www.linkedin.com/in/{name.lower().replace(' ', '-')}",
            "headline": "PR manager",
            "note": "We have not met, but I'd love a coffee.",
            "sent_at": "2026-03-30T09:30:00+00:00",
        }
        partial = folder / f".{name}.json.part"
        partial.write_bytes(invitations_json([entry]))
        return partial.rename(folder / f"{name}.json")

    def listed_names(self) -> list[str]:
        rows: list[dict[str, Any]] = json.loads(self.cli("list", "--json").stdout)
        return [row["name"] for row in rows]

    def assert_imports(self, folder: Path, name: str) -> None:
        path = self.drop_invitation(folder, name)
        self.wait_for_output(f"imported {path}")
        assert name in self.listed_names()


@pytest.fixture
def configured(manager: UserManager) -> RealDaemon:
    """The real daemon's config and test drop-in, not yet installed."""
    executable = Path(sys.executable).parent / "invite-watcher"
    if not executable.is_file():
        pytest.skip(f"{executable} is not installed (pip install -e .)")
    daemon = RealDaemon(manager, executable, manager.home / "drop", manager.home / "daemon.log")
    daemon.drop.mkdir()
    daemon.write_config(daemon.drop)
    manager.write_drop_in(
        UNIT, "test", f"[Service]\nStandardOutput=append:{daemon.log}\nStandardError=inherit\n"
    )
    return daemon


@pytest.fixture
def real_daemon(configured: RealDaemon) -> RealDaemon:
    configured.cli("service", "install")
    return configured


def _holding_the_database(path: Path) -> sqlite3.Connection:
    """A real store switched to rollback-journal mode and locked: the daemon cannot open it until
    freed (an empty file would be refused as not ours, not waited for)."""
    path.parent.mkdir(parents=True)
    Store(path).close()
    lock = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    lock.execute("PRAGMA journal_mode=DELETE")
    lock.execute("BEGIN EXCLUSIVE")
    return lock


def _has_open(pid: int, path: Path) -> bool:
    target = path.resolve()
    try:
        return any(Path(os.readlink(fd)) == target for fd in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:  # the process or one of its descriptors went away while we looked
        return False


def test_real_daemon_install_returns_only_once_the_daemon_is_ready(
    configured: RealDaemon,
) -> None:
    manager = configured.manager
    lock = _holding_the_database(configured.database)
    command = [str(configured.executable), "service", "install"]
    with (
        subprocess.Popen(command, env=manager.env, stdout=subprocess.PIPE, text=True) as install,
        contextlib.closing(lock),  # released first if an assertion fails, so install can end
    ):
        started = manager.wait_for(UNIT, lambda s: s["MainPID"] not in {"", "0"})
        pid = int(started["MainPID"])
        wait_until(lambda: _has_open(pid, configured.database), "the daemon never opened its db")

        assert manager.show(UNIT)["ActiveState"] == "activating"
        assert install.poll() is None, "install returned before the daemon was ready"
        released_usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        lock.close()
        out, _ = install.communicate(timeout=60)

    assert install.returncode == 0, configured.output()
    assert "Installed" in out
    state = manager.show(UNIT, "ActiveEnterTimestampMonotonic")
    assert _active(state)
    assert int(state["ActiveEnterTimestampMonotonic"]) > released_usec
    assert state["StatusText"].startswith("watching ~/drop")


def test_real_daemon_imports_a_file_dropped_into_its_folder(real_daemon: RealDaemon) -> None:
    real_daemon.assert_imports(real_daemon.drop, "Ada Lovelace")


def test_real_daemon_service_status_shows_state_and_status_line(
    real_daemon: RealDaemon,
) -> None:
    pid = real_daemon.main_pid()

    shown = real_daemon.cli("service", "status").stdout.strip()

    assert shown == f"active (running), pid {pid}: watching ~/drop · no meet-ups waiting"


def test_real_daemon_reload_reads_the_changed_config(real_daemon: RealDaemon) -> None:
    pid = real_daemon.main_pid()
    second = real_daemon.manager.home / "second"
    second.mkdir()
    real_daemon.write_config(real_daemon.drop, second)

    real_daemon.manager.systemctl("reload", UNIT)

    state = real_daemon.manager.wait_for(
        UNIT, lambda s: s["StatusText"].startswith("watching ~/drop, ~/second")
    )
    assert _active(state)
    assert state["MainPID"] == str(pid)
    real_daemon.assert_imports(second, "Grace Hopper")


def test_real_daemon_restarts_after_kill_9(real_daemon: RealDaemon) -> None:
    manager = real_daemon.manager
    pid = str(real_daemon.main_pid())

    os.kill(int(pid), signal.SIGKILL)

    manager.wait_for(UNIT, lambda s: s["Result"] == "signal")  # during RestartSec
    state = manager.wait_for(UNIT, _restarted_from(pid))
    assert state["NRestarts"] == "1"
    assert state["StatusText"].startswith("watching ~/drop")


def _pinged_beyond(watchdog_usec: int) -> Callable[[dict[str, str]], bool]:
    """A ping arrived later than one watchdog timeout after the start: only pings allow that."""

    def condition(state: dict[str, str]) -> bool:
        started = int(state["ExecMainStartTimestampMonotonic"])
        return int(state["WatchdogTimestampMonotonic"]) - started > watchdog_usec

    return condition


def test_real_daemon_pings_the_watchdog_and_is_killed_when_stalled(
    real_daemon: RealDaemon,
) -> None:
    manager = real_daemon.manager
    manager.write_drop_in(UNIT, "watchdog", "[Service]\nWatchdogSec=1\n")
    manager.systemctl("restart", UNIT)
    pid = str(real_daemon.main_pid())
    stamps = ("ExecMainStartTimestampMonotonic", "WatchdogTimestampMonotonic")

    alive = manager.wait_for(UNIT, _pinged_beyond(1_000_000), extra=stamps)
    assert alive["MainPID"] == pid
    os.kill(int(pid), signal.SIGSTOP)

    manager.wait_for(UNIT, lambda s: s["Result"] == "watchdog")  # during RestartSec
    manager.wait_for(UNIT, _restarted_from(pid))


def test_real_daemon_stops_cleanly_and_uninstall_leaves_nothing_behind(
    real_daemon: RealDaemon,
) -> None:
    manager = real_daemon.manager
    pid = real_daemon.main_pid()
    manager.systemctl("stop", UNIT)
    assert manager.show(UNIT)["Result"] == "success"  # exit 0 on SIGTERM, not a kill

    removed = real_daemon.cli("service", "uninstall").stdout

    assert f"Removed {manager.unit_dir / UNIT}" in removed
    _assert_unit_gone(manager)
    _assert_process_gone(pid)
    assert real_daemon.cli("service", "status").stdout.startswith("not installed")
