"""Meet-up reminders through the running daemon: real APScheduler, real SQLite, a moved clock.

The daemon's clock is a ``MovableClock``: a test moves it by days and tells the daemon the time
moved (what a resume from suspend does), so realistic waits (a day, three days) run in
milliseconds and "nothing more fires" is shown by the scheduler having no job left, not by
sleeping. The test plays the CLI by writing to the database through its own connection (as
`sent`, `replied` and `decide` do from another process) and watches what the daemon notifies.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from loguru import logger

from tests.support.clock import MovableClock
from tests.support.exports import OWNER, Msg, Person, build_archive, invitations_json
from tests.support.inprocess import RunningDaemon, daemon_settings, running_daemon
from watcher.config.settings import Settings
from watcher.daemon.root import Daemon
from watcher.followup import apply as lifecycle
from watcher.followup.transitions import LifecycleEvent
from watcher.models import Status, Verdict
from watcher.store import Store

pytestmark = pytest.mark.timeout(60)

JANE = Person("Jane Roe", "https://www.linkedin.com/in/jane-roe")
PARIS = ZoneInfo("Europe/Paris")


def days(tmp_path: Path, **meetup: Any) -> Settings:
    values = {"remind_after": ["1d", "2d"], "give_up_after": "3d", **meetup}
    return daemon_settings(tmp_path, meetup=values)


def reminders(running: RunningDaemon) -> list[str]:
    return [
        n.title for n in running.notifier.notices if "Jane Roe" in n.title and "—" not in n.title
    ]


def daemon_of(running: RunningDaemon) -> Daemon:
    assert running.daemon is not None
    return running.daemon


async def import_jane(running: RunningDaemon, drop: Path, sent: datetime) -> None:
    entry = {
        "name": JANE.name,
        "profile_url": JANE.url,
        "headline": "PR manager at Brightside",
        "note": "",
        "sent_at": sent.isoformat(),
    }
    (drop / "jane.json").write_bytes(invitations_json([entry]))
    await running.wait_for_count(1)


def cli(
    settings: Settings, event: LifecycleEvent, now: datetime, at: datetime | None = None
) -> None:
    """What `invite-watcher sent|replied ID` does: its own connection, one transaction."""
    store = Store(settings.storage.database_path())
    try:
        with store.transaction():
            lifecycle.apply_event(store, 1, event, f"command: {event.value}", now, at=at)
    finally:
        store.close()


def stored(settings: Settings) -> tuple[Status, Verdict | None, int | None]:
    store = Store(settings.storage.database_path())
    try:
        invitation = store.invitation(1)
        assert invitation is not None
        return invitation.status, invitation.verdict, invitation.score
    finally:
        store.close()


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    """Wait until ``check()`` holds: for what another process's write makes the daemon do."""
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.02)


async def no_jobs_left(running: RunningDaemon) -> bool:
    return daemon_of(running).reminders.scheduler.get_jobs() == []


async def move(running: RunningDaemon, clock: MovableClock, **delta: float) -> None:
    clock.advance(**delta)
    await daemon_of(running).time_moved()


async def test_reminders_full_cycle_ends_unanswered(tmp_path: Path, drop: Path) -> None:
    settings, clock = days(tmp_path), MovableClock.at()
    async with running_daemon(settings, drop, clock=clock) as running:
        await import_jane(running, drop, clock() - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT, clock())
        await daemon_of(running).reminders.resync()  # as the database watch would, at once
        for count, title in ((1, "Still waiting"), (2, "Still waiting"), (3, "No answer")):
            await move(running, clock, days=1, seconds=1)
            await running.wait_for_notice(lambda n, c=count, t=title: _nth(running, c, t))
        assert await no_jobs_left(running)  # nothing may follow the give-up
        before = stored(settings)
        await daemon_of(running).reminders.on_action(1, "give-up")  # a second one changes nothing
        assert stored(settings) == before
    assert reminders(running) == [
        "Still waiting to hear from Jane Roe",
        "Still waiting to hear from Jane Roe",
        "No answer from Jane Roe",
    ]
    assert stored(settings)[:2] == (Status.UNANSWERED, Verdict.IGNORE)


