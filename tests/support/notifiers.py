"""A Notifier for unit and integration tests of the modules that send notifications."""

from __future__ import annotations

from dataclasses import dataclass, field

from watcher.notify.backends import ActionHandler
from watcher.notify.texts import Notice


@dataclass
class Sent:
    notice: Notice
    on_action: ActionHandler | None


@dataclass
class RecordingNotifier:
    """Records every notice sent; ``click`` plays the user pressing one of its buttons."""

    sent: list[Sent] = field(default_factory=list)
    closed: bool = False

    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
        if self.closed:
            raise AssertionError(f"notice sent after aclose(): {notice.title!r}")
        self.sent.append(Sent(notice, on_action))

    async def aclose(self) -> None:
        self.closed = True

    @property
    def notices(self) -> list[Notice]:
        return [entry.notice for entry in self.sent]

    @property
    def titles(self) -> list[str]:
        return [entry.notice.title for entry in self.sent]

    def click(self, action_id: str | None = None, index: int = -1) -> None:
        """Press ``action_id`` on the notice at ``index`` (default: the newest one), or click the
        notice itself (its default action) when ``action_id`` is None."""
        entry = self.sent[index]
        chosen = action_id if action_id is not None else entry.notice.default_action
        offered = [action.id for action in entry.notice.actions]
        if chosen is None or chosen not in offered:
            raise AssertionError(f"{entry.notice.title!r} offers {offered}, not {chosen!r}")
        if entry.on_action is None:
            raise AssertionError(f"{entry.notice.title!r} was sent without an on_action handler")
        entry.on_action(chosen)
