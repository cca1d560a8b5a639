"""What every command shares: the consoles, the options, one-line user errors, the store."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, TypeVar

import typer

from watcher.config.settings import Settings, load_settings
from watcher.store import StoredInvitation
from watcher.store.faults import translate
from watcher.store.locking import LockWait
from watcher.store.reading import Reading

if TYPE_CHECKING:  # the whole store is loaded by the commands that write (open_store)
    from watcher.store import Store

#: The store a command opens: the whole one, or its reading side (``list``, ``show``).
Opened = TypeVar("Opened", bound=Reading)

#: What a command says, once, when another process (the daemon's or a CLI's import) holds the
#: database's write lock and the command waits for it.
WAITING_LINE = "waiting for an import to finish…"


@dataclass(frozen=True)
class Size:
    width: int
    height: int


@dataclass(frozen=True)
class Lines:
    """Plain lines on stdout or stderr, as every command but ``import``'s bar prints them.

    Not rich's Console: with markup and highlighting off (names, notes and file names come from
    exports and must print as they are), it wrote the same text, but loading it was ~80 M
    instructions of the ~1,300 M that ``show`` runs (callgrind). Each line is flushed, so what
    goes to stdout and stderr shows in the order it was said. The stream is looked up at each
    line: a test or a command that swaps ``sys.stdout`` is written to."""

    stderr: bool = False

    @property
    def stream(self) -> TextIO:
        return sys.stderr if self.stderr else sys.stdout

    def print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    @property
    def size(self) -> Size:
        """The terminal's columns and lines (``COLUMNS``/``LINES`` win; 80x24 when unknown)."""
        columns, lines = shutil.get_terminal_size()
        return Size(width=columns, height=lines)


out = Lines()
err = Lines(stderr=True)


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 1 (or ``code``)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


@dataclass
class Options:
    config: Path | None
    verbose: bool

    def settings(self) -> Settings:
        return load_settings(self.config)


@contextmanager
def open_store(settings: Settings) -> Iterator[Store]:
    """The store, for one command: its writes wait for another's lock with one line said; a
    fault of the file met on the way (corrupt, disk full) comes out as a ``StoreError``."""
    from watcher.store import Store  # noqa: PLC0415

    with _opened(Store, settings) as store:
        yield store


@contextmanager
def open_reading(settings: Settings) -> Iterator[Reading]:
    """``open_store`` for a command that only reads: the store's reading side, whose modules
    alone are loaded (those of the outbox, the meet-ups, the judgings are not)."""
    with _opened(Reading, settings) as store:
        yield store


@contextmanager
def _opened(kind: type[Opened], settings: Settings) -> Iterator[Opened]:
    path = settings.storage.database_path()
    store = kind(path, wait=LockWait(on_wait=_say_once(WAITING_LINE)))
    try:
        yield store
    except sqlite3.Error as error:
        fault = translate(error, path)
        if fault is error:
            raise
        raise fault from error
    finally:
        store.close()


def _say_once(line: str) -> Callable[[], None]:
    said = False

    def say() -> None:
        nonlocal said
        if not said:
            said = True
            err.print(line)

    return say


def fail(message: str, code: int = 1) -> NoReturn:
    raise UserError(message, code)


def stored_invitation(store: Reading, invitation_id: int) -> StoredInvitation:
    """The stored invitation, or the one line saying there is none."""
    found = store.invitation(invitation_id)
    if found is None:
        fail(f"no invitation with id {invitation_id}; `invite-watcher list` shows them")
    return found


def options_of(ctx: typer.Context) -> Options:
    return ctx.ensure_object(Options)


def now_utc() -> datetime:
    return datetime.now(UTC)
