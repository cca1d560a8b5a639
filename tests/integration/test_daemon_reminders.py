"""Meet-up reminders through the running daemon: real APScheduler, second-long durations.

The test plays the CLI by writing to the database through its own connection (as `sent`,
`replied` and `decide` do from another process) and watches what the daemon notifies.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.exports import OWNER, Msg, Person, build_archive, invitations_json
from tests.support.inprocess import (
    RunningDaemon,
    daemon_settings,
    quiet_hours_around_now,
    running_daemon,
)
from watcher.config.settings import Settings
from watcher.followup import apply as lifecycle
from watcher.followup.transitions import LifecycleEvent
from watcher.models import Status, Verdict
from watcher.store import Store

pytestmark = pytest.mark.timeout(60)

JANE = Person("Jane Roe", "https://www.linkedin.com/in/jane-roe")


def fast(tmp_path: Path, **meetup: Any) -> Settings:
    values = {"remind_after": ["1s", "2s"], "give_up_after": "3s", **meetup}
    return daemon_settings(tmp_path, meetup=values)


def reminders(running: RunningDaemon) -> list[str]:
    return [
        n.title for n in running.notifier.notices if "Jane Roe" in n.title and "—" not in n.title
    ]


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


def cli(settings: Settings, event: LifecycleEvent, at: datetime | None = None) -> None:
    """What `invite-watcher sent|replied ID` does: its own connection, one transaction."""
    store = Store(settings.storage.database_path())
    try:
        with store.transaction():
            now = datetime.now(UTC)
            lifecycle.apply_event(store, 1, event, f"command: {event.value}", now, at=at)
    finally:
        store.close()


def score(settings: Settings) -> int | None:
    store = Store(settings.storage.database_path())
    try:
        invitation = store.invitation(1)
        return invitation.score if invitation else None
    finally:
        store.close()


def status(settings: Settings) -> tuple[Status, Verdict | None]:
    store = Store(settings.storage.database_path())
    try:
        invitation = store.invitation(1)
        assert invitation is not None
        return invitation.status, invitation.verdict
    finally:
        store.close()


async def test_reminders_full_cycle_ends_unanswered(tmp_path: Path, drop: Path) -> None:
    settings = fast(tmp_path)
    async with running_daemon(settings, drop) as running:
        await import_jane(running, drop, datetime.now(UTC) - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT)
        await running.wait_for_notice(lambda n: n.title.startswith("No answer from Jane"))
        await asyncio.sleep(0.5)  # nothing may follow the give-up: only time can show that
        before = score(settings)
        assert running.daemon is not None and running.daemon.reminders is not None
        await running.daemon.reminders.on_action(1, "give-up")  # a second give-up changes nothing
        assert score(settings) == before
    assert reminders(running) == [
        "Still waiting to hear from Jane Roe",
        "Still waiting to hear from Jane Roe",
        "No answer from Jane Roe",
    ]
    assert status(settings) == (Status.UNANSWERED, Verdict.IGNORE)


async def test_reminders_stop_when_they_replied(tmp_path: Path, drop: Path) -> None:
    settings = fast(tmp_path)
    async with running_daemon(settings, drop) as running:
        await import_jane(running, drop, datetime.now(UTC) - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT)
        await running.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
        running.notifier.click("replied")
        await asyncio.sleep(3)  # past every due time: nothing more may come
    assert reminders(running) == ["Still waiting to hear from Jane Roe"]
    assert status(settings)[0] is Status.REPLIED


async def test_reminders_replied_from_the_cli_takes_effect(tmp_path: Path, drop: Path) -> None:
    settings = fast(tmp_path, remind_after=["2s"], give_up_after="4s")
    async with running_daemon(settings, drop) as running:
        await import_jane(running, drop, datetime.now(UTC) - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT)
        cli(settings, LifecycleEvent.REPLIED)
        await asyncio.sleep(4.5)  # past every due time: nothing may come
    assert reminders(running) == []


async def test_reminders_plan_survives_a_restart(tmp_path: Path, drop: Path) -> None:
    settings = fast(tmp_path, remind_after=["1s", "3s"], give_up_after="5s")
    async with running_daemon(settings, drop) as running:
        await import_jane(running, drop, datetime.now(UTC) - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT)
        await running.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
    assert len(reminders(running)) == 1
    async with running_daemon(settings, drop) as restarted:
        await restarted.wait_for_notice(lambda n: n.title.startswith("No answer"))
    assert reminders(restarted) == [
        "Still waiting to hear from Jane Roe",
        "No answer from Jane Roe",
    ]


async def test_reminders_missed_while_down_fire_only_the_latest(tmp_path: Path, drop: Path) -> None:
    settings = fast(tmp_path, remind_after=["1s", "2s"], give_up_after="30s")
    async with running_daemon(settings, drop) as running:
        await import_jane(running, drop, datetime.now(UTC) - timedelta(hours=1))
    cli(settings, LifecycleEvent.SENT, at=datetime.now(UTC) - timedelta(seconds=2.5))
    async with running_daemon(settings, drop) as restarted:
        await restarted.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
        await asyncio.sleep(1)  # a second, earlier stage would fire now: only time can show it
    assert reminders(restarted) == ["Still waiting to hear from Jane Roe"]


async def test_reminders_wait_for_the_end_of_quiet_hours(tmp_path: Path, drop: Path) -> None:
    quiet, end = quiet_hours_around_now()
    settings = daemon_settings(
        tmp_path,
        meetup={"remind_after": ["1s"], "give_up_after": "2s"},
        notifications={"backend": "none", "quiet_hours": quiet},
    )
    async with running_daemon(settings, drop) as running:
        await import_jane(running, drop, datetime.now(UTC) - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT)
        await asyncio.sleep(2.5)  # both stages would have fired by now outside quiet hours
        assert running.daemon is not None and running.daemon.reminders is not None
        waiting, next_due = await running.daemon.reminders.summary()
    assert reminders(running) == []
    assert waiting == 1
    assert next_due is not None
    assert next_due.astimezone().strftime("%H:%M") == end


async def test_reminders_cancelled_by_a_reply_in_messages(tmp_path: Path, drop: Path) -> None:
    settings = fast(tmp_path, remind_after=["1h"], give_up_after="2h")
    sent_at = datetime.now(UTC) - timedelta(minutes=30)
    async with running_daemon(settings, drop) as running:
        await import_jane(running, drop, datetime.now(UTC) - timedelta(hours=1))
        cli(settings, LifecycleEvent.SENT, at=sent_at)
        assert running.daemon is not None and running.daemon.reminders is not None
        await running.daemon.reminders.resync()
        assert await running.daemon.reminders.summary() != (0, None)
        now = datetime.now(UTC)
        bob = Person("Bob Stone", "https://www.linkedin.com/in/bob-stone")
        conversation = [
            Msg(OWNER, (JANE,), sent_at, "Would you like to meet for a coffee first?"),
            Msg(JANE, (OWNER,), now - timedelta(minutes=5), "Coffee Tuesday?"),
            Msg(OWNER, (bob,), now - timedelta(days=3), "Thanks for the intro"),
        ]
        (drop / "export.zip").write_bytes(build_archive(messages=conversation, year=2024))
        await running.wait_for_count(2)
        assert await running.daemon.reminders.summary() == (0, None)
        assert running.daemon.reminders.scheduler.get_jobs() == []
    assert reminders(running) == []
    assert status(settings)[0] is Status.REPLIED


async def test_reminders_overdue_at_start_still_wait_for_quiet_hours(
    tmp_path: Path, drop: Path
) -> None:
    quiet, end = quiet_hours_around_now()
    settings = daemon_settings(
        tmp_path,
        meetup={"remind_after": ["1h"], "give_up_after": "10h"},
        notifications={"backend": "none", "quiet_hours": quiet},
    )
    async with running_daemon(settings, drop) as running:
        await import_jane(running, drop, datetime.now(UTC) - timedelta(hours=5))
    # Sent three hours ago: the reminder fell due two hours ago, before quiet hours began,
    # while the daemon was down.
    cli(settings, LifecycleEvent.SENT, at=datetime.now(UTC) - timedelta(hours=3))
    async with running_daemon(settings, drop) as restarted:
        await asyncio.sleep(1)  # an overdue reminder would fire at once: only time can show it
        assert restarted.daemon is not None and restarted.daemon.reminders is not None
        [job] = restarted.daemon.reminders.scheduler.get_jobs()
        fires_at = job.next_run_time.astimezone()
    assert reminders(restarted) == []
    assert fires_at.strftime("%H:%M") == end
