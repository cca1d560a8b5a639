"""vCard address books (.vcf) from Google, Apple, Outlook and vCard 4.0 writers.

Each card becomes an ``Acquaintance`` (HistoryKind.ADDRESS_BOOK): a sign the user may know the
person. vobject parses one card at a time; before that, this module smooths what vobject trips
on (reference/export-formats.md §2 and §4.7):

* Outlook's vCard 2.1 QUOTED-PRINTABLE values continue on the next line after a soft break
  (``=`` at the end of a line) with no leading space: those lines are joined first.
* Photos, logos, sounds and keys are dropped while reading: they are the bulk of a file, we do
  not need them, and 2.1 base64 blocks (unindented lines, a blank line after) confuse parsers.
* A card that still does not parse is skipped and counted (a warning names the count), so one
  bad card does not lose an address book; a file whose every card is broken is a SourceError.
* Text is UTF-8; a card that is not valid UTF-8 is read as Windows-1252 (Outlook's default).

Cards are read one by one from the file, so memory stays flat in the size of the address book.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loguru import logger

from watcher.config.settings import LimitsSettings
from watcher.core.identity import PROFILE_PREFIX, normalise_url
from watcher.models import Acquaintance, HistoryKind, Record
from watcher.sources.base import SourceError

_BEGIN = "BEGIN:VCARD"
_END = "END:VCARD"
_BULKY = ("PHOTO", "LOGO", "SOUND", "KEY")
_PROPERTY_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")
_SPACES = re.compile(r"\s+")


def _head_text(head: bytes) -> str:
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) : 4096].decode(encoding, errors="ignore")
    return head[:4096].decode("utf-8", errors="ignore").removeprefix("\ufeff")


def looks_like_vcard(head: bytes) -> bool:
    """The content starts with ``BEGIN:VCARD`` (after a BOM and blank lines). Pure."""
    return _head_text(head).lstrip().upper().startswith(_BEGIN)


# --------------------------------------------------------------------------------------------
# Splitting a file into cards
# --------------------------------------------------------------------------------------------


def _property_name(line: str) -> str | None:
    match = _PROPERTY_NAME.match(line)
    return match.group(1).upper() if match else None


@dataclass
class _CardLines:
    """The content lines of one card being collected, bulky properties left out."""

    limit: int  # characters; a bigger card is dropped rather than held in memory
    lines: list[str] = field(default_factory=list)
    skipping: bool = False
    size: int = 0

    @property
    def too_big(self) -> bool:
        return self.size > self.limit

    def add(self, line: str) -> None:
        if not line.strip():
            return  # Outlook puts a blank line after base64 data
        continuation = line[0] in " \t"
        name = None if continuation else _property_name(line)
        if self.skipping and (continuation or name is None):
            return  # still inside a photo (2.1 base64 lines need not be indented)
        self.skipping = name in _BULKY
        if not self.skipping:
            self.size += len(line)
            if self.too_big:
                self.lines.clear()
            else:
                self.lines.append(line)

    def text(self) -> str:
        return _repair_charset("\r\n".join(_join_soft_breaks(self.lines)) + "\r\n")


def _join_soft_breaks(lines: Iterable[str]) -> list[str]:
    """Undo QUOTED-PRINTABLE soft line breaks (``=`` at the end of a line)."""
    joined: list[str] = []
    pending: str | None = None
    for line in lines:
        current = line if pending is None else pending[:-1] + line
        params = current.split(":", 1)[0].upper()
        if "QUOTED-PRINTABLE" in params and current.endswith("="):
            pending = current
            continue
        joined.append(current)
        pending = None
    if pending is not None:
        joined.append(pending[:-1])
    return joined


def _repair_charset(text: str) -> str:
    """Bytes that were not UTF-8 (kept as surrogates) decoded as Windows-1252 instead."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("cp1252", errors="replace")
    return text


def split_cards(lines: Iterable[str], max_card_chars: int) -> Iterator[tuple[int, str | None]]:
    """Each card's BEGIN line number (from 1) and text; None for a card cut short or too large
    to be an address entry."""
    card: _CardLines | None = None
    begun = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        upper = line.strip().upper()
        if upper == _BEGIN:
            if card is not None:
                yield begun, None  # a card without its END: cut short
            card, begun = _CardLines(max_card_chars), number
        if card is None:
            continue  # text between cards
        card.add(line)
        if upper == _END:
            yield begun, None if card.too_big else card.text()
            card = None
    if card is not None:
        yield begun, None  # the file ends inside a card: truncated


# --------------------------------------------------------------------------------------------
# One card -> one Acquaintance
# --------------------------------------------------------------------------------------------


def _children(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name.lower(), ()))


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        value = " ".join(str(part) for part in value if part)
    return _SPACES.sub(" ", str(value)).strip() if value else ""


