"""Notices as plain data: what a notification says, its buttons, what it is about.

Pure (the texts that fill them are ``watcher.notify.texts``); kept apart so the texts module
holds the wording only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from watcher.models import Verdict


class Urgency(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    CRITICAL = "critical"


class NoticeKind(StrEnum):
    """What a notice is about: the outbox's budget counts and folds by it."""

    INVITATION = "invitation"
    #: one notice for a whole import (many new invitations, settled meet-ups)
    IMPORT = "import"
    REMINDER = "reminder"
    FAILURE = "failure"
    #: the user asked for it (a click on "Draft meet-up"): never held back
    DRAFT = "draft"
    #: the budget's "and N more" notice
    FOLDED = "folded"
    OTHER = "other"


@dataclass(frozen=True)
class Action:
    """A button on a notice; ``id`` is what ``on_action`` receives when it is clicked."""

    id: str
    label: str


OPEN_PROFILE = "open-profile"
DRAFT = "draft"
REPLIED = "replied"
SNOOZE = "snooze"
GIVE_UP = "give-up"
COPY = "copy"
#: open ``invite-watcher review`` in a terminal (the summary notice, when the desktop has one)
REVIEW = "review"
FIRST_ACTION = "first-action"


@dataclass(frozen=True)
class Notice:
    """One notification, in plain text (escaping is the sender's job)."""

    title: str
    body: str
    urgency: Urgency = Urgency.NORMAL
    actions: tuple[Action, ...] = ()
    url: str | None = None
    #: the invitations this notice is about, so a caller can bind ``on_action`` to them
    invitation_ids: tuple[int, ...] = ()

    #: what a click on the notice itself means: an action id, None for nothing, or FIRST_ACTION
    click: str | None = FIRST_ACTION
    kind: NoticeKind = NoticeKind.OTHER
    #: stays on screen until acted on (no expiry): it asks the user something, or holds what
    #: the user asked for; servers otherwise drop a notice after a few seconds
    resident: bool = False
    #: the past meet-up requests it reports settled: summaries merging it count them again
    settled: int = 0

    @property
    def default_action(self) -> str | None:
        """The action a click on the notice runs (by default its first action, if any)."""
        if self.click == FIRST_ACTION:
            return self.actions[0].id if self.actions else None
        return self.click

    @property
    def subject(self) -> int | None:
        """The one invitation its buttons act on (None for a notice about several, or none)."""
        return self.invitation_ids[0] if len(self.invitation_ids) == 1 else None


@dataclass(frozen=True)
class NoticeItem:
    """One evaluated invitation, as much of it as a notification needs."""

    invitation_id: int
    name: str
    profile_url: str | None
    verdict: Verdict
    score: int
    #: the details of the strongest findings, strongest first
    reasons: Sequence[str] = ()
    note: str = ""
    #: what the verdict was made without and how to get it (``judge.confidence.missing_line``)
    missing: str = ""


@dataclass(frozen=True)
class Named:
    """An invitation a summary names: who, its verdict, its id."""

    invitation_id: int
    name: str
    verdict: Verdict


@dataclass(frozen=True)
class Tally:
    """What a summary says about many invitations, without loading them all: how many got each
    verdict, a few of them by name (newest first), and the ids of every invitation it counts
    (so that summaries pending together can be merged into one and counted again)."""

    counts: Mapping[Verdict, int]
    named: Sequence[Named]
    ids: tuple[int, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def tally_of(items: Sequence[NoticeItem]) -> Tally:
    """The tally of invitations at hand (each is named; the summary shows a few)."""
    named = [Named(item.invitation_id, item.name, item.verdict) for item in items]
    counts = Counter(item.verdict for item in items)
    return Tally(counts, named, tuple(item.invitation_id for item in items))
