import io
from collections.abc import Iterator

import pytest
from loguru import logger

from watcher.system import logs


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    yield io.StringIO()
    logs.setup()  # back to stderr for the tests that follow


def test_logs_untrusted_text_cannot_forge_a_line(
    captured: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNAL_STREAM", "8:1234")
    logs.setup(sink=captured)
    logger.info("imported {}", "evil.csv\nERROR: forged line\r\x1b[31m")
    lines = captured.getvalue().splitlines()
    assert lines == ["INFO: imported evil.csv\\nERROR: forged line\\r\\x1b[31m"]


def test_logs_journal_lines_are_plain(
    captured: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNAL_STREAM", "8:1234")
    logs.setup(sink=captured)
    logger.warning("watch folder missing")
    assert captured.getvalue() == "WARNING: watch folder missing\n"


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


def test_logs_standard_library_records_go_through_loguru(
    captured: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    monkeypatch.setenv("JOURNAL_STREAM", "8:1")
    logs.setup(sink=captured)
    logging.getLogger("apscheduler").warning("no server\nsecond")
    assert captured.getvalue() == "WARNING: apscheduler: no server\\nsecond\n"
