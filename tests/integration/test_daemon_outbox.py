"""The persistent outbox through the in-process daemon: a notice is recorded before it is sent,
so what quiet hours held, or what a stop or a failure caught between the commit and the
notification server, is shown at the next start — once, and never again after that.

The daemon's clock is a ``MovableClock``: quiet hours end because the test moves the clock, not
because it waits.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.support.clock import MovableClock
from tests.support.exports import invitations_json
from tests.support.inprocess import RunningDaemon, daemon_settings, running_daemon
from watcher.config.settings import Settings
from watcher.daemon.root import Daemon
from watcher.followup import apply as lifecycle
from watcher.followup.transitions import LifecycleEvent
from watcher.notify.backends import ActionHandler
from watcher.notify.texts import Notice
from watcher.store import Store

pytestmark = pytest.mark.timeout(60)

PARIS = ZoneInfo("Europe/Paris")
NIGHT = {"backend": "none", "quiet_hours": "22:00-08:00"}


def invitation_file(name: str, sent: datetime) -> bytes:
    slug = name.lower().replace(" ", "-")
    entry = {
        "name": name,
        "profile_url": f"https://www.linkedin.com/in/{slug}",
        "headline": "PR manager at Brightside",
        "note": "We have not met, but I'd love a coffee.",
        "sent_at": sent.isoformat(),
    }
    return invitations_json([entry])


def daemon_of(running: RunningDaemon) -> Daemon:
    assert running.daemon is not None
    return running.daemon


def titled(running: RunningDaemon, name: str) -> list[str]:
    return [title for title in running.notifier.titles if name in title]


def unsent(settings: Settings) -> int:
    store = Store(settings.storage.database_path())
    try:
        return len(store.unsent_notices())
    finally:
        store.close()


def breaking(running: RunningDaemon, error: BaseException) -> None:
    """From now on the daemon's notifier raises ``error`` instead of showing anything: the
    server went away, or (CancelledError) the loop was torn down mid-send."""

    async def send(notice: Notice, on_action: ActionHandler | None = None) -> None:
        raise error

    running.notifier.send = send  # type: ignore[method-assign]


async def test_outbox_held_for_quiet_hours_is_shown_once_after_a_restart(
    tmp_path: Path, drop: Path
) -> None:
    settings = daemon_settings(tmp_path, notifications=NIGHT)
    clock = MovableClock.at(datetime(2026, 6, 1, 23, 0, tzinfo=PARIS))
    async with running_daemon(settings, drop, clock=clock, zone=PARIS) as running:
        (drop / "ana.json").write_bytes(invitation_file("Ana Lima", clock() - timedelta(hours=1)))
        await running.wait_for_count(1)
        assert [n.title for n in daemon_of(running).outbox.held] == ["Ana Lima — meet first"]
    assert running.notifier.titles == []
    clock.advance(hours=1)  # midnight: still quiet
    async with running_daemon(settings, drop, clock=clock, zone=PARIS) as still_night:
        assert still_night.notifier.titles == []
    clock.moment = datetime(2026, 6, 2, 9, 0, tzinfo=PARIS)
    async with running_daemon(settings, drop, clock=clock, zone=PARIS) as morning:
        assert morning.notifier.titles == ["Ana Lima — meet first"]
    async with running_daemon(settings, drop, clock=clock, zone=PARIS) as later:
        assert later.notifier.titles == []  # shown once, never again
    assert unsent(settings) == 0


async def test_outbox_quiet_hours_end_while_running_shows_it_once(
    tmp_path: Path, drop: Path
) -> None:
    settings = daemon_settings(tmp_path, notifications=NIGHT)
    clock = MovableClock.at(datetime(2026, 6, 1, 23, 0, tzinfo=PARIS))
    async with running_daemon(settings, drop, clock=clock, zone=PARIS) as running:
        (drop / "ana.json").write_bytes(invitation_file("Ana Lima", clock() - timedelta(hours=1)))
        await running.wait_for_count(1)
        clock.moment = datetime(2026, 6, 2, 8, 0, tzinfo=PARIS)
        await daemon_of(running).time_moved()
        await daemon_of(running).time_moved()
    assert running.notifier.titles == ["Ana Lima — meet first"]
    async with running_daemon(settings, drop, clock=clock, zone=PARIS) as restarted:
        assert restarted.notifier.titles == []


@pytest.mark.parametrize(
    "error",
    [ConnectionError("the notification server went away"), asyncio.CancelledError()],
    ids=["server-failed", "loop-torn-down"],
)
async def test_outbox_notice_caught_between_commit_and_send_is_shown_at_the_next_start(
    tmp_path: Path, drop: Path, error: BaseException
) -> None:
    settings = daemon_settings(tmp_path)
    sent = datetime.now(UTC) - timedelta(hours=1)
    async with running_daemon(settings, drop) as running:
        breaking(running, error)
        (drop / "ana.json").write_bytes(invitation_file("Ana Lima", sent))
        await eventually(lambda: unsent(settings) == 1)  # committed with the import, not shown
    assert running.notifier.titles == []
    async with running_daemon(settings, drop) as restarted:
        assert restarted.notifier.titles == ["Ana Lima — meet first"]
    async with running_daemon(settings, drop) as again:
        assert again.notifier.titles == []
    assert unsent(settings) == 0


async def test_outbox_reminder_that_fired_but_was_not_shown_comes_once_at_the_next_start(
    tmp_path: Path, drop: Path
) -> None:
    settings = daemon_settings(tmp_path, meetup={"remind_after": ["1d"], "give_up_after": "3d"})
    clock = MovableClock.at()
    async with running_daemon(settings, drop, clock=clock) as running:
        (drop / "ana.json").write_bytes(invitation_file("Ana Lima", clock() - timedelta(hours=2)))
        await running.wait_for_count(1)
        sent_now(settings, clock())
        await daemon_of(running).reminders.resync()
        breaking(running, ConnectionError("the notification server went away"))
        clock.advance(days=1, seconds=1)
        await daemon_of(running).time_moved()
        await eventually(lambda: unsent(settings) == 1)  # the stage fired; its notice waits
    async with running_daemon(settings, drop, clock=clock) as restarted:
        await restarted.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
        await daemon_of(restarted).time_moved()  # the stage is behind it: nothing fires again
    assert titled(restarted, "Still waiting") == ["Still waiting to hear from Ana Lima"]
    async with running_daemon(settings, drop, clock=clock) as again:
        assert again.notifier.titles == []


async def test_outbox_failure_notice_survives_a_failed_send(tmp_path: Path, drop: Path) -> None:
    settings = daemon_settings(tmp_path)
    async with running_daemon(settings, drop) as running:
        breaking(running, ConnectionError("the notification server went away"))
        (drop / "broken.json").write_bytes(b'{"format": "invite-watcher/invitations@1", "invi')
        await running.wait_for_count(1)
        await eventually(lambda: unsent(settings) == 1)
    async with running_daemon(settings, drop) as restarted:
        assert restarted.notifier.titles == ["Could not import broken.json"]
        await restarted.wait_for_count(1)  # the rescan at start: failed before, not reported
    assert restarted.notifier.titles == ["Could not import broken.json"]


def sent_now(settings: Settings, now: datetime) -> None:
    """What `invite-watcher sent 1` does: its own connection, one transaction."""
    store = Store(settings.storage.database_path())
    try:
        with store.transaction():
            lifecycle.apply_event(store, 1, LifecycleEvent.SENT, "command: sent", now)
    finally:
        store.close()


async def eventually(check: Callable[[], bool], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.02)