def _nth(running: RunningDaemon, count: int, title: str) -> bool:
    seen = reminders(running)
    return len(seen) >= count and seen[count - 1].startswith(title)


async def test_reminders_stop_when_they_replied(tmp_path: Path, drop: Path) -> None:
    settings, clock = days(tmp_path), MovableClock.at()
    async with running_daemon(settings, drop, clock=clock) as running:
        await import_jane(running, drop, clock() - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT, clock())
        await daemon_of(running).reminders.resync()
        await move(running, clock, days=1, seconds=1)
        await running.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
        running.notifier.click("replied")
        await eventually(lambda: no_jobs_left(running))
        await move(running, clock, days=10)  # past every due time: nothing more may come
    assert reminders(running) == ["Still waiting to hear from Jane Roe"]
    assert stored(settings)[0] is Status.REPLIED


async def test_reminders_replied_from_the_cli_takes_effect(tmp_path: Path, drop: Path) -> None:
    settings, clock = days(tmp_path), MovableClock.at()
    async with running_daemon(settings, drop, clock=clock) as running:
        await import_jane(running, drop, clock() - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT, clock())
        await eventually(lambda: _has_jobs(running))  # the database watch saw the CLI's write
        cli(settings, LifecycleEvent.REPLIED, clock())
        await eventually(lambda: no_jobs_left(running))
        await move(running, clock, days=10)
    assert reminders(running) == []


async def _has_jobs(running: RunningDaemon) -> bool:
    return not await no_jobs_left(running)


async def test_reminders_plan_survives_a_restart(tmp_path: Path, drop: Path) -> None:
    settings = days(tmp_path, remind_after=["1d", "3d"], give_up_after="5d")
    clock = MovableClock.at()
    async with running_daemon(settings, drop, clock=clock) as running:
        await import_jane(running, drop, clock() - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT, clock())
        await daemon_of(running).reminders.resync()
        await move(running, clock, days=1, seconds=1)
        await running.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
    assert len(reminders(running)) == 1
    async with running_daemon(settings, drop, clock=clock) as restarted:
        await move(restarted, clock, days=2)
        await restarted.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
        await move(restarted, clock, days=2)
        await restarted.wait_for_notice(lambda n: n.title.startswith("No answer"))
    assert reminders(restarted) == [
        "Still waiting to hear from Jane Roe",
        "No answer from Jane Roe",
    ]


async def test_reminders_missed_while_down_fire_only_the_latest(tmp_path: Path, drop: Path) -> None:
    settings = days(tmp_path, remind_after=["1d", "2d"], give_up_after="30d")
    clock = MovableClock.at()
    async with running_daemon(settings, drop, clock=clock) as running:
        await import_jane(running, drop, clock() - timedelta(hours=1))
    cli(settings, LifecycleEvent.SENT, clock(), at=clock() - timedelta(days=2, hours=12))
    async with running_daemon(settings, drop, clock=clock) as restarted:
        await restarted.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
        # The one job left is the give-up, 30 days out: the earlier stage cannot fire any more.
        await eventually(lambda: _has_jobs(restarted))
        [job] = daemon_of(restarted).reminders.scheduler.get_jobs()
        assert job.args == (1, 2)
    assert reminders(restarted) == ["Still waiting to hear from Jane Roe"]


def quiet_night(tmp_path: Path, **meetup: Any) -> Settings:
    return daemon_settings(
        tmp_path,
        meetup=meetup,
        notifications={"backend": "none", "quiet_hours": "22:00-08:00"},
    )


