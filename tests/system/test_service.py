"""The shipped unit under a real (private) systemd user manager.

Two groups of tests:

- ``standin``: the unit as shipped, installed by ``watcher.service.install``, running a stand-in
  that speaks the daemon's systemd protocol through ``watcher.systemd.SystemdNotifier``. They
  prove the unit, the sandboxing, install/uninstall and the harness without the real daemon.
- ``real daemon``: the same lifecycle with ``invite-watcher run`` itself (marked below).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.requires import require_binaries
from tests.support.systemd_user import UserManager, systemd_user  # noqa: F401  (a fixture)
from watcher import service

pytestmark = pytest.mark.system

UNIT = service.UNIT

STANDIN = f"""#!{sys.executable}
# Stand-in for `invite-watcher run`: the daemon's systemd protocol and nothing else.
import os, signal, threading, time
from pathlib import Path
from watcher.systemd import SystemdNotifier

notifier = SystemdNotifier.from_environment()
stop = threading.Event()
reloads = 0

def on_hup(signum, frame):
    global reloads
    notifier.reloading()
    reloads += 1
    notifier.ready(f"stand-in reloaded {{reloads}}")

def on_term(signum, frame):
    notifier.stopping()
    stop.set()

signal.signal(signal.SIGHUP, on_hup)
signal.signal(signal.SIGTERM, on_term)
hold = os.environ.get("STANDIN_HOLD_READY")
if hold:
    Path(hold + ".waiting").touch()
    while not Path(hold).exists() and not stop.is_set():
        time.sleep(0.02)
notifier.ready("stand-in ready")
interval = notifier.watchdog_interval()
period = interval.total_seconds() / 2 if interval else 3600
while not stop.wait(period):
    notifier.watchdog()
