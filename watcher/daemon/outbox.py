"""The outbox: every notice of the daemon goes out through here, and only here may wait.

A notice is recorded in the database before it is sent (``record``, inside the transaction
that calls for it: an import, a reminder firing) and marked once the notification server took
it. ``deliver`` shows what is recorded and not yet shown, oldest first, so after a restart or
a kill every notice not yet shown is shown once; one that was shown is never shown again.

Two things may hold a notice back, both decided here at delivery:

* quiet hours (the arithmetic is ``watcher.followup.quiet``): nothing is shown inside them;
  what is recorded meanwhile waits in the database for their end — a timer, or at once when
  the clock is known to have moved (``time_moved``: a resume from suspend, a test moving its
  clock);
* the notification budget, ``[notifications] budget_per_minute``: beyond that many notices in
  a minute the rest are folded (marked, not shown) and one "And N more" notice counts them,
  a few seconds after the burst began (``FOLD_SETTLE``), at most one such notice a minute.
  The per-import part of the budget, ``budget_per_import``, is applied where an import's
  notices are made (``watcher.notify.announce.import_notices``: many new invitations become
  one summary) and here again across imports: when more announcements than that are pending
  at once (files dropped together, imported while the last notice was on its way), they are
  merged into one summary (``watcher.notify.announce.merged_summary``), its buttons working.

The import worker never waits for a notification server: it records, then ``kick``s, and the
delivery runs on a task of the outbox's own; kicks that come while one runs make one more pass,
which sees together everything recorded meanwhile.

A notice the user asked for (a meet-up draft, after a click) is never held back. The notifier
behind the outbox can be replaced (SIGHUP) without losing anything.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, tzinfo
from enum import Enum

from loguru import logger

from watcher.config.settings import Settings
from watcher.daemon.ports import Clock, HandlerFor, RunsOnDatabase, Spawns
from watcher.followup.quiet import out_of_quiet_hours
from watcher.models import Failed, Imported
from watcher.notify.announce import import_notices, merged_summary
from watcher.notify.backends import LogNotifier, NotDelivered, Notifier
from watcher.notify.serial import notice_from_json, notice_json
from watcher.notify.texts import Notice, NoticeKind, failure_notice, folded_notice
from watcher.store import NewNotice, OutboxEntry, Store

#: The budget's window.
MINUTE = timedelta(minutes=1)
#: How long the "And N more" notice waits after the first notice it folds: a burst (reminders
#: firing one by one) arrives over a few seconds, and one summary should count all of it.
FOLD_SETTLE = timedelta(seconds=5)
#: With no notification server, the next try after this, doubling up to RETRY_MAX: a session
#: that starts after the daemon is found within seconds, a machine without one costs nothing.
RETRY_FIRST = timedelta(seconds=2)
RETRY_MAX = timedelta(minutes=5)


class _Shown(Enum):
    SHOWN = "shown"
    WAITING = "waiting"  # for a notification server: the rest of the pass waits too
    FAILED = "failed"  # the notifier's bug: the pass stops


#: Kinds the budget does not count: what the user asked for, and the budget's own summary.
_UNBUDGETED = (NoticeKind.DRAFT.value, NoticeKind.FOLDED.value)
#: What imports announce: pending together beyond the per-import budget, merged into one.
_ANNOUNCEMENTS = (NoticeKind.INVITATION, NoticeKind.IMPORT)


def record(store: Store, notices: Iterable[Notice], now: datetime, cause: str = "") -> list[int]:
    """Write notices to the outbox, inside the caller's transaction; the next ``deliver`` after
    the commit shows them (or the next start, if the daemon dies first)."""
    entries = [NewNotice(notice.kind.value, notice_json(notice), cause) for notice in notices]
    return store.add_notices(entries, now)


def announcer(settings: Settings, clock: Clock) -> Callable[[Store, Imported | Failed], None]:
    """The pipeline's ``Deps.announce`` for the daemon (in-process or in a child import): the
    notices an outcome calls for (a failure; new invitations and settled requests), into the
    outbox inside the import's own transaction, so a kill after the commit still shows them."""

    def announce(store: Store, outcome: Imported | Failed) -> None:
        if isinstance(outcome, Imported):
            notices = import_notices(store, outcome.changes, settings)
        else:
            notices = [failure_notice(outcome.path.name, outcome.reason)]
        record(store, notices, clock(), f"import of {outcome.path.name}")

    return announce


