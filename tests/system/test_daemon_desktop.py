"""The running daemon, as a subprocess, through a real notification server (dunst on a private
session bus under Xvfb): drop a file into the watched folder, read the notification back.

Every wait is for an event (READY=1 on the notify socket, a log line, a notification in dunst's
history) with a deadline; nothing sleeps for a fixed time.
"""

from __future__ import annotations

import json
import re
import signal
import time
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.daemon import DaemonFactory, DaemonProcess, drop
from tests.support.desktop import POLL_INTERVAL, DesktopSession, Notification
from tests.support.exports import Invite, Person, build_archive, invitations_json
from tests.support.inprocess import quiet_hours_around_now
from tests.support.xdisplay import clipboard
from watcher.notify.texts import escape_markup

pytestmark = [pytest.mark.system, pytest.mark.timeout(60)]

APP = "invite-watcher"
SETTINGS = {"watch.settle": "0.2s", "watch.rescan": "0s"}
MEET_FIRST_NOTE = "We have not met, but I'd love a coffee to talk about climate PR."
ACCEPT_NOTE = "Hi! We've never met but I'm building a circle of PR people. Up for a quick call?"
STOCK_NOTE = "I'd like to add you to my professional network on LinkedIn."


def invitation(name: str, note: str, index: int = 0) -> dict[str, Any]:
    slug = name.lower().replace(" ", "-")
    return {
        "name": name,
        "profile_url": f"https://www.linkedin.com/in/{slug}",
        "headline": "PR manager at Brightside",
        "note": note,
        "sent_at": f"2026-03-{index % 28 + 1:02d}T10:{index // 28:02d}:00+00:00",
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    return downloads


@pytest.fixture
def daemon(
    desktop_session: DesktopSession, daemon_factory: DaemonFactory, folder: Path
) -> DaemonProcess:
    return daemon_factory(folder, settings=SETTINGS)


def listed(daemon: DaemonProcess) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(daemon.cli("list", "--json").stdout)
    return rows


def ours(desktop: DesktopSession) -> list[Notification]:
    return [n for n in desktop.history() if n["appname"] == APP]


def wait_until_displayed(desktop: DesktopSession, count: int = 1, timeout: float = 10.0) -> None:
    """Wait without closing anything: an action needs a notification still on screen."""
    deadline = time.monotonic() + timeout
    while desktop.displayed() < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"fewer than {count} notifications displayed within {timeout}s")
        time.sleep(POLL_INTERVAL)  # dunst has no "displayed" event to await


def verdict_title(counts: Mapping[str, int]) -> str:
    order = (("meet-first", "meet first"), ("accept", "accept"), ("ignore", "ignore"))
    parts = [f"{counts[key]} {label}" for key, label in order if counts.get(key)]
    return f"{sum(counts.values())} new invitations: {', '.join(parts)}"


# --------------------------------------------------------------------------------------------
# One invitation, many, a hostile one
# --------------------------------------------------------------------------------------------


def test_daemon_dropped_invitation_notifies_with_verdict_title_and_top_reasons(
    desktop_session: DesktopSession, daemon: DaemonProcess, folder: Path
) -> None:
    drop(folder, "invitations.json", invitations_json([invitation("Ada Nwosu", MEET_FIRST_NOTE)]))

    received = desktop_session.wait_for_summary("Ada Nwosu — meet first")

    (row,) = listed(daemon)
    assert row["verdict"] == "meet-first"
    lines = received["body"].splitlines()
    assert lines[1] == escape_markup(f"Their note: “{MEET_FIRST_NOTE}”")
    reasons = {escape_markup(f"• {reason['detail']}") for reason in row["reasons"]}
    bullets = [line for line in lines if line.startswith("•")]
    assert bullets
    assert set(bullets) <= reasons
    assert len(ours(desktop_session)) == 1


def test_daemon_dropped_archive_notifies_its_pending_invitation(
    desktop_session: DesktopSession, daemon: DaemonProcess, folder: Path
) -> None:
    inviter = Person("Bo Lindgren", "https://www.linkedin.com/in/bo-lindgren")
    archive = build_archive(
        invitations=[Invite(inviter, datetime.now(UTC) - timedelta(hours=3), ACCEPT_NOTE)],
        connections=[],
        year=2024,
    )

    drop(folder, "Basic_LinkedInDataExport_03-02-2026.zip", archive)

    received = desktop_session.wait_for(lambda n: n["summary"].startswith("Bo Lindgren — "))
    (row,) = listed(daemon)
    assert received["summary"] == f"Bo Lindgren — {row['verdict'].replace('-', ' ')}"


def test_daemon_many_invitations_make_one_summary(
    desktop_session: DesktopSession, daemon: DaemonProcess, folder: Path
) -> None:
    notes = [ACCEPT_NOTE] * 2 + [MEET_FIRST_NOTE] * 3 + [STOCK_NOTE] * 9
    people = [invitation(f"Person {i}", note, i) for i, note in enumerate(notes)]

    drop(folder, "invitations.json", invitations_json(people))

    received = desktop_session.wait_for(lambda n: n["summary"].startswith("14 new invitations"))
    counts = Counter(row["verdict"] for row in listed(daemon))
    assert sum(counts.values()) == 14
    assert received["summary"] == verdict_title(counts)
    assert received["body"].endswith("See them all with: invite-watcher list")
    assert len(ours(desktop_session)) == 1  # the summary only, no notification per person


