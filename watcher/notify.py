"""Desktop notifications: what to say (pure) and where to say it (desktop, log, nowhere).

The pure half builds :class:`Notice` values from evaluated invitations, failed imports and
meet-up reminders. A notice holds *plain text*: untrusted names and notes are clipped to one
short paragraph here, and escaped only where they meet a markup-rendering server (the
notification body, see :class:`DesktopNotifier`), so the log shows them as they are.

The I/O half is the :class:`Notifier` protocol and its three implementations. The desktop one
talks D-Bus through desktop-notifier, whose Linux backend runs inside the current asyncio loop:
create and use it inside the daemon's loop.
"""

from __future__ import annotations

import asyncio
import html
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any, Protocol

import desktop_notifier as dn
from loguru import logger

from watcher.logs import escape as escape_for_log
from watcher.models import Verdict
from watcher.settings import NotificationBackend

# --------------------------------------------------------------------------------------------
# Notices: plain data
# --------------------------------------------------------------------------------------------


class Urgency(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    CRITICAL = "critical"


@dataclass(frozen=True)
class Action:
    """A button on a notice; ``id`` is what ``on_action`` receives when it is clicked."""

    id: str
    label: str


OPEN_PROFILE = "open-profile"
DRAFT = "draft"
REPLIED = "replied"
SNOOZE = "snooze"
GIVE_UP = "give-up"
FIRST_ACTION = "first-action"


@dataclass(frozen=True)
class Notice:
    """One notification, in plain text (escaping is the sender's job)."""

    title: str
    body: str
    urgency: Urgency = Urgency.NORMAL
    actions: tuple[Action, ...] = ()
    url: str | None = None
    #: the invitations this notice is about, so a caller can bind ``on_action`` to them
    invitation_ids: tuple[int, ...] = ()

    #: what a click on the notice itself means: an action id, None for nothing, or FIRST_ACTION
    click: str | None = FIRST_ACTION

    @property
    def default_action(self) -> str | None:
        """The action a click on the notice runs (by default its first action, if any)."""
        if self.click == FIRST_ACTION:
            return self.actions[0].id if self.actions else None
        return self.click


@dataclass(frozen=True)
class NoticeItem:
    """One evaluated invitation, as much of it as a notification needs."""

    invitation_id: int
    name: str
    profile_url: str | None
    verdict: Verdict
    score: int
    #: the details of the strongest findings, strongest first
    reasons: Sequence[str] = ()
    note: str = ""


# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------

TITLE_LIMIT = 80
NAME_LIMIT = 60
REASON_LIMIT = 140
NOTE_LIMIT = 160
SUMMARY_NAMES = 3
TOP_REASONS = 3

# Control characters, Unicode line/paragraph separators and bidi overrides (which can make a
# name display as something else) all become plain spaces.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def escape_markup(text: str) -> str:
    """Escape ``& < > " '`` so a server that renders markup in the body shows them literally."""
    return html.escape(text, quote=True)


def clip(text: str, limit: int) -> str:
    """One short paragraph: whitespace and control characters collapsed, at most ``limit``
    characters, cut at a word boundary with "…" when too long."""
    # Lone surrogates (from a badly decoded file) cannot travel over D-Bus as UTF-8.
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = _SPACES.sub(" ", _UNPRINTABLE.sub(" ", text)).strip()
    if len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    # Prefer a word boundary, unless that throws away more than half of the room.
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def describe_wait(waited: timedelta) -> str:
    """``timedelta(days=3)`` -> "3 days"; short waits (tests, tiny configs) read as well."""
    seconds = max(0, int(waited.total_seconds()))
    week = 604_800
    if seconds >= week and seconds % week == 0:  # "2 weeks", but "10 days" rather than "1 week"
        return f"{seconds // week} week{'s' if seconds != week else ''}"
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def _name(name: str) -> str:
    return clip(name, NAME_LIMIT) or "Someone"


# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------

_VERDICT_LABEL = {
    Verdict.ACCEPT: "accept",
    Verdict.MEET_FIRST: "meet first",
    Verdict.IGNORE: "ignore",
}

_VERDICT_LEAD = {
    Verdict.ACCEPT: "Looks like someone you know — accepting seems right.",
    Verdict.MEET_FIRST: "Could be a good contact, but you have not met: suggest a coffee first.",
    Verdict.IGNORE: "Nothing suggests you know each other — ignoring seems safe.",
}


def invitation_notices(items: Sequence[NoticeItem], summary_threshold: int) -> list[Notice]:
    """One notice per invitation, or one summary when there are more than the threshold."""
    if not items:
        return []
    if len(items) <= summary_threshold:
        return [invitation_notice(item) for item in items]
    return [summary_notice(items)]


def invitation_notice(item: NoticeItem) -> Notice:
    name = _name(item.name)
    lines = [_VERDICT_LEAD[item.verdict]]
    if item.note.strip():
        lines.append(f"Their note: “{clip(item.note, NOTE_LIMIT)}”")
    lines += [f"• {clip(reason, REASON_LIMIT)}" for reason in item.reasons[:TOP_REASONS]]
    return Notice(
        title=clip(f"{name} — {_VERDICT_LABEL[item.verdict]}", TITLE_LIMIT),
        body="\n".join(lines),
        actions=_invitation_actions(item),
        url=item.profile_url,
        invitation_ids=(item.invitation_id,),
    )


def _invitation_actions(item: NoticeItem) -> tuple[Action, ...]:
    actions = []
    if item.verdict is Verdict.MEET_FIRST:
        actions.append(Action(DRAFT, "Draft meet-up"))
    if item.profile_url:
        actions.append(Action(OPEN_PROFILE, "Open profile"))
    return tuple(actions)


def summary_notice(items: Sequence[NoticeItem]) -> Notice:
    """ "14 new invitations: 2 accept, 3 meet first, 9 ignore", then a few names per verdict."""
    counts = Counter(item.verdict for item in items)
    parts = [f"{counts[v]} {_VERDICT_LABEL[v]}" for v in _SUMMARY_ORDER if counts[v]]
    lines = [_names_line(v, items) for v in _SUMMARY_ORDER if counts[v]]
    lines.append("See them all with: invite-watcher list")
    return Notice(
        title=f"{len(items)} new invitation{'s' if len(items) != 1 else ''}: {', '.join(parts)}",
        body="\n".join(lines),
        invitation_ids=tuple(item.invitation_id for item in items),
    )


# The summary leads with what asks something of the user.
_SUMMARY_ORDER = (Verdict.MEET_FIRST, Verdict.ACCEPT, Verdict.IGNORE)


def _names_line(verdict: Verdict, items: Sequence[NoticeItem]) -> str:
    names = [_name(item.name) for item in items if item.verdict is verdict]
    shown = ", ".join(names[:SUMMARY_NAMES])
    more = len(names) - SUMMARY_NAMES
    suffix = f" and {more} more" if more > 0 else ""
    return f"{_VERDICT_LABEL[verdict].capitalize()}: {shown}{suffix}"


def failure_notice(file_name: str, reason: str) -> Notice:
    return Notice(
        title=clip(f"Could not import {clip(file_name, NAME_LIMIT)}", TITLE_LIMIT),
        body=(
            f"{clip(reason, 2 * REASON_LIMIT)}\n"
            "The file was left alone; drop a fixed copy to try again."
        ),
    )


def reminder_notice(
    name: str,
    invitation_id: int,
    waited: timedelta,
    final: bool,
    snooze: timedelta = timedelta(days=1),
) -> Notice:
    """A nudge while a meet-up request waits for an answer; ``final`` when it is time to give up."""
    who = _name(name)
    if final:
        return Notice(
            title=clip(f"No answer from {who}", TITLE_LIMIT),
            body=(
                f"Your meet-up request went unanswered for {describe_wait(waited)}. "
                "They were probably just collecting connections: ignoring the invitation "
                "is recommended."
            ),
            # Already given up by the time this shows; only a late answer can change it.
            actions=(Action(REPLIED, "They replied"),),
            click=None,
            invitation_ids=(invitation_id,),
        )
    return Notice(
        title=clip(f"Still waiting to hear from {who}", TITLE_LIMIT),
        body=(
            f"You suggested meeting {describe_wait(waited)} ago and have not heard back yet. "
            "Did they reply?"
        ),
        actions=(
            Action(REPLIED, "They replied"),
            Action(SNOOZE, f"Snooze {describe_wait(snooze)}"),
            Action(GIVE_UP, "Give up"),
        ),
        # Clicking a reminder to get it out of the way must not answer for the user: it only
        # asks again later.
        click=SNOOZE,
        invitation_ids=(invitation_id,),
    )


# --------------------------------------------------------------------------------------------
# Notifiers
# --------------------------------------------------------------------------------------------

ActionHandler = Callable[[str], None]


class Notifier(Protocol):
    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None: ...

    async def aclose(self) -> None: ...


class NullNotifier:
    """Notifications switched off."""

    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
        return None

    async def aclose(self) -> None:
        return None


class LogNotifier:
    """One log line per notice; newlines in it are escaped so it stays one line."""

    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
        logger.info(
            "Notification: {} | {}", escape_for_log(notice.title), escape_for_log(notice.body)
        )

    async def aclose(self) -> None:
        return None


#: How long to wait for the notification server before giving up on it.
PROBE_TIMEOUT = 2.0
SEND_TIMEOUT = 5.0


class DesktopNotifier:
    """Notifications through the desktop's notification server (D-Bus on Linux).

    The body is escaped here because servers render a subset of HTML in it; the title (the
    spec's plain-text "summary") is sent as is. A notice that cannot be delivered goes to
    ``fallback`` instead; this never raises.
    """

    def __init__(self, app_name: str, fallback: Notifier | None = None) -> None:
        self._app_name = app_name
        self._fallback = fallback or LogNotifier()
        self._library = self._new_library_notifier()
        self._failing = False

    def _new_library_notifier(self) -> dn.DesktopNotifier:
        # No default icon: a missing theme icon only makes servers print warnings.
        return dn.DesktopNotifier(app_name=self._app_name, app_icon=None)

    async def probe(self) -> str | None:
        """Why the notification server cannot be reached, or None when it answers."""
        problem = await self._ask_capabilities()
        if problem is not None:
            self._failing = True  # the caller warns about this one
            await self._reset()
        return problem

    async def _ask_capabilities(self) -> str | None:
        if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            return "DBUS_SESSION_BUS_ADDRESS is not set, so there is no session bus"
        try:
            await asyncio.wait_for(self._library.get_capabilities(), PROBE_TIMEOUT)
        except TimeoutError:
            return f"the notification server did not answer within {PROBE_TIMEOUT:g}s"
        except Exception as error:  # dbus-fast raises OSError, DBusError, InvalidAddressError...
            return f"{type(error).__name__}: {error}".rstrip(": ")
        return None

    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
        delivered = False

        def mark_delivered() -> None:
            nonlocal delivered
            delivered = True

        if _lost_bus(self._library):
            await self._reset()  # the bus went away since the last notice: connect afresh
        notification = _to_notification(notice, on_action, mark_delivered)
        try:
            # desktop-notifier logs and swallows delivery errors; on_dispatched tells success.
            await asyncio.wait_for(self._library.send_notification(notification), SEND_TIMEOUT)
        except Exception as error:
            logger.debug("desktop notification raised {!r}", error)
        if delivered:
            self._failing = False
            return
        await self._recover()
        await self._fallback.send(notice, on_action)

    async def _recover(self) -> None:
        """After a failed delivery: warn once per outage and start over with a fresh connection
        (the server may come back, on a bus that may have gone away)."""
        if not self._failing:
            logger.warning("Desktop notification failed; writing notifications to the log instead")
        self._failing = True
        await self._reset()

    async def _reset(self) -> None:
        await _disconnect(self._library)
        self._library = self._new_library_notifier()

    async def aclose(self) -> None:
        await _disconnect(self._library)


def _bus_of(library: dn.DesktopNotifier) -> Any:
    # desktop-notifier neither closes its connection nor says whether it still works; its D-Bus
    # backend keeps the dbus-fast MessageBus in `bus` once connected (None before, or elsewhere).
    return getattr(getattr(library, "_backend", None), "bus", None)


def _lost_bus(library: dn.DesktopNotifier) -> bool:
    bus = _bus_of(library)
    return bus is not None and not bus.connected


async def _disconnect(library: dn.DesktopNotifier) -> None:
    """Close the library's connection, so a notifier that starts over leaks no socket."""
    bus = _bus_of(library)
    if bus is None:
        return
    if bus.connected:
        bus.disconnect()
    try:
        # Also collects the error of a bus that died on its own (else asyncio reports it).
        await asyncio.wait_for(bus.wait_for_disconnect(), PROBE_TIMEOUT)
    except Exception as error:
        logger.debug("closing the D-Bus connection: {!r}", error)


def _to_notification(
    notice: Notice, on_action: ActionHandler | None, on_dispatched: Callable[[], None]
) -> dn.Notification:
    buttons = tuple(
        dn.Button(
            title=action.label,
            identifier=action.id,
            on_pressed=_guarded(on_action, action.id),
        )
        for action in notice.actions
    )
    default = notice.default_action
    return dn.Notification(
        title=notice.title,
        message=escape_markup(notice.body),
        urgency=dn.Urgency.Low if notice.urgency is Urgency.LOW else dn.Urgency.Normal,
        buttons=buttons,
        on_dispatched=on_dispatched,
        on_clicked=_guarded(on_action, default) if default else None,
    )


def _guarded(on_action: ActionHandler | None, action_id: str) -> Callable[[], None] | None:
    """The callback for one action; an error in it is logged, never thrown into D-Bus."""
    if on_action is None:
        return None
    handler = on_action

    def invoke() -> None:
        try:
            handler(action_id)
        except Exception:
            logger.exception("handling the notification action {!r} failed", action_id)

    return invoke


async def make_notifier(backend: NotificationBackend, app_name: str) -> Notifier:
    """The notifier the configuration asks for; ``auto`` falls back to the log, with one
    warning, when no notification server answers on the session bus."""
    if backend is NotificationBackend.NONE:
        return NullNotifier()
    if backend is NotificationBackend.LOG:
        return LogNotifier()
    desktop = DesktopNotifier(app_name)
    problem = await desktop.probe()
    if problem is None:
        return desktop
    if backend is NotificationBackend.DESKTOP:
        logger.warning(
            "No desktop notification server yet ({}); will try again for each notification",
            problem,
        )
        return desktop
    await desktop.aclose()
    logger.warning(
        "No desktop notification server ({}); notifications go to the log instead", problem
    )
    return LogNotifier()