async def test_reminders_wait_for_the_end_of_quiet_hours(tmp_path: Path, drop: Path) -> None:
    settings = quiet_night(tmp_path, remind_after=["1h"], give_up_after="3d")
    clock = MovableClock.at(datetime(2026, 6, 1, 21, 0, tzinfo=PARIS))  # an hour before quiet
    async with running_daemon(settings, drop, clock=clock, zone=PARIS) as running:
        await import_jane(running, drop, clock() - timedelta(days=1))
        cli(settings, LifecycleEvent.SENT, clock() + timedelta(minutes=30))  # due 22:30: quiet
        await daemon_of(running).reminders.resync()
        await move(running, clock, hours=2)  # 23:00: the reminder would be overdue by now
        waiting, next_due = await daemon_of(running).reminders.summary()
        assert reminders(running) == []
        assert waiting == 1
        assert next_due == datetime(2026, 6, 2, 8, 0, tzinfo=PARIS)
        await move(running, clock, hours=9)  # 08:00 the next morning
        await running.wait_for_notice(lambda n: n.title.startswith("Still waiting"))


async def test_reminders_cancelled_by_a_reply_in_messages(tmp_path: Path, drop: Path) -> None:
    settings, clock = days(tmp_path, remind_after=["1h"], give_up_after="2h"), MovableClock.at()
    sent_at = clock() - timedelta(minutes=30)
    async with running_daemon(settings, drop, clock=clock) as running:
        await import_jane(running, drop, clock() - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT, clock(), at=sent_at)
        reminder_service = daemon_of(running).reminders
        await reminder_service.resync()
        assert await reminder_service.summary() != (0, None)
        now = clock()
        bob = Person("Bob Stone", "https://www.linkedin.com/in/bob-stone")
        conversation = [
            Msg(OWNER, (JANE,), sent_at, "Would you like to meet for a coffee first?"),
            Msg(JANE, (OWNER,), now - timedelta(minutes=5), "Coffee Tuesday?"),
            Msg(OWNER, (bob,), now - timedelta(days=3), "Thanks for the intro"),
        ]
        (drop / "export.zip").write_bytes(build_archive(messages=conversation, year=2024))
        await running.wait_for_count(2)
        assert await reminder_service.summary() == (0, None)
        assert await no_jobs_left(running)
    assert reminders(running) == []
    assert stored(settings)[0] is Status.REPLIED


async def test_reminders_overdue_at_start_still_wait_for_quiet_hours(
    tmp_path: Path, drop: Path
) -> None:
    settings = quiet_night(tmp_path, remind_after=["1h"], give_up_after="10h")
    clock = MovableClock.at(datetime(2026, 6, 1, 23, 0, tzinfo=PARIS))
    async with running_daemon(settings, drop, clock=clock, zone=PARIS) as running:
        await import_jane(running, drop, clock() - timedelta(hours=5))
    # Sent three hours ago: the reminder fell due two hours ago, before quiet hours began,
    # while the daemon was down.
    cli(settings, LifecycleEvent.SENT, clock(), at=clock() - timedelta(hours=3))
    async with running_daemon(settings, drop, clock=clock, zone=PARIS) as restarted:
        outbox = daemon_of(restarted).outbox
        await eventually(lambda: _holds(outbox.held, "Still waiting"))
        assert reminders(restarted) == []  # held, not shown
        await move(restarted, clock, hours=9)  # 08:00: quiet hours are over
        await restarted.wait_for_notice(lambda n: n.title.startswith("Still waiting"))


async def _holds(held: list[Any], title: str) -> bool:
    return any(notice.title.startswith(title) for notice in held)


