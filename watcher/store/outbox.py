"""The outbox: notices recorded before they are sent, and what became of each.

A notice is written here in the transaction that calls for it (an import, a reminder firing),
so a kill after that commit cannot lose it; it is marked ``shown`` once the notification server
took it, so a restart shows what was not shown, once. The notification budget marks the notices
it holds back ``folded`` and counts them in one summary notice (``summarised_in``).

The store keeps notices as opaque JSON with a kind: what they say is ``watcher.notify``'s
business, when and whether to show them the daemon's (``watcher.daemon.outbox``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from watcher.models import Verdict
from watcher.store.database import Database, iso
from watcher.store.ids import among

#: Shown or folded notices are kept this long (for a look at what was shown), then dropped.
KEEP_DAYS = 30

#: An invitation a notice may announce: incoming, still awaiting the user, judged.
_AWAITING = (
    "i.direction = 'incoming' AND i.status = 'pending' "
    "AND i.verdict IS NOT NULL AND i.score IS NOT NULL"
)


@dataclass(frozen=True)
class NewNotice:
    """A notice to record: its kind, the notice as JSON, and what called for it."""

    kind: str
    notice: str
    cause: str = ""


@dataclass(frozen=True)
class OutboxEntry:
    """A recorded notice not yet shown (or folded)."""

    id: int
    kind: str
    notice: str
    cause: str
    created_at: datetime


class OutboxLog(Database):
    def add_notices(self, notices: Sequence[NewNotice], now: datetime) -> list[int]:
        """Record notices to send (inside the caller's transaction); their ids, in order."""
        ids = []
        for notice in notices:
            cursor = self.db.execute(
                "INSERT INTO outbox (kind, notice, cause, created_at) VALUES (?, ?, ?, ?)",
                (notice.kind, notice.notice, notice.cause, iso(now)),
            )
            ids.append(int(cursor.lastrowid or 0))
        return ids

    def unsent_notices(self) -> list[OutboxEntry]:
        """Notices neither shown nor folded, oldest first."""
        rows = self.db.execute(
            "SELECT * FROM outbox WHERE shown_at IS NULL AND folded_at IS NULL ORDER BY id"
        )
        return [_entry(row) for row in rows]

    def mark_shown(self, notice_id: int, at: datetime) -> None:
        """The notification server took it: never shown again. In a transaction of its own, so it
        waits for another writer's lock as every write does (a bare statement gives up within
        a quarter second, and the notice would be shown again)."""
        with self.transaction():
            self.db.execute("UPDATE outbox SET shown_at = ? WHERE id = ?", (iso(at), notice_id))

    def fold_notices(self, notice_ids: Collection[int], at: datetime) -> None:
        """The budget holds these back: a summary notice will count them instead."""
        wanted, args = among("id", notice_ids)
        with self.transaction():  # waits for another writer, as ``mark_shown`` does
            self.db.execute(
                f"UPDATE outbox SET folded_at = ? WHERE {wanted} AND shown_at IS NULL",
                (iso(at), *args),
            )

    def shown_since(self, moment: datetime, *, not_kinds: Collection[str] = ()) -> int:
        """How many notices were shown after ``moment`` (leaving out those of ``not_kinds``)."""
        skipped, args = among("kind", list(not_kinds))
        row = self.db.execute(
            f"SELECT count(*) FROM outbox WHERE shown_at > ? AND NOT {skipped}",
            (iso(moment), *args),
        ).fetchone()
        return int(row[0])

    def last_shown(self, kind: str) -> datetime | None:
        """When the latest notice of this kind was shown."""
        row = self.db.execute(
            "SELECT max(shown_at) FROM outbox WHERE kind = ? AND shown_at IS NOT NULL", (kind,)
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row[0] else None

    def unsummarised_folds(self) -> tuple[Counter[str], datetime | None]:
        """Folded notices no summary counted yet, by kind, and when the first was folded."""
        rows = self.db.execute(
            "SELECT kind, count(*), min(folded_at) FROM outbox WHERE folded_at IS NOT NULL "
            "AND summarised_in IS NULL GROUP BY kind"
        ).fetchall()
        first = min((str(row[2]) for row in rows), default=None)
        counts = Counter({str(row[0]): int(row[1]) for row in rows})
        return counts, datetime.fromisoformat(first) if first else None

    def add_summary(self, summary: NewNotice, now: datetime) -> int:
        """Record the summary notice of every folded notice not yet counted (inside the
        caller's transaction, so the summary and what it counts are one change); its id."""
        [summary_id] = self.add_notices([summary], now)
        self.db.execute(
            "UPDATE outbox SET summarised_in = ? WHERE folded_at IS NOT NULL "
            "AND summarised_in IS NULL",
            (summary_id,),
        )
        return summary_id

    def merge_notices(self, notice_ids: Collection[int], summary: NewNotice, now: datetime) -> int:
        """Record one summary in place of these notices, not yet shown (inside the caller's
        transaction): they are marked folded and counted in it, so the budget's "And N more"
        does not count them again. The summary's id."""
        [summary_id] = self.add_notices([summary], now)
        wanted, args = among("id", notice_ids)
        self.db.execute(
            f"UPDATE outbox SET folded_at = ?, summarised_in = ? WHERE {wanted} "
            "AND shown_at IS NULL",
            (iso(now), summary_id, *args),
        )
        return summary_id

    # -- what an import's summary counts: aggregates, so a 50,000-invitation archive loads
    # -- only the few invitations its notice names

    def awaiting_by_verdict(self, invitation_ids: Collection[int]) -> dict[Verdict, int]:
        """How many of these invitations still await the user (incoming, pending, judged), by
        verdict."""
        wanted, args = among("i.id", invitation_ids)
        rows = self.db.execute(
            f"SELECT i.verdict, count(*) FROM invitations i WHERE {_AWAITING} AND {wanted} "
            "GROUP BY i.verdict",
            args,
        )
        return {Verdict(row[0]): int(row[1]) for row in rows}

    def newest_awaiting(
        self, invitation_ids: Collection[int], per_verdict: int
    ) -> list[tuple[int, str, Verdict]]:
        """The newest ``per_verdict`` of these invitations still awaiting the user, for each
        verdict: (id, the sender's name, verdict), newest first."""
        wanted, args = among("i.id", invitation_ids)
        rows = self.db.execute(
            "SELECT id, name, verdict FROM (SELECT i.id, p.name, i.verdict, row_number() OVER "
            "(PARTITION BY i.verdict ORDER BY i.sent_at DESC, i.id DESC) AS place "
            f"FROM invitations i JOIN people p ON p.id = i.person_id WHERE {_AWAITING} "
            f"AND {wanted}) WHERE place <= ? ORDER BY place, id DESC",
            (*args, per_verdict),
        )
        return [(int(row[0]), str(row[1]), Verdict(row[2])) for row in rows]

    def prune_outbox(self, now: datetime) -> int:
        """Drop what was shown or summarised long ago; how many notices were dropped."""
        cutoff = iso(now - timedelta(days=KEEP_DAYS))
        with self.transaction():  # waits for another writer, as ``mark_shown`` does
            cursor = self.db.execute(
                "DELETE FROM outbox WHERE shown_at < ? "
                "OR (folded_at < ? AND summarised_in IS NOT NULL)",
                (cutoff, cutoff),
            )
        return cursor.rowcount


def _entry(row: sqlite3.Row) -> OutboxEntry:
    return OutboxEntry(
        id=int(row["id"]),
        kind=str(row["kind"]),
        notice=str(row["notice"]),
        cause=str(row["cause"]),
        created_at=datetime.fromisoformat(row["created_at"]),
    )
