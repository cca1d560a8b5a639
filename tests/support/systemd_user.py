"""A private ``systemd --user`` manager for system tests, with its own HOME and XDG folders.

In a container there is no login session and so no user manager; this starts one. systemd only
runs as a manager when ``/run/systemd/system`` exists (it is how it tells that it booted the
machine), so the fixture creates it when it runs as root and skips otherwise.

Usage (``tests/system/conftest.py``)::

    from tests.support.systemd_user import systemd_user  # noqa: F401  (a fixture)

and in a test ``def test_x(systemd_user: UserManager)``; ``systemd_user.env`` is the environment
for any subprocess (or ``watcher.system.service`` call) that should talk to the private manager.

Starting a manager costs a few hundred milliseconds; a test module with many tests can share one
(``running_user_manager()`` in a module-scoped fixture) and call ``reset(unit)`` after each test,
which removes the unit, its drop-ins and everything in HOME, so the tests stay independent.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.requires import require, require_binaries

SYSTEMD = Path("/lib/systemd/systemd")
BOOTED_MARKER = Path("/run/systemd/system")
START_TIMEOUT = 20.0
#: how often a wait re-reads unit state; systemctl has no "wait for state" command
POLL = 0.05
SHOWN = ("LoadState", "ActiveState", "SubState", "MainPID", "StatusText", "NRestarts", "Result")
#: the folders systemd itself may write in HOME; recreated empty by ``reset``
_XDG_HOMES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


@dataclass
class UserManager:
    process: subprocess.Popen[bytes]
    env: dict[str, str]
    home: Path
    runtime_dir: Path
    log: Path

    @property
    def unit_dir(self) -> Path:
        """Where ``service install`` writes the unit: ``$XDG_CONFIG_HOME/systemd/user``."""
        return Path(self.env["XDG_CONFIG_HOME"]) / "systemd" / "user"

    @property
    def runtime_unit_dir(self) -> Path:
        """``$XDG_RUNTIME_DIR/systemd/user``: runtime units and drop-ins, gone with the manager."""
        return self.runtime_dir / "systemd" / "user"

    def systemctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            ["systemctl", "--user", "--no-pager", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"systemctl --user {' '.join(args)} exited {done.returncode}: {done.stderr}\n"
                f"{self.diagnostics()}"
            )
        return done

    def show(self, unit: str, *extra: str) -> dict[str, str]:
        """The unit's usual state properties, and ``extra`` ones (``WatchdogTimestamp``, ...)."""
        props = ",".join((*SHOWN, *extra))
        out = self.systemctl("show", "-p", props, unit).stdout
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def wait_for(
        self,
        unit: str,
        condition: Callable[[dict[str, str]], bool],
        timeout: float = 20.0,
        extra: tuple[str, ...] = (),
    ) -> dict[str, str]:
        """Re-read the unit's state until ``condition`` holds; fail with the last state seen."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.show(unit, *extra)
            if condition(state):
                return state
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{unit} never reached the expected state; last: {state}\n{self.diagnostics()}"
                )
            time.sleep(POLL)

    def reset(self, unit: str) -> None:
        """Forget ``unit`` and everything a test left in HOME, keeping the manager running."""
        self.systemctl("disable", "--now", unit, check=False)  # also stops a SIGSTOPped one
        shutil.rmtree(self.runtime_unit_dir / f"{unit}.d", ignore_errors=True)
        for child in self.home.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for key in _XDG_HOMES:
            Path(self.env[key]).mkdir(parents=True, exist_ok=True)
        self.systemctl("daemon-reload")
        self.systemctl("reset-failed", unit, check=False)
        leftover = self.show(unit)
        assert leftover["LoadState"] == "not-found", f"{unit} survived the reset: {leftover}"

    def write_drop_in(self, unit: str, name: str, text: str) -> Path:
        """A runtime drop-in (``systemctl --runtime edit`` style), then daemon-reload."""
        folder = self.runtime_unit_dir / f"{unit}.d"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.conf"
        path.write_text(text, encoding="utf-8")
        self.systemctl("daemon-reload")
        return path

    def diagnostics(self) -> str:
        status = subprocess.run(
            ["systemctl", "--user", "--no-pager", "status", "--all"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
        manager_log = self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""
        return f"--- systemctl --user status ---\n{status}\n--- manager log ---\n{manager_log}"


def _private_environment(root: Path) -> dict[str, str]:
    """A clean environment: no inherited session, bus, notify socket or app settings."""
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700)
    home = root / "home"
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": str(home),
        "USER": os.environ.get("USER", "root"),
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    for key in _XDG_HOMES:
        Path(env[key]).mkdir(parents=True)
    return env


def _is_running(env: dict[str, str]) -> bool:
    done = subprocess.run(
        ["systemctl", "--user", "is-system-running"],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return done.stdout.strip() in {"running", "degraded"}


def _wait_until_running(process: subprocess.Popen[bytes], env: dict[str, str], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not _is_running(env):
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(
                f"systemd --user did not come up (exit {process.poll()}):\n{log.read_text()}"
            )
        time.sleep(POLL)


def _processes_of(runtime_dir: Path) -> list[int]:
    """Every process whose environment names this manager's XDG_RUNTIME_DIR: all it started."""
    marker = f"XDG_RUNTIME_DIR={runtime_dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone already, or not ours to read
            continue
        if marker in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def _stop(manager: UserManager) -> None:
    # Politely first (units get their ExecStop and SIGTERM), then make sure nothing survives.
    subprocess.run(
        ["systemctl", "--user", "exit"],
        env=manager.env,
        capture_output=True,
        timeout=30,
        check=False,
    )
    try:
        manager.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        manager.process.kill()
        manager.process.wait(timeout=10)
    for pid in _processes_of(manager.runtime_dir):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _ensure_booted_marker() -> None:
    if BOOTED_MARKER.is_dir():
        return
    require(os.geteuid() == 0, f"systemd --user needs {BOOTED_MARKER}; only root can create it")
    BOOTED_MARKER.mkdir(parents=True)


@contextlib.contextmanager
def running_user_manager() -> Iterator[UserManager]:
    """A private user manager for the duration of the block; skips where none can run."""
    require_binaries("systemctl", "systemd-analyze")
    require(SYSTEMD.is_file(), f"needs {SYSTEMD} (Debian package systemd)")
    _ensure_booted_marker()
    with tempfile.TemporaryDirectory(prefix="iw-systemd-") as temp:
        root = Path(temp)
        env = _private_environment(root)
        log = root / "manager.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [str(SYSTEMD), "--user"],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        manager = UserManager(process, env, Path(env["HOME"]), Path(env["XDG_RUNTIME_DIR"]), log)
        try:
            _wait_until_running(process, env, log)
            yield manager
        finally:
            _stop(manager)


@pytest.fixture
def systemd_user() -> Iterator[UserManager]:
    """A running private user manager; stopped, with everything it started, afterwards."""
    with running_user_manager() as manager:
        yield manager


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    """Poll ``condition`` until it holds; fail saying ``what`` never happened."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what}: not within {timeout:g}s"
        time.sleep(POLL)
