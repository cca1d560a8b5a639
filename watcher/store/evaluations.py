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
from datetime import date, datetime
from typing import NamedTuple

from watcher.models import Direction, Evaluation, InvitationView, Status, Verdict
from watcher.store.database import Database, iso, parse_iso
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


class VerdictWrite(NamedTuple):
    """An evaluation to store: what ``write_verdicts`` needs and nothing more."""

    invitation_id: int
    old_verdict: Verdict | None
    verdict: Verdict
    score: int
    reasons: str


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

    def as_write(self) -> VerdictWrite:
        evaluation = self.evaluation
        held = self.invitation
        return VerdictWrite(
            held.view.id, held.verdict, evaluation.verdict, evaluation.score, self.reasons
        )


@dataclass(frozen=True, slots=True)
class Connected:
    """What the rules read of a person's connection: since when, and the file that says so."""

    connected_on: date | None
    source: str


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

    def connected_among(self, person_ids: Iterable[int]) -> dict[int, Connected]:
        """Each of these people's connection, if any, under their own key or a name-key twin's
        (``people.NAME_TWINS``: the same name key, one of the two without a profile URL; the
        first twin's, by id): person id -> connection. The two sides of the twin relation are
        asked apart, each narrowly: one ``OR`` join would probe every person sharing a name
        key."""
        wanted = set(person_ids)
        sql, args = among("c.person_id", wanted)
        rows = self.db.execute(
            f"SELECT c.person_id, c.connected_on, c.source FROM connections c WHERE {sql}", args
        )
        found = {int(row[0]): _connected(row[1], row[2]) for row in rows}
        rest = wanted.difference(found)
        if rest:
            found.update(self._connected_twins(rest))
        return found

    def _connected_twins(self, person_ids: set[int]) -> dict[int, Connected]:
        mine, args = among("me.id", person_ids)
        # Without a URL themselves, any namesake may be them; with one, only a namesake without
        # a URL, and those that are connections are few: start from them (CROSS JOIN keeps
        # SQLite to that order).
        rows = self.db.execute(
            "SELECT me.id, p.id, c.connected_on, c.source FROM people me "
            "JOIN people p ON p.name_key = me.name_key JOIN connections c ON c.person_id = p.id "
            f"WHERE {mine} AND me.profile_url IS NULL "
            "UNION ALL "
            "SELECT me.id, p.id, c.connected_on, c.source FROM people p "
            "CROSS JOIN connections c ON c.person_id = p.id "
            "CROSS JOIN people me ON me.name_key = p.name_key "
            # ``+``: SQLite would otherwise probe (name_key, id) once per listed id, for every
            # namesake without a URL: quadratic when an old export left everyone without one.
            f"WHERE p.profile_url IS NULL AND me.profile_url IS NOT NULL AND +{mine} "
            "ORDER BY 1, 2",
            args * 2,
        )
        found: dict[int, Connected] = {}
        for row in rows:
            found.setdefault(int(row[0]), _connected(row[2], row[3]))
        return found

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

    def write_verdicts(self, writes: Iterable[VerdictWrite], cause: str, now: datetime) -> int:
        """Store these evaluations (the caller left out those that change nothing: see
        ``Rejudged.changed``); a changed verdict is also stored as a verdict change. Returns
        how many rows were written."""
        self.clear_staged_verdicts()
        self.stage_verdicts(writes)
        return self.write_staged_verdicts(cause, now)

    def stage_verdicts(self, writes: Iterable[VerdictWrite]) -> None:
        """Keep these for ``write_staged_verdicts`` in a TEMP table: a whole import's worth
        waits for the write lock in SQLite's temp pages (spilled to disk), not in Python
        objects, and staging takes no lock."""
        self.db.execute(_STAGE_VERDICTS)
        self.db.executemany(
            "INSERT OR REPLACE INTO temp.stage_verdicts VALUES (?, ?, ?, ?, ?)",
            (
                (
                    w.invitation_id,
                    w.old_verdict.value if w.old_verdict else None,
                    w.verdict.value,
                    w.score,
                    w.reasons,
                )
                for w in writes
            ),
        )

    def clear_staged_verdicts(self) -> None:
        self.db.execute(_STAGE_VERDICTS)
        self.db.execute("DELETE FROM temp.stage_verdicts")

    def write_staged_verdicts(self, cause: str, now: datetime) -> int:
        """Store what ``stage_verdicts`` kept (inside the caller's write transaction), in one
        statement per kind, and empty the stage; how many rows were written."""
        self.db.execute(_STAGE_VERDICTS)
        at = iso(now)
        written = self.db.execute(
            "UPDATE invitations SET verdict = s.verdict, score = s.score, reasons = s.reasons, "
            "evaluated_at = ? FROM temp.stage_verdicts s WHERE invitations.id = s.invitation_id",
            (at,),
        ).rowcount
        self.db.execute(
            "INSERT INTO verdict_changes (invitation_id, at, old_verdict, new_verdict, cause) "
            "SELECT invitation_id, ?, old_verdict, verdict, ? FROM temp.stage_verdicts "
            "WHERE old_verdict IS NOT verdict ORDER BY invitation_id",
            (at, cause),
        )
        self.db.execute("DELETE FROM temp.stage_verdicts")
        return int(written)


#: Evaluations waiting for their write (``Evaluations.stage_verdicts``), one per invitation.
_STAGE_VERDICTS = (
    "CREATE TEMP TABLE IF NOT EXISTS stage_verdicts (invitation_id INTEGER PRIMARY KEY, "
    "old_verdict TEXT, verdict TEXT NOT NULL, score INTEGER NOT NULL, reasons TEXT NOT NULL)"
)


def _connected(connected_on: str | None, source: str) -> Connected:
    moment = parse_iso(connected_on)
    return Connected(moment.date() if moment else None, str(source))