async def test_reminders_moved_clock_counts_from_the_send_time(tmp_path: Path, drop: Path) -> None:
    """The first reminder is due a day after the request was sent, not a day after the daemon
    started: moving the clock by less than that shows nothing."""
    settings, clock = days(tmp_path), MovableClock.at(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    async with running_daemon(settings, drop, clock=clock) as running:
        await import_jane(running, drop, clock() - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT, clock())
        await daemon_of(running).reminders.resync()
        await move(running, clock, hours=23)
        _, next_due = await daemon_of(running).reminders.summary()
        assert next_due == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
        assert reminders(running) == []
        await move(running, clock, hours=1)
        await running.wait_for_notice(lambda n: n.title.startswith("Still waiting"))


async def test_reminders_catch_up_after_the_clock_jumps_by_itself(
    tmp_path: Path, drop: Path
) -> None:
    """A resume from suspend: nobody calls ``time_moved``; the daemon's own check of its clock
    against monotonic time sees the jump and fires what fell due, the latest stage only."""
    settings, clock = days(tmp_path), MovableClock.at()
    async with running_daemon(settings, drop, clock=clock, clock_check=0.05) as running:
        await import_jane(running, drop, clock() - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT, clock())
        await daemon_of(running).reminders.resync()
        clock.advance(days=2, seconds=1)  # asleep across both reminders
        await running.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
        await eventually(lambda: _has_jobs(running))
        [job] = daemon_of(running).reminders.scheduler.get_jobs()
        assert job.args == (1, 2)  # the give-up is next; the first reminder is behind us
        clock.advance(days=1)
        await running.wait_for_notice(lambda n: n.title.startswith("No answer"))
        await eventually(lambda: no_jobs_left(running))
    assert reminders(running) == [
        "Still waiting to hear from Jane Roe",
        "No answer from Jane Roe",
    ]


# -- a reminder that meets another process's long import ----------------------------------------


@contextmanager
def log_lines() -> Iterator[list[str]]:
    lines: list[str] = []
    sink = logger.add(lambda message: lines.append(str(message)), level="INFO")
    try:
        yield lines
    finally:
        logger.remove(sink)


@contextmanager
def another_import(settings: Settings) -> Iterator[sqlite3.Connection]:
    """Another process's import in the middle of its write: the database's write lock held."""
    other = sqlite3.connect(settings.storage.database_path(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()


async def said(lines: list[str], words: str) -> bool:
    return any(words in line for line in lines)


async def _next_is_stage(running: RunningDaemon, stage: int) -> bool:
    jobs = daemon_of(running).reminders.scheduler.get_jobs()
    return [job.args for job in jobs] == [(1, stage)]


async def _fires_once_after_the_import(
    running: RunningDaemon, settings: Settings, clock: MovableClock, waiting: str, *, end: str
) -> None:
    """Due while another import holds the lock: nothing yet; fired once the import ends.

    ``end``: COMMIT (the daemon also sees the database change and re-plans: no double may come
    of it) or ROLLBACK (a failed import: nothing changed, so nothing but the retry fires)."""
    with log_lines() as lines, another_import(settings) as other:
        await move(running, clock, days=1, seconds=1)  # the first stage falls due
        await eventually(lambda: said(lines, waiting))
        assert reminders(running) == []
        other.execute("UPDATE invitations SET headline = 'PR lead' WHERE id = 1")
        other.execute(end)
    await running.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
    await eventually(lambda: _next_is_stage(running, 1))
    await daemon_of(running).reminders.resync()  # a second look fires nothing more
    assert reminders(running) == ["Still waiting to hear from Jane Roe"]


async def test_reminders_wait_for_a_locked_database_and_fire_once(
    tmp_path: Path, drop: Path
) -> None:
    settings, clock = days(tmp_path), MovableClock.at()
    async with running_daemon(settings, drop, clock=clock) as running:
        await import_jane(running, drop, clock() - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT, clock())
        await daemon_of(running).reminders.resync()
        await _fires_once_after_the_import(
            running, settings, clock, "is writing; waiting", end="COMMIT"
        )


async def test_reminders_retry_past_the_database_threads_patience(
    tmp_path: Path, drop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import longer than the database thread waits: the reminder's write fails with
    DatabaseBusy, and the scheduler tries it again with backoff until it goes through."""
    monkeypatch.setattr("watcher.daemon.database.PATIENCE", 0.3)
    monkeypatch.setattr("watcher.daemon.reminders.RETRY_FIRST", 0.1)
    settings, clock = days(tmp_path), MovableClock.at()
    async with running_daemon(settings, drop, clock=clock) as running:
        await import_jane(running, drop, clock() - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT, clock())
        await daemon_of(running).reminders.resync()
        await _fires_once_after_the_import(
            running, settings, clock, "the reminder for invitation 1: ", end="ROLLBACK"
        )
