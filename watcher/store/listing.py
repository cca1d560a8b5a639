"""Reading invitations back for people: pages sorted and filtered in SQL, and aggregate counts
for summaries, so the CLI stays instant on a database of any size.

``list`` asks for one screenful (``table_rows`` with a limit) and how many match
(``listing_size``); ``list --json`` streams every match with its sightings
(``invitations_with_sightings``), a chunk at a time, never the whole table in memory; the
import summary counts a file's new invitations by where they stand (``fresh_tally``) instead of
loading them.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING

from watcher.models import Direction, Status, Verdict
from watcher.store.database import Database
from watcher.store.ids import among

# One way to turn a row into an invitation: the aggregate's own (its select and its reader).
from watcher.store.invitations import _INVITATION_SELECT, _stored_invitation
from watcher.store.records import Sighting, StoredInvitation

#: Invitations read per query when streaming them all with their sightings: enough that the
#: per-query cost vanishes, few enough that memory stays flat whatever the database's size.
STREAM_CHUNK = 500


@dataclass(frozen=True)
class Criteria:
    """Which invitations a listing shows (``list --direction/--status/--verdict``; the review's
    waiting ones); None, or no statuses: any."""

    direction: Direction | None = Direction.INCOMING
    statuses: tuple[Status, ...] = ()
    verdict: Verdict | None = None

    def where(self, *, by_direction: bool = True) -> tuple[str, list[str | int]]:
        """The SQL condition on ``invitations i`` and its parameters; ``by_direction`` False
        keeps the direction out of SQLite's choice of index (for a query that visits every
        row anyway)."""
        clauses = ["1"]
        args: list[str | int] = []
        direction = "i.direction" if by_direction else "+i.direction"
        for column, value in ((direction, self.direction), ("i.verdict", self.verdict)):
            if value is not None:
                clauses.append(f"{column} = ?")
                args.append(value.value)
        if self.statuses:
            clauses.append(f"i.status IN ({', '.join('?' * len(self.statuses))})")
            args.extend(status.value for status in self.statuses)
        return " AND ".join(clauses), args


#: Newest first, as DESIGN.md promises for ``list``; the id breaks ties so pages are stable.
_NEWEST_FIRST = "ORDER BY i.sent_at DESC, i.id DESC"


@dataclass(frozen=True)
class TableRow:
    """What one line of ``list`` shows: no findings, no sightings, nothing parsed from JSON."""

    id: int
    sent_at: datetime
    name: str
    verdict: Verdict | None
    score: int | None
    status: Status
    message: str


@dataclass(frozen=True)
class ListingSize:
    """How many invitations match, and the widest id and name among them (for the columns)."""

    count: int
    widest_id: int
    longest_name: int


#: (direction, status, verdict) -> how many; what the import summary says about new invitations
Tally = dict[tuple[Direction, Status, Verdict | None], int]


class Listing(Database):
    if TYPE_CHECKING:  # Evidence's, a sibling mixin: the Store has both (a base would break
        # the Store's method order, where Evidence comes first)
        def sightings_of(self, invitation_ids: Sequence[int]) -> dict[int, list[Sighting]]: ...

    def table_rows(self, criteria: Criteria, limit: int | None = None) -> Iterator[TableRow]:
        """The matching invitations, newest first, as the cursor gives them (``limit``: the
        first so many). SQLite sorts and stops; Python only reads what it prints."""
        where, args = criteria.where()
        columns = "i.id, i.sent_at, p.name, i.verdict, i.score, i.status, i.message"
        if limit is None:
            sql = (
                f"SELECT {columns} FROM invitations i JOIN people p ON p.id = i.person_id "
                f"WHERE {where} {_NEWEST_FIRST}"
            )
        else:
            # Pick the page on the invitations alone, then join the few rows it keeps: sorting
            # the joined table costs a people lookup for every row, shown or not (3x slower).
            sql = (
                f"SELECT {columns} FROM (SELECT i.id FROM invitations i WHERE {where} "
                f"{_NEWEST_FIRST} LIMIT ?) page JOIN invitations i ON i.id = page.id "
                f"JOIN people p ON p.id = i.person_id {_NEWEST_FIRST}"
            )
            args = [*args, limit]
        for row in self.db.execute(sql, args):
            yield TableRow(
                id=int(row["id"]),
                sent_at=datetime.fromisoformat(row["sent_at"]),
                name=row["name"],
                verdict=Verdict(row["verdict"]) if row["verdict"] else None,
                score=row["score"],
                status=Status(row["status"]),
                message=row["message"],
            )

    def listing_size(self, criteria: Criteria) -> ListingSize:
        """How many match, and the widest id and longest name among them (a whole listing's
        column widths)."""
        # Every row is visited anyway: with the direction kept out of the index choice, SQLite
        # scans the person index, which covers person and direction, instead of the table
        # (17 ms instead of 66 on 50,000 invitations).
        where, args = criteria.where(by_direction=False)
        row = self.db.execute(
            "SELECT COUNT(*), COALESCE(MAX(i.id), 0), COALESCE(MAX(length(p.name)), 0) "
            f"FROM invitations i JOIN people p ON p.id = i.person_id WHERE {where}",
            args,
        ).fetchone()
        return ListingSize(count=int(row[0]), widest_id=int(row[1]), longest_name=int(row[2]))

    def listing_count(self, criteria: Criteria) -> int:
        """How many match: all a page needs to say how many more there are (no people join)."""
        where, args = criteria.where()
        row = self.db.execute(f"SELECT COUNT(*) FROM invitations i WHERE {where}", args)
        return int(row.fetchone()[0])

    def invitations_with_sightings(
        self, criteria: Criteria
    ) -> Generator[tuple[StoredInvitation, list[Sighting]], None, None]:
        """Every matching invitation, newest first, with the files that listed it: read in
        chunks of ``STREAM_CHUNK`` inside one read snapshot, so the stream is consistent and
        memory stays flat. Close it (``contextlib.closing``) to end the snapshot early."""
        where, args = criteria.where()
        sql = f"{_INVITATION_SELECT} WHERE {where} {_NEWEST_FIRST}"
        with self._snapshot():
            rows = (_stored_invitation(row) for row in self.db.execute(sql, args))
            while chunk := list(islice(rows, STREAM_CHUNK)):
                seen_in = self.sightings_of([i.id for i in chunk])
                for invitation in chunk:
                    yield invitation, seen_in.get(invitation.id, [])

    def fresh_tally(self, invitation_ids: Sequence[int]) -> Tally:
        """These invitations counted by direction, status and verdict (one aggregate query)."""
        wanted, args = among("id", invitation_ids)
        rows = self.db.execute(
            "SELECT direction, status, verdict, COUNT(*) FROM invitations "
            f"WHERE {wanted} GROUP BY direction, status, verdict",
            args,
        )
        return {(Direction(d), Status(s), Verdict(v) if v else None): int(n) for d, s, v, n in rows}

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """One read transaction: every query inside sees the same database. A reader never
        blocks a writer in WAL mode, so a slow consumer of the stream holds nobody up."""
        outermost = not self.db.in_transaction  # else inside a caller's: that one holds
        if outermost:
            self.db.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            if outermost and self.db.in_transaction:  # SQLite may have ended it on an error
                self.db.execute("COMMIT")
