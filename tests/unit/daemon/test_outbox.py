"""The outbox: the one place quiet hours hold a notice back, with a clock the test moves."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from tests.support.clock import MovableClock
from tests.support.notifiers import RecordingNotifier
from watcher.config.settings import QuietHours
from watcher.daemon.outbox import Outbox
from watcher.daemon.tasks import BackgroundTasks
from watcher.notify.texts import Notice

PARIS = ZoneInfo("Europe/Paris")
NIGHT = QuietHours(start=time(22, 0), end=time(8, 0))


def outbox_at(moment: datetime, quiet: QuietHours | None = NIGHT) -> tuple[Outbox, MovableClock]:
    clock = MovableClock.at(moment)
    tasks = BackgroundTasks()
    return Outbox(RecordingNotifier(), lambda: quiet, zone=PARIS, clock=clock, tasks=tasks), clock


def titles(outbox: Outbox) -> list[str]:
    notifier = outbox.notifier
    assert isinstance(notifier, RecordingNotifier)
    return [notice.title for notice in notifier.notices]


async def test_outbox_sends_at_once_outside_quiet_hours() -> None:
    outbox, _ = outbox_at(datetime(2026, 6, 1, 12, 0, tzinfo=PARIS))
    await outbox.send(Notice(title="noon", body=""))
    assert titles(outbox) == ["noon"]
    assert outbox.held == []


async def test_outbox_holds_a_notice_until_the_end_of_quiet_hours() -> None:
    outbox, clock = outbox_at(datetime(2026, 6, 1, 23, 30, tzinfo=PARIS))
    await outbox.send(Notice(title="late", body=""))
    assert titles(outbox) == []
    assert [n.title for n in outbox.held] == ["late"]
    clock.moment = datetime(2026, 6, 2, 7, 59, tzinfo=PARIS)
    await outbox.time_moved()
    assert titles(outbox) == []  # a minute early: still held
    clock.moment = datetime(2026, 6, 2, 8, 0, tzinfo=PARIS)
    await outbox.time_moved()
    assert titles(outbox) == ["late"]
    assert outbox.held == []
    await outbox.time_moved()
    assert titles(outbox) == ["late"]  # shown once


async def test_outbox_keeps_what_it_holds_when_the_notifier_is_replaced() -> None:
    outbox, clock = outbox_at(datetime(2026, 6, 1, 23, 30, tzinfo=PARIS))
    await outbox.send(Notice(title="late", body=""))
    old = outbox.notifier
    await outbox.replace_notifier(RecordingNotifier())
    assert isinstance(old, RecordingNotifier) and old.closed
    clock.moment = datetime(2026, 6, 2, 9, 0, tzinfo=PARIS)
    await outbox.time_moved()
    assert titles(outbox) == ["late"]  # through the new notifier


async def test_outbox_without_quiet_hours_never_holds() -> None:
    outbox, _ = outbox_at(datetime(2026, 6, 1, 23, 30, tzinfo=PARIS), quiet=None)
    await outbox.send(Notice(title="late", body=""))
    assert titles(outbox) == ["late"]
