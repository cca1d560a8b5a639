"""What the page-capture tests share: the cards, the times, writing a save to a folder the way
the browser lays it out, and reading it back through the source."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.support.page_saves import save_bookmarklet, save_complete, save_firefox, save_mhtml
from tests.support.pages import STOCK_NOTE, CardSpec, Era, Suggestion
from watcher.config.settings import LimitsSettings
from watcher.models import InvitationRecord
from watcher.sources.base import HEAD_BYTES
from watcher.sources.linkedin.page import PageSource

SOURCE = PageSource()
TITLE = "(3) Manage invitations _ LinkedIn"
#: the file's modification time, for the saves that say no time of their own
MODIFIED = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
#: the time an MHTML ``Date:`` header or the bookmarklet's mark says
STATED = datetime(2026, 3, 5, 8, 30, tzinfo=UTC)
DAY = timedelta(days=1)
ERAS: tuple[Era, ...] = ("ember", "sdui", "eraless")
SAVES = ("complete", "mhtml", "firefox", "bookmarklet")

JANE = CardSpec(
    "Jane Doe",
    "jane-doe",
    headline="Product lead at Acme",
    mutual="Jane Roe and 3 other mutual connections",
    time="3 days ago",
    note="Hi Eve, we have not met yet.\nCoffee next week?",
)
JURGEN = CardSpec(
    "𝐉𝐮̈𝐫𝐠𝐞𝐧 Müller 🚀",
    "j%C3%BCrgen-m%C3%BCller-8a1b2c",
    headline="CTO at Nordlicht",
    mutual="12 mutual connections",
    time="Yesterday",
    note="We both spoke at the Lisbon PR Summit; I would love to compare notes on climate PR.",
    truncated=True,
)
KIM = CardSpec(
    "Kim Stock",
    "kim-stock",
    mutual="Bo Li is a mutual connection",
    time="2 weeks ago",
    note=STOCK_NOTE,
)
NOT_CONNECTIONS = [
    CardSpec("Jo Follow", "jo-follow", kind="follow"),
    CardSpec("Nia Letter", "nia-letter", kind="newsletter"),
    CardSpec("Pat Premium", "pat-premium", headline="Sales", kind="follows-you"),
]
SUGGESTIONS = [Suggestion("Sam Suggest", "sam-suggest")]
FEED_URL = "https://www.linkedin.com/feed/"
#: the sent tab lists the user's own invitations, not ones to judge
SENT_URL = "https://www.linkedin.com/mynetwork/invitation-manager/sent/"


def expected(card: CardSpec, url: str, note: str, truncated: bool, at: datetime) -> tuple[Any, ...]:
    window = {"3 days ago": 3, "Yesterday": 1, "2 weeks ago": 14}[card.time]
    unit = 7 if card.time.endswith("weeks ago") else 1
    return (
        card.name,
        url,
        card.headline or None,
        {JANE.name: 4, JURGEN.name: 12, KIM.name: 1}[card.name],
        note,
        truncated,
        at - window * DAY,
        at - window * DAY - unit * DAY,
        at,
    )


def fields(record: InvitationRecord) -> tuple[Any, ...]:
    return (
        record.counterpart.name,
        record.counterpart.profile_url,
        record.headline,
        record.mutual_connections,
        record.message,
        record.note_truncated,
        record.sent_at,
        record.sent_window_start,
        record.as_of,
    )


def write(folder: Path, dom: str, save: str, name: str = TITLE) -> Path:
    """Save ``dom`` as ``save`` into ``folder``, the way the browser lays it out; the page's
    modification time is MODIFIED."""
    files: dict[str, bytes] = {}
    if save == "complete":
        data, files = save_complete(dom, name)
    elif save == "firefox":
        data, files = save_firefox(dom, name)
    elif save == "mhtml":
        data = save_mhtml(dom, name.replace("_", "|"), STATED)
    else:
        data = save_bookmarklet(dom, STATED.isoformat().replace("+00:00", "Z"))
    suffix = ".mhtml" if save == "mhtml" else ".html"
    path = folder / f"{name}{suffix}"
    path.write_bytes(data)
    if files:
        (folder / f"{name}_files").mkdir()
        for file_name, content in files.items():
            (folder / f"{name}_files" / file_name).write_bytes(content)
    os.utime(path, (MODIFIED.timestamp(), MODIFIED.timestamp()))
    return path


def read(path: Path) -> list[InvitationRecord]:
    head = path.read_bytes()[:HEAD_BYTES]
    assert SOURCE.sniff(path.name, head), f"{path.name} not recognised"
    return list(SOURCE.read(path, LimitsSettings()))


def read_dom(tmp_path: Path, dom: str, save: str = "complete") -> list[InvitationRecord]:
    return read(write(tmp_path, dom, save))
