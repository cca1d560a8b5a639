"""How far ``invite-watcher import`` has got, for the person waiting on it.

The pipeline reports ``(ReadProgress, records applied)`` now and then: bytes read of bytes in
all, and the archive member being read; then, once the records are merged, how many of the
invitations it changed are judged (the last phase, seconds for a big archive). On a terminal
that becomes a rich bar with the total, the member (or "judging"), the record count and the
time left; written to a file or a pipe (a log, a cron job's mail), plain lines: one when a
member or the judging starts, otherwise at most one every few seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

from rich.console import Console, RenderableType
from rich.filesize import decimal
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from watcher.cli.render import plain
from watcher.models import ReadProgress

#: What the pipeline calls (``pipeline.Deps.progress``).
ProgressReport = Callable[[ReadProgress, int], None]
#: What it calls once judging (``pipeline.Deps.judging``): judged so far, of how many.
JudgingReport = Callable[[int, int], None]


class ImportDisplay(NamedTuple):
    """The two reports one import's display takes."""

    reading: ProgressReport
    judging: JudgingReport


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
) -> Iterator[ImportDisplay | None]:
    """The display for one file's import on ``console`` (stderr), for as long as it runs;
    None (no reports wanted) when ``quiet``."""
    if quiet:
        yield None
    elif console.is_terminal:
        bar = ImportBar(file_name, console, clock=clock)
        with bar.progress:
            yield ImportDisplay(bar.report, bar.judging)
    else:
        lines = PlainLines(file_name, console, clock=clock)
        yield ImportDisplay(lines, lines.judging)


class _Amount(ProgressColumn):
    """Bytes while reading ("12.1/40.3 MB"), invitations while judging ("12,000/50,000
    invitations"): one bar, two phases."""

    def __init__(self) -> None:
        super().__init__()
        self._bytes = DownloadColumn()

    def render(self, task: Task) -> Text:
        if task.fields.get("unit") != "invitations":
            return self._bytes.render(task)
        total = f"{int(task.total):,}" if task.total is not None else "?"
        return Text(f"{int(task.completed):,}/{total} invitations", style="progress.download")


class ImportBar:
    """A bar over the bytes to read: "a.zip: messages.csv ━━━╸── 12.1/40.3 MB 80,000 records
    0:00:09" (time left)."""

    def __init__(self, file_name: str, console: Console, *, clock: Callable[[], float]):
        self.file_name = plain(file_name)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            _Amount(),
            TextColumn("{task.fields[records]:,} records"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            get_time=clock,
        )
        self._task: TaskID = self.progress.add_task(
            self.file_name, total=None, records=0, unit="bytes"
        )
        self._judging = False
        self._records = 0

    def report(self, progress: ReadProgress, records: int) -> None:
        self._records = records
        self.progress.update(
            self._task,
            description=f"{self.file_name}: {plain(progress.member)}",
            total=progress.total,
            completed=progress.done,
            records=records,
        )

    def judging(self, done: int, total: int) -> None:
        """The last phase: the bar starts again over the invitations to judge."""
        if self._judging:
            self.progress.update(self._task, completed=done)
            return
        self._judging = True
        # reset: the time left is measured afresh, in invitations rather than bytes
        self.progress.reset(
            self._task,
            total=total,
            completed=done,
            description=f"{self.file_name}: judging",
            unit="invitations",
            records=self._records,  # reset drops the fields it is not given
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

    def judging(self, done: int, total: int) -> None:
        now = self.clock()
        if self._member == _JUDGING and now - self._last < self.every and done < total:
            return
        self._member, self._last = _JUDGING, now
        share = min(100, done * 100 // max(total, 1))
        line = f"importing {self.file_name}: judging, {done:,} of {total:,} invitations ({share}%)"
        self.console.print(line, markup=False)


#: What the plain lines remember as the member once the judging has started.
_JUDGING = "\0judging"


def plain_line(file_name: str, progress: ReadProgress, records: int) -> str:
    where = f"importing {file_name}: {plain(progress.member)}"
    if progress.total:
        share = min(100, progress.done * 100 // progress.total)
        read = f"{decimal(progress.done)} of {decimal(progress.total)} ({share}%)"
    else:
        read = f"{decimal(progress.done)} read"
    return f"{where}, {read}, {records:,} records"
