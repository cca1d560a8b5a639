"""The small interfaces the daemon's parts depend on, instead of on the daemon itself.

Each part is handed only what it uses: a way to run work on the database thread, a way to send
a notice, a way to start a background task, and the clock. The composition root
(``watcher.daemon.root``) builds the real ones; tests can hand in their own.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from watcher.notify.backends import ActionHandler
from watcher.notify.texts import Notice
from watcher.store import Store

T = TypeVar("T")

#: The time now, aware (UTC). One is injected everywhere, so tests move time instead of sleeping.
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class RunsOnDatabase(Protocol):
    """Runs ``work(store)`` on the one thread that owns the Store."""

    async def __call__(self, work: Callable[[Store], T]) -> T: ...


class SendsNotices(Protocol):
    """The outbox: ``send`` records a notice and shows it; ``deliver`` (or ``kick``, without
    waiting) shows what a caller recorded in its own transaction
    (``watcher.daemon.outbox.record``)."""

    async def send(self, notice: Notice, cause: str = "") -> None: ...

    async def deliver(self) -> None: ...

    def kick(self) -> None:
        """``deliver`` on a task of the outbox's own: the caller does not wait for it."""
        ...

    async def show_now(self, notice: Notice) -> None:
        """Show a notice that cannot be recorded (the disk is full)."""
        ...


class Spawns(Protocol):
    """Starts a background task whose failure is logged, never lost."""

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str = "") -> None: ...


#: The buttons' handler for one invitation's notice (None: a notice without buttons).
HandlerFor = Callable[[int | None], ActionHandler | None]
