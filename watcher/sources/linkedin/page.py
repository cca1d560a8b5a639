"""Captures of LinkedIn's invitation manager (``/mynetwork/invitation-manager/``): the richest
input, with every loaded invitation's headline, mutual connections and note.

Recognised by content, whatever the file is called (reference/browser-captures.md §2):

* Chromium "Webpage, Complete" ``.html``: the live DOM, with ``<!-- saved from url=(N)URL -->``;
* Chromium "Webpage, Single File" ``.mhtml``: MIME headers (``From: <Saved by Blink>``,
  ``Snapshot-Content-Location:``, ``Date:``), the HTML part quoted-printable with no charset
  (UTF-8 is declared in the inner ``<meta>``);
* Firefox "Web Page, complete": the live DOM, known by its canonical URL or the screen's id;
* our bookmarklet's file: ``<!-- invite-watcher/capture@1 {"url": …, "captured_at": …} -->``
  before the live DOM.

A page saved "HTML only" is the server's shell without the cards the user saw: it is refused,
saying how to save it. The ``_files/`` folder a complete save writes beside the page holds
stylesheets, scripts, images and frames of other addresses: nothing here recognises those.

A capture is a partial listing (only the cards loaded), so every record is ``pending_only``; its
time is the capture's (the bookmarklet's, MHTML ``Date:``, else the file's modification time),
and each card's "3 days ago" becomes a window before it.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from watcher.config.settings import LimitsSettings
from watcher.models import Direction, InvitationRecord, PersonRef
from watcher.sources.base import SourceError
from watcher.sources.linkedin.page_cards import Card, find_cards, has_rendered_content
from watcher.sources.linkedin.page_text import sent_window

#: The marker our bookmarklet writes before the page (``watcher/cli/bookmarklet.js``).
CAPTURE_FORMAT = "invite-watcher/capture@1"
MANAGER_PATH = "/mynetwork/invitation-manager"
HTML_ONLY = (
    "this is the invitation page saved as “HTML only”: the server's empty shell, without the "
    "invitations you saw; save it as “Webpage, Complete” or “Single File”"
)

_CAPTURE_MARK = re.compile(r"<!--\s*invite-watcher/capture@(\S+)\s+(\{.*?\})\s*-->", re.S)
_MARK_WITHIN = 4096
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_TAG = re.compile(r"<(?:link|meta)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
#: The screen's own ids where no URL is written: the SDUI screen (2025–) and the Ember page key.
_SCREEN = re.compile(
    r"""data-sdui-screen=["'][^"']*InvitationReceived"""
    r"""|name=["']pageKey["']\s+content=["'][^"']*people_invitations""",
    re.I,
)
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<!--|<html|<head|<meta)", re.I)
_MHTML_START = re.compile(rb"(?:From|MIME-Version|Snapshot-Content-Location|Subject|Date):", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


class PageSource:
    """Saved or bookmarked captures of the invitation manager page."""

    name = "linkedin-page"

    def sniff(self, name: str, head: bytes) -> bool:
        if _MHTML_START.match(head):
            return _is_manager(_mhtml_headers(head).get("Snapshot-Content-Location"))
        text = head.decode("utf-8", "replace")
        if not _HTML_START.match(text.removeprefix("\ufeff")):
            return False
        if _CAPTURE_MARK.search(text[:_MARK_WITHIN]):
            return True
        urls = _page_urls(text)
        if urls:
            return any(_is_manager(url) for url in urls)
        return _SCREEN.search(text) is not None

    def read(self, path: Path, limits: LimitsSettings) -> Iterator[InvitationRecord]:
        try:
            data = path.read_bytes()
            modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError as error:
            raise SourceError(f"cannot read the file: {error.strerror or error}") from None
        capture = unpack(data, modified)
        document = LexborHTMLParser(capture.html)
        cards = find_cards(document)
        if not cards and not has_rendered_content(document):
            raise SourceError(HTML_ONLY)
        for card in cards:
            yield _record(card, capture.captured_at, path.name)


@dataclass(frozen=True, slots=True)
class Capture:
    """A saved page unwrapped: its HTML and when it was captured (aware)."""

    html: str
    captured_at: datetime
    url: str | None = None


def unpack(data: bytes, modified: datetime) -> Capture:
    """The page inside a saved file, with its capture time (``modified`` when it says none)."""
    if _MHTML_START.match(data):
        return _from_mhtml(data, modified)
    html = _decode(data, None)
    mark = _CAPTURE_MARK.search(html[:_MARK_WITHIN])
    if mark is not None:
        url, at = _capture_mark(mark[1], mark[2])
        return Capture(html, at or modified, url)
    saved_from = _SAVED_FROM.search(html[:_MARK_WITHIN])
    return Capture(html, modified, saved_from[1] if saved_from else None)


def _capture_mark(version: str, payload: str) -> tuple[str | None, datetime | None]:
    if version != "1":
        raise SourceError(f"a capture in format {version}, newer than this program reads (1)")
    try:
        fields = json.loads(payload)
        url = fields.get("url")
        at = datetime.fromisoformat(fields["captured_at"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, None
    return (url if isinstance(url, str) else None), (at if at.tzinfo else at.replace(tzinfo=UTC))


def _from_mhtml(data: bytes, modified: datetime) -> Capture:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    url = message.get("Snapshot-Content-Location")
    parts = [part for part in message.walk() if part.get_content_type() == "text/html"]
    main = next((part for part in parts if part.get("Content-Location") == url), None)
    main = main or (parts[0] if parts else None)
    if main is None:
        raise SourceError("a “Single File” page without its HTML part: is the file cut short?")
    payload = main.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise SourceError("a “Single File” page whose HTML part cannot be decoded")
    return Capture(
        _decode(payload, main.get_content_charset()), _mhtml_date(message) or modified, url
    )


def _mhtml_date(message: Message) -> datetime | None:
    try:
        moment = parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _mhtml_headers(head: bytes) -> Message:
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    return BytesHeaderParser(policy=email.policy.compat32).parsebytes(block)


def _decode(data: bytes, declared: str | None) -> str:
    """HTML bytes as text: the declared charset, a BOM, the ``<meta>`` charset, else UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    found = _CHARSET.search(data[:4096])
    for name in (declared, found[1].decode("ascii") if found else None):
        if name:
            try:
                return data.decode(name, "replace")
            except LookupError:
                continue
    return data.decode("utf-8", "replace")


def _page_urls(text: str) -> list[str]:
    """The page's own address as the save wrote it: the browser's "saved from" mark first,
    else its canonical link and ``og:url``."""
    saved_from = _SAVED_FROM.search(text[:_MARK_WITHIN])
    if saved_from is not None:
        return [saved_from[1]]
    urls: list[str] = []
    for tag in _TAG.finditer(text):
        attributes = {
            match[1].lower(): next(value for value in match.groups()[1:] if value is not None)
            for match in _ATTRIBUTE.finditer(tag[1])
        }
        if attributes.get("rel", "").lower() == "canonical" and "href" in attributes:
            urls.append(attributes["href"])
        elif attributes.get("property", "").lower() == "og:url" and "content" in attributes:
            urls.append(attributes["content"])
    return urls


def _is_manager(url: str | None) -> bool:
    """The received invitations (any filter of them); the sent tab lists the user's own."""
    if not url:
        return False
    path = urlsplit(url.strip()).path
    return path.startswith(MANAGER_PATH) and not path.startswith(MANAGER_PATH + "/sent")


def _record(card: Card, captured: datetime, source: str) -> InvitationRecord:
    window = sent_window(card.sent_text, captured) if card.sent_text else None
    return InvitationRecord(
        counterpart=PersonRef(name=card.name, profile_url=card.profile_url),
        direction=Direction.INCOMING,
        # the latest time the relative text allows: a later capture ("4 days ago" a day on)
        # gives the same latest time, so sightings of one invitation agree
        sent_at=window.latest if window else captured,
        message=card.note,
        headline=card.headline,
        mutual_connections=card.mutual_connections,
        pending_only=True,
        source=source,
        sent_window_start=window.earliest if window else None,
        note_truncated=card.note_truncated,
        as_of=captured,
    )
