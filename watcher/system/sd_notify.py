"""Talk to the service manager: sd_notify over ``NOTIFY_SOCKET``, and the STATUS line we send.

The protocol is a few ``KEY=VALUE`` lines in one datagram to the Unix socket systemd names in
``NOTIFY_SOCKET`` (see sd_notify(3)); no library is needed. Outside systemd the variable is unset
and every call is a no-op, so the daemon runs the same in a terminal.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from loguru import logger

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _socket_address(value: str | None) -> str | None:
    """The address to send to: a path, or an abstract name (``@name`` -> ``\\0name``)."""
    if not value:
        return None
    if value.startswith("@"):
        return "\0" + value[1:]
    if value.startswith("/"):
        return value
    # vsock: and other transports of newer systemd are not for a local user daemon.
    return None


def _one_line(text: str) -> str:
    """A value safe inside one ``KEY=VALUE`` line: a newline would start a new assignment."""
    return " ".join(text.splitlines())


class SystemdNotifier:
    """Sends state changes to systemd; does nothing when not started by systemd."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self._address = _socket_address(env.get("NOTIFY_SOCKET"))
        self._watchdog_usec = env.get("WATCHDOG_USEC")
        self._watchdog_pid = env.get("WATCHDOG_PID")

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> SystemdNotifier:
        """The notifier for this process: what systemd put in the environment at start."""
        return cls(environ)

    @property
    def enabled(self) -> bool:
        return self._address is not None

    def ready(self, status: str = "") -> bool:
        return self._send("READY=1", *_status(status))

    def status(self, text: str) -> bool:
        return self._send(*_status(text))

    def reloading(self) -> bool:
        # MONOTONIC_USEC lets a Type=notify-reload manager tell this reload from an older one.
        usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        return self._send("RELOADING=1", f"MONOTONIC_USEC={usec}")

    def stopping(self) -> bool:
        return self._send("STOPPING=1")

    def watchdog(self) -> bool:
        return self._send("WATCHDOG=1")

    def watchdog_interval(self) -> timedelta | None:
        """The watchdog timeout systemd expects pings within, or None when there is none.

        Ping at half of it. ``WATCHDOG_PID`` names the process it is meant for: a child that
        inherited the environment must not ping on its parent's behalf.
        """
        if self._watchdog_pid is not None and self._watchdog_pid.strip() != str(os.getpid()):
            return None
        try:
            usec = int(self._watchdog_usec or "")
        except ValueError:
            return None
        return timedelta(microseconds=usec) if usec > 0 else None

    def _send(self, *assignments: str) -> bool:
        """True when the datagram went out; False when there is no socket or it failed."""
        if self._address is None:
            return False
        payload = "\n".join(assignments).encode()
        try:
            kind = socket.SOCK_DGRAM | socket.SOCK_CLOEXEC | socket.SOCK_NONBLOCK
            with socket.socket(socket.AF_UNIX, kind) as sock:
                # Never block the event loop on a reader that fell behind: warn instead.
                sock.sendto(payload, self._address)
        except OSError as error:
            # A lost notification must not take the daemon down; systemd will notice by itself.
            logger.warning("could not notify systemd: {}", error)
            return False
        return True


def _status(text: str) -> tuple[str, ...]:
    return (f"STATUS={_one_line(text)}",) if text else ()


def status_line(
    folders: Sequence[Path],
    waiting_meetups: int,
    next_reminder: datetime | None,
    now: datetime,
    home: Path | None = None,
    *,
    not_watched: Mapping[Path, str] | None = None,
) -> str:
    """What the daemon is doing, for ``systemctl status``: ``folders`` are those actually
    watched, ``not_watched`` the others with why (``missing``, ``unreadable: …``).

    e.g. ``watching ~/Downloads · 3 meet-ups waiting · next reminder Tue 09:00``, or
    ``watching no folder · not watching ~/Exports (missing) · no meet-ups waiting``.
    """
    home = home or Path.home()
    parts = [_watching(folders, home)]
    if not_watched:
        parts.append(not_watching(not_watched, home))
    parts.append(_waiting(waiting_meetups))
    if next_reminder is not None:
        parts.append(f"next reminder {_when(next_reminder, now)}")
    return " · ".join(parts)


def _watching(folders: Sequence[Path], home: Path) -> str:
    if not folders:
        return "watching no folder"
    shown = [_tilde(folder, home) for folder in folders[:2]]
    more = len(folders) - len(shown)
    text = "watching " + ", ".join(shown)
    return text + (f" and {more} more" if more else "")


def not_watching(problems: Mapping[Path, str], home: Path | None = None) -> str:
    """``not watching ~/Exports (missing), /srv/drop (unreadable: Permission denied)``."""
    home = home or Path.home()
    named = [f"{_tilde(folder, home)} ({why})" for folder, why in problems.items()]
    return "not watching " + ", ".join(named)


def _tilde(folder: Path, home: Path) -> str:
    try:
        relative = folder.relative_to(home)
    except ValueError:
        return str(folder)
    return "~" if relative == Path() else f"~/{relative}"


def _waiting(count: int) -> str:
    if count == 0:
        return "no meet-ups waiting"
    return f"{count} meet-up{'' if count == 1 else 's'} waiting"


def _when(moment: datetime, now: datetime) -> str:
    """A short, locale-independent time: ``today 09:00``, ``Tue 09:00``, ``12 Mar 09:00``."""
    if moment.tzinfo is not None and now.tzinfo is not None:
        moment = moment.astimezone(now.tzinfo)
    if moment <= now:
        return "due now"
    clock = f"{moment:%H:%M}"
    days = (moment.date() - now.date()).days
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"tomorrow {clock}"
    if days < 7:
        return f"{_WEEKDAYS[moment.weekday()]} {clock}"
    return f"{moment.day} {_MONTHS[moment.month - 1]} {clock}"