class Outbox:
    def __init__(
        self,
        notifier: Notifier,
        settings: Callable[[], Settings],
        *,
        db: RunsOnDatabase,
        handler_for: HandlerFor,
        zone: tzinfo,
        clock: Clock,
        tasks: Spawns,
    ) -> None:
        self.notifier = notifier
        self._settings = settings
        self._db = db
        self._handler_for = handler_for
        self._zone = zone
        self._clock = clock
        self._tasks = tasks
        self._started = False
        # One delivery at a time: two at once could both show a notice not yet marked.
        self._delivering = asyncio.Lock()
        self._held: list[Notice] = []
        self._timer: asyncio.TimerHandle | None = None
        # No notification server took the last one (NotDelivered): try again after a backoff.
        self._stalled = False
        self._backoff = RETRY_FIRST
        self._logged: set[int] = set()
        # A kicked delivery is waiting to start: more kicks until it reads the outbox add nothing.
        self._kicked = False

    @property
    def held(self) -> list[Notice]:
        """Notices waiting for the end of quiet hours, oldest first (as the last delivery saw)."""
        return list(self._held)

    async def start(self, notifier: Notifier) -> None:
        """Send through ``notifier`` from now on, and show what an earlier run did not."""
        await self.replace_notifier(notifier)
        now = self._clock()
        await self._db(lambda store: store.prune_outbox(now))
        self._started = True
        await self.deliver()

    async def send(self, notice: Notice, cause: str = "") -> None:
        """Record a notice, then show it (now, or when quiet hours and the budget allow)."""
        now = self._clock()
        await self._db(lambda store: _record_now(store, notice, now, cause))
        await self.deliver()

    def kick(self) -> None:
        """Deliver soon, on a task of the outbox: the caller (the import worker) goes on at once,
        however slow the notification server. What is recorded before that delivery reads the
        outbox goes out in it, merged when there is much."""
        if self._started and not self._kicked:
            self._kicked = True
            self._tasks.spawn(self.deliver(), "outbox")

    async def show_now(self, notice: Notice) -> None:
        """Show a notice without recording it, for when the database cannot take it (the disk
        is full); a notifier that fails only logs it."""
        try:
            await self.notifier.send(notice, None)
        except Exception as error:  # nowhere left to keep it: the log has it
            logger.warning("notice {!r} not shown ({}): {}", notice.title, error, notice.body)

    async def replace_notifier(self, notifier: Notifier) -> None:
        old, self.notifier = self.notifier, notifier
        if old is not notifier:
            await old.aclose()

    async def deliver(self) -> None:
        """Show every recorded notice not yet shown, unless quiet hours hold it or the budget
        folds it; arm the timer for what waits. Nothing is sent before ``start``."""
        if not self._started:
            return
        async with self._delivering:
            self._kicked = False  # what is recorded from here on needs another pass
            self._stalled = False
            wake = await self._deliver(self._clock())
        if self._stalled:
            retry = self._clock() + self._backoff
            self._backoff = min(self._backoff * 2, RETRY_MAX)
            wake = retry if wake is None else min(wake, retry)
        else:
            self._backoff = RETRY_FIRST
        self._arm(wake)

    #: The clock jumped (resume, a test): the same as a delivery.
    time_moved = deliver

    async def _deliver(self, now: datetime) -> datetime | None:
        """One pass; when to look again (None: nothing waits)."""
        notes = self._settings().notifications
        quiet_end = out_of_quiet_hours(now, notes.quiet(), self._zone)
        pending, shown = await self._pending(now, merge=quiet_end <= now)
        held: list[Notice] = []
        folded: list[int] = []
        for entry in pending:
            notice = _decoded(entry)
            if notice is None:
                folded.append(entry.id)  # unreadable (a bug): counted, never retried
            elif notice.kind is NoticeKind.DRAFT:
                # Asked for just now, so the user is there: neither quiet hours nor the budget.
                if await self._try_show(entry.id, notice) is _Shown.FAILED:
                    break
            elif quiet_end > now:
                held.append(notice)
            elif notice.kind is NoticeKind.FOLDED or shown < notes.budget_per_minute:
                result = await self._try_show(entry.id, notice)
                if result is _Shown.FAILED:
                    break
                shown += result is _Shown.SHOWN and notice.kind is not NoticeKind.FOLDED
            else:
                folded.append(entry.id)
        if folded:
            logger.info("notification budget: {} notices folded into a summary", len(folded))
            await self._db(lambda store: store.fold_notices(folded, now))
        self._held = held
        if held:
            logger.info("quiet hours: {} notices wait until {}", len(held), quiet_end.astimezone())
            return quiet_end
        return await self._summarise(now)

    async def _pending(self, now: datetime, *, merge: bool) -> tuple[list[OutboxEntry], int]:
        """What waits to be shown (announcements merged first, when ``merge``), and how many
        budgeted notices were shown in the last minute."""
        since = now - MINUTE
        pending, shown = await self._db(
            lambda store: (store.unsent_notices(), store.shown_since(since, not_kinds=_UNBUDGETED))
        )
        if merge:
            pending = await self._merge_announcements(pending, now)
        return pending, shown

    async def _merge_announcements(
        self, pending: list[OutboxEntry], now: datetime
    ) -> list[OutboxEntry]:
        """Imports' announcements pending together beyond the per-import budget become one
        summary, in their place; what is pending then."""
        settings = self._settings()
        announcing = [
            (entry.id, notice)
            for entry in pending
            if (notice := _decoded(entry)) is not None and notice.kind in _ANNOUNCEMENTS
        ]
        if len(announcing) <= max(settings.notifications.budget_per_import, 1):
            return pending

        def merge(store: Store) -> list[OutboxEntry]:
            with store.transaction():
                summary = merged_summary(store, [notice for _, notice in announcing], settings)
                if summary is not None:
                    entry = NewNotice(summary.kind.value, notice_json(summary), "imports together")
                    store.merge_notices([notice_id for notice_id, _ in announcing], entry, now)
                return store.unsent_notices()

        logger.info("{} import notices pending together: merged into one", len(announcing))
        return await self._db(merge)

    async def _summarise(self, now: datetime) -> datetime | None:
        """Show one "And N more" for what the budget folded, once the burst settled and at
        most one a minute; when to look again if it has to wait."""
        (counts, first), last = await self._db(
            lambda store: (store.unsummarised_folds(), store.last_shown(NoticeKind.FOLDED.value))
        )
        if not counts or first is None:
            return None
        ready = first + FOLD_SETTLE if last is None else max(first + FOLD_SETTLE, last + MINUTE)
        if ready > now:
            return ready
        notice = folded_notice(counts)
        entry = NewNotice(notice.kind.value, notice_json(notice), "notification budget")

        def add(store: Store) -> int:
            with store.transaction():
                return store.add_summary(entry, now)

        await self._try_show(await self._db(add), notice)
        return None

    async def _try_show(self, notice_id: int, notice: Notice) -> _Shown:
        """Show one notice. One the notifier failed on stays in the outbox, unshown, for the
        next delivery: a notifier's bug must not stop an import or a reminder."""
        if self._stalled:  # no server took the one before: this one waits as well
            await self._log_once(notice_id, notice)
            return _Shown.WAITING
        try:
            await self._show(notice_id, notice)
        except NotDelivered:
            # No server yet (the session is not up) or none any more: the notice waits here,
            # unshown, and goes to the desktop once one answers.
            self._stalled = True
            await self._log_once(notice_id, notice)
            return _Shown.WAITING
        except Exception as error:
            logger.opt(exception=error).error(
                "notice {!r} not shown ({}); it waits in the outbox", notice.title, error
            )
            return _Shown.FAILED
        return _Shown.SHOWN

    async def _log_once(self, notice_id: int, notice: Notice) -> None:
        """A notice waiting for a server is logged meanwhile, once: so a machine without a
        desktop still has it somewhere, however often it is tried."""
        if notice_id not in self._logged:
            self._logged.add(notice_id)
            await LogNotifier().send(notice)

    async def _show(self, notice_id: int, notice: Notice) -> None:
        # Marked only once the notifier returned: a kill in between shows it again at the next
        # start (the one way to be sure it is shown at all), never a notice marked but unseen.
        await self.notifier.send(notice, self._handler_for(notice.subject))
        at = self._clock()
        await self._db(lambda store: store.mark_shown(notice_id, at))

    def _arm(self, wake: datetime | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if wake is None:
            return
        delay = (wake - self._clock()).total_seconds()
        self._timer = asyncio.get_running_loop().call_later(
            max(delay, 0.0), lambda: self._tasks.spawn(self.deliver(), "outbox")
        )

    async def aclose(self) -> None:
        self._started = False
        if self._timer is not None:
            self._timer.cancel()
        if self._held:
            logger.info("{} notices wait for the end of quiet hours: shown then", len(self._held))
        await self.notifier.aclose()


def _record_now(store: Store, notice: Notice, now: datetime, cause: str) -> list[int]:
    with store.transaction():
        return record(store, [notice], now, cause)


def _decoded(entry: OutboxEntry) -> Notice | None:
    try:
        return notice_from_json(entry.notice)
    except (ValueError, KeyError, TypeError) as error:
        logger.error("outbox: notice {} cannot be read ({}); dropped", entry.id, error)
        return None
