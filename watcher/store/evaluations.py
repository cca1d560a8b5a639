"""What the rules read and write in bulk during an import: batched history for the invitations
being judged and their verdicts written back, one statement per kind.

The rows read here are lean (``Judgeable``): what the rules read and the verdict stored, its
reasons left as the stored JSON text, so a re-judge can tell an unchanged verdict by comparing
text instead of parsing every finding. Only the rows whose verdict, score or reasons changed
are written back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from watcher.models import Direction, Evaluation, InvitationView, Status, Verdict
from watcher.store.database import Database, iso
from watcher.store.ids import among


@dataclass(frozen=True, slots=True)
class Judgeable:
    """An invitation as the rules read it, with the verdict it holds now."""

    view: InvitationView
    person_id: int
    note_fingerprint: str
    verdict: Verdict | None
    score: int | None
    #: the stored findings as their JSON text (``reasons_json``); None: never judged
    reasons: str | None


@dataclass(frozen=True, slots=True)
class Rejudged:
    """A new evaluation of an invitation, with its findings as stored (``reasons_json``)."""

    invitation: Judgeable
    evaluation: Evaluation
    reasons: str

    @property
    def changed(self) -> bool:
        """Whether storing it changes the row: the verdict, the score or any finding."""
        held = self.invitation
        return (held.verdict, held.score, held.reasons) != (
            self.evaluation.verdict,
            self.evaluation.score,
            self.reasons,
        )


def reasons_json(evaluation: Evaluation) -> str:
    """The stored form of an evaluation's findings (the ``reasons`` column)."""
    return json.dumps([f.model_dump(mode="json") for f in evaluation.findings])


class Evaluations(Database):
    def judgeable(self, invitation_ids: Sequence[int]) -> list[Judgeable]:
        """These invitations as the rules read them, by id (unknown ids are left out)."""
        wanted, args = among("i.id", invitation_ids)
        rows = self.db.execute(
            "SELECT i.id, i.person_id, i.direction, i.sent_at, i.message, i.headline, "
            "i.mutual_connections, i.status, i.note_fingerprint, i.verdict, i.score, i.reasons, "
            "p.name, p.profile_url, p.headline FROM invitations i "
            f"JOIN people p ON p.id = i.person_id WHERE {wanted} ORDER BY i.id",
            args,
        )
        return [
            Judgeable(
                view=InvitationView(
                    id=row[0],
                    name=row[12],
                    profile_url=row[13],
                    direction=Direction(row[2]),
                    sent_at=datetime.fromisoformat(row[3]),
                    message=row[4],
                    headline=row[5] or row[14] or "",
                    mutual_connections=row[6],
                    status=Status(row[7]),
                ),
                person_id=row[1],
                note_fingerprint=row[8],
                verdict=Verdict(row[9]) if row[9] else None,
                score=row[10],
                reasons=row[11],
            )
            for row in rows
        ]

    def note_senders_among(self, invitation_ids: Sequence[int]) -> dict[str, int]:
        """For every note these invitations carry (a fingerprint), how many distinct people
        sent an incoming invitation with it: one query for a whole import's invitations."""
        wanted, args = among("n.id", invitation_ids)
        rows = self.db.execute(
            "SELECT i.note_fingerprint, COUNT(DISTINCT i.person_id) FROM invitations i "
            "WHERE i.direction = 'incoming' AND i.note_fingerprint IN "
            "(SELECT DISTINCT n.note_fingerprint FROM invitations n "
            f"WHERE n.note_fingerprint != '' AND {wanted}) GROUP BY i.note_fingerprint",
            args,
        )
        return {str(row[0]): int(row[1]) for row in rows}

    def write_verdicts(self, rejudged: Iterable[Rejudged], cause: str, now: datetime) -> int:
        """Store the evaluations that change their row, in one statement per kind; a changed
        verdict is also stored as a verdict change. Returns how many rows were written."""
        changed = [r for r in rejudged if r.changed]
        at = iso(now)
        self.db.executemany(
            "UPDATE invitations SET verdict = ?, score = ?, reasons = ?, evaluated_at = ? "
            "WHERE id = ?",
            (
                (
                    r.evaluation.verdict.value,
                    r.evaluation.score,
                    r.reasons,
                    at,
                    r.invitation.view.id,
                )
                for r in changed
            ),
        )
        self.db.executemany(
            "INSERT INTO verdict_changes (invitation_id, at, old_verdict, new_verdict, cause) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                (
                    r.invitation.view.id,
                    at,
                    r.invitation.verdict.value if r.invitation.verdict else None,
                    r.evaluation.verdict.value,
                    cause,
                )
                for r in changed
                if r.invitation.verdict != r.evaluation.verdict
            ),
        )
        return len(changed)
