"""The import's progress display (``watcher.cli.progress``) fed synthetic reports: a bar with
the total, the member, the records and the time left on a terminal; plain lines elsewhere."""

from __future__ import annotations

import io

from rich.console import Console

from watcher.cli.progress import ImportBar, PlainLines, import_progress
from watcher.models import ReadProgress

MB = 1_000_000


class Clock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def terminal() -> Console:
    return Console(file=io.StringIO(), force_terminal=True, width=120, color_system=None)


def shown(bar: ImportBar) -> str:
    screen = terminal()
    screen.print(bar.renderable())
    assert isinstance(screen.file, io.StringIO)
    return screen.file.getvalue()


def test_progress_bar_shows_the_total_the_member_the_records_and_the_time_left() -> None:
    clock = Clock()
    bar = ImportBar("a.zip", terminal(), clock=clock)

    bar.report(ReadProgress("Invitations.csv", 0, 100 * MB), 0)
    clock.now += 10
    bar.report(ReadProgress("Connections.csv", 20 * MB, 100 * MB), 40_000)
    clock.now += 10
    bar.report(ReadProgress("messages.csv", 40 * MB, 100 * MB), 81_000)
    text = shown(bar)

    assert "a.zip: messages.csv" in text
    assert "40.0/100.0 MB" in text
    assert "81,000 records" in text
    assert "0:00:30" in text  # 60 MB left at the last 10 s's 2 MB/s


def test_progress_bar_without_a_total_still_counts() -> None:
    bar = ImportBar("notes.json", terminal(), clock=Clock())

    bar.report(ReadProgress("notes.json", 2 * MB, None), 1_200)

    text = shown(bar)

    assert "notes.json" in text
    assert "2.0/? MB" in text
    assert "1,200 records" in text


def test_progress_plain_lines_one_per_member_and_at_most_one_every_few_seconds() -> None:
    clock = Clock()
    console = Console(file=io.StringIO(), width=200)
    lines = PlainLines("a.zip", console, clock=clock, every=5)

    lines(ReadProgress("Connections.csv", 1 * MB, 10 * MB), 1_000)
    clock.now += 1
    lines(ReadProgress("Connections.csv", 2 * MB, 10 * MB), 2_000)  # too soon: nothing
    lines(ReadProgress("messages.csv", 3 * MB, 10 * MB), 3_000)  # a new member: at once
    clock.now += 6
    lines(ReadProgress("messages.csv", 9 * MB, 10 * MB), 9_000)
    assert isinstance(console.file, io.StringIO)
    written = console.file.getvalue().splitlines()

    assert written == [
        "importing a.zip: Connections.csv, 1.0 MB of 10.0 MB (10%), 1,000 records",
        "importing a.zip: messages.csv, 3.0 MB of 10.0 MB (30%), 3,000 records",
        "importing a.zip: messages.csv, 9.0 MB of 10.0 MB (90%), 9,000 records",
    ]


def test_progress_picks_the_display_by_where_it_writes() -> None:
    piped = Console(file=io.StringIO())

    with import_progress("a.zip", terminal(), quiet=True) as quiet:
        assert quiet is None
    with import_progress("a.zip", piped, quiet=False) as plain:
        assert plain is not None and isinstance(plain.reading, PlainLines)
    with import_progress("a.zip", terminal(), quiet=False) as bar:
        assert bar is not None and not isinstance(bar.reading, PlainLines)
        bar.reading(ReadProgress("Invitations.csv", 1, 2), 1)
        bar.judging(1, 2)


def test_progress_bar_starts_again_over_the_invitations_being_judged() -> None:
    clock = Clock()
    bar = ImportBar("a.zip", terminal(), clock=clock)
    bar.report(ReadProgress("messages.csv", 100 * MB, 100 * MB), 380_000)

    bar.judging(0, 50_000)
    clock.now += 5
    bar.judging(5_000, 50_000)
    clock.now += 5
    bar.judging(10_000, 50_000)
    text = shown(bar)

    assert "a.zip: judging" in text
    assert "10,000/50,000 invitations" in text
    assert "MB" not in text
    assert "380,000 records" in text
    assert "0:00:40" in text  # 40,000 left at 1,000 a second, not a rate in bytes


def test_progress_plain_lines_say_the_judging_too() -> None:
    clock = Clock()
    console = Console(file=io.StringIO(), width=200)
    lines = PlainLines("a.zip", console, clock=clock, every=5)

    lines(ReadProgress("messages.csv", 10 * MB, 10 * MB), 9_000)
    lines.judging(0, 30_000)  # a new phase: at once
    clock.now += 1
    lines.judging(2_000, 30_000)  # too soon: nothing
    lines.judging(30_000, 30_000)  # the end: always
    assert isinstance(console.file, io.StringIO)
    written = console.file.getvalue().splitlines()

    assert written[1:] == [
        "importing a.zip: judging, 0 of 30,000 invitations (0%)",
        "importing a.zip: judging, 30,000 of 30,000 invitations (100%)",
    ]
