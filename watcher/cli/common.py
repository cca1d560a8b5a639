"""What every command shares: the consoles, the options, one-line user errors, the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from watcher.config.settings import Settings, load_settings
from watcher.store import Store

# Names, notes and file names come from exports: never read them as rich markup.
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)


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
    store = Store(settings.storage.database_path())
    try:
        yield store
    finally:
        store.close()


def fail(message: str, code: int = 1) -> NoReturn:
    raise UserError(message, code)


def options_of(ctx: typer.Context) -> Options:
    return ctx.ensure_object(Options)


def now_utc() -> datetime:
    return datetime.now(UTC)
