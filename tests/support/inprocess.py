"""The daemon run in-process on a real folder, for integration tests.

Real inotify (watchdog), real SQLite, real APScheduler; the notifier is a RecordingNotifier so a
test can read what would have been shown. Tests await outcomes instead of sleeping.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from tests.support.notifiers import RecordingNotifier
from watcher.config.settings import Settings
from watcher.daemon.root import Daemon
from watcher.models import ImportOutcome
from watcher.notify.texts import Notice
from watcher.system.sd_notify import SystemdNotifier


def daemon_settings(tmp_path: Path, **sections: dict[str, Any]) -> Settings:
    """Settings for a test: database in tmp_path, short settle, no rescan, no desktop."""
    base: dict[str, dict[str, Any]] = {
        "storage": {"database": str(tmp_path / "db" / "invite-watcher.db")},
        "watch": {"settle": "0.1s", "rescan": "0s"},
        "notifications": {"backend": "none"},
    }
    for name, values in sections.items():
        base[name] = {**base.get(name, {}), **values}
    return Settings(**base)


def quiet_hours_around_now() -> tuple[str, str]:
    """Quiet hours from an hour ago to an hour from now (local time), and their end as HH:MM."""
    now = datetime.now().astimezone()
    start, end = now - timedelta(hours=1), now + timedelta(hours=1)
    return f"{start:%H:%M}-{end:%H:%M}", f"{end:%H:%M}"


@dataclass
class RunningDaemon:
    notifier: RecordingNotifier
    daemon: Daemon | None = None
    outcomes: list[ImportOutcome] = field(default_factory=list)
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def wait_for(
        self, predicate: Callable[[list[ImportOutcome]], bool], timeout: float = 10.0
    ) -> list[ImportOutcome]:
        """Wait until the outcomes so far satisfy ``predicate`` (checked at each new outcome)."""
        async with asyncio.timeout(timeout):
            while not predicate(self.outcomes):
                self._arrived.clear()
                await self._arrived.wait()
        return list(self.outcomes)

    async def wait_for_count(self, count: int, timeout: float = 10.0) -> list[ImportOutcome]:
        return await self.wait_for(lambda seen: len(seen) >= count, timeout)

    async def wait_for_notice(
        self, predicate: Callable[[Notice], bool], timeout: float = 10.0
    ) -> Notice:
        """The first notice sent that satisfies ``predicate``, waiting for it if need be."""
        async with asyncio.timeout(timeout):
            while True:
                for notice in self.notifier.notices:
                    if predicate(notice):
                        return notice
                await asyncio.sleep(0.02)

    def heard(self, outcome: ImportOutcome) -> None:
        self.outcomes.append(outcome)
        self._arrived.set()


@asynccontextmanager
async def running_daemon(
    settings: Settings | Callable[[], Settings],
    folder: Path | None,
    *,
    clock: Callable[[], datetime] | None = None,
    zone: tzinfo | None = None,
    clock_check: float | None = None,
) -> AsyncIterator[RunningDaemon]:
    """Start the daemon on ``folder`` (None: the configured folders); stop it (within 5 s) when
    the block ends. ``clock_check``: how often it looks whether the clock jumped (seconds)."""
    load = settings if callable(settings) else (lambda: settings)
    notifier = RecordingNotifier()
    running = RunningDaemon(notifier)
    daemon = Daemon(
        load,
        folders=None if folder is None else [folder],
        systemd=SystemdNotifier(environ={}),
        notifier=notifier,
        on_outcome=running.heard,
        **({} if clock is None else {"clock": clock}),
        **({} if clock_check is None else {"clock_check": clock_check}),
        zone=zone,
    )
    running.daemon = daemon
    task = asyncio.create_task(daemon.run())
    ready = asyncio.create_task(daemon.ready.wait())
    done, _ = await asyncio.wait({task, ready}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        task.result()  # raises what made it stop
    assert ready in done, "daemon did not become ready within 10 s"
    try:
        yield running
    finally:
        daemon.stop()
        await asyncio.wait_for(task, 5)