"""


def _active(state: dict[str, str]) -> bool:
    return state["ActiveState"] == "active" and state["SubState"] == "running"


def _restarted_from(pid: str) -> Callable[[dict[str, str]], bool]:
    return lambda state: _active(state) and state["MainPID"] not in {"0", pid}


def _assert_unit_gone(manager: UserManager) -> None:
    assert not (manager.unit_dir / UNIT).exists()
    state = manager.show(UNIT)
    assert state["LoadState"] == "not-found"
    assert state["ActiveState"] == "inactive"
    assert manager.systemctl("is-enabled", UNIT, check=False).returncode != 0


@pytest.fixture
def standin(tmp_path: Path) -> Path:
    path = tmp_path / "standin-invite-watcher"
    path.write_text(STANDIN, encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def installed(systemd_user: UserManager, standin: Path) -> UserManager:  # noqa: F811
    service.install(standin, environ=systemd_user.env)
    return systemd_user


# -- the stand-in ------------------------------------------------------------------------------


def test_service_install_enables_and_starts_the_shipped_unit(
    systemd_user: UserManager,  # noqa: F811
    standin: Path,
) -> None:
    result = service.install(standin, environ=systemd_user.env)

    assert result.unit_path == systemd_user.unit_dir / UNIT
    assert f"ExecStart={standin} run" in result.unit_path.read_text()
    assert any("journalctl --user -u invite-watcher -f" in line for line in result.messages)
    state = systemd_user.show(UNIT)
    assert _active(state)
    assert state["StatusText"] == "stand-in ready"
    assert systemd_user.systemctl("is-enabled", UNIT).stdout.strip() == "enabled"


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
    _wait_for_file(Path(f"{flag}.waiting"))

    assert installed.show(UNIT)["ActiveState"] == "activating"
    flag.touch()
    state = installed.wait_for(UNIT, _active)
    assert state["StatusText"] == "stand-in ready"


def test_service_restarts_the_daemon_after_kill_9(installed: UserManager) -> None:
    pid = installed.show(UNIT)["MainPID"]

    os.kill(int(pid), signal.SIGKILL)

    installed.wait_for(UNIT, lambda s: s["Result"] == "signal")  # during RestartSec
    state = installed.wait_for(UNIT, _restarted_from(pid))
    assert int(state["NRestarts"]) == 1


def test_service_reload_keeps_the_same_process(installed: UserManager) -> None:
    pid = installed.show(UNIT)["MainPID"]

    installed.systemctl("reload", UNIT)

    state = installed.wait_for(UNIT, lambda s: s["StatusText"] == "stand-in reloaded 1")
    assert _active(state)
    assert state["MainPID"] == pid


def test_service_watchdog_restarts_a_stalled_daemon(installed: UserManager) -> None:
    installed.write_drop_in(UNIT, "watchdog", "[Service]\nWatchdogSec=2\n")
    installed.systemctl("restart", UNIT)
    pid = installed.show(UNIT)["MainPID"]

    os.kill(int(pid), signal.SIGSTOP)

    installed.wait_for(UNIT, lambda s: s["Result"] == "watchdog")  # during RestartSec
    state = installed.wait_for(UNIT, _restarted_from(pid), timeout=30)
    assert int(state["NRestarts"]) == 1


def test_service_uninstall_leaves_nothing_behind(installed: UserManager) -> None:
    pid = int(installed.show(UNIT)["MainPID"])

    result = service.uninstall(environ=installed.env)

    assert result.removed
    _assert_unit_gone(installed)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
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
# These run `invite-watcher run` itself (the console script next to this interpreter): READY
# after the folders are watched, WATCHDOG=1 pings, RELOADING/READY on SIGHUP, STOPPING on SIGTERM.


@pytest.fixture
def real_daemon(systemd_user: UserManager) -> Iterator[UserManager]:  # noqa: F811
    executable = Path(sys.executable).parent / "invite-watcher"
    if not executable.is_file():
        pytest.skip(f"{executable} is not installed (pip install -e .)")
    drop = systemd_user.home / "drop"
    drop.mkdir()
    # A container has no journald: keep the daemon's output in a file to show when it fails.
    log = systemd_user.home / "daemon.log"
    systemd_user.write_drop_in(
        UNIT,
        "test",
        "[Service]\n"
        f"Environment='INVITE_WATCHER_WATCH__FOLDERS=[\"{drop}\"]'\n"
        "Environment=INVITE_WATCHER_NOTIFICATIONS__BACKEND=log\n"
        f"StandardOutput=append:{log}\n"
        f"StandardError=append:{log}\n",
    )
    try:
        service.install(executable, environ=systemd_user.env)
    except service.ServiceError as error:
        output = log.read_text(errors="replace")[-4000:] if log.exists() else "(no output)"
        pytest.fail(f"{error}\n--- daemon output ---\n{output}", pytrace=False)
    yield systemd_user
    service.uninstall(environ=systemd_user.env)


def test_real_daemon_is_active_once_it_watches_its_folder(real_daemon: UserManager) -> None:
    state = real_daemon.show(UNIT)

    # Type=notify: `systemctl start` returned only after READY=1, which carried this status.
    assert _active(state)
    assert state["StatusText"].startswith("watching ~/drop")


def test_real_daemon_restarts_after_kill_9(real_daemon: UserManager) -> None:
    pid = real_daemon.show(UNIT)["MainPID"]

    os.kill(int(pid), signal.SIGKILL)

    real_daemon.wait_for(UNIT, _restarted_from(pid))


def test_real_daemon_reload_keeps_the_same_process(real_daemon: UserManager) -> None:
    pid = real_daemon.show(UNIT)["MainPID"]

    real_daemon.systemctl("reload", UNIT)

    state = real_daemon.wait_for(UNIT, _active)
    assert state["MainPID"] == pid
    assert state["StatusText"].startswith("watching")


def test_real_daemon_pings_the_watchdog_and_is_killed_when_stalled(
    real_daemon: UserManager,
) -> None:
    real_daemon.write_drop_in(UNIT, "watchdog", "[Service]\nWatchdogSec=2\n")
    real_daemon.systemctl("restart", UNIT)
    pid = real_daemon.show(UNIT)["MainPID"]

    time.sleep(5)  # two and a half watchdog periods: only pings keep it alive this long
    assert real_daemon.show(UNIT)["MainPID"] == pid
    os.kill(int(pid), signal.SIGSTOP)

    real_daemon.wait_for(UNIT, lambda s: s["Result"] == "watchdog")  # during RestartSec
    real_daemon.wait_for(UNIT, _restarted_from(pid), timeout=30)


def test_real_daemon_stops_cleanly_and_uninstalls(real_daemon: UserManager) -> None:
    real_daemon.systemctl("stop", UNIT)
    assert real_daemon.show(UNIT)["Result"] == "success"

    service.uninstall(environ=real_daemon.env)

    _assert_unit_gone(real_daemon)


def _wait_for_file(path: Path, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)
