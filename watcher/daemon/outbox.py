"""The outbox: every notice of the daemon goes out through here, and only here may wait.

Quiet hours apply in this one place: a notice that comes up inside them is held until they end
(the arithmetic is ``watcher.followup.quiet``). Held notices are shown when their time comes —
by a timer, or at once when the clock is known to have moved (``time_moved``: a resume from
suspend, a test moving its clock). The notifier behind it can be replaced (SIGHUP) without
losing what is held.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from loguru import logger

from watcher.config.settings import QuietHours
from watcher.daemon.ports import Clock, Spawns
from watcher.followup.quiet import out_of_quiet_hours
from watcher.notify.backends import ActionHandler, Notifier
from watcher.notify.texts import Notice


@dataclass
class _Held:
    notice: Notice
    on_action: ActionHandler | None
    until: datetime


class Outbox:
    def __init__(
        self,
        notifier: Notifier,
        quiet: Callable[[], QuietHours | None],
        *,
        zone: tzinfo,
        clock: Clock,
        tasks: Spawns,
    ) -> None:
        self.notifier = notifier
        self._quiet = quiet
        self._zone = zone
        self._clock = clock
        self._tasks = tasks
        self._held: list[_Held] = []
        self._timer: asyncio.TimerHandle | None = None

    @property
    def held(self) -> list[Notice]:
        """Notices waiting for the end of quiet hours, oldest first."""
        return [held.notice for held in self._held]

    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
        """Show a notice now, or hold it until the end of quiet hours."""
        now = self._clock()
        until = out_of_quiet_hours(now, self._quiet(), self._zone)
        if until > now:
            logger.info("quiet hours: {!r} waits until {}", notice.title, until.astimezone())
            self._held.append(_Held(notice, on_action, until))
            self._arm()
            return
        await self.notifier.send(notice, on_action)

    async def replace_notifier(self, notifier: Notifier) -> None:
        old, self.notifier = self.notifier, notifier
        if old is not notifier:
            await old.aclose()

    async def time_moved(self) -> None:
        """Show what is due now; re-arm the timer for the rest (and for changed quiet hours)."""
        now = self._clock()
        due = [held for held in self._held if held.until <= now]
        self._held = [held for held in self._held if held.until > now]
        for held in due:
            await self.notifier.send(held.notice, held.on_action)
        self._arm()

    def _arm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._held:
            return
        delay = (min(held.until for held in self._held) - self._clock()).total_seconds()
        self._timer = asyncio.get_running_loop().call_later(
            max(delay, 0.0), lambda: self._tasks.spawn(self.time_moved(), "outbox")
        )

    async def aclose(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._held:
            logger.info("{} notices held for quiet hours were not shown", len(self._held))
        await self.notifier.aclose()
