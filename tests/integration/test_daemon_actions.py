"""The daemon's buttons (``watcher.daemon.actions.ActionRouter``) over a store filled by
``invite-watcher import``: Copy copies what ``draft`` prints, and a button that cannot do its
job (no browser, no clipboard, no terminal) says so in a notice."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.support.exports import invitations_json
from watcher.config.settings import Settings, load_settings
from watcher.daemon.actions import ActionRouter
from watcher.notify.texts import COPY, OPEN_PROFILE, REVIEW, Notice, NoticeKind
from watcher.store import Store
from watcher.system.clipboard import UNAVAILABLE, ClipboardUnavailable

T = TypeVar("T")

NOTE = "We have not met, but I'd love a coffee to talk about climate PR."


class Outbox:
    def __init__(self) -> None:
        self.sent: list[Notice] = []

    async def send(self, notice: Notice, cause: str = "") -> None:
        self.sent.append(notice)

    async def deliver(self) -> None:
        return None


class Tasks:
    def spawn(self, coro: Coroutine[Any, Any, Any], name: str = "") -> None:
        coro.close()


@pytest.fixture
def store(cli: Any, tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "invitations.json"
    path.write_bytes(
        invitations_json(
            [
                {
                    "name": "Ada Nwosu",
                    "profile_url": "https://www.linkedin.com/in/ada-nwosu",
                    "headline": "PR manager at Brightside",
                    "note": NOTE,
                    "sent_at": "2026-03-01T10:00:00+00:00",
                }
            ]
        )
    )
    assert cli("import", path).code == 0
    opened = Store(load_settings().storage.database_path())
    yield opened
    opened.close()


def router(
    store: Store,
    outbox: Outbox,
    *,
    open_url: Callable[[str], bool] = lambda url: True,
    copy: Callable[[str], None] = lambda text: None,
    open_review: Callable[[str], str | None] = lambda configured: None,
) -> ActionRouter:
    async def db(work: Callable[[Store], T]) -> T:
        return work(store)

    settings = load_settings()

    def current() -> Settings:
        return settings

    return ActionRouter(
        db=db,
        outbox=outbox,
        settings=current,
        tasks=Tasks(),
        open_url=open_url,
        copy=copy,
        open_review=open_review,
    )


def test_copy_button_copies_what_draft_prints(cli: Any, store: Store) -> None:
    copied: list[str] = []
    outbox = Outbox()

    asyncio.run(router(store, outbox, copy=copied.append).handle(1, COPY))

    assert copied == [cli("draft", "1").out.rstrip("\n")]
    assert outbox.sent == []


def test_copy_button_without_a_clipboard_says_so_in_a_notice(store: Store) -> None:
    def no_clipboard(text: str) -> None:
        raise ClipboardUnavailable(UNAVAILABLE)

    outbox = Outbox()
    asyncio.run(router(store, outbox, copy=no_clipboard).handle(1, COPY))

    (notice,) = outbox.sent
    assert notice.title == "Could not copy the draft"
    assert notice.body.splitlines() == [f"{UNAVAILABLE}.", "#1: invite-watcher show 1"]
    assert notice.resident and notice.kind is NoticeKind.DRAFT


def test_open_profile_without_a_browser_says_so_in_a_notice(store: Store) -> None:
    opened: list[str] = []

    def no_browser(url: str) -> bool:
        opened.append(url)
        return False  # what webbrowser.open says when no opener worked

    outbox = Outbox()
    asyncio.run(router(store, outbox, open_url=no_browser).handle(1, OPEN_PROFILE))

    assert opened == ["https://www.linkedin.com/in/ada-nwosu"]
    (notice,) = outbox.sent
    assert notice.title == "Could not open the profile"
    assert notice.body.splitlines()[0] == (
        "No browser could open https://www.linkedin.com/in/ada-nwosu; open it yourself."
    )
    assert notice.invitation_ids == (1,)


def test_open_profile_that_opened_sends_nothing(store: Store) -> None:
    outbox = Outbox()
    asyncio.run(router(store, outbox).handle(1, OPEN_PROFILE))
    assert outbox.sent == []


def test_review_button_opens_the_review_or_says_why_not(store: Store) -> None:
    asked: list[str] = []

    def no_terminal(configured: str) -> str:
        asked.append(configured)
        return "no terminal found"

    outbox = Outbox()
    handler = router(store, outbox, open_review=no_terminal)
    asyncio.run(handler.handle_general(REVIEW))

    assert asked == [""]
    (notice,) = outbox.sent
    assert notice.title == "Could not open the review"
    assert notice.body == "no terminal found"
