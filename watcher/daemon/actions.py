"""The action router: what a click on a notification's button does.

Buttons carry an action id (``watcher.notify.texts``: open-profile, draft, copy, replied,
snooze, give-up; review on the summary) and the notice's invitation. A button that could not do
its job (no browser, no clipboard, no terminal) says so in a notice, not only in the log. The
router runs each click as a background task, so the notification server's callback returns at
once.
"""

from __future__ import annotations

import asyncio
import webbrowser
from collections.abc import Awaitable, Callable

from loguru import logger

from watcher.config.settings import Settings
from watcher.daemon.ports import RunsOnDatabase, SendsNotices, Spawns
from watcher.notify.announce import draft_notice, draft_of, profile_url
from watcher.notify.asked import action_failed_notice
from watcher.notify.backends import ActionHandler
from watcher.notify.texts import COPY, DRAFT, OPEN_PROFILE, REVIEW, Notice
from watcher.system import clipboard, terminal

#: The reminder scheduler's answer to "They replied / Snooze / Give up".
ReminderAnswer = Callable[[int, str], Awaitable[None]]


class ActionRouter:
    def __init__(
        self,
        *,
        db: RunsOnDatabase,
        outbox: SendsNotices,
        settings: Callable[[], Settings],
        tasks: Spawns,
        open_url: Callable[[str], bool] = webbrowser.open,
        copy: Callable[[str], None] = clipboard.copy,
        open_review: Callable[[str], str | None] = terminal.open_review,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._settings = settings
        self._tasks = tasks
        self._open_url = open_url
        self._copy = copy
        self._open_review = open_review
        self._reminder_answer: ReminderAnswer | None = None

    def answer_reminders_with(self, answer: ReminderAnswer) -> None:
        """Where reminder buttons go (the scheduler needs the router too, so it comes later)."""
        self._reminder_answer = answer

    def handler_for(self, invitation_id: int | None) -> ActionHandler | None:
        if invitation_id is None:
            # a notice about several invitations (the summary): only its "Review" button
            return lambda action: self._tasks.spawn(self.handle_general(action), "action")
        return lambda action: self._tasks.spawn(self.handle(invitation_id, action), "action")

    async def handle_general(self, action: str) -> None:
        if action != REVIEW:
            return
        problem = await asyncio.to_thread(
            self._open_review, self._settings().notifications.terminal
        )
        if problem is not None:
            logger.warning("Review: {}", problem)
            await self._outbox.send(
                Notice(title="Could not open the review", body=problem, resident=True)
            )

    async def handle(self, invitation_id: int, action: str) -> None:
        if action == OPEN_PROFILE:
            await self._open_profile(invitation_id)
        elif action == DRAFT:
            settings = self._settings()
            notice = await self._db(lambda store: draft_notice(store, invitation_id, settings))
            if notice is not None:
                await self._outbox.send(notice)
        elif action == COPY:
            await self._copy_draft(invitation_id)
        elif self._reminder_answer is not None:
            await self._reminder_answer(invitation_id, action)

    async def _open_profile(self, invitation_id: int) -> None:
        url = await self._db(lambda store: profile_url(store, invitation_id))
        if not url:
            await self._failed(invitation_id, "open the profile", "It has no profile address.")
        elif not await asyncio.to_thread(self._open_url, url):
            # webbrowser.open says False when no browser opener worked (none installed, or
            # $BROWSER failing): the click would otherwise do nothing at all.
            await self._failed(
                invitation_id, "open the profile", f"No browser could open {url}; open it yourself."
            )

    async def _copy_draft(self, invitation_id: int) -> None:
        settings = self._settings()
        text = await self._db(lambda store: draft_of(store, invitation_id, settings))
        if text is None:
            return
        try:
            await asyncio.to_thread(self._copy, text)
        except clipboard.ClipboardUnavailable as error:
            await self._failed(invitation_id, "copy the draft", f"{error}.")

    async def _failed(self, invitation_id: int, what: str, why: str) -> None:
        logger.warning("Invitation {}: could not {}: {}", invitation_id, what, why)
        await self._outbox.send(action_failed_notice(invitation_id, what, why))
