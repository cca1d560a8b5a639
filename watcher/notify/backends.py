"""Where notices go: the desktop's notification server, the log, or nowhere.

The :class:`Notifier` protocol and its three implementations. The desktop one talks D-Bus
through desktop-notifier, whose Linux backend runs inside the current asyncio loop: create and
use it inside the daemon's loop. Untrusted text is escaped here, where it meets a server that
renders markup.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any, Protocol

import desktop_notifier as dn
from loguru import logger

from watcher.config.settings import NotificationBackend
from watcher.notify.texts import Notice, Urgency, escape_markup
from watcher.system.logs import escape as escape_for_log

ActionHandler = Callable[[str], None]


class NotDelivered(Exception):
    """No notification server took the notice (none yet, or gone): the outbox keeps it unshown
    and tries again, so it reaches the desktop once a server answers."""


class Notifier(Protocol):
    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None: ...

    async def aclose(self) -> None: ...


class NullNotifier:
    """Notifications switched off."""

    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
        return None

    async def aclose(self) -> None:
        return None


class LogNotifier:
    """One log line per notice; newlines in it are escaped so it stays one line."""

    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
        logger.info(
            "Notification: {} | {}", escape_for_log(notice.title), escape_for_log(notice.body)
        )

    async def aclose(self) -> None:
        return None


#: How long to wait for the notification server before giving up on it.
PROBE_TIMEOUT = 2.0
SEND_TIMEOUT = 5.0


class DesktopNotifier:
    """Notifications through the desktop's notification server (D-Bus on Linux).

    The body is escaped here because servers render a subset of HTML in it; the title (the
    spec's plain-text "summary") is sent as is. A notice that cannot be delivered raises
    :class:`NotDelivered` (and nothing else), after the connection is started over: each send
    connects afresh until a server answers, so one that comes after the daemon (a session
    started later) is used from then on.
    """

    def __init__(self, app_name: str) -> None:
        self._app_name = app_name
        self._library = self._new_library_notifier()
        self._failing = False

    def _new_library_notifier(self) -> dn.DesktopNotifier:
        # No default icon: a missing theme icon only makes servers print warnings.
        return dn.DesktopNotifier(app_name=self._app_name, app_icon=None)

    async def probe(self) -> str | None:
        """Why the notification server cannot be reached, or None when it answers."""
        problem = await self._ask_capabilities()
        if problem is not None:
            self._failing = True  # the caller warns about this one
            await self._reset()
        return problem

    async def _ask_capabilities(self) -> str | None:
        if not find_session_bus(os.environ):
            return "DBUS_SESSION_BUS_ADDRESS is not set, so there is no session bus"
        try:
            await asyncio.wait_for(self._library.get_capabilities(), PROBE_TIMEOUT)
        except TimeoutError:
            return f"the notification server did not answer within {PROBE_TIMEOUT:g}s"
        except Exception as error:  # dbus-fast raises OSError, DBusError, InvalidAddressError...
            return f"{type(error).__name__}: {error}".rstrip(": ")
        return None

    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
        delivered = False

        def mark_delivered() -> None:
            nonlocal delivered
            delivered = True

        if _lost_bus(self._library):
            await self._reset()  # the bus went away since the last notice: connect afresh
        find_session_bus(os.environ)
        notification = _to_notification(notice, on_action, mark_delivered)
        try:
            # desktop-notifier logs and swallows delivery errors; on_dispatched tells success.
            await asyncio.wait_for(self._library.send_notification(notification), SEND_TIMEOUT)
        except Exception as error:
            logger.debug("desktop notification raised {!r}", error)
        if delivered:
            if self._failing:
                logger.info("a desktop notification server answers; notices go there again")
            self._failing = False
            return
        await self._recover()
        raise NotDelivered("no desktop notification server took it")

    async def _recover(self) -> None:
        """After a failed delivery: warn once per outage and start over with a fresh connection
        (the server may come back, on a bus that may have gone away)."""
        if not self._failing:
            logger.warning(
                "Desktop notification failed; notices are logged and wait in the outbox "
                "until a notification server answers"
            )
        self._failing = True
        await self._reset()

    async def _reset(self) -> None:
        await _disconnect(self._library)
        self._library = self._new_library_notifier()

    async def aclose(self) -> None:
        await _disconnect(self._library)


def find_session_bus(environ: MutableMapping[str, str]) -> str | None:
    """The session bus address; when the environment names none (a service started before
    the session bus was up), the user bus at ``$XDG_RUNTIME_DIR/bus`` once it exists, written
    into ``environ`` because dbus-fast reads the address from there only."""
    address = environ.get("DBUS_SESSION_BUS_ADDRESS")
    if address:
        return address
    runtime = environ.get("XDG_RUNTIME_DIR")
    if not runtime:
        return None
    socket_path = Path(runtime) / "bus"
    if not socket_path.is_socket():
        return None
    address = f"unix:path={socket_path}"
    environ["DBUS_SESSION_BUS_ADDRESS"] = address
    logger.info("using the session bus at {}", socket_path)
    return address


def _bus_of(library: dn.DesktopNotifier) -> Any:
    # desktop-notifier neither closes its connection nor says whether it still works; its D-Bus
    # backend keeps the dbus-fast MessageBus in `bus` once connected (None before, or elsewhere).
    # Private, so pyproject.toml bounds the version and test_notify_library_internals.py fails
    # when an installed one moves it.
    return getattr(getattr(library, "_backend", None), "bus", None)


def _lost_bus(library: dn.DesktopNotifier) -> bool:
    bus = _bus_of(library)
    return bus is not None and not bus.connected


async def _disconnect(library: dn.DesktopNotifier) -> None:
    """Close the library's connection, so a notifier that starts over leaks no socket."""
    bus = _bus_of(library)
    if bus is None:
        return
    if bus.connected:
        bus.disconnect()
    try:
        # Also collects the error of a bus that died on its own (else asyncio reports it).
        await asyncio.wait_for(bus.wait_for_disconnect(), PROBE_TIMEOUT)
    except Exception as error:
        logger.debug("closing the D-Bus connection: {!r}", error)


def _to_notification(
    notice: Notice, on_action: ActionHandler | None, on_dispatched: Callable[[], None]
) -> dn.Notification:
    buttons = tuple(
        dn.Button(
            title=action.label,
            identifier=action.id,
            on_pressed=_guarded(on_action, action.id),
        )
        for action in notice.actions
    )
    default = notice.default_action
    return dn.Notification(
        title=notice.title,
        message=escape_markup(notice.body),
        urgency=dn.Urgency.Low if notice.urgency is Urgency.LOW else dn.Urgency.Normal,
        buttons=buttons,
        on_dispatched=on_dispatched,
        on_clicked=_guarded(on_action, default) if default else None,
        # The spec's expire_timeout 0 is "never expire"; -1 is the server's default (about
        # 10 s on dunst). Urgency stays Normal: "critical" is meant for emergencies (and some
        # servers keep it above full-screen windows), not for a question that can wait.
        timeout=0 if notice.resident else -1,
    )


def _guarded(on_action: ActionHandler | None, action_id: str) -> Callable[[], None] | None:
    """The callback for one action; an error in it is logged, never thrown into D-Bus."""
    if on_action is None:
        return None
    handler = on_action

    def invoke() -> None:
        try:
            handler(action_id)
        except Exception:
            logger.exception("handling the notification action {!r} failed", action_id)

    return invoke


async def make_notifier(backend: NotificationBackend, app_name: str) -> Notifier:
    """The notifier the configuration asks for. With ``auto`` or ``desktop`` and no
    notification server yet (the service starts before most graphical sessions), one warning,
    and the desktop notifier anyway: it connects again at each notice, which meanwhile is
    logged and waits in the outbox (``NotDelivered``) for a server to answer."""
    if backend is NotificationBackend.NONE:
        return NullNotifier()
    if backend is NotificationBackend.LOG:
        return LogNotifier()
    desktop = DesktopNotifier(app_name)
    problem = await desktop.probe()
    if problem is not None:
        logger.warning(
            "No desktop notification server yet ({}); notices are logged and wait in the "
            "outbox until one answers",
            problem,
        )
    return desktop
