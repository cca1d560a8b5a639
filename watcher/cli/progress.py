"""How far ``invite-watcher import`` has got, for the person waiting on it.

The pipeline reports ``(ReadProgress, records applied)`` now and then: bytes read of bytes in
all, and the archive member being read. On a terminal that becomes a rich bar with the total,
the member, the record count and the time left; written to a file or a pipe (a log, a cron
job's mail), plain lines: one when a member starts, otherwise at most one every few seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console, RenderableType
from rich.filesize import decimal
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from watcher.cli.render import plain
from watcher.models import ReadProgress

#: What the pipeline calls (``pipeline.Deps.progress``).
ProgressReport = Callable[[ReadProgress, int], None]

#: Seconds between two plain lines about the same member.
PLAIN_EVERY = 5.0


def stderr_console() -> Console:
    """Where the bar goes: stderr, with names from the archive never read as markup."""
    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


@contextmanager
def import_progress(
    file_name: str,
    console: Console,
    *,
    quiet: bool,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[ProgressReport | None]:
    """The display for one file's import on ``console`` (stderr), for as long as it runs;
    None (no reports wanted) when ``quiet``."""
    if quiet:
        yield None
    elif console.is_terminal:
        bar = ImportBar(file_name, console, clock=clock)
        with bar.progress:
            yield bar.report
    else:
        yield PlainLines(file_name, console, clock=clock)


class ImportBar:
    """A bar over the bytes to read: "a.zip: messages.csv ━━━╸── 12.1/40.3 MB 80,000 records
    0:00:09" (time left)."""

    def __init__(self, file_name: str, console: Console, *, clock: Callable[[], float]):
        self.file_name = plain(file_name)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[records]:,} records"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            get_time=clock,
        )
        self._task: TaskID = self.progress.add_task(self.file_name, total=None, records=0)

    def report(self, progress: ReadProgress, records: int) -> None:
        self.progress.update(
            self._task,
            description=f"{self.file_name}: {plain(progress.member)}",
            total=progress.total,
            completed=progress.done,
            records=records,
        )

    def renderable(self) -> RenderableType:
        """What the bar shows now (for a test to render without a live display)."""
        return self.progress.get_renderable()


class PlainLines:
    """ "importing a.zip: messages.csv, 12.1 of 40.3 MB (30%), 80,000 records" lines."""

    def __init__(
        self,
        file_name: str,
        console: Console,
        *,
        clock: Callable[[], float],
        every: float = PLAIN_EVERY,
    ):
        self.file_name = plain(file_name)
        self.console = console
        self.clock = clock
        self.every = every
        self._member: str | None = None
        self._last = 0.0

    def __call__(self, progress: ReadProgress, records: int) -> None:
        now = self.clock()
        if progress.member == self._member and now - self._last < self.every:
            return
        self._member, self._last = progress.member, now
        self.console.print(plain_line(self.file_name, progress, records), markup=False)


def plain_line(file_name: str, progress: ReadProgress, records: int) -> str:
    where = f"importing {file_name}: {plain(progress.member)}"
    if progress.total:
        share = min(100, progress.done * 100 // progress.total)
        read = f"{decimal(progress.done)} of {decimal(progress.total)} ({share}%)"
    else:
        read = f"{decimal(progress.done)} read"
    return f"{where}, {read}, {records:,} records"
