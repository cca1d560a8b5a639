"""LinkedIn's tables, recognised by their header columns, and the loose-CSV source.

A table kind is chosen by the columns its header has (case-insensitive), never by the file name,
so a renamed ``Connections (1).csv`` still works and an unrelated CSV is left alone. Kinds carry
a rank: the archive yields who the user is and whom they know before invitations and messages,
because the store marks an incoming invitation from someone already connected as accepted, and
messages.csv, which never names the owner, takes the owner from what the tables before it said
(``OwnerClues``: every reader gets them; most have nothing to tell).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from watcher.config.settings import LimitsSettings
from watcher.models import ReadProgress, Record
from watcher.sources.base import SourceError
from watcher.sources.linkedin.messages import read_messages
from watcher.sources.linkedin.owner import OwnerClues
from watcher.sources.linkedin.tables import (
    read_connections,
    read_endorsements,
    read_events,
    read_imported_contacts,
    read_invitations,
    read_owner_emails,
    read_positions,
    read_profile,
    read_recommendations,
    read_schools,
)
from watcher.sources.text import Place, Table, TableError, TableHead, open_table, peek_header

Reader = Callable[[Table, str, OwnerClues], Iterator[Record]]

#: Records between two progress reports of a table (messages.csv reports from its own loop).
RECORDS_PER_REPORT = 4096


def _plain(read: Callable[[Table, str], Iterator[Record]]) -> Reader:
    """A reader of a table that says nothing about the owner."""
    return lambda table, source, _clues: read(table, source)


@dataclass(frozen=True)
class TableKind:
    name: str
    rank: int  # read order inside an archive, lowest first
    columns: frozenset[str]  # lower-case header names that must all be present
    read: Reader
    #: a file name containing this is a twin we do not read (Recommendations_Given.csv has the
    #: same header as Recommendations_Received.csv)
    not_named: str = ""

    def matches(self, name: str, head: TableHead) -> bool:
        if self.not_named and self.not_named in name.lower():
            return False
        return self.columns <= head.keys


def _kind(name: str, rank: int, columns: str, read: Reader, not_named: str = "") -> TableKind:
    wanted = frozenset(column.lower() for column in columns.split(","))
    return TableKind(name, rank, wanted, read, not_named)


#: The first kind whose columns a header has wins; no two kinds overlap on real headers.
KINDS: tuple[TableKind, ...] = (
    _kind("profile", 0, "First Name,Last Name,Headline,Summary", read_profile),
    _kind("positions", 1, "Company Name,Title,Started On", _plain(read_positions)),
    _kind("schools", 1, "School Name,Start Date,End Date", _plain(read_schools)),
    _kind("events", 1, "Event Name,Event Time,Status", _plain(read_events)),
    _kind("owner-emails", 1, "Email Address,Confirmed,Primary", _plain(read_owner_emails)),
    _kind("connections", 2, "First Name,Last Name,Connected On", read_connections),
    _kind(
        "contacts", 3, "First Name,Last Name,Companies,Created At", _plain(read_imported_contacts)
    ),
    _kind("contacts", 3, "FirstName,LastName,Emails", _plain(read_imported_contacts)),
    _kind(
        "endorsements",
        3,
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name",
        _plain(read_endorsements),
    ),
    _kind(
        "recommendations",
        3,
        "First Name,Last Name,Company,Job Title,Text,Creation Date",
        _plain(read_recommendations),
        not_named="given",
    ),
    _kind("invitations", 4, "From,To,Sent At,Direction", read_invitations),
    _kind("messages", 5, "From,To,Date,Content", read_messages),
)

#: Core tables whose file names we know: inside an archive, such a member with a header we do
#: not recognise means LinkedIn changed the format, which must not pass silently.
CORE_FILE_NAMES = {
    "invitations.csv": "invitations",
    "connections.csv": "connections",
    "messages.csv": "messages",
}


def kind_of(name: str, head: TableHead) -> TableKind | None:
    """The LinkedIn table kind of a file called ``name`` whose table starts with ``head``."""
    return next((kind for kind in KINDS if kind.matches(name, head)), None)


def sniff_kind(name: str, head: bytes) -> TableKind | None:
    """Pure: the kind of the table whose first bytes are ``head``, or None."""
    table_head = peek_header(head)
    return None if table_head is None else kind_of(name, table_head)


def read_table(
    stream: IO[bytes],
    name: str,
    source: str,
    limits: LimitsSettings,
    *,
    clues: OwnerClues | None = None,
    place: Place | None = None,
) -> Iterator[Record]:
    """Records of one LinkedIn table; every problem comes out as SourceError. ``clues`` carry
    what the tables read before this one (in the same archive) said about the owner.

    ``ReadProgress`` reports (``place`` says where the table sits in its file) come first and
    then every ``RECORDS_PER_REPORT`` records or so."""
    try:
        table = open_table(stream, max_field=limits.max_field_bytes, place=place or Place(name))
        kind = kind_of(name, table.head)
        if kind is None:
            raise SourceError(_unrecognised(name, table.header))
        yield table.progress()
        records = kind.read(table, source, OwnerClues() if clues is None else clues)
        yield from _reporting(records, table)
    except TableError as error:
        raise SourceError(str(error)) from None


def _reporting(records: Iterator[Record], table: Table) -> Iterator[Record]:
    """``records`` with a progress report after every ``RECORDS_PER_REPORT`` of them."""
    since = 0
    for record in records:
        yield record
        since += 1
        if since == RECORDS_PER_REPORT:
            since = 0
            yield table.progress()


def _unrecognised(name: str, header: tuple[str, ...]) -> str:
    shown = ", ".join(header[:8]) + (", …" if len(header) > 8 else "")
    return f"{name} has columns LinkedIn's {name} does not have ({shown}); did the format change?"


def core_kind_name(member: str) -> str | None:
    """'invitations' for any ``…/Invitations.csv`` member, etc.; None for other names."""
    return CORE_FILE_NAMES.get(PurePosixPath(member).name.lower())


class LinkedInCsvSource:
    """A LinkedIn table dropped loose (taken out of the archive, maybe renamed)."""

    name = "linkedin-csv"

    def sniff(self, name: str, head: bytes) -> bool:
        return sniff_kind(name, head) is not None

    def read(self, path: Path, limits: LimitsSettings) -> Iterator[Record]:
        """The table's records, with progress reports up to the file's size."""
        try:
            with path.open("rb") as stream:
                size = os.fstat(stream.fileno()).st_size
                place = Place(path.name, 0, size)
                yield from read_table(stream, path.name, path.name, limits, place=place)
                yield ReadProgress(path.name, size, size)
        except OSError as error:
            raise SourceError(f"cannot read the file: {error.strerror or error}") from None
