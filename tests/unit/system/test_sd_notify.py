"""sd_notify against real AF_UNIX datagram sockets; watchdog interval; the STATUS line."""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from watcher.system.sd_notify import SystemdNotifier, status_line


def _receive(sock: socket.socket) -> dict[str, str]:
    sock.settimeout(5)
    lines = sock.recv(4096).decode().split("\n")
    return dict(line.split("=", 1) for line in lines)


@pytest.fixture
def path_socket(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    address = str(tmp_path / "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(address)
        yield sock, address


@pytest.fixture
def abstract_socket() -> Iterator[tuple[socket.socket, str]]:
    name = f"invite-watcher-test/{uuid.uuid4()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        yield sock, "@" + name


def test_notifier_ready_sends_ready_and_status_to_a_path_socket(
    path_socket: tuple[socket.socket, str],
) -> None:
    sock, address = path_socket
    notifier = SystemdNotifier({"NOTIFY_SOCKET": address})

    assert notifier.ready("watching ~/Downloads")

    assert _receive(sock) == {"READY": "1", "STATUS": "watching ~/Downloads"}


def test_notifier_reaches_an_abstract_socket(abstract_socket: tuple[socket.socket, str]) -> None:
    sock, address = abstract_socket
    notifier = SystemdNotifier({"NOTIFY_SOCKET": address})

    assert notifier.watchdog()

    assert _receive(sock) == {"WATCHDOG": "1"}


def test_notifier_reloading_carries_the_monotonic_time(
    path_socket: tuple[socket.socket, str],
) -> None:
    sock, address = path_socket
    before = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000

    SystemdNotifier({"NOTIFY_SOCKET": address}).reloading()

    message = _receive(sock)
    after = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
    assert message["RELOADING"] == "1"
    assert before <= int(message["MONOTONIC_USEC"]) <= after


def test_notifier_stopping_and_status_send_one_message_each(
    path_socket: tuple[socket.socket, str],
) -> None:
    sock, address = path_socket
    notifier = SystemdNotifier({"NOTIFY_SOCKET": address})

    notifier.status("importing Invitations.csv")
    notifier.stopping()

    assert _receive(sock) == {"STATUS": "importing Invitations.csv"}
    assert _receive(sock) == {"STOPPING": "1"}


def test_notifier_status_cannot_inject_assignments_through_newlines(
    path_socket: tuple[socket.socket, str],
) -> None:
    sock, address = path_socket

    SystemdNotifier({"NOTIFY_SOCKET": address}).status("watching /tmp/evil\nREADY=1")

    assert _receive(sock) == {"STATUS": "watching /tmp/evil READY=1"}


def test_notifier_without_notify_socket_is_a_no_op() -> None:
    notifier = SystemdNotifier({})

    assert not notifier.enabled
    assert not notifier.ready("x")
    assert not notifier.watchdog()


def test_notifier_reports_a_vanished_socket_without_raising(tmp_path: Path) -> None:
    notifier = SystemdNotifier({"NOTIFY_SOCKET": str(tmp_path / "gone")})

    assert notifier.enabled
    assert not notifier.ready()


@pytest.mark.parametrize(
    ("usec", "pid", "expected"),
    [
        ("30000000", "self", timedelta(seconds=30)),
        ("2000000", None, timedelta(seconds=2)),
        ("30000000", "1", None),  # meant for another process
        ("0", "self", None),
        ("soon", "self", None),
        (None, None, None),
    ],
)
def test_notifier_watchdog_interval_reads_watchdog_usec_for_this_pid(
    usec: str | None, pid: str | None, expected: timedelta | None
) -> None:
    environ = {"NOTIFY_SOCKET": "/run/notify"}
    if usec is not None:
        environ["WATCHDOG_USEC"] = usec
    if pid is not None:
        environ["WATCHDOG_PID"] = str(os.getpid()) if pid == "self" else pid

    assert SystemdNotifier(environ).watchdog_interval() == expected


NOW = datetime(2024, 3, 4, 18, 30, tzinfo=UTC)  # a Monday
HOME = Path("/home/ada")


def test_status_line_reads_like_the_issue_example() -> None:
    line = status_line([HOME / "Downloads"], 3, datetime(2024, 3, 5, 9, 0, tzinfo=UTC), NOW, HOME)

    assert line == "watching ~/Downloads · 3 meet-ups waiting · next reminder tomorrow 09:00"


@pytest.mark.parametrize(
    ("due", "shown"),
    [
        (datetime(2024, 3, 4, 21, 0, tzinfo=UTC), "today 21:00"),
        (datetime(2024, 3, 7, 9, 0, tzinfo=UTC), "Thu 09:00"),
        (datetime(2024, 3, 20, 9, 5, tzinfo=UTC), "20 Mar 09:05"),
        (datetime(2024, 3, 4, 18, 0, tzinfo=UTC), "due now"),
    ],
)
def test_status_line_names_the_next_reminder_relative_to_now(due: datetime, shown: str) -> None:
    assert status_line([HOME], 1, due, NOW, HOME).endswith(f"next reminder {shown}")


def test_status_line_converts_the_reminder_to_the_clock_of_now() -> None:
    paris = timezone(timedelta(hours=1))
    line = status_line([HOME], 1, datetime(2024, 3, 5, 8, 0, tzinfo=UTC), NOW, HOME)
    local = status_line(
        [HOME], 1, datetime(2024, 3, 5, 8, 0, tzinfo=UTC), NOW.astimezone(paris), HOME
    )

    assert line.endswith("tomorrow 08:00")
    assert local.endswith("tomorrow 09:00")


def test_status_line_counts_meetups_and_folders() -> None:
    folders = [HOME / "Downloads", Path("/srv/drop"), HOME / "a", HOME / "b"]

    assert (
        status_line(folders[:1], 0, None, NOW, HOME) == "watching ~/Downloads · no meet-ups waiting"
    )
    assert status_line(folders[:2], 1, None, NOW, HOME) == (
        "watching ~/Downloads, /srv/drop · 1 meet-up waiting"
    )
    assert status_line(folders, 2, None, NOW, HOME).startswith(
        "watching ~/Downloads, /srv/drop and 2 more · 2 meet-ups"
    )
    assert status_line([], 0, None, NOW, HOME).startswith("watching no folder")


def test_status_line_names_the_folders_not_watched_and_why() -> None:
    problems = {HOME / "Exports": "missing", Path("/srv/drop"): "unreadable: Permission denied"}
    line = status_line([HOME / "Downloads"], 0, None, NOW, HOME, not_watched=problems)
    assert line == (
        "watching ~/Downloads · not watching ~/Exports (missing), "
        "/srv/drop (unreadable: Permission denied) · no meet-ups waiting"
    )
    assert status_line([], 0, None, NOW, HOME, not_watched=problems).startswith(
        "watching no folder · not watching ~/Exports"
    )
