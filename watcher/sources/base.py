"""What every source shares: the protocol, the error type and the size of a sniffed head.

Kept apart from ``__init__`` so the source modules can import it without a cycle through the
registry.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from watcher.config.settings import LimitsSettings
from watcher.models import Record

#: How much of a file ``sniff`` sees.
HEAD_BYTES: int = 65536


class SourceError(Exception):
    """Recognised but broken; ``str(error)`` is the one-line reason a user can act on."""


class Source(Protocol):
    """One input format: a pure recogniser and a streaming reader."""

    name: str

    def sniff(self, name: str, head: bytes) -> bool:
        """True when ``head`` (the first ``HEAD_BYTES`` of a file called ``name``) is ours."""
        ...

    def read(self, path: Path, limits: LimitsSettings) -> Iterator[Record]:
        """Yield the file's records; raise SourceError (only) when it is broken."""
        ...
