"""Which of our formats a file is, or why a file that looks like one is not.

A file is checked (readable, not too large, a regular file), its head sniffed by every source,
and its content hashed: the hash says whether it was imported before, whatever its name. A file
named like a core LinkedIn table that no source takes is ``Rejected`` with the reason, since
silence would hide a changed format or damaged bytes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from watcher.config.settings import LimitsSettings
from watcher.intake.files import IntakeError, check_readable, read_head, sha256_file
from watcher.models import Failed, NotOurs
from watcher.sources import registry as sources
from watcher.sources.linkedin.loose import core_kind_name
from watcher.sources.text import TableError, sniff_table


@dataclass(frozen=True)
class Candidate:
    """A readable file that one of our sources recognised."""

    path: Path
    source: sources.Source
    size: int
    digest: str
    #: its modification time: its as-of time when the file does not say
    modified: datetime

    @property
    def kind(self) -> str:
        return self.source.name


def recognise(
    path: Path, limits: LimitsSettings, *, follow_symlinks: bool
) -> Candidate | Rejected | Failed | NotOurs:
    """What ``path`` is: one of ours (hashed), misnamed (``Rejected``), not ours, or a file
    that cannot be read (``Failed``, with the reason)."""
    try:
        info = check_readable(
            path, follow_symlinks=follow_symlinks, max_bytes=limits.max_file_bytes
        )
        head = read_head(path, sources.HEAD_BYTES)
        source = sources.recognise(path.name, head)
        if source is not None:
            modified = datetime.fromtimestamp(info.st_mtime, UTC)
            return Candidate(path, source, info.st_size, sha256_file(path), modified)
        why = misnamed_table(path.name, head)
        if why is None:
            return NotOurs(path=path)
        return Rejected(path, "linkedin-csv", info.st_size, sha256_file(path), why)
    except (IntakeError, OSError) as error:
        return Failed(path=path, kind=None, reason=reason_of(error))


@dataclass(frozen=True)
class Rejected:
    """A file named like a core LinkedIn table (``Invitations.csv``) that is not that table.

    Sniffing is by content, so no source takes it; but a file carrying that exact name is almost
    certainly the user's export with a changed format or damaged bytes, and silence would hide
    it. It is recorded as failed, with the reason, like any recognised file that cannot be read.
    """

    path: Path
    kind: str
    size: int
    digest: str
    reason: str


def misnamed_table(name: str, head: bytes) -> str | None:
    """Why a file named like a core LinkedIn table is not that table; None if not so named."""
    core = core_kind_name(name)
    if core is None:
        return None
    try:
        header = sniff_table(head).header
    except TableError as error:
        why = str(error).rstrip(".")
    else:
        why = "its columns are " + ", ".join(header[:6]) + (", …" if len(header) > 6 else "")
    return f"named like LinkedIn's {core} table, but {why}; did the format change?"


def reason_of(error: BaseException) -> str:
    """One line a person can act on; never a traceback."""
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read it: {error.strerror}"
    if isinstance(error, sqlite3.DatabaseError):
        return f"the database refused the import: {error}"
    text = " ".join(str(error).split())
    return text or type(error).__name__
