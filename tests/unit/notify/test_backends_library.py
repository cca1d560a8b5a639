"""What watcher.notify.backends takes from desktop-notifier's internals, checked without a bus.

desktop-notifier neither closes its D-Bus connection nor says whether it still works, so
``backends._bus_of``, ``_lost_bus`` and ``_disconnect`` reach into it: the library's private
``DesktopNotifier._backend``, its D-Bus backend's ``bus`` (set once it connects, before it asks
the server anything) and dbus-fast's ``MessageBus.connected``/``disconnect()``/
``wait_for_disconnect()``. pyproject.toml bounds the version (``desktop-notifier>=5,<7``); these
tests fail as soon as an installed version moves any of it.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

import desktop_notifier as dn
import pytest
from dbus_fast.aio.message_bus import MessageBus
from desktop_notifier.backends import dbus as dbus_backend

from watcher.notify import backends


def moved(what: str) -> str:
    return (
        f"desktop-notifier {version('desktop-notifier')}: {what}. watcher.notify.backends "
        "(_bus_of, _lost_bus, _disconnect) relies on it to close and renew the D-Bus connection: "
        "adapt them to the library's new layout, then move the desktop-notifier bound in "
        "pyproject.toml to cover this version."
    )


class NoServer(Exception):
    """The session bus has no notification server (what introspection fails with in life)."""


class FakeBus:
    """Stands in for dbus-fast's MessageBus: connects at once, has no notification server."""

    def __init__(self) -> None:
        self.connected = True
        self.disconnect_calls = 0
        self.waited = False

    async def connect(self) -> FakeBus:
        return self

    async def introspect(self, *args: Any, **kwargs: Any) -> Any:
        raise NoServer("org.freedesktop.Notifications is not on the bus")

    def disconnect(self) -> None:
        self.disconnect_calls += 1
        self.connected = False

    async def wait_for_disconnect(self) -> None:
        self.waited = True


def library() -> dn.DesktopNotifier:
    return dn.DesktopNotifier(app_name="invite-watcher-test", app_icon=None)


def test_desktop_notifier_private_backend_is_the_dbus_one() -> None:
    backend = getattr(library(), "_backend", None)
    assert backend is not None, moved("DesktopNotifier has no `_backend` attribute any more")
    assert isinstance(backend, dbus_backend.DBusDesktopNotifier), moved(
        f"DesktopNotifier._backend is a {type(backend).__name__}, not DBusDesktopNotifier"
    )


def test_dbus_fast_message_bus_has_what_we_call() -> None:
    missing = [
        name
        for name in ("connected", "disconnect", "wait_for_disconnect")
        if not hasattr(MessageBus, name)
    ]
    assert not missing, moved(f"dbus-fast's MessageBus lacks {', '.join(missing)}")


async def test_desktop_notifier_keeps_its_connection_where_backends_looks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The case that matters: the bus connects but has no notification server. The connection
    # must be reachable (at `_backend.bus`) so that backends can close it instead of leaking it.
    assert hasattr(dbus_backend, "MessageBus"), moved("its D-Bus backend no longer uses MessageBus")
    bus = FakeBus()
    monkeypatch.setattr(dbus_backend, "MessageBus", lambda *args, **kwargs: bus)
    notifier = library()

    with pytest.raises(NoServer):
        await notifier.get_capabilities()

    assert backends._bus_of(notifier) is bus, moved(
        "after connecting, the D-Bus backend no longer keeps its MessageBus in `bus`"
    )
    assert not backends._lost_bus(notifier)
    bus.connected = False  # the bus went away on its own
    assert backends._lost_bus(notifier)
    bus.connected = True
    await backends._disconnect(notifier)
    assert (bus.disconnect_calls, bus.waited) == (1, True)
