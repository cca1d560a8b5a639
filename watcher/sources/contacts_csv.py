"""Contacts exported as CSV by Google Contacts and Outlook: one ``Acquaintance`` per contact.

Recognised by header columns, never by file name (reference/export-formats.md §2):

* Google, current: ``First Name,Middle Name,Last Name,…,Organization Name,…,E-mail 1 - Value``
* Google, legacy "Google CSV": ``Name,Given Name,Additional Name,Family Name,…,E-mail 1 - Value``
* Outlook desktop and Outlook.com: ``First Name,Middle Name,Last Name,…,E-mail Address,…``

The tolerant table reader (``watcher.sources.text``) deals with the BOM, multi-line quoted
Notes, Windows-1252 and ``;``-separated Excel re-saves. Google packs several values in one cell
with `` ::: ``; every e-mail and website cell is split on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from watcher.config.settings import LimitsSettings
from watcher.core.identity import normalise_url
from watcher.models import Acquaintance, HistoryKind, Record
from watcher.sources.base import SourceError
from watcher.sources.text import TableError, open_table, peek_header

_MULTI = ":::"
_EMAIL_COLUMN = re.compile(r"^e-mail(?: \d+ - value| address| \d+ address)$")
_WEB_COLUMN = re.compile(r"^(?:website \d+ - value|web page|personal web page)$")


@dataclass(frozen=True, slots=True)
class ContactsShape:
    """One CSV dialect of an address book: how to recognise it and where its fields are."""

    name: str
    required: frozenset[str]  # lower-case header names that must all be present
    name_columns: tuple[str, ...]  # joined with spaces when ``full_name`` is empty
    full_name: str = ""
    company: tuple[str, ...] = ()
    title: tuple[str, ...] = ()

    def matches(self, keys: frozenset[str]) -> bool:
        return self.required <= keys


def _columns(text: str) -> frozenset[str]:
    return frozenset(column.strip().lower() for column in text.split(","))


SHAPES: tuple[ContactsShape, ...] = (
    ContactsShape(
        "google",
        _columns("First Name,Last Name,Organization Name,E-mail 1 - Value"),
        ("first name", "middle name", "last name"),
        company=("organization name",),
        title=("organization title",),
    ),
    ContactsShape(
        "google-legacy",
        _columns("Name,Given Name,Family Name,E-mail 1 - Value"),
        ("given name", "additional name", "family name"),
        full_name="name",
        company=("organization 1 - name",),
        title=("organization 1 - title",),
    ),
    ContactsShape(
        "outlook",
        _columns("First Name,Last Name,E-mail Address"),
        ("first name", "middle name", "last name"),
        company=("company",),
        title=("job title",),
    ),
)


def shape_of(keys: frozenset[str]) -> ContactsShape | None:
    """The address-book dialect a header (lower-cased names) belongs to, if any."""
    return next((shape for shape in SHAPES if shape.matches(keys)), None)


def _values(cell: str) -> list[str]:
    return [value.strip() for value in cell.split(_MULTI) if value.strip()]


def _first(row: dict[str, str], columns: tuple[str, ...]) -> str:
    return next((" ".join(row[c].split()) for c in columns if row.get(c, "").strip()), "")


def _name(row: dict[str, str], shape: ContactsShape) -> str:
    full = " ".join(row.get(shape.full_name, "").split()) if shape.full_name else ""
    parts = (" ".join(row.get(column, "").split()) for column in shape.name_columns)
    return full or " ".join(part for part in parts if part)


def _emails(row: dict[str, str]) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for column, cell in row.items():
        if _EMAIL_COLUMN.match(column):
            for value in _values(cell):
                if "@" in value:
                    found[value.casefold()] = None
    return tuple(found)


def _profile_url(row: dict[str, str]) -> str | None:
    for column, cell in row.items():
        if _WEB_COLUMN.match(column):
            for value in _values(cell):
                if url := normalise_url(value):
                    return url
    return None


def row_to_acquaintance(
    row: dict[str, str], shape: ContactsShape, source: str
) -> Acquaintance | None:
    """None for a row naming nobody we could match (no name, e-mail or profile)."""
    name, emails, profile_url = _name(row, shape), _emails(row), _profile_url(row)
    if not (name or emails or profile_url):
        return None
    return Acquaintance(
        kind=HistoryKind.ADDRESS_BOOK,
        name=name,
        emails=emails,
        company=_first(row, shape.company),
        title=_first(row, shape.title),
        profile_url=profile_url,
        source=source,
    )


class ContactsCsvSource:
    """Google Contacts and Outlook contacts exported as CSV."""

    name = "contacts-csv"

    def sniff(self, name: str, head: bytes) -> bool:
        table = peek_header(head)
        return table is not None and shape_of(table.keys) is not None

    def read(self, path: Path, limits: LimitsSettings) -> Iterator[Record]:
        try:
            with path.open("rb") as stream:
                table = open_table(stream, max_field=limits.max_field_bytes)
                shape = shape_of(table.head.keys)
                if shape is None:
                    raise SourceError("the header is not a Google or Outlook contacts header")
                for row in table.records():
                    # the line the row starts on: where it ends, less the breaks in its cells
                    line = table.line - sum(cell.count("\n") for cell in row.values())
                    source = f"{path.name} line {line}"
                    if (known := row_to_acquaintance(row, shape, source)) is not None:
                        yield known
        except TableError as error:
            raise SourceError(str(error)) from None
        except OSError as error:
            raise SourceError(f"cannot read the file: {error.strerror}") from None


SOURCE = ContactsCsvSource()
