"""The outbox across imports: sending on its own task (``kick``), and announcements pending
together beyond the per-import budget merged into one summary. A real SQLite store, invitations
really imported and judged (the summary recounts them), a recording notifier."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

from tests.support.exports import invitations_json
from tests.support.notifiers import RecordingNotifier
from tests.unit.daemon.test_outbox import Rig, rig, started, titles
from watcher import pipeline
from watcher.daemon.outbox import record
from watcher.models import Imported
from watcher.notify.announce import import_notices
from watcher.notify.backends import ActionHandler
from watcher.notify.texts import REVIEW, Notice

__all__ = ["rig"]  # the fixture, shared with the outbox's other tests

NOTE = "We have not met, but I'd love a coffee to talk about climate PR."


def announce_import(rig: Rig, folder: Path, name: str) -> list[Notice]:
    """Import one invitation from ``name`` and record what the import announces."""
    slug = name.lower().replace(" ", "-")
    path = folder / f"{slug}.json"
    entry = {
        "name": name,
        "profile_url": f"https://www.linkedin.com/in/{slug}",
        "note": NOTE,
        "sent_at": "2026-03-01T10:00:00+00:00",
    }
    path.write_bytes(invitations_json([entry]))
    outcome = pipeline.process(path, pipeline.Deps(store=rig.store, settings=rig.settings))
    assert isinstance(outcome, Imported), outcome
    notices = import_notices(rig.store, outcome.changes, rig.settings)
    record(rig.store, notices, rig.clock(), f"import of {path.name}")
    return notices


def who(title: str) -> str:
    """ "Ada Nwosu — meet first" -> "Ada Nwosu" (the verdict is the rules' business)."""
    return title.partition(" — ")[0]


NAMES = ["Ada Nwosu", "Bo Lind", "Cy Twombly", "Di Prima", "Ed Ruscha"]


async def test_outbox_merges_announcements_pending_beyond_the_budget(
    rig: Rig, tmp_path: Path
) -> None:
    for name in NAMES:  # five imports, each within its own budget of 3
        assert len(announce_import(rig, tmp_path, name)) == 1

    outbox = await started(rig)

    (title,) = titles(outbox)
    assert title.startswith("5 new invitations: ")
    assert rig.store.unsent_notices() == []
    counts, _ = rig.store.unsummarised_folds()
    assert counts == Counter()  # merged, not left for an "And N more" to count again


async def test_outbox_shows_announcements_within_the_budget_one_by_one(
    rig: Rig, tmp_path: Path
) -> None:
    for name in NAMES[:3]:
        announce_import(rig, tmp_path, name)
    outbox = await started(rig)
    assert sorted(who(title) for title in titles(outbox)) == sorted(NAMES[:3])


class GatedNotifier(RecordingNotifier):
    """A notification server that takes each notice only when the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()
        self.waiting = asyncio.Event()

    async def send(self, notice: Notice, on_action: ActionHandler | None = None) -> None:
        self.waiting.set()
        await self.gate.wait()
        await super().send(notice, on_action)


async def test_outbox_kick_returns_at_once_and_merges_what_came_during_a_slow_send(
    rig: Rig, tmp_path: Path
) -> None:
    notifier = GatedNotifier()
    outbox = rig.outbox()
    await outbox.start(notifier)
    announce_import(rig, tmp_path, NAMES[0])

    outbox.kick()  # returns at once: the send waits on the outbox's own task
    await asyncio.wait_for(notifier.waiting.wait(), 5)
    for name in NAMES[1:]:  # imported while the first notice is on its way
        announce_import(rig, tmp_path, name)
        outbox.kick()
    assert notifier.titles == []
    notifier.gate.set()

    async with asyncio.timeout(5):
        while len(notifier.titles) < 2:
            await asyncio.sleep(0.01)  # the outbox's task has no event of its own to await
    first, merged = notifier.titles
    assert who(first) == "Ada Nwosu"
    assert merged.startswith("4 new invitations: ")
    assert rig.store.unsent_notices() == []


async def test_outbox_merged_summary_keeps_its_review_button(rig: Rig, tmp_path: Path) -> None:
    rig.settings = rig.settings.model_copy(
        update={
            "notifications": rig.settings.notifications.model_copy(update={"terminal": "xterm -e"})
        }
    )
    for name in NAMES:
        announce_import(rig, tmp_path, name)
    outbox = await started(rig)
    notifier = outbox.notifier
    assert isinstance(notifier, RecordingNotifier)
    (summary,) = notifier.notices
    assert [action.id for action in summary.actions] == [REVIEW]
    notifier.click(REVIEW)
    assert rig.handled == [(None, REVIEW)]  # the summary's handler: the general one
