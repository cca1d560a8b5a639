"""A first import is calm: years of messages settle old meet-up requests silently, and the
daemon's notification budget folds a burst into one summary, losing nothing from `list` and
`reminders`.

A meet-up request is inferred from an outgoing message after an invitation. One whose give-up
time passed before the file arrived is history: unanswered, verdict ignore, counted in the
import's summary, and no reminder ever fires for it.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.clock import MovableClock
from tests.support.exports import OWNER, Invite, Msg, Person, build_archive
from tests.support.inprocess import RunningDaemon, daemon_settings, running_daemon
from watcher.daemon.root import Daemon
from watcher.models import Status
from watcher.notify.texts import NoticeKind
from watcher.store import Store

pytestmark = pytest.mark.timeout(60)

NOW = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
#: the default plan: reminders after 3 and 7 days, the give-up after 14
MEETUP = {"remind_after": ["3d", "7d"], "give_up_after": "14d"}


def person(group: str, index: int) -> Person:
    return Person(f"{group.title()} {index}", f"https://www.linkedin.com/in/{group}-{index}")


def asked(people: list[Person], invited: datetime, *, reply: bool = False) -> dict[str, list[Any]]:
    """Invitations from ``people`` answered a day later with a meet-up request (an outgoing
    message), and, with ``reply``, their answer a day after that."""
    invites = [Invite(p, invited - timedelta(minutes=i)) for i, p in enumerate(people)]
    messages = [Msg(OWNER, (p,), invited + timedelta(days=1), "Coffee first?") for p in people]
    if reply:
        messages += [Msg(p, (OWNER,), invited + timedelta(days=2), "Sure!") for p in people]
    return {"invitations": invites, "messages": messages}


def archive(*parts: dict[str, list[Any]]) -> bytes:
    invitations = [i for part in parts for i in part["invitations"]]
    messages = [m for part in parts for m in part["messages"]]
    return build_archive(invitations=invitations, messages=messages, year=2024)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def listed(cli: Any) -> dict[str, dict[str, Any]]:
    result = cli("list", "--json")
    assert result.code == 0, result.err
    return {item["name"]: item for item in result.json()}


# --------------------------------------------------------------------------------------------
# Through `import`
# --------------------------------------------------------------------------------------------


def test_first_import_settles_long_unanswered_requests(cli: Any, tmp_path: Path) -> None:
    old = [person("old", i) for i in range(40)]
    path = write(tmp_path, "archive.zip", archive(asked(old, NOW - timedelta(days=400))))

    result = cli("import", path)

    assert result.code == 0, result.err
    assert "40 past meet-up requests settled as unanswered" in result.out
    found = listed(cli)
    assert {(i["status"], i["verdict"]) for i in found.values()} == {("unanswered", "ignore")}
    assert cli("reminders", "--json").json() == []
    shown = cli("show", "--json", str(found["Old 0"]["id"])).json()
    assert "meetup.unanswered" in {r["rule"] for r in shown["reasons"]}
    gave_up = shown["transitions"][-1]
    assert (gave_up["from"], gave_up["to"]) == ("meet-requested", "unanswered")
    # dated when the request was given up, not when the file arrived
    given_up_at = NOW - timedelta(days=400) + timedelta(days=1 + 14)
    assert datetime.fromisoformat(gave_up["at"]) == given_up_at
    assert "archive.zip" in gave_up["cause"]


def test_first_import_json_counts_the_settled(cli: Any, tmp_path: Path) -> None:
    old = [person("old", i) for i in range(3)]
    path = write(tmp_path, "archive.zip", archive(asked(old, NOW - timedelta(days=60))))

    [outcome] = cli("import", "--json", path).json()

    assert len(outcome["changes"]["settled"]) == 3


def test_first_import_keeps_recent_requests_open(cli: Any, tmp_path: Path) -> None:
    recent = [person("recent", i) for i in range(2)]
    path = write(tmp_path, "archive.zip", archive(asked(recent, NOW - timedelta(days=9))))

    result = cli("import", path)

    assert "settled" not in result.out
    assert {i["status"] for i in listed(cli).values()} == {"meet-requested"}
    due = cli("reminders", "--json").json()
    assert len(due) == 2


def test_settled_request_a_later_export_shows_answered_is_replied(cli: Any, tmp_path: Path) -> None:
    [paula] = people = [person("paula", 1)]
    invited = NOW - timedelta(days=100)
    april = write(tmp_path, "april.zip", archive(asked(people, invited)))
    may = write(tmp_path, "may.zip", archive(asked(people, invited, reply=True)))

    cli("import", april)
    assert listed(cli)[paula.name]["status"] == "unanswered"
    cli("import", may)

    assert listed(cli)[paula.name]["status"] == "replied"


# --------------------------------------------------------------------------------------------
# Through the daemon: what it shows
# --------------------------------------------------------------------------------------------


def daemon_of(running: RunningDaemon) -> Daemon:
    assert running.daemon is not None
    return running.daemon


async def test_daemon_first_import_shows_no_give_up_and_one_summary(
    tmp_path: Path, drop: Path
) -> None:
    settings = daemon_settings(tmp_path, meetup=MEETUP)
    old = [person("old", i) for i in range(60)]
    # Asked 8 days ago: both reminders' times passed, the give-up's not yet.
    recent = [person("recent", 1)]
    data = archive(asked(old, NOW - timedelta(days=700)), asked(recent, NOW - timedelta(days=9)))
    async with running_daemon(settings, drop, clock=MovableClock.at()) as running:
        (drop / "archive.zip").write_bytes(data)
        await running.wait_for_count(1)
        await running.wait_for_notice(lambda n: n.title.startswith("Still waiting"))
        assert await daemon_of(running).reminders.summary() != (0, None)
    titles = running.notifier.titles
    assert not [t for t in titles if t.startswith("No answer")]
    [summary] = [n for n in running.notifier.notices if n.kind is NoticeKind.IMPORT]
    assert summary.title == "60 past meet-up requests went unanswered"
    # Only the latest missed stage of the recent request fires: one reminder, not two.
    assert [t for t in titles if t.startswith("Still waiting")] == [
        "Still waiting to hear from Recent 1"
    ]
    assert len(titles) == 2
    statuses = stored_statuses(settings.storage.database_path())
    assert statuses.count(Status.UNANSWERED) == 60
    assert statuses.count(Status.MEET_REQUESTED) == 1


def stored_statuses(database: Path) -> list[Status]:
    store = Store(database)
    try:
        return [i.status for i in store.invitations()]
    finally:
        store.close()


async def test_daemon_budget_folds_a_burst_of_reminders(
    tmp_path: Path, drop: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = daemon_settings(
        tmp_path, meetup=MEETUP, notifications={"budget_per_minute": 10, "budget_per_import": 3}
    )
    recent = [person("recent", i) for i in range(25)]
    clock = MovableClock.at()
    async with running_daemon(settings, drop, clock=clock) as running:
        (drop / "archive.zip").write_bytes(archive(asked(recent, NOW - timedelta(days=5))))
        await running.wait_for_count(1)

        def still_waiting() -> list[str]:
            return [t for t in running.notifier.titles if t.startswith("Still waiting")]

        # The 25 first reminders fire together; the budget lets 10 through.
        await running.wait_for_notice(lambda n: len(still_waiting()) >= 10)
        outbox = daemon_of(running).outbox
        await wait_until_folded(settings.storage.database_path(), 15)
        clock.advance(seconds=5)  # the burst settled: its summary goes out
        await outbox.time_moved()
        folded = await running.wait_for_notice(lambda n: n.kind is NoticeKind.FOLDED)
    assert folded.title == "And 15 more notifications"
    assert "15 reminders" in folded.body
    assert len(still_waiting()) == 10
    assert len(running.notifier.titles) == 11
    # Nothing folded is lost: every request is listed, each with its next reminder.
    monkeypatch.setenv("INVITE_WATCHER_STORAGE__DATABASE", str(settings.storage.database_path()))
    assert len(cli("reminders", "--json").json()) == 25
    assert len(cli("list", "--status", "meet-requested", "--json").json()) == 25


async def wait_until_folded(database: Path, count: int, timeout: float = 10.0) -> None:
    """Wait until the budget folded ``count`` notices (read from the daemon's database)."""
    async with asyncio.timeout(timeout):
        while True:
            store = Store(database)
            try:
                counts, _ = store.unsummarised_folds()
            finally:
                store.close()
            if sum(counts.values()) >= count:
                return
            await asyncio.sleep(0.05)
