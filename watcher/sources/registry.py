"""The registry of input formats: which source reads a file, decided by its content.

The pipeline calls ``recognise(name, head)`` with a file's name and its first ``HEAD_BYTES``,
then ``source.read(path, limits)``. A source is anything with a ``name``, a pure ``sniff`` and a
``read`` generator (``Source``); ``REGISTRY`` lists them in the order they are asked. To add a
format, import its source here and append one line to ``REGISTRY``.
"""

from __future__ import annotations

from watcher.sources import calendar, contacts_csv, vcard
from watcher.sources.base import HEAD_BYTES, Source, SourceError
from watcher.sources.invitations_json import InvitationsJsonSource
from watcher.sources.linkedin.archive import ArchiveSource
from watcher.sources.linkedin.loose import LinkedInCsvSource
from watcher.sources.linkedin.page import PageSource

__all__ = ["HEAD_BYTES", "REGISTRY", "Source", "SourceError", "recognise"]

#: Asked in this order; the first source whose ``sniff`` says yes reads the file.
REGISTRY: tuple[Source, ...] = (
    ArchiveSource(),
    InvitationsJsonSource(),
    LinkedInCsvSource(),
    PageSource(),
    vcard.SOURCE,
    contacts_csv.SOURCE,
    calendar.SOURCE,
)


def recognise(name: str, head: bytes) -> Source | None:
    """The source that reads this content, or None: not ours, leave the file alone."""
    return next((source for source in REGISTRY if source.sniff(name, head)), None)
