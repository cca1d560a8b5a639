"""Finding the session bus when the environment names none: the user bus, once it exists."""

from __future__ import annotations

import socket
from pathlib import Path

from watcher.notify.backends import find_session_bus


def test_find_session_bus_takes_the_environment_first(tmp_path: Path) -> None:
    environ = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert find_session_bus(environ) == "unix:path=/x"


def test_find_session_bus_waits_for_the_user_bus_then_uses_it(tmp_path: Path) -> None:
    environ = {"XDG_RUNTIME_DIR": str(tmp_path)}
    assert find_session_bus(environ) is None  # no bus yet: nothing set
    assert "DBUS_SESSION_BUS_ADDRESS" not in environ
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as bus:
        bus.bind(str(tmp_path / "bus"))  # the user's bus came up after the daemon
        assert find_session_bus(environ) == f"unix:path={tmp_path / 'bus'}"
    assert environ["DBUS_SESSION_BUS_ADDRESS"] == f"unix:path={tmp_path / 'bus'}"


def test_find_session_bus_without_a_runtime_dir_is_none() -> None:
    assert find_session_bus({}) is None