def _name(card: Any) -> str:
    for line in _children(card, "fn"):
        if text := _text(line.value):
            return text
    for line in _children(card, "n"):
        name = line.value
        parts = (getattr(name, key, "") for key in ("given", "additional", "family"))
        if text := _text([_text(part) for part in parts]):
            return text
    return ""


def _emails(card: Any) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for line in _children(card, "email"):
        email = _text(line.value).removeprefix("mailto:").casefold()
        if "@" in email:
            found[email] = None
    return tuple(found)


def _first_component(card: Any, name: str) -> str:
    for line in _children(card, name):
        value = line.value
        text = _text(value[0] if isinstance(value, list) and value else value)
        if text:
            return text
    return ""


def _profile_url(card: Any) -> str | None:
    """The first LinkedIn profile among the card's URL and X-SOCIALPROFILE lines."""
    for line in _children(card, "url") + _children(card, "x-socialprofile"):
        value = _text(line.value).replace("\\:", ":")
        url = normalise_url(value)
        user = (line.params.get("X-USER") or [""])[0]
        types = [kind.lower() for kind in line.params.get("TYPE", ())]
        if url is None and user and "linkedin" in types:
            url = normalise_url(PROFILE_PREFIX + user)
        if url:
            return url
    return None


def card_to_acquaintance(card: Any, source: str) -> Acquaintance | None:
    """None for a card that names nobody we could match (no name, e-mail or profile)."""
    name, emails, profile_url = _name(card), _emails(card), _profile_url(card)
    if not (name or emails or profile_url):
        return None
    return Acquaintance(
        kind=HistoryKind.ADDRESS_BOOK,
        name=name,
        emails=emails,
        company=_first_component(card, "org"),
        title=_first_component(card, "title"),
        profile_url=profile_url,
        source=source,
    )


@contextlib.contextmanager
def _vobject_quiet() -> Iterator[None]:
    """vobject logs every line it skips to stderr itself; we report skipped cards instead."""
    vobject_logger = logging.getLogger("vobject.base")
    level = vobject_logger.level
    vobject_logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        vobject_logger.setLevel(level)


def parse_card(text: str) -> Any:
    """vobject's component for one card's text; raises ValueError when it does not parse."""
    # Imported on first use: vobject weighs ~8 MB, which neither an archive's import nor the
    # idle daemon needs to hold.
    import vobject  # noqa: PLC0415

    try:
        with _vobject_quiet():
            card = vobject.readOne(text, ignoreUnreadable=True)
    except Exception as error:  # vobject raises many kinds (ParseError, binascii.Error, ...)
        raise ValueError(str(error)) from None
    if getattr(card, "name", "").upper() != "VCARD":
        raise ValueError("not a vCard")
    return card


# --------------------------------------------------------------------------------------------
# The source
# --------------------------------------------------------------------------------------------


def read_cards(lines: Iterable[str], source: str, max_card_chars: int) -> Iterator[Acquaintance]:
    """Acquaintances from a vCard file's lines; broken cards are skipped and counted.

    Each names its card's BEGIN line in its ``source`` (``contacts.vcf line 120``), so a match
    can say where the user will find it.
    """
    total = broken = 0
    for begun, text in split_cards(lines, max_card_chars):
        total += 1
        try:
            card = parse_card(text) if text is not None else None
        except ValueError:
            card = None
        if card is None:
            broken += 1
            continue
        if (known := card_to_acquaintance(card, f"{source} line {begun}")) is not None:
            yield known
    if total == 0:
        raise SourceError("no contact card (BEGIN:VCARD … END:VCARD) in the file")
    if broken == total:
        raise SourceError(f"none of the {total} contact cards could be read")
    if broken:
        logger.warning("{}: skipped {} of {} unreadable contact cards", source, broken, total)


def _open_text(path: Path) -> io.TextIOWrapper:
    with path.open("rb") as probe:
        head = probe.read(2)
    if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return path.open(encoding="utf-16", errors="replace", newline="")
    return path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")


class VCardSource:
    """Address books exported as ``.vcf`` (vCard 2.1, 3.0, 4.0)."""

    name = "vcard"

    def sniff(self, name: str, head: bytes) -> bool:
        return looks_like_vcard(head)

    def read(self, path: Path, limits: LimitsSettings) -> Iterator[Record]:
        try:
            with _open_text(path) as handle:
                # Capped reads: a file without line breaks cannot be loaded whole.
                lines = iter(functools.partial(handle.readline, limits.max_field_bytes), "")
                yield from read_cards(lines, path.name, limits.max_field_bytes)
        except OSError as error:
            raise SourceError(f"cannot read the file: {error.strerror}") from None
        except UnicodeError:
            raise SourceError("the file is not text in a supported encoding") from None


SOURCE = VCardSource()
