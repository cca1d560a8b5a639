"""Evidence over time: which files saw each invitation, as of when, and what complete listings
prove by leaving an invitation out (DESIGN.md, "Evidence over time").

A sighting is (invitation, import, the import's as-of time, complete or partial listing). A
complete listing (an Invitations.csv) also logs the window of sent times it vouches for with
its import (``ImportLog.log_import``). Everything here is a set of facts that only grows, read
the same way whatever order the files came in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from watcher.store.database import Database, iso
from watcher.store.ids import among
from watcher.store.lifecycle import INVITER_CONNECTED
from watcher.store.records import Sighting

#: A complete listing that vouches for invitation ``i``'s sent time and is newer than every
#: file that listed it: had the invitation still been there, that listing would show it.
_LISTED_WITHOUT_IT = (
    "EXISTS (SELECT 1 FROM imports l WHERE l.listed_from IS NOT NULL "
    "AND i.sent_at BETWEEN l.listed_from AND l.listed_to "
    "AND l.as_of > COALESCE((SELECT MAX(s.as_of) FROM sightings s "
    "WHERE s.invitation_id = i.id), ''))"
)


class Evidence(Database):
    def record_sightings(
        self, import_id: int, as_of: datetime, sighted: Mapping[int, bool]
    ) -> None:
        """This import listed these invitations (id -> in a complete listing), as of ``as_of``.

        One statement over a JSON array (in the order given), not one per invitation."""
        self.db.execute(
            "INSERT OR IGNORE INTO sightings (invitation_id, import_id, as_of, complete) "
            "SELECT json_extract(j.value, '$[0]'), ?, ?, json_extract(j.value, '$[1]') "
            "FROM json_each(?) j ORDER BY j.key",
            (import_id, iso(as_of), json.dumps([(i, int(c)) for i, c in sighted.items()])),
        )

    def sightings(self, invitation_id: int) -> list[Sighting]:
        """The files that listed this invitation, oldest as-of time first."""
        return self.sightings_of([invitation_id]).get(invitation_id, [])

    def sightings_of(self, invitation_ids: Sequence[int]) -> dict[int, list[Sighting]]:
        """``sightings`` for many invitations in one query (``list --json``)."""
        where, args = among("s.invitation_id", invitation_ids)
        rows = self.db.execute(
            "SELECT s.invitation_id, s.as_of, s.complete, m.path, m.as_of_basis FROM sightings s "
            f"LEFT JOIN imports m ON m.id = s.import_id WHERE {where} "
            "ORDER BY s.invitation_id, s.as_of, s.id",
            args,
        )
        found: dict[int, list[Sighting]] = {}
        for row in rows:
            found.setdefault(int(row["invitation_id"]), []).append(_sighting(row))
        return found

    def proven_gone(
        self, invitation_ids: Sequence[int] | None = None, *, still_open: bool = False
    ) -> set[int]:
        """Incoming invitations (these, or all) that a complete listing proves gone: it covers
        their sent time, it is newer than every file that listed them, and the inviter is not
        a connection (then they were accepted). Whatever their status (``still_open``: only
        those neither accepted nor ignored): the caller decides which moves that makes."""
        sql, args = ("1", []) if invitation_ids is None else among("i.id", invitation_ids)
        if still_open:
            sql += " AND i.status NOT IN ('accepted', 'ignored')"
        rows = self.db.execute(
            f"SELECT i.id FROM invitations i WHERE i.direction = 'incoming' AND {sql} "
            f"AND {_LISTED_WITHOUT_IT} AND NOT {INVITER_CONNECTED}",
            args,
        )
        return {int(row[0]) for row in rows}


def _sighting(row: sqlite3.Row) -> Sighting:
    return Sighting(
        invitation_id=int(row["invitation_id"]),
        file=Path(row["path"]).name if row["path"] else "",
        as_of=datetime.fromisoformat(row["as_of"]),
        basis=row["as_of_basis"] or "the time it was imported",
        complete=bool(row["complete"]),
    )
