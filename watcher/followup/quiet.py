"""Quiet hours: when a notice or reminder may be shown. Pure; the one place their arithmetic lives.

Wall-clock windows such as 21:00-08:00 in the user's zone, DST-aware: a moment inside them moves
to their end, never earlier.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from watcher.config.settings import QuietHours

_DAY = timedelta(days=1)


def in_quiet_hours(moment: datetime, quiet: QuietHours, tz: tzinfo) -> bool:
    """Whether the wall clock in ``tz`` reads inside ``[start, end)``; start == end is never."""
    wall = moment.astimezone(tz).time().replace(tzinfo=None)
    if quiet.start <= quiet.end:
        return quiet.start <= wall < quiet.end
    return wall >= quiet.start or wall < quiet.end  # wraps midnight, e.g. 21:00-08:00


def out_of_quiet_hours(moment: datetime, quiet: QuietHours | None, tz: tzinfo) -> datetime:
    """``moment`` (UTC), or the end of the quiet hours it falls into; never earlier."""
    moment = moment.astimezone(UTC)
    if quiet is None or not in_quiet_hours(moment, quiet, tz):
        return moment
    local = moment.astimezone(tz)
    ends_today = quiet.start > quiet.end and local.time().replace(tzinfo=None) < quiet.end
    end_day = local.date() if ends_today or quiet.start < quiet.end else local.date() + _DAY
    return _first_wall_time(end_day, quiet.end, tz, not_before=moment)


def _first_wall_time(day: date, wall: time, tz: tzinfo, not_before: datetime) -> datetime:
    """The earliest instant, not before ``not_before``, when the clock in ``tz`` reads ``wall``.

    On a fall-back day the time occurs twice (take the first one still ahead); on a
    spring-forward day it may not occur at all, and quiet hours end when the clock jumps past it.
    """
    naive = datetime.combine(day, wall)
    first = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    second = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    if _reads(first, naive, tz) or _reads(second, naive, tz):  # the wall time exists
        candidates = sorted({first, second})
        return next((c for c in candidates if c >= not_before), candidates[-1])
    return max(_clock_jump_past(naive, min(first, second), max(first, second), tz), not_before)


def _reads(moment: datetime, naive: datetime, tz: tzinfo) -> bool:
    return moment.astimezone(tz).replace(tzinfo=None) == naive


def _clock_jump_past(naive: datetime, low: datetime, high: datetime, tz: tzinfo) -> datetime:
    """The first whole second in ``[low, high]`` whose wall clock reads at least ``naive``.

    ``naive`` falls in a gap, so the wall clock (monotonic across a gap) is below it at ``low``
    and beyond it at ``high``; a binary search finds the jump, which lies on a whole second.
    """
    lo, hi = 0, int((high - low).total_seconds())
    while lo < hi:
        mid = (lo + hi) // 2
        if (low + timedelta(seconds=mid)).astimezone(tz).replace(tzinfo=None) >= naive:
            hi = mid
        else:
            lo = mid + 1
    return low + timedelta(seconds=lo)
