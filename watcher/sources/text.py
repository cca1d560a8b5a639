"""Byte-level decoding and a tolerant CSV reader for exported tables.

Exports reach us in several shapes: UTF-8 with or without a BOM, UTF-16LE tab-separated files
with every field quoted, Excel re-saves in Windows-1252 (sometimes ``;``-separated), CRLF or LF,
quoted multi-line fields, preambles before the header (Connections.csv's ``Notes:``), all-empty
rows and no final newline. This module hides all of that behind two calls:

``sniff_table(head) -> TableHead``
    Pure. From the first bytes of a file: its encoding, its delimiter, the real header (found
    within the first ``HEADER_SCAN_ROWS`` rows: the first row with at least two non-empty
    cells) and how many rows come before it. Raises TableError for empty, binary or undecodable
    bytes and when no header shows up.

``open_table(stream, max_field=..., place=...) -> Table``
    Streams a binary file object as rows. ``Table.header`` is the header as written,
    ``Table.column(*names)`` finds a column by name (case-insensitive, first name that exists),
    ``Table.rows()`` yields the non-empty rows as lists of strings and ``Table.records()`` as
    dicts keyed by the lower-cased header. Any decoding or CSV problem, including a field longer
    than ``max_field``, is raised as TableError with the line number. ``Table.progress()`` says
    how far the bytes have been read (``ReadProgress``), placed in its file by ``place``.

TableError messages are one line, meant to be shown to the user after the file's name.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import io
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from watcher.models import ReadProgress

#: How many rows the header may be preceded by (Connections.csv has three).
HEADER_SCAN_ROWS = 10
#: How much of the stream is sniffed before reading starts.
SNIFF_BYTES = 65536
DELIMITERS = (",", "\t", ";")

#: A UTF-8 file with a stray Windows-1252 byte (an Excel edit, a copy-paste) reads on instead of
#: failing: the bad bytes are decoded as Windows-1252.
_UTF8_FALLBACK = "invite-watcher-cp1252-fallback"
_CONTROL_OK = frozenset("\t\n\r\f\v\x1a")
_BINARY_CONTROL_SHARE = 0.01


def _decode_bad_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error(_UTF8_FALLBACK, _decode_bad_bytes_as_cp1252)


class TableError(Exception):
    """The bytes are not a table we can read; ``str(error)`` is a one-line reason."""


@dataclass(frozen=True, slots=True)
class TableHead:
    """What the first bytes of a table tell."""

    encoding: str  # a Python codec name
    errors: str  # the codec error handler to read the rest with
    delimiter: str
    header: tuple[str, ...]  # stripped, as written
    skip: int  # rows before the header

    @property
    def keys(self) -> frozenset[str]:
        """The header names, lower-cased: what recognisers compare with."""
        return frozenset(name.lower() for name in self.header)


def _looks_utf16le(head: bytes) -> bool:
    """BOM-less UTF-16LE text: ASCII-range characters leave every odd byte zero."""
    sample = head[:512]
    if len(sample) < 4:
        return False
    odd_zero = sample[1::2].count(0) / len(sample[1::2])
    even_zero = sample[0::2].count(0) / len(sample[0::2])
    return odd_zero > 0.9 and even_zero < 0.1


def sniff_encoding(head: bytes) -> tuple[str, str]:
    """(codec, error handler) for a file starting with ``head``; TableError if not text."""
    if not head:
        raise TableError("the file is empty")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "strict"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", _UTF8_FALLBACK
    if _looks_utf16le(head):
        return "utf-16-le", "strict"
    if b"\x00" in head:
        raise TableError("binary data, not a text table")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", _UTF8_FALLBACK
    try:
        head.decode("cp1252")
    except UnicodeDecodeError:
        raise TableError("not text in a supported encoding (UTF-8, UTF-16, Windows-1252)") from None
    return "cp1252", "strict"


def decode_head(head: bytes) -> str:
    """``head`` as text, a character cut in half at its end dropped; TableError if not text."""
    encoding, errors = sniff_encoding(head)
    text: str = codecs.getincrementaldecoder(encoding)(errors).decode(head, final=False)
    controls = sum(1 for char in text if char < " " and char not in _CONTROL_OK)
    if controls > len(text) * _BINARY_CONTROL_SHARE:
        raise TableError("binary data, not a text table")
    return text


def _find_header(text: str, delimiter: str) -> tuple[int, list[str]] | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for index, row in enumerate(reader):
            if index >= HEADER_SCAN_ROWS:
                return None
            if sum(1 for cell in row if cell.strip()) >= 2:
                return index, row
    except csv.Error:
        return None
    return None


def sniff_table(head: bytes) -> TableHead:
    """Encoding, delimiter and header of the table starting with ``head``. Pure."""
    encoding, errors = sniff_encoding(head)
    text = decode_head(head)
    candidates = []
    for delimiter in DELIMITERS:
        found = _find_header(text, delimiter)
        if found is not None:
            candidates.append((found[0], -len(found[1]), DELIMITERS.index(delimiter), found[1]))
    if not candidates:
        raise TableError(f"no header row in the first {HEADER_SCAN_ROWS} rows")
    # The delimiter that finds a header soonest, then the widest one: a wrong delimiter can
    # split a data row of a UTF-16 tab file on its commas, but not its header.
    skip, _, rank, header = min(candidates)
    delimiter = DELIMITERS[rank]
    return TableHead(encoding, errors, delimiter, tuple(cell.strip() for cell in header), skip)


def peek_header(head: bytes) -> TableHead | None:
    """Like sniff_table, but None instead of an error: for recognisers."""
    try:
        return sniff_table(head)
    except TableError:
        return None


@dataclass(frozen=True, slots=True)
class Place:
    """Where a table sits in what its reader reads, for its ``ReadProgress`` reports."""

    member: str  # the file or archive member name
    before: int = 0  # bytes read before this table (an archive: earlier members, uncompressed)
    total: int | None = None  # bytes in all, if known


class _Prepended(io.RawIOBase):
    """``head`` followed by the rest of ``stream``: sniff first, then read on without seeking.

    ``consumed`` is how many bytes of ``stream`` have been read: its position, without asking a
    ZIP member (whose ``tell`` needs a seekable archive) or a pipe."""

    def __init__(self, head: bytes, stream: IO[bytes]):
        self._head = memoryview(head)
        self._stream = stream
        self.consumed = len(head)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self.consumed += len(data)
        return len(data)


class Table:
    """A streamed table: its header, column lookup by name, and its non-empty rows."""

    def __init__(
        self,
        head: TableHead,
        reader: Iterator[list[str]],
        max_field: int,
        *,
        place: Place | None = None,
        consumed: Callable[[], int] = lambda: 0,
    ):
        self.head = head
        self.place = place or Place("")
        self._consumed = consumed
        self.header = head.header
        self._index = {name.lower(): i for i, name in reversed(list(enumerate(head.header)))}
        self._reader = reader
        self._max_field = max_field
        self._line = head.skip + 1

    def column(self, *names: str) -> int | None:
        """Index of the first of ``names`` the header has (case-insensitive), else None."""
        for name in names:
            index = self._index.get(name.lower())
            if index is not None:
                return index
        return None

    def picker(self, *columns: str) -> Callable[[list[str]], tuple[str, ...]]:
        """A fast ``row -> (cell, ...)`` for these column names; absent columns read as "".

        Cells are not stripped. The row is padded in place (it is the reader's fresh list).
        """
        width = len(self.header)
        indices = [self.column(name) for name in columns]
        getter = operator.itemgetter(*(width if i is None else i for i in indices), width)

        def pick(row: list[str]) -> tuple[str, ...]:
            if len(row) != width:
                row[:] = (row + [""] * width)[:width]
            row.append("")
            return getter(row)[:-1]  # type: ignore[no-any-return]

        return pick

    def progress(self) -> ReadProgress:
        """How far the bytes of the table have been read (the decoder reads a little ahead)."""
        place = self.place
        return ReadProgress(place.member, place.before + self._consumed(), place.total)

    @property
    def line(self) -> int:
        """The physical line the reader has reached (for messages)."""
        return int(getattr(self._reader, "line_num", self._line))

    def rows(self) -> Iterator[list[str]]:
        """Every row that has a non-empty cell. Cells are as written (not stripped)."""
        with self.reading():
            for row in self._reader:
                if any(row):
                    yield row

    @property
    def raw_rows(self) -> Iterator[list[str]]:
        """Every row, empty ones included, straight from the csv module: for hot loops.

        Iterate it inside ``with table.reading():`` so problems still come out as TableError.
        """
        return self._reader

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Turn the csv module's and the decoder's errors into TableError with the line."""
        try:
            yield
        except csv.Error as error:
            raise TableError(self._describe(error)) from None
        except UnicodeDecodeError:
            raise TableError(
                f"line {self.line}: bytes that are not valid {self.head.encoding} text"
            ) from None

    def records(self) -> Iterator[dict[str, str]]:
        """Rows as dicts keyed by the lower-cased header; missing cells are ""."""
        keys = [name.lower() for name in self.header]
        for row in self.rows():
            values = row + [""] * (len(keys) - len(row))
            yield dict(zip(keys, values, strict=False))

    def _describe(self, error: csv.Error) -> str:
        if "field limit" in str(error):
            return (
                f"line {self.line}: a field is longer than {self._max_field:,} characters "
                "(limits.max_field_bytes)"
            )
        return f"line {self.line}: not valid CSV ({error})"


def cell(row: Sequence[str], index: int | None) -> str:
    """The stripped cell at ``index``; "" when the column is absent or the row is short."""
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _read_head(stream: IO[bytes], size: int) -> bytes:
    chunks: list[bytes] = []
    wanted = size
    while wanted > 0:
        chunk = stream.read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def open_table(stream: IO[bytes], *, max_field: int, place: Place | None = None) -> Table:
    """Stream ``stream`` (binary, positioned at the start) as a table; TableError if not one.

    Lines are read with a length cap so a file without line breaks cannot be loaded whole; the
    csv module's field limit (process-wide, so it is set on every call) reports huge fields.
    """
    head_bytes = _read_head(stream, SNIFF_BYTES)
    head = sniff_table(head_bytes)
    prepended = _Prepended(head_bytes, stream)
    raw = io.BufferedReader(prepended, 1 << 16)
    text = io.TextIOWrapper(raw, encoding=head.encoding, errors=head.errors, newline="")
    line_cap = 2 * max_field + SNIFF_BYTES
    lines = iter(functools.partial(text.readline, line_cap), "")
    csv.field_size_limit(max_field)
    reader = csv.reader(lines, delimiter=head.delimiter)
    table = Table(head, reader, max_field, place=place, consumed=lambda: prepended.consumed)
    try:
        for _ in range(head.skip + 1):
            next(reader)
    except (csv.Error, UnicodeDecodeError, StopIteration) as error:
        raise TableError(f"cannot read the header: {error}") from None
    return table
