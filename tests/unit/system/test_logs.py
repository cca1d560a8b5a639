import io
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pytest
from loguru import logger

from watcher.system import logs


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    yield io.StringIO()
    logs.setup()  # back to stderr for the tests that follow


@dataclass
class Journal:
    """A file standing in for journald's socket: JOURNAL_STREAM names its device and inode,
    as systemd does for a service whose stderr goes to the journal."""

    path: Path
    stream: TextIO

    def lines(self) -> list[str]:
        self.stream.flush()
        return self.path.read_text(encoding="utf-8").splitlines()


def stream_id(stream: TextIO) -> str:
    status = os.fstat(stream.fileno())
    return f"{status.st_dev}:{status.st_ino}"


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Journal]:
    path = tmp_path / "journal"
    with path.open("w", encoding="utf-8") as stream:
        monkeypatch.setenv("JOURNAL_STREAM", stream_id(stream))
        yield Journal(path, stream)
        logs.setup()  # let go of the file before it closes


def test_logs_untrusted_text_cannot_forge_a_line(journal: Journal) -> None:
    logs.setup(sink=journal.stream)
    logger.info("imported {}", "evil.csv\nERROR: forged line\r\x1b[31m")
    assert journal.lines() == ["<6>INFO: imported evil.csv\\nERROR: forged line\\r\\x1b[31m"]


def test_logs_journal_lines_start_with_their_priority(journal: Journal) -> None:
    # sd-daemon(3) prefixes: journald stores them as PRIORITY, so `journalctl -p warning` works.
    logs.setup(verbose=True, sink=journal.stream)
    logger.debug("d")
    logger.info("i")
    logger.success("s")
    logger.warning("watch folder missing")
    logger.error("e")
    logger.critical("c")
    assert journal.lines() == [
        "<7>DEBUG: d",
        "<6>INFO: i",
        "<5>SUCCESS: s",
        "<4>WARNING: watch folder missing",
        "<3>ERROR: e",
        "<2>CRITICAL: c",
    ]


def test_logs_journal_keeps_tracebacks_out(journal: Journal) -> None:
    # A traceback's lines would reach the journal without a priority, as entries of their own.
    logs.setup(sink=journal.stream)
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        logger.opt(exception=error).error("import failed: {}", error)
    lines = journal.lines()
    # Only this test's line is asserted whole: a line logged meanwhile by a thread another test
    # left winding down must not make this fail under load (it did, once).
    assert [line for line in lines if "boom" in line] == ["<3>ERROR: import failed: boom"]
    assert all(line.startswith("<") for line in lines), lines  # no bare traceback lines


@pytest.mark.parametrize(
    ("level", "priority"),
    [(5, 7), (10, 7), (19, 7), (20, 6), (25, 5), (30, 4), (35, 4), (40, 3), (50, 2), (60, 2)],
)
def test_journal_priority_follows_the_level_number(level: int, priority: int) -> None:
    assert logs.journal_priority(level) == priority


@pytest.mark.parametrize("kind", ["another file", "no file behind the sink", "not an id"])
def test_logs_inherited_journal_stream_elsewhere_is_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    # A shell in a terminal that a desktop service started inherits JOURNAL_STREAM: only the
    # stream it names is the journal (systemd.exec(5)).
    other = tmp_path / "other"
    other.write_text("")
    with other.open() as elsewhere, (tmp_path / "terminal").open("w+") as terminal:
        journal_stream = {
            "another file": stream_id(elsewhere),
            "no file behind the sink": stream_id(terminal),
            "not an id": "journal",
        }[kind]
        sink: TextIO = io.StringIO() if kind == "no file behind the sink" else terminal
        monkeypatch.setenv("JOURNAL_STREAM", journal_stream)
        logs.setup(sink=sink)
        try:
            logger.warning("watch folder missing")
        finally:
            logs.setup()
        sink.seek(0)
        text = sink.read()
    assert text.endswith("WARNING watch folder missing\n")
    assert text[2] == ":" and "<4>" not in text  # HH:MM:SS first, no journal prefix


def test_logs_terminal_has_time_and_verbose_shows_debug(
    captured: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JOURNAL_STREAM", raising=False)
    logs.setup(verbose=False, sink=captured)
    logger.debug("hidden")
    logs.setup(verbose=True, sink=captured)
    logger.debug("shown")
    text = captured.getvalue()
    assert "hidden" not in text
    assert "shown" in text and text[2] == ":"  # HH:MM:SS first


def test_logs_standard_library_records_go_through_loguru(journal: Journal) -> None:
    logs.setup(sink=journal.stream)
    logging.getLogger("apscheduler").warning("no server\nsecond")
    assert journal.lines() == ["<4>WARNING: apscheduler: no server\\nsecond"]
