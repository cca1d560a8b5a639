"""A clock tests move by hand: reminder and quiet-hour tests move time instead of sleeping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass
class MovableClock:
    """Stands still until moved; ``now`` is aware (UTC), like the daemon's own clock."""

    moment: datetime

    @classmethod
    def at(cls, moment: datetime | None = None) -> MovableClock:
        return cls((moment or datetime.now(UTC)).astimezone(UTC))

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment
