"""Noticing a jump of the clock: the daemon's clock moved more, or less, than monotonic time."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from tests.support.clock import MovableClock
from watcher.daemon.clockjump import ClockJumps


class Monotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def _nothing() -> None:
    return None


def test_clockjump_both_clocks_moving_together_is_no_jump() -> None:
    clock, mono = MovableClock.at(), Monotonic()
    jumps = ClockJumps(clock, _nothing, monotonic=mono)
    clock.advance(seconds=600)
    mono.now += 598  # a loaded machine: a little drift is not a jump
    assert jumps.check() is None


def test_clockjump_a_suspend_is_a_forward_jump() -> None:
    clock, mono = MovableClock.at(), Monotonic()
    jumps = ClockJumps(clock, _nothing, monotonic=mono)
    clock.advance(hours=8, seconds=30)  # the machine slept: monotonic time stood still
    mono.now += 30
    assert jumps.check() == timedelta(hours=8)
    assert jumps.check() is None  # measured from the last check on


def test_clockjump_a_clock_set_back_is_a_backward_jump() -> None:
    clock, mono = MovableClock.at(), Monotonic()
    jumps = ClockJumps(clock, _nothing, monotonic=mono)
    clock.advance(minutes=-10)
    assert jumps.check() == timedelta(minutes=-10)


async def test_clockjump_run_catches_up_after_a_jump() -> None:
    clock = MovableClock.at()
    caught_up = asyncio.Event()

    async def on_jump() -> None:
        caught_up.set()

    task = asyncio.create_task(ClockJumps(clock, on_jump, period=0.01).run())
    try:
        await asyncio.sleep(0.05)  # a few checks with both clocks (nearly) standing still
        assert not caught_up.is_set()
        clock.advance(days=1)
        await asyncio.wait_for(caught_up.wait(), 10)
    finally:
        task.cancel()
