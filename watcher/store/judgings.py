"""Judging an import left to do once its merge committed (``watcher.judge.deferred``).

A row per import: which invitations it may have changed the verdict of, and its outcome to
announce once they are judged. It is written in the merge's transaction and dropped in the one
that stores the verdicts, so whatever a kill interrupts, the row says what is left.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from watcher.store.database import Database, iso


@dataclass(frozen=True)
class PendingJudging:
    """One import's judging, not yet done."""

    id: int
    #: what the verdicts' changes are put down to: "import of Invitations.csv"
    cause: str
    #: the invitations to judge again; None: every incoming one
    invitation_ids: list[int] | None
    #: the import's outcome (``models.Imported`` as JSON), announced once they are judged
    outcome: str
    #: whether it is announced at all: a daemon's import is, a command's is not
    announce: bool


class Judgings(Database):
    def defer_judging(
        self,
        cause: str,
        invitation_ids: Sequence[int] | None,
        outcome: str,
        *,
        announce: bool,
        now: datetime,
    ) -> int:
        """Leave an import's judging for later (inside the merge's transaction); its id."""
        ids = None if invitation_ids is None else json.dumps(list(invitation_ids))
        cursor = self.db.execute(
            "INSERT INTO pending_judgings (cause, invitation_ids, outcome, announce, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (cause, ids, outcome, int(announce), iso(now)),
        )
        return int(cursor.lastrowid or 0)

    def pending_judging(self, pending_id: int) -> PendingJudging | None:
        """That judging, if it is still to do (another process may have finished it)."""
        row = self.db.execute(
            "SELECT id, cause, invitation_ids, outcome, announce FROM pending_judgings "
            "WHERE id = ?",
            (pending_id,),
        ).fetchone()
        if row is None:
            return None
        ids = None if row[2] is None else [int(i) for i in json.loads(row[2])]
        return PendingJudging(int(row[0]), str(row[1]), ids, str(row[3]), bool(row[4]))

    def pending_judgings(self, *, announced_too: bool) -> list[int]:
        """The judgings left to do, oldest first; with ``announced_too`` False, only those
        whose import announces nothing (a caller that cannot announce leaves the others)."""
        sql = "SELECT id FROM pending_judgings"
        if not announced_too:
            sql += " WHERE announce = 0"
        return [int(row[0]) for row in self.db.execute(sql + " ORDER BY id")]

    def drop_judging(self, pending_id: int) -> None:
        """The judging is done (inside the transaction that stored its verdicts)."""
        self.db.execute("DELETE FROM pending_judgings WHERE id = ?", (pending_id,))
