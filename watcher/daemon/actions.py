"""The action router: what a click on a notification's button does.

Buttons carry an action id (``watcher.notify.texts``: open-profile, draft, replied, snooze,
give-up) and the notice's invitation. The router runs each click as a background task, so the
notification server's callback returns at once.
"""

from __future__ import annotations

import asyncio
import webbrowser
from collections.abc import Awaitable, Callable

from watcher.config.settings import Settings
from watcher.daemon.ports import RunsOnDatabase, SendsNotices, Spawns
from watcher.notify.announce import draft_notice, profile_url
from watcher.notify.backends import ActionHandler
from watcher.notify.texts import DRAFT, OPEN_PROFILE

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
        open_url: Callable[[str], object] = webbrowser.open,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._settings = settings
        self._tasks = tasks
        self._open_url = open_url
        self._reminder_answer: ReminderAnswer | None = None

    def answer_reminders_with(self, answer: ReminderAnswer) -> None:
        """Where reminder buttons go (the scheduler needs the router too, so it comes later)."""
        self._reminder_answer = answer

    def handler_for(self, invitation_id: int | None) -> ActionHandler | None:
        if invitation_id is None:
            return None
        return lambda action: self._tasks.spawn(self.handle(invitation_id, action), "action")

    async def handle(self, invitation_id: int, action: str) -> None:
        if action == OPEN_PROFILE:
            url = await self._db(lambda store: profile_url(store, invitation_id))
            if url:
                await asyncio.to_thread(self._open_url, url)
        elif action == DRAFT:
            settings = self._settings()
            notice = await self._db(lambda store: draft_notice(store, invitation_id, settings))
            if notice is not None:
                await self._outbox.send(notice)
        elif self._reminder_answer is not None:
            await self._reminder_answer(invitation_id, action)
