"""A private desktop for system tests: Xvfb, a session D-Bus and dunst as notification server.

``desktop_session`` starts all three, points this process (and the ``env`` it yields for
subprocesses) at them, and stops everything it started. dunst reads only the config written
here, with full markup on, so a test proves our escaping: markup that was not escaped would be
rendered by dunst, escaped markup arrives as entities.

dunst keeps a notification in its history once it is closed: :meth:`DesktopSession.wait_for`
closes what is displayed and looks there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.support.requires import require_binaries

Notification = dict[str, Any]

STARTUP_DEADLINE = 10.0
POLL_INTERVAL = 0.05

DUNSTRC = """\
[global]
    markup = full
    format = "<b>%s</b>\\n%b"
    history_length = 200
    idle_threshold = 0
    show_indicators = no

# Longer than any test, so a test decides when a notification is closed; not 0 (never), so a
# notice that asks never to expire (expire_timeout 0) shows "timeout": 0 in the history.
[urgency_low]
    timeout = 600
[urgency_normal]
    timeout = 600
[urgency_critical]
    timeout = 600
"""


@dataclass
class DesktopSession:
    """A running private desktop. ``env`` is this process's environment pointed at it."""

    display: str
    bus_address: str
    env: dict[str, str]
    dunst_log: Path
    config_home: Path | None = None
    _started: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def start_dunst(self) -> None:
        """Start the notification server now (a session that comes after the daemon)."""
        if self.config_home is None:
            raise RuntimeError("this desktop has no place for dunst's config")
        _start_dunst(self, self.config_home)

    # -- dunst ------------------------------------------------------------------------------

    def dunstctl(self, *args: str) -> str:
        result = subprocess.run(
            ["dunstctl", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"dunstctl {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def history(self) -> list[Notification]:
        """dunst's history, newest first, each value unwrapped from its {"type", "data"}."""
        document = json.loads(self.dunstctl("history"))
        return [
            {key: value["data"] for key, value in entry.items()} for entry in document["data"][0]
        ]

    def close_all(self) -> None:
        self.dunstctl("close-all")

    def invoke_action(self, position: int = 0) -> None:
        """Invoke the default action of the notification at ``position`` (0 = newest)."""
        self.dunstctl("action", str(position))

    def displayed(self) -> int:
        return int(self.dunstctl("count", "displayed").strip())

    def wait_for(
        self, predicate: Callable[[Notification], bool], timeout: float = 10.0
    ) -> Notification:
        """The newest notification matching ``predicate``, once it arrived (closes displayed
        ones so they land in the history)."""
        deadline = time.monotonic() + timeout
        while True:
            self.close_all()
            seen = self.history()
            for notification in seen:
                if predicate(notification):
                    return notification
            if time.monotonic() > deadline:
                summaries = [n.get("summary") for n in seen]
                raise AssertionError(f"no matching notification within {timeout}s; saw {summaries}")
            time.sleep(POLL_INTERVAL)

    def wait_for_summary(self, summary: str, timeout: float = 10.0) -> Notification:
        return self.wait_for(lambda n: n.get("summary") == summary, timeout)

    # -- teardown ---------------------------------------------------------------------------

    def stop(self) -> None:
        while self._started:
            self._started.pop()()


def _stop_child(process: subprocess.Popen[bytes]) -> Callable[[], None]:
    def stop() -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

    return stop


def _stop_pid(pid: int) -> Callable[[], None]:
    """Stop a forked daemon (not our child, so poll for it to go instead of waiting)."""

    def stop() -> None:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        _until(lambda: not _alive(pid), "dbus-daemon to stop", 5.0)

    return stop


def _alive(pid: int) -> bool:
    """True until the process exited; a zombie waiting for init to reap it counts as gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    state = stat.rsplit(")", 1)[1].split()[0]  # the name in parentheses may hold spaces
    return state not in {"Z", "X"}


def _until(condition: Callable[[], bool], what: str, timeout: float = STARTUP_DEADLINE) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(POLL_INTERVAL)


def _start_xvfb(session: DesktopSession) -> None:
    # -displayfd lets Xvfb pick a free display and tell us once it accepts connections.
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    session._started.append(_stop_child(process))
    with os.fdopen(read_end) as reader:
        number = reader.readline().strip()  # EOF (Xvfb died) gives ""
    if not number:
        raise AssertionError(f"Xvfb did not start (exit status {process.poll()})")
    session.display = f":{number}"
    session.env["DISPLAY"] = session.display


#: A session bus that starts no service on demand: with the stock one, the first call to the
#: notification server would D-Bus-activate a dunst of its own (with the user's config).
NO_ACTIVATION_BUS = """\
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _start_bus(session: DesktopSession, config: Path | None = None) -> None:
    where = ["--session"] if config is None else [f"--config-file={config}"]
    result = subprocess.run(
        ["dbus-daemon", *where, "--fork", "--print-address=1", "--print-pid=1"],
        env=session.env,
        capture_output=True,
        text=True,
        timeout=STARTUP_DEADLINE,
        check=True,
    )
    address, pid = result.stdout.split()
    session._started.append(_stop_pid(int(pid)))
    session.bus_address = address
    session.env["DBUS_SESSION_BUS_ADDRESS"] = address


def _notifications_owned(env: dict[str, str]) -> bool:
    # Ask the bus itself: calling dunst before it owns the name would D-Bus-activate a second one.
    result = subprocess.run(
        [
            "dbus-send",
            "--session",
            "--print-reply=literal",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.Notifications",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=5,
        check=False,
    )
    return "true" in result.stdout


def _start_dunst(session: DesktopSession, config_home: Path) -> None:
    dunstrc = config_home / "dunst" / "dunstrc"
    dunstrc.parent.mkdir(parents=True)
    dunstrc.write_text(DUNSTRC)
    # Only our config: no user or system dunstrc, no drop-ins.
    env = session.env | {"XDG_CONFIG_HOME": str(config_home), "XDG_CONFIG_DIRS": str(config_home)}
    with session.dunst_log.open("wb") as log:
        process = subprocess.Popen(
            ["dunst", "-config", str(dunstrc)], env=env, stdout=log, stderr=subprocess.STDOUT
        )
    session._started.append(_stop_child(process))

    def ready() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"dunst exited: {session.dunst_log.read_text()}")
        return _notifications_owned(session.env)

    _until(ready, "dunst to own org.freedesktop.Notifications")


def start_desktop(root: Path, *, dunst: bool = True) -> DesktopSession:
    """Start Xvfb, a session bus and dunst; on any failure stop what did start. Without
    ``dunst``, the bus activates nothing and :meth:`DesktopSession.start_dunst` starts it."""
    session = DesktopSession(
        display="",
        bus_address="",
        env=dict(os.environ),
        dunst_log=root / "dunst.log",
        config_home=root / "config",
    )
    try:
        _start_xvfb(session)
        if dunst:
            _start_bus(session)
            _start_dunst(session, root / "config")
        else:
            config = root / "bus.conf"
            config.write_text(NO_ACTIVATION_BUS)
            _start_bus(session, config)
    except BaseException:
        session.stop()
        raise
    return session


@pytest.fixture
def desktop_session(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[DesktopSession]:
    """A private Xvfb + D-Bus + dunst; this process's DISPLAY and session bus point at it."""
    yield from _desktop(tmp_path_factory, monkeypatch, dunst=True)


@pytest.fixture
def desktop_without_server(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[DesktopSession]:
    """Xvfb and a session bus, no notification server until the test calls ``start_dunst``."""
    yield from _desktop(tmp_path_factory, monkeypatch, dunst=False)


def _desktop(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, *, dunst: bool
) -> Iterator[DesktopSession]:
    require_binaries(
        "Xvfb",
        "dbus-daemon",
        "dbus-send",
        "dunst",
        "dunstctl",
        hint="Debian packages xvfb dbus dunst",
    )
    session = start_desktop(tmp_path_factory.mktemp("desktop"), dunst=dunst)
    monkeypatch.setenv("DISPLAY", session.display)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session.bus_address)
    try:
        yield session
    finally:
        session.stop()