def test_daemon_hostile_note_arrives_escaped_and_truncated(
    desktop_session: DesktopSession, daemon: DaemonProcess, folder: Path
) -> None:
    hostile = (
        'Hi <b>Eve</b> & team!\n<a href="https://evil.example/?a=1&b=2">win</a>\r\n'
        + "we have not met but coffee? " * 370  # ~10 KB
    )
    assert len(hostile) > 10_000

    drop(folder, "invitations.json", invitations_json([invitation("Mallory Quill", hostile)]))

    received = desktop_session.wait_for(lambda n: n["summary"].startswith("Mallory Quill — "))
    body = received["body"]
    assert "<" not in body
    assert ">" not in body
    assert "Their note: “Hi &lt;b&gt;Eve&lt;/b&gt; &amp; team! &lt;a href=&quot;https:" in body
    note_line = next(line for line in body.splitlines() if line.startswith("Their note"))
    assert note_line.endswith("…”")  # truncated, and the hostile newlines did not split it
    assert len(body) < 1000
    # dunst rendered the escaped body as text: the markup shows literally, none took effect.
    assert "&lt;b&gt;Eve&lt;/b&gt;" in received["message"]


def test_daemon_file_moved_in_from_elsewhere_is_taken_without_waiting_to_settle(
    desktop_session: DesktopSession, daemon_factory: DaemonFactory, folder: Path
) -> None:
    """A rename into place is the writer's own "done": no settle period, however long."""
    daemon_factory(folder, settings={"watch.settle": "30s", "watch.rescan": "0s"})

    drop(folder, "invitations.json", invitations_json([invitation("Ada Nwosu", MEET_FIRST_NOTE)]))

    desktop_session.wait_for_summary("Ada Nwosu — meet first", timeout=5)


# --------------------------------------------------------------------------------------------
# The "Draft meet-up" action
# --------------------------------------------------------------------------------------------


def test_daemon_draft_action_shows_the_drafted_message(
    desktop_session: DesktopSession, daemon: DaemonProcess, folder: Path
) -> None:
    drop(folder, "invitations.json", invitations_json([invitation("Ada Nwosu", MEET_FIRST_NOTE)]))
    daemon.wait_for_log(r"imported .*invitations\.json")
    wait_until_displayed(desktop_session)

    desktop_session.invoke_action(0)  # the meet-first notice's default action: Draft meet-up

    draft = desktop_session.wait_for_summary("Meet-up draft for Ada Nwosu")
    (row,) = listed(daemon)
    expected = daemon.cli("draft", str(row["id"])).stdout.rstrip("\n")
    assert draft["body"] == escape_markup(
        f"{expected}\n\n#{row['id']}: invite-watcher draft {row['id']}"
    )
    assert draft["body"].startswith("Hi Ada,")
    assert draft["timeout"] == 0  # it waits to be copied


def test_daemon_draft_copy_puts_the_draft_on_the_clipboard(
    desktop_session: DesktopSession, daemon: DaemonProcess, folder: Path
) -> None:
    drop(folder, "invitations.json", invitations_json([invitation("Ada Nwosu", MEET_FIRST_NOTE)]))
    daemon.wait_for_log(r"imported .*invitations\.json")
    wait_until_displayed(desktop_session)
    desktop_session.invoke_action(0)  # Draft meet-up (the invitation's notice stays)
    wait_until_displayed(desktop_session, 2)
    desktop_session.dunstctl("close")  # the top one: the invitation's, shown first
    assert [n["summary"] for n in ours(desktop_session)] == ["Ada Nwosu — meet first"]

    desktop_session.invoke_action(0)  # the draft's default action: Copy

    expected = daemon.cli("draft", "1").stdout.rstrip("\n")
    deadline = time.monotonic() + 10
    while (held := clipboard(desktop_session.display, empty_ok=True)) != expected:
        assert time.monotonic() < deadline, f"clipboard holds {held!r}\n{daemon.log_tail()}"
        time.sleep(POLL_INTERVAL)  # xclip has no event to await


def test_daemon_notices_name_the_invitation_id(
    desktop_session: DesktopSession, daemon: DaemonProcess, folder: Path
) -> None:
    drop(folder, "invitations.json", invitations_json([invitation("Ada Nwosu", MEET_FIRST_NOTE)]))

    received = desktop_session.wait_for_summary("Ada Nwosu — meet first")

    (row,) = listed(daemon)
    assert received["body"].splitlines()[-1] == f"#{row['id']}: invite-watcher show {row['id']}"


