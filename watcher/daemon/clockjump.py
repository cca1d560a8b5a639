"""Noticing that the clock jumped: a resume from suspend, a clock set by hand or by NTP.

APScheduler (like every asyncio timer) waits on the loop's monotonic clock, which stands still
while the machine sleeps: after a night in suspend, a reminder due at 07:00 would wake as late
as the machine slept, and a held notice would stay held. Nothing tells a user service that the
machine slept without the system bus (logind's ``PrepareForSleep``), so a cheap periodic check
compares how far the daemon's clock moved with how far the monotonic clock moved; a difference
beyond the tolerance is a jump, and the daemon catches up (``Daemon.time_moved``).

A stopped process (SIGSTOP) is no jump: both clocks run on while it is stopped, and its timers
fire late by themselves once it continues.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from loguru import logger

from watcher.daemon.ports import Clock

#: How often to look. Once every half minute is no measurable load, and a reminder due while
#: the machine slept comes at most this late after the resume.
PERIOD = 30.0
#: A scheduler hiccup on a loaded machine is not a jump; a suspend or a clock set is longer.
TOLERANCE = timedelta(seconds=5)


class ClockJumps:
    def __init__(
        self,
        clock: Clock,
        on_jump: Callable[[], Awaitable[None]],
        *,
        period: float = PERIOD,
        tolerance: timedelta = TOLERANCE,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self._on_jump = on_jump
        self._period = period
        self._tolerance = tolerance
        self._monotonic = monotonic
        self._last = (clock(), monotonic())

    def check(self) -> timedelta | None:
        """How far the clock jumped since the last check (forward is positive), or None."""
        wall, mono = self._clock(), self._monotonic()
        last_wall, last_mono = self._last
        self._last = (wall, mono)
        jump = (wall - last_wall) - timedelta(seconds=mono - last_mono)
        return jump if abs(jump) > self._tolerance else None

    async def run(self) -> None:
        """Check every period, forever; catch up after each jump."""
        self._last = (self._clock(), self._monotonic())
        while True:
            await asyncio.sleep(self._period)
            jump = self.check()
            if jump is not None:
                logger.info("the clock jumped by {} (a resume from suspend?): catching up", jump)
                await self._on_jump()
