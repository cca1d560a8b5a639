"""Logging with loguru: readable on a terminal, plain single lines for the journal.

Log messages often carry untrusted text (names, notes, file names). Newlines and other control
characters are escaped so such text can never forge an extra log line.

Under systemd each journal line starts with its sd-daemon(3) priority (``<4>`` for a warning),
which journald turns into the entry's PRIORITY, so ``journalctl -p warning`` finds our warnings.
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


#: loguru level number -> sd-daemon priority, highest first: CRITICAL <2>, ERROR <3>,
#: WARNING <4>, SUCCESS <5> (notice), INFO <6>; anything lower (DEBUG, TRACE) is <7>.
_PRIORITIES = ((50, 2), (40, 3), (30, 4), (25, 5), (20, 6))
DEBUG_PRIORITY = 7


def journal_priority(level_no: int) -> int:
    """The syslog priority journald should record for a loguru level number."""
    return next((prio for least, prio in _PRIORITIES if level_no >= least), DEBUG_PRIORITY)


def journal_format(record: Record) -> str:
    # ``\<`` keeps loguru from reading the prefix as a colour tag.
    return f"\\<{journal_priority(record['level'].no)}>{{level}}: {{message}}\n"


def writes_to_journal(stream: TextIO) -> bool:
    """Whether ``stream`` is the journal stream systemd connected us to.

    ``JOURNAL_STREAM`` is inherited by everything a service starts (a terminal opened from a
    desktop service, a shell in it), so its presence alone proves nothing: systemd.exec(5) says
    to compare the ``device:inode`` it names with the stream's own.
    """
    device, _, inode = os.environ.get("JOURNAL_STREAM", "").partition(":")
    try:
        status = os.fstat(stream.fileno())
        return (status.st_dev, status.st_ino) == (int(device), int(inode))
    except (OSError, ValueError, AttributeError):  # no such fd (StringIO), or a bad value
        return False


def setup(*, verbose: bool = False, sink: TextIO | None = None) -> None:
    """Configure the single loguru sink on stderr, in the journal's format when it goes there."""
    logger.remove()
    stream = sink or sys.stderr
    level = "DEBUG" if verbose else "INFO"
    to_journal = writes_to_journal(stream)
    logger.configure(patcher=_escape_record)
    logging.basicConfig(handlers=[_ToLoguru()], level=logging.WARNING, force=True)
    # watcher.notify.texts reports a failed notification itself, once per outage, without the
    # library's traceback per notice.
    logging.getLogger("desktop_notifier").setLevel(logging.CRITICAL)
    if to_journal:
        # journald adds its own timestamps; a format function also keeps tracebacks out (their
        # lines would carry no priority and read as separate entries).
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
