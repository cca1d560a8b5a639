"""Logging with loguru: readable on a terminal, plain single lines for the journal.

Log messages often carry untrusted text (names, notes, file names). Newlines and other control
characters are escaped so such text can never forge an extra log line.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING, TextIO

from loguru import logger

if TYPE_CHECKING:
    from loguru import Record

_ESCAPES = {i: f"\\x{i:02x}" for i in range(32)} | {
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    0x7F: "\\x7f",
}
_ESCAPES[ord("\t")] = " "


def escape(text: str) -> str:
    return text.translate(_ESCAPES)


def _escape_record(record: Record) -> None:
    record["message"] = escape(record["message"])


class _ToLoguru(logging.Handler):
    """Libraries (desktop-notifier, APScheduler, watchdog) log through the standard library;
    their records go through the same sink, escaped, without stray tracebacks."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level: str | int = logger.level(record.levelname).name
        except ValueError:
            level = record.levelno
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            message += f": {record.exc_info[1]!r}"
        logger.log(level, "{}: {}", record.name, message)


def journal_format(record: Record) -> str:
    return "{level}: {message}\n"


def setup(*, verbose: bool = False, sink: TextIO | None = None) -> None:
    """Configure the single loguru sink on stderr (journald when JOURNAL_STREAM is set)."""
    logger.remove()
    stream = sink or sys.stderr
    level = "DEBUG" if verbose else "INFO"
    to_journal = bool(os.environ.get("JOURNAL_STREAM"))
    logger.configure(patcher=_escape_record)
    logging.basicConfig(handlers=[_ToLoguru()], level=logging.WARNING, force=True)
    # watcher.notify.texts reports a failed notification itself, once per outage, without the
    # library's traceback per notice.
    logging.getLogger("desktop_notifier").setLevel(logging.CRITICAL)
    if to_journal:
        # journald adds its own timestamps; a format function also keeps tracebacks out.
        logger.add(stream, level=level, format=journal_format, colorize=False)
    else:
        logger.add(
            stream,
            level=level,
            format="<green>{time:HH:mm:ss}</green> <level>{level: <7}</level> {message}",
            colorize=None,
            backtrace=verbose,
            diagnose=False,
        )