def test_daemon_open_profile_without_a_browser_says_so(
    desktop_session: DesktopSession, daemon_factory: DaemonFactory, folder: Path
) -> None:
    # Without a display webbrowser tries $BROWSER alone (with one it would start chromium).
    env = {"BROWSER": "/bin/false", "DISPLAY": None, "WAYLAND_DISPLAY": None}
    daemon = daemon_factory(folder, settings=SETTINGS, env=env)
    drop(folder, "invitations.json", invitations_json([invitation("Sam Stock", STOCK_NOTE)]))
    daemon.wait_for_log(r"imported .*invitations\.json")
    wait_until_displayed(desktop_session)

    desktop_session.invoke_action(0)  # an ignore notice's default action: Open profile

    failed = desktop_session.wait_for_summary("Could not open the profile")
    lines = failed["body"].splitlines()
    assert (
        lines[0] == "No browser could open https://www.linkedin.com/in/sam-stock; open it yourself."
    )
    assert lines[-1] == "#1: invite-watcher show 1"
    assert failed["timeout"] == 0


# --------------------------------------------------------------------------------------------
# Broken files
# --------------------------------------------------------------------------------------------


def test_daemon_broken_file_is_reported_once(
    desktop_session: DesktopSession, daemon: DaemonProcess, folder: Path
) -> None:
    broken = invitations_json([invitation("Ada Nwosu", MEET_FIRST_NOTE)])[:200]

    drop(folder, "broken.json", broken)
    failure = desktop_session.wait_for_summary("Could not import broken.json")
    assert "not valid JSON" in failure["body"]

    mark = daemon.log_position()
    drop(folder, "broken (1).json", broken)  # downloaded again: same content, new name
    daemon.wait_for_log(r"broken \(1\)\.json: failed before, not retried", since=mark)

    desktop_session.close_all()
    failures = [n for n in ours(desktop_session) if n["summary"].startswith("Could not import")]
    assert len(failures) == 1
    assert daemon.cli("list", "--json").returncode == 0


# --------------------------------------------------------------------------------------------
# No session bus; the demo
# --------------------------------------------------------------------------------------------


def test_daemon_without_session_bus_warns_once_and_still_imports(
    daemon_factory: DaemonFactory, folder: Path
) -> None:
    daemon = daemon_factory(
        folder, env={"DBUS_SESSION_BUS_ADDRESS": None, "DISPLAY": None}, settings=SETTINGS
    )

    drop(folder, "invitations.json", invitations_json([invitation("Ada Nwosu", MEET_FIRST_NOTE)]))
    daemon.wait_for_log(r"Notification: Ada Nwosu — meet first \| ")

    warnings = re.findall(r"^.* WARNING .*$", daemon.log(), re.MULTILINE)
    assert len(warnings) == 1, warnings
    assert "No desktop notification server yet" in warnings[0]
    assert "wait in the outbox" in warnings[0]
    assert [row["name"] for row in listed(daemon)] == ["Ada Nwosu"]


def test_daemon_demo_notifies_within_seconds(
    desktop_session: DesktopSession, daemon: DaemonProcess, folder: Path
) -> None:
    daemon.cli("demo", "--folder", str(folder))

    summary = desktop_session.wait_for(
        lambda n: n["summary"].startswith("6 new invitations: "), timeout=5
    )
    assert "See them all with: invite-watcher list" in summary["body"]
    assert len(listed(daemon)) == 6


def test_daemon_tells_the_service_manager_status_and_stopping(
    daemon_factory: DaemonFactory, folder: Path
) -> None:
    daemon = daemon_factory(folder, settings={**SETTINGS, "notifications.backend": "none"})
    ready = daemon.notifications[-1]
    assert ready["STATUS"].startswith(f"watching {folder}")

    drop(folder, "invitations.json", invitations_json([invitation("Ada Nwosu", MEET_FIRST_NOTE)]))
    daemon.wait_for_notify("STATUS")  # sent after each import
    daemon.stop()

    assert "STOPPING" in daemon.notifications[-1]
    assert [row["name"] for row in listed(daemon)] == ["Ada Nwosu"]


# --------------------------------------------------------------------------------------------
# The persistent outbox: kill -9
# --------------------------------------------------------------------------------------------


def test_daemon_killed_before_its_notice_went_out_shows_it_once_at_the_next_start(
    desktop_session: DesktopSession, daemon_factory: DaemonFactory, folder: Path
) -> None:
    # Quiet hours hold the notice after the import committed: a kill -9 now lands exactly
    # between the commit and the notification.
    quiet, _ = quiet_hours_around_now()
    night = daemon_factory(folder, settings={**SETTINGS, "notifications.quiet_hours": quiet})
    mark = night.log_position()
    drop(folder, "invitations.json", invitations_json([invitation("Ada Nwosu", MEET_FIRST_NOTE)]))
    night.wait_for_log(r"quiet hours: 1 notices wait", since=mark)
    night.signal(signal.SIGKILL)
    night.stop(expect_status=None)
    assert ours(desktop_session) == []

    morning = daemon_factory(folder, settings=SETTINGS)
    desktop_session.wait_for_summary("Ada Nwosu — meet first")
    morning.stop()
    daemon_factory(folder, settings=SETTINGS).stop()  # READY comes after its start delivered

    desktop_session.close_all()
    assert [n["summary"] for n in ours(desktop_session)] == ["Ada Nwosu — meet first"]
