"""The outbox: recorded before it is sent, held for quiet hours, folded by the budget; a real
SQLite store and a clock the test moves."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from loguru import logger

from tests.support.clock import MovableClock
from tests.support.notifiers import RecordingNotifier
from watcher.config.settings import Settings
from watcher.daemon.outbox import Outbox, record
from watcher.daemon.tasks import BackgroundTasks
from watcher.notify.backends import ActionHandler, NotDelivered
from watcher.notify.texts import Action, Notice, NoticeKind
from watcher.store import Store

PARIS = ZoneInfo("Europe/Paris")
NIGHT = "22:00-08:00"
NOON = datetime(2026, 6, 1, 12, 0, tzinfo=PARIS)
LATE = datetime(2026, 6, 1, 23, 30, tzinfo=PARIS)

T = TypeVar("T")


@dataclass
class Rig:
    store: Store
    clock: MovableClock
    settings: Settings
    handled: list[tuple[int | None, str]]

    def outbox(self, notifier: RecordingNotifier | None = None) -> Outbox:
        async def db(work: Callable[[Store], T]) -> T:
            return work(self.store)

        def handler_for(invitation_id: int | None) -> ActionHandler | None:
            return lambda action: self.handled.append((invitation_id, action))

        return Outbox(
            notifier or RecordingNotifier(),
            lambda: self.settings,
            db=db,
            handler_for=handler_for,
            zone=PARIS,
            clock=self.clock,
            tasks=BackgroundTasks(),
        )


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    store = Store(tmp_path / "db.sqlite")
    yield Rig(store, MovableClock.at(NOON), Settings(), [])
    store.close()


def with_notifications(rig: Rig, **values: Any) -> None:
    rig.settings = Settings(notifications={**rig.settings.notifications.model_dump(), **values})


async def started(rig: Rig) -> Outbox:
    outbox = rig.outbox()
    await outbox.start(RecordingNotifier())
    return outbox


def sent(outbox: Outbox) -> list[Notice]:
    notifier = outbox.notifier
    assert isinstance(notifier, RecordingNotifier)
    return notifier.notices


def titles(outbox: Outbox) -> list[str]:
    return [notice.title for notice in sent(outbox)]


def notice(title: str, kind: NoticeKind = NoticeKind.INVITATION) -> Notice:
    return Notice(title=title, body="", kind=kind)


async def test_outbox_sends_at_once_outside_quiet_hours(rig: Rig) -> None:
    with_notifications(rig, quiet_hours=NIGHT)
    outbox = await started(rig)
    await outbox.send(notice("noon"))
    assert titles(outbox) == ["noon"]
    assert outbox.held == []
    assert rig.store.unsent_notices() == []  # marked shown


async def test_outbox_holds_a_notice_until_the_end_of_quiet_hours(rig: Rig) -> None:
    with_notifications(rig, quiet_hours=NIGHT)
    rig.clock.moment = LATE
    outbox = await started(rig)
    await outbox.send(notice("late"))
    assert titles(outbox) == []
    assert [n.title for n in outbox.held] == ["late"]
    rig.clock.moment = datetime(2026, 6, 2, 7, 59, tzinfo=PARIS)
    await outbox.time_moved()
    assert titles(outbox) == []  # a minute early: still held
    rig.clock.moment = datetime(2026, 6, 2, 8, 0, tzinfo=PARIS)
    await outbox.time_moved()
    assert titles(outbox) == ["late"]
    assert outbox.held == []
    await outbox.time_moved()
    assert titles(outbox) == ["late"]  # shown once


async def test_outbox_keeps_what_it_holds_when_the_notifier_is_replaced(rig: Rig) -> None:
    with_notifications(rig, quiet_hours=NIGHT)
    rig.clock.moment = LATE
    outbox = await started(rig)
    await outbox.send(notice("late"))
    old = outbox.notifier
    await outbox.replace_notifier(RecordingNotifier())
    assert isinstance(old, RecordingNotifier) and old.closed
    rig.clock.moment = datetime(2026, 6, 2, 9, 0, tzinfo=PARIS)
    await outbox.time_moved()
    assert titles(outbox) == ["late"]  # through the new notifier


async def test_outbox_without_quiet_hours_never_holds(rig: Rig) -> None:
    rig.clock.moment = LATE
    outbox = await started(rig)
    await outbox.send(notice("late"))
    assert titles(outbox) == ["late"]


async def test_outbox_held_notice_survives_a_restart_and_shows_once(rig: Rig) -> None:
    with_notifications(rig, quiet_hours=NIGHT)
    rig.clock.moment = LATE
    first = await started(rig)
    await first.send(notice("late"))
    await first.aclose()
    rig.clock.moment = datetime(2026, 6, 2, 9, 0, tzinfo=PARIS)
    second = await started(rig)
    assert titles(second) == ["late"]
    await second.aclose()
    third = await started(rig)
    assert titles(third) == []  # shown by the second run: never again


async def test_outbox_sends_nothing_before_it_is_started(rig: Rig) -> None:
    outbox = rig.outbox()
    await outbox.send(notice("early"))
    assert titles(outbox) == []
    await outbox.start(RecordingNotifier())
    assert titles(outbox) == ["early"]


async def test_outbox_shows_what_a_transaction_recorded(rig: Rig) -> None:
    outbox = await started(rig)
    with rig.store.transaction():
        record(rig.store, [notice("one"), notice("two")], rig.clock(), "import of x.zip")
    assert titles(outbox) == []  # recorded, not yet delivered
    await outbox.deliver()
    assert titles(outbox) == ["one", "two"]


async def test_outbox_notice_whose_send_fails_is_shown_at_the_next_delivery(rig: Rig) -> None:
    class Failing(RecordingNotifier):
        async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
            raise ConnectionError("the server went away")

    outbox = rig.outbox()
    await outbox.start(Failing())
    await outbox.send(notice("lost?"))  # logged, not raised: the caller goes on
    assert len(rig.store.unsent_notices()) == 1
    await outbox.replace_notifier(RecordingNotifier())
    await outbox.deliver()
    await outbox.deliver()
    assert titles(outbox) == ["lost?"]


async def test_outbox_rebuilds_the_buttons_handler_from_the_invitation(rig: Rig) -> None:
    outbox = await started(rig)
    buttons = (Action("open-profile", "Open profile"),)
    await outbox.send(Notice(title="Ana", body="", actions=buttons, invitation_ids=(7,)))
    notifier = outbox.notifier
    assert isinstance(notifier, RecordingNotifier)
    notifier.click("open-profile")
    assert rig.handled == [(7, "open-profile")]


async def test_outbox_budget_folds_a_burst_into_one_summary(rig: Rig) -> None:
    with_notifications(rig, budget_per_minute=3)
    outbox = await started(rig)
    for number in range(8):  # one by one, as reminders fire
        await outbox.send(notice(f"reminder {number}", NoticeKind.REMINDER))
    assert titles(outbox) == ["reminder 0", "reminder 1", "reminder 2"]
    rig.clock.advance(seconds=5)  # the burst settled
    await outbox.time_moved()
    assert titles(outbox)[3:] == ["And 5 more notifications"]
    [summary] = [n for n in sent(outbox) if n.kind is NoticeKind.FOLDED]
    assert "5 reminders" in summary.body and "invite-watcher reminders" in summary.body
    assert rig.store.unsent_notices() == []
    await outbox.time_moved()
    assert len(titles(outbox)) == 4  # each folded notice counted once


async def test_outbox_budget_gives_at_most_one_summary_a_minute(rig: Rig) -> None:
    with_notifications(rig, budget_per_minute=2)
    outbox = await started(rig)
    for number in range(4):
        await outbox.send(notice(f"a{number}"))
    rig.clock.advance(seconds=20)
    await outbox.time_moved()  # 0:20, the first summary
    for number in range(3):
        await outbox.send(notice(f"b{number}"))  # the window is still full: all folded
    assert titles(outbox) == ["a0", "a1", "And 2 more notifications"]
    rig.clock.advance(seconds=59)
    await outbox.time_moved()
    assert len(titles(outbox)) == 3  # 1:19: a minute has not passed since the last summary
    rig.clock.advance(seconds=1)
    await outbox.time_moved()
    assert titles(outbox)[3:] == ["And 3 more notifications"]


async def test_outbox_budget_applies_to_what_waited_for_quiet_hours(rig: Rig) -> None:
    with_notifications(rig, quiet_hours=NIGHT, budget_per_minute=4)
    rig.clock.moment = LATE
    outbox = await started(rig)
    for number in range(30):
        await outbox.send(notice(f"night {number}"))
    assert titles(outbox) == []
    rig.clock.moment = datetime(2026, 6, 2, 8, 0, tzinfo=PARIS)
    await outbox.time_moved()
    assert titles(outbox) == [f"night {n}" for n in range(4)]
    rig.clock.advance(seconds=5)
    await outbox.time_moved()
    assert titles(outbox)[4:] == ["And 26 more notifications"]


async def test_outbox_folded_notices_are_summarised_after_a_restart(rig: Rig) -> None:
    with_notifications(rig, budget_per_minute=1)
    first = await started(rig)
    for number in range(3):
        await first.send(notice(f"n{number}"))
    await first.aclose()  # stopped before the summary was due
    rig.clock.advance(minutes=5)
    second = await started(rig)
    assert titles(second) == ["And 2 more notifications"]


async def test_outbox_draft_asked_for_is_never_held_back(rig: Rig) -> None:
    with_notifications(rig, quiet_hours=NIGHT, budget_per_minute=1)
    rig.clock.moment = LATE
    outbox = await started(rig)
    await outbox.send(notice("reminder", NoticeKind.REMINDER))
    await outbox.send(notice("Meet-up draft for Ana", NoticeKind.DRAFT))
    assert titles(outbox) == ["Meet-up draft for Ana"]
    assert [n.title for n in outbox.held] == ["reminder"]


async def test_outbox_start_drops_what_was_shown_long_ago(rig: Rig) -> None:
    outbox = await started(rig)
    await outbox.send(notice("old"))
    await outbox.aclose()
    rig.clock.advance(days=31)
    await started(rig)
    assert rig.store.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


class NoServerYet(RecordingNotifier):
    """A desktop notifier before the session is up: NotDelivered until ``up`` is set."""

    up: bool = False

    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
        if not self.up:
            raise NotDelivered("no server")
        await super().send(notice, on_action)


async def test_outbox_keeps_what_no_server_took_and_tries_again(rig: Rig) -> None:
    lines: list[str] = []
    sink = logger.add(lambda line: lines.append(str(line)), level="INFO")
    notifier = NoServerYet()
    outbox = rig.outbox()
    try:
        await outbox.start(notifier)
        await outbox.send(notice("first"))
        await outbox.send(notice("second"))
        await outbox.deliver()  # a retry, the server still not up
        assert notifier.titles == []
        assert len(rig.store.unsent_notices()) == 2  # not marked shown: they wait
        logged = [line for line in lines if "Notification: " in line]
        assert len(logged) == 2  # each logged once, however often it was tried
        notifier.up = True
        await outbox.deliver()  # what the retry timer does
        assert notifier.titles == ["first", "second"]
        assert rig.store.unsent_notices() == []
    finally:
        logger.remove(sink)
        await outbox.aclose()


async def test_outbox_retries_by_itself_when_no_server_took_a_notice(rig: Rig) -> None:
    notifier = NoServerYet()
    outbox = rig.outbox()
    await outbox.start(notifier)
    try:
        await outbox.send(notice("waiting"))
        notifier.up = True  # the session started; nothing else happens
        async with asyncio.timeout(10):
            while notifier.titles != ["waiting"]:
                await asyncio.sleep(0.05)
    finally:
        await outbox.aclose()
