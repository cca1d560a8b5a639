"""``invite-watcher run`` as a real subprocess, for system tests and benchmarks.

:class:`DaemonProcess` starts the daemon with its own environment, knows it is ready when the
daemon says ``READY=1`` over a real ``NOTIFY_SOCKET`` (an abstract AF_UNIX datagram socket the
test binds, exactly what systemd gives a ``Type=notify`` service), captures its stderr to a file
and stops it with SIGTERM, insisting that it exits within 5 s::

    def test_x(daemon_factory: DaemonFactory, tmp_path: Path) -> None:
        daemon = daemon_factory(tmp_path, settings={"watch.settle": "0.2s"})
        daemon.wait_for_log(r"watching ")
        daemon.signal(signal.SIGHUP)
        daemon.wait_for_notify("RELOADING")
        daemon.wait_for_notify("READY")

``settings`` are dotted ``section.key`` names, passed as ``INVITE_WATCHER_SECTION__KEY``
variables (lists as JSON). The environment is this process's own (so the autouse XDG isolation
and a ``desktop_session``'s DISPLAY and bus apply) with ``env`` laid over it; a ``None`` value
removes a variable, e.g. ``env={"DBUS_SESSION_BUS_ADDRESS": None}`` for a machine without a bus.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pytest

READY_TIMEOUT = 15.0
STOP_TIMEOUT = 5.0
#: how often a log wait re-reads the captured stderr (a file has no "changed" event to await)
LOG_POLL = 0.02
LOG_TAIL = 4000

#: inherited variables that would change how the daemon behaves or logs
_SCRUBBED = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "LISTEN_FDS")


def setting_variables(settings: Mapping[str, str]) -> dict[str, str]:
    """``{"watch.settle": "0.2s"}`` -> ``{"INVITE_WATCHER_WATCH__SETTLE": "0.2s"}``."""
    variables = {}
    for dotted, value in settings.items():
        section, _, key = dotted.partition(".")
        if not key:
            raise ValueError(f"{dotted!r}: expected section.key")
        variables[f"INVITE_WATCHER_{section.upper()}__{key.upper()}"] = value
    return variables


def daemon_environment(
    overrides: Mapping[str, str | None] | None = None, settings: Mapping[str, str] | None = None
) -> dict[str, str]:
    """This process's environment with overrides; service-manager variables and inherited
    ``INVITE_WATCHER_*`` settings are dropped (``settings`` is the one way to set those)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in _SCRUBBED and not k.startswith("INVITE_WATCHER_")
    }
    for name, value in (overrides or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    env.update(setting_variables(settings or {}))
    return env


def isolated_xdg(root: Path) -> dict[str, str]:
    """XDG config/data/state/cache folders under ``root`` (created), as variables: for scripts
    outside pytest, whose autouse fixture does this for tests."""
    variables = {}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = root / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        variables[name] = str(folder)
    return variables


def parse_notify(datagram: bytes) -> dict[str, str]:
    """An sd_notify datagram (``KEY=VALUE`` lines) as a dict."""
    lines = datagram.decode("utf-8", "replace").splitlines()
    return dict(line.partition("=")[::2] for line in lines if "=" in line)


class NotifySocket:
    """The service manager's end of ``NOTIFY_SOCKET``: an abstract AF_UNIX datagram socket.

    A thread drains it all the time, as systemd does: the kernel queues only a few datagrams
    (``net.unix.max_dgram_qlen``, often 10) and a sender whose queue is full blocks.
    """

    def __init__(self) -> None:
        self.address = f"@invite-watcher-test-{uuid.uuid4().hex}"
        self.messages: list[dict[str, str]] = []
        self._arrived = threading.Condition()
        self._closing = threading.Event()
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        self._socket.bind("\0" + self.address[1:])
        # The timeout only bounds how long close() waits for the reader to notice.
        self._socket.settimeout(0.1)
        self._reader = threading.Thread(target=self._drain, name="notify-socket", daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while not self._closing.is_set():
            try:
                datagram = self._socket.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            with self._arrived:
                self.messages.append(parse_notify(datagram))
                self._arrived.notify_all()

    def wait(self, start: int, key: str, timeout: float) -> int | None:
        """The index of the first message from ``start`` on that sets ``key``; None if none
        arrived within ``timeout``."""
        with self._arrived:
            self._arrived.wait_for(lambda: _find(self.messages, start, key) is not None, timeout)
            return _find(self.messages, start, key)

    def close(self) -> None:
        """Stop listening (the messages stay readable); closing twice is harmless."""
        if self._closing.is_set():
            return
        self._closing.set()
        self._reader.join()
        self._socket.close()


def _find(messages: list[dict[str, str]], start: int, key: str) -> int | None:
    return next((i for i in range(start, len(messages)) if key in messages[i]), None)


class DaemonProcess:
    """One ``invite-watcher run --folder DIR...`` subprocess; see the module docstring."""

    def __init__(
        self,
        folders: Sequence[Path],
        workdir: Path,
        *,
        env: Mapping[str, str] | None = None,
        verbose: bool = True,
        extra_args: Sequence[str] = (),
    ) -> None:
        """``env`` is the whole environment (default: :func:`daemon_environment`); the captured
        stderr goes to ``workdir/daemon-N.log``."""
        self.folders = list(folders)
        self.workdir = workdir
        self.env = dict(env if env is not None else daemon_environment())
        self.verbose = verbose
        self.extra_args = list(extra_args)
        self.log_path = _free_name(workdir, "daemon", ".log")
        self._notify_seen = 0
        self._socket: NotifySocket | None = None
        self._process: subprocess.Popen[bytes] | None = None

    # -- lifecycle --------------------------------------------------------------------------

    @property
    def command(self) -> list[str]:
        verbose = ["--verbose"] if self.verbose else []
        folders = [arg for folder in self.folders for arg in ("--folder", str(folder))]
        return [sys.executable, "-m", "watcher", *verbose, "run", *folders, *self.extra_args]

    @property
    def pid(self) -> int:
        return self._running().pid

    def start(self, timeout: float = READY_TIMEOUT) -> DaemonProcess:
        """Start the daemon and return once it sent READY=1 (AssertionError if it did not)."""
        if self._process is not None:
            raise RuntimeError("this daemon was started already")
        self._socket = NotifySocket()
        # faulthandler: a daemon that hangs on stop is sent SIGABRT and logs every thread's stack.
        env = self.env | {"NOTIFY_SOCKET": self._socket.address, "PYTHONFAULTHANDLER": "1"}
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                self.command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
            )
        try:
            self.wait_for_notify("READY", timeout)
        except BaseException:
            self._kill()
            raise
        return self

    def signal(self, signum: int) -> None:
        self._running().send_signal(signum)

    def stop(self, timeout: float = STOP_TIMEOUT, *, expect_status: int | None = 0) -> int:
        """SIGTERM, then the exit status; AssertionError if it takes longer than ``timeout``
        or (unless ``expect_status`` is None) exits with another status. Stopping twice is
        harmless."""
        process = self._process
        if process is None:
            return 0
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            status = process.wait(timeout)
        except subprocess.TimeoutExpired:
            self._abort()
            raise AssertionError(
                f"the daemon did not exit within {timeout}s of SIGTERM\n{self.log_tail()}"
            ) from None
        finally:
            self._close_socket()
        if expect_status is not None and status != expect_status:
            raise AssertionError(f"the daemon exited with {status}\n{self.log_tail()}")
        return status

    def _abort(self) -> None:
        """SIGABRT, so faulthandler writes the stacks to the log; then SIGKILL if need be."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGABRT)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(STOP_TIMEOUT)
        self._kill()

    def _kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(STOP_TIMEOUT)
        self._close_socket()

    def _close_socket(self) -> None:
        if self._socket is not None:
            self._socket.close()

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            raise RuntimeError("the daemon was not started")
        return self._process

    def __enter__(self) -> DaemonProcess:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    # -- sd_notify --------------------------------------------------------------------------

    @property
    def notifications(self) -> list[dict[str, str]]:
        """Every sd_notify message received so far, in order."""
        return list(self._socket.messages) if self._socket is not None else []

    def wait_for_notify(self, key: str, timeout: float = 10.0) -> dict[str, str]:
        """The next sd_notify message (not returned before) that sets ``key``, e.g. READY."""
        if self._socket is None:
            raise RuntimeError("the daemon is not running")
        process = self._running()
        deadline = time.monotonic() + timeout
        while True:
            # Short waits only so that a daemon that died is noticed; a message wakes us at once.
            index = self._socket.wait(self._notify_seen, key, min(timeout, 0.2))
            if index is not None:
                self._notify_seen = index + 1
                return self._socket.messages[index]
            if process.poll() is not None:
                raise AssertionError(
                    f"the daemon exited ({process.returncode}) before sending {key}=\n"
                    + self.log_tail()
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"no {key}= from the daemon in time\n{self.log_tail()}")

    # -- the log ----------------------------------------------------------------------------

    def log(self) -> str:
        """Everything the daemon wrote to stderr so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_tail(self) -> str:
        return "--- daemon log (tail) ---\n" + self.log()[-LOG_TAIL:]

    def log_position(self) -> int:
        """A mark for :meth:`wait_for_log` ``since``: only lines written after it count."""
        return len(self.log())

    def wait_for_log(self, pattern: str, timeout: float = 10.0, *, since: int = 0) -> re.Match[str]:
        """The first match of the regex ``pattern`` (multiline) in the log after ``since``."""
        compiled = re.compile(pattern, re.MULTILINE)
        deadline = time.monotonic() + timeout
        while True:
            match = compiled.search(self.log(), since)
            if match is not None:
                return match
            if self._process is not None and self._process.poll() is not None:
                raise AssertionError(f"the daemon exited before logging {pattern!r}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{pattern!r} not logged within {timeout}s\n{self.log_tail()}")
            time.sleep(LOG_POLL)

    # -- the command line against the same data ------------------------------------------------

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """``invite-watcher ARGS`` with the daemon's environment (same config and database)."""
        result = subprocess.run(
            [sys.executable, "-m", "watcher", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"invite-watcher {' '.join(args)} exited {result.returncode}: {result.stderr}"
            )
        return result


def drop(folder: Path, name: str, data: bytes) -> Path:
    """Drop a file the way a finished download lands: written elsewhere (a staging folder beside
    ``folder``), then renamed into ``folder`` in one step. Returns the dropped path."""
    staging = folder.parent / f".{folder.name}-staging"
    staging.mkdir(exist_ok=True)
    written = staging / name
    written.write_bytes(data)
    return written.replace(folder / name)


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    number = 1
    while (path := folder / f"{stem}-{number}{suffix}").exists():
        number += 1
    path.touch()
    return path


DaemonFactory = Callable[..., DaemonProcess]


@pytest.fixture
def daemon_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DaemonFactory]:
    """Start daemons (each ready when returned); all are stopped, within 5 s, at teardown.

    ``daemon_factory(*folders, env=None, settings=None, verbose=True, start=True)``: ``env``
    overrides this process's environment (None removes a variable), ``settings`` are dotted
    ``section.key`` values.
    """
    workdir = tmp_path_factory.mktemp("daemon")
    started: list[DaemonProcess] = []

    def make(
        *folders: Path,
        env: Mapping[str, str | None] | None = None,
        settings: Mapping[str, str] | None = None,
        verbose: bool = True,
        start: bool = True,
    ) -> DaemonProcess:
        daemon = DaemonProcess(
            folders, workdir, env=daemon_environment(env, settings), verbose=verbose
        )
        started.append(daemon)
        return daemon.start() if start else daemon

    yield make
    problems = []
    for daemon in reversed(started):
        try:
            daemon.stop(expect_status=None)
        except AssertionError as error:
            problems.append(str(error))
    assert not problems, "\n".join(problems)
