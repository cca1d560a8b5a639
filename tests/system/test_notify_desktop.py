"""Notifications through a real notification server: dunst on a private session bus under Xvfb.

dunst's history gives back ``summary`` and ``body`` exactly as they were sent over D-Bus, so these
tests read what a user's notification server would receive.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from loguru import logger

from tests.support.desktop import DesktopSession
from watcher.config.settings import NotificationBackend
from watcher.models import Verdict
from watcher.notify.backends import DesktopNotifier, NotDelivered, Notifier, make_notifier
from watcher.notify.texts import (
    DRAFT,
    SNOOZE,
    Notice,
    NoticeItem,
    escape_markup,
    invitation_notices,
    reminder_notice,
)

pytestmark = pytest.mark.system

# The fixture, registered here too so this module runs on its own (tests/system/conftest.py
# provides it for the whole folder).


APP = "invite-watcher-test"
URL = "https://www.linkedin.com/in/jane-roe"


def item(
    name: str = "Jane Roe",
    verdict: Verdict = Verdict.MEET_FIRST,
    *,
    invitation_id: int = 1,
    reasons: tuple[str, ...] = ("Note admits you have not met",),
    note: str = "",
) -> NoticeItem:
    return NoticeItem(invitation_id, name, URL, verdict, 4, reasons, note)


async def send_all(notices: list[Notice], backend: NotificationBackend) -> Notifier:
    notifier = await make_notifier(backend, APP)
    try:
        for notice in notices:
            await notifier.send(notice)
    finally:
        await notifier.aclose()
    return notifier


def test_desktop_notice_arrives_with_title_escaped_body_and_app_name(
    desktop_session: DesktopSession,
) -> None:
    (notice,) = invitation_notices(
        [item(reasons=("Says you met at <PyCon> & wants a coffee",))], summary_threshold=3
    )

    notifier = asyncio.run(send_all([notice], NotificationBackend.AUTO))

    assert isinstance(notifier, DesktopNotifier)
    received = desktop_session.wait_for_summary("Jane Roe — meet first")
    assert received["appname"] == APP
    assert received["body"] == escape_markup(notice.body)
    assert "• Says you met at &lt;PyCon&gt; &amp; wants a coffee" in received["body"]


def test_desktop_hostile_note_arrives_escaped_and_truncated(
    desktop_session: DesktopSession,
) -> None:
    hostile = (
        'Hi <b>friend</b> & welcome!\n<a href="https://evil.example/?a=1&b=2">click</a>\n'
        + "filler text " * 900  # ~10 KB
    )
    (notice,) = invitation_notices(
        [item(name="<b>Eve</b> & Co", note=hostile, reasons=(hostile,))], summary_threshold=3
    )

    asyncio.run(send_all([notice], NotificationBackend.AUTO))

    received = desktop_session.wait_for_summary("<b>Eve</b> & Co — meet first")
    body = received["body"]
    assert "<" not in body
    assert ">" not in body
    assert "Their note: “Hi &lt;b&gt;friend&lt;/b&gt; &amp; welcome! &lt;a href=&quot;" in body
    assert len(body) < 600
    # lead, note, one reason, the id: the hostile newlines are gone
    assert len(body.splitlines()) == 4
    # dunst escapes the plain-text summary itself before it renders, so the name shows literally.
    assert received["message"].startswith("<b>&lt;b&gt;Eve&lt;/b&gt; &amp; Co — meet first</b>")


def test_desktop_many_invitations_arrive_as_one_summary(desktop_session: DesktopSession) -> None:
    verdicts = [Verdict.ACCEPT] * 2 + [Verdict.MEET_FIRST] * 3 + [Verdict.IGNORE] * 9
    items = [item(f"Person {i}", v, invitation_id=i) for i, v in enumerate(verdicts)]
    notices = invitation_notices(items, summary_threshold=3)

    asyncio.run(send_all(notices, NotificationBackend.AUTO))

    received = desktop_session.wait_for_summary(
        "14 new invitations: 3 meet first, 2 accept, 9 ignore"
    )
    assert "Ignore: Person 5 (#5), Person 6 (#6), Person 7 (#7) and 6 more" in received["body"]
    assert [n["appname"] for n in desktop_session.history()] == [APP]


def test_desktop_action_reaches_on_action(desktop_session: DesktopSession) -> None:
    (notice,) = invitation_notices([item()], summary_threshold=3)

    async def click_and_wait() -> str:
        notifier = await make_notifier(NotificationBackend.AUTO, APP)
        clicked: asyncio.Future[str] = asyncio.get_running_loop().create_future()

        def on_action(action: str) -> None:
            if not clicked.done():
                clicked.set_result(action)

        try:
            await notifier.send(notice, on_action)
            # The Notify call has returned, so dunst shows the notice: click it as a user would.
            await asyncio.to_thread(desktop_session.invoke_action, 0)
            return await asyncio.wait_for(clicked, timeout=10)
        finally:
            await notifier.aclose()

    assert asyncio.run(click_and_wait()) == DRAFT


def test_desktop_reminder_arrives_with_its_question(desktop_session: DesktopSession) -> None:
    notice = reminder_notice(
        "Jane Roe", 3, timedelta(days=3), final=False, snooze=timedelta(days=1)
    )

    async def click_and_wait() -> str:
        notifier = await make_notifier(NotificationBackend.DESKTOP, APP)
        clicked: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        try:
            await notifier.send(notice, clicked.set_result)
            await asyncio.to_thread(desktop_session.invoke_action, 0)
            return await asyncio.wait_for(clicked, timeout=10)
        finally:
            await notifier.aclose()

    assert asyncio.run(click_and_wait()) == SNOOZE  # a click only asks again later
    received = desktop_session.wait_for_summary("Still waiting to hear from Jane Roe")
    assert "3 days ago" in received["body"]


def test_desktop_reminder_stays_until_acted_on(desktop_session: DesktopSession) -> None:
    reminder = reminder_notice(
        "Jane Roe", 3, timedelta(days=3), final=False, snooze=timedelta(days=1)
    )
    (invitation,) = invitation_notices([item(invitation_id=3)], summary_threshold=3)

    asyncio.run(send_all([reminder, invitation], NotificationBackend.DESKTOP))

    # dunst's history keeps each notification's timeout (microseconds): 0 is "never expire",
    # what the notice asked for; the invitation took the server's default (600 s here).
    kept = desktop_session.wait_for_summary("Still waiting to hear from Jane Roe")
    assert kept["timeout"] == 0
    # (dunst 1.9's history has no urgency; the unit tests check it stays Normal)
    assert kept["body"].splitlines()[-1] == "#3: invite-watcher show 3"
    passing = desktop_session.wait_for_summary("Jane Roe — meet first")
    assert passing["timeout"] > 0
    assert passing["body"].splitlines()[-1] == "#3: invite-watcher show 3"


# -- without a notification server ----------------------------------------------------------------


@pytest.fixture
def dead_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """DBUS_SESSION_BUS_ADDRESS names a socket nobody listens on (a bus that went away)."""
    path = tmp_path / "bus"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stale:
        stale.bind(str(path))
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={path}")
    yield


@pytest.fixture
def log_lines() -> Iterator[list[str]]:
    lines: list[str] = []
    sink = logger.add(lambda line: lines.append(line.rstrip("\n")), format="{level} {message}")
    yield lines
    logger.remove(sink)


async def send_each(notices: list[Notice], backend: NotificationBackend) -> list[str]:
    """Send each notice; what became of each: "shown" or "not delivered"."""
    notifier = await make_notifier(backend, APP)
    outcomes = []
    try:
        for notice in notices:
            try:
                await notifier.send(notice)
            except NotDelivered:
                outcomes.append("not delivered")
            else:
                outcomes.append("shown")
    finally:
        await notifier.aclose()
    return outcomes


@pytest.mark.parametrize("backend", [NotificationBackend.AUTO, NotificationBackend.DESKTOP])
@pytest.mark.usefixtures("dead_bus")
def test_make_notifier_without_a_bus_warns_once_and_does_not_deliver(
    log_lines: list[str], backend: NotificationBackend
) -> None:
    """No server yet: the desktop notifier anyway (it tries again for each notice), and each
    notice is refused (NotDelivered), so the outbox keeps it for when a server answers."""
    notices = [invitation_notices([item(f"P{i}", invitation_id=i)], 3)[0] for i in range(2)]

    assert asyncio.run(send_each(notices, backend)) == ["not delivered", "not delivered"]

    warnings = [line for line in log_lines if line.startswith("WARNING")]
    assert len(warnings) == 1
    assert "No desktop notification server yet" in warnings[0]
    assert "wait in the outbox" in warnings[0]
    assert not [line for line in log_lines if "Notification:" in line]  # the outbox logs them


def test_desktop_notifier_refuses_notices_while_the_bus_is_gone(
    desktop_session: DesktopSession, log_lines: list[str]
) -> None:
    first, second, third = (Notice(title, "body") for title in ("first", "second", "third"))
    outcomes: list[str] = []

    async def send(notifier: Notifier, notice: Notice) -> None:
        try:
            await notifier.send(notice)
        except NotDelivered:
            outcomes.append("not delivered")
        else:
            outcomes.append("shown")

    async def send_across_an_outage() -> Notifier:
        notifier = await make_notifier(NotificationBackend.AUTO, APP)
        try:
            await send(notifier, first)
            # dunst and the session bus go away while the loop is idle, as they would in a daemon
            await asyncio.to_thread(desktop_session.stop)
            await send(notifier, second)
            await send(notifier, third)
        finally:
            await notifier.aclose()
        return notifier

    notifier = asyncio.run(send_across_an_outage())

    assert isinstance(notifier, DesktopNotifier)
    assert outcomes == ["shown", "not delivered", "not delivered"]
    assert [line.split(" | ")[0] for line in log_lines if not line.startswith("DEBUG")] == [
        "WARNING Desktop notification failed; notices are logged and wait in the outbox "
        "until a notification server answers",
    ]
