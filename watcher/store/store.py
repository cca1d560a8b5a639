"""SQLite: the one source of truth. Schema, migrations, idempotent upserts and the queries.

Natural keys make every import idempotent: a person is keyed by the normalised profile URL (or
by ``name:<name key>`` where an old export has no URL); an invitation by (person, direction, sent
time), where a sent time within a day of a stored one is the same invitation (the exports carry
no time zone). Row ids never change, so invitation IDs are stable across imports.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from watcher.core.identity import name_key
from watcher.judge.rulebook import note_fingerprint as _note_fingerprint
from watcher.models import (
    TIME_SLACK,
    Acquaintance,
    ConnectionRecord,
    Direction,
    Evaluation,
    Event,
    Finding,
    HistoryKind,
    InvitationRecord,
    InvitationView,
    Meetup,
    MessageSummary,
    OwnerProfile,
    PersonRef,
    Position,
    School,
    Snapshot,
    Status,
    Verdict,
)

SCHEMA_VERSION = 1

#: The same few notes (none, LinkedIn's stock text, a template) come back thousands of times.
note_fingerprint = functools.lru_cache(maxsize=4096)(_note_fingerprint)

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        profile_url TEXT,
        headline TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX people_by_name_key ON people(name_key);

    CREATE TABLE connections (
        person_id INTEGER PRIMARY KEY REFERENCES people(id),
        email TEXT, company TEXT, position TEXT,
        connected_on TEXT,
        source TEXT NOT NULL
    );

    CREATE TABLE message_stats (
        person_id INTEGER PRIMARY KEY REFERENCES people(id),
        inbound_count INTEGER NOT NULL, outbound_count INTEGER NOT NULL,
        first_inbound TEXT, last_inbound TEXT, first_outbound TEXT, last_outbound TEXT,
        source TEXT NOT NULL
    );

    CREATE TABLE invitations (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people(id),
        direction TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        headline TEXT NOT NULL DEFAULT '',
        mutual_connections INTEGER,
        note_fingerprint TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'pending',
        verdict TEXT, score INTEGER, reasons TEXT, evaluated_at TEXT,
        first_seen TEXT NOT NULL,
        last_seen_source TEXT NOT NULL
    );
    CREATE INDEX invitations_by_person ON invitations(person_id, direction, sent_at);
    CREATE INDEX invitations_by_fingerprint ON invitations(note_fingerprint);

    CREATE TABLE transitions (
        id INTEGER PRIMARY KEY,
        invitation_id INTEGER NOT NULL REFERENCES invitations(id),
        at TEXT NOT NULL,
        from_status TEXT NOT NULL, to_status TEXT NOT NULL,
        cause TEXT NOT NULL
    );

    CREATE TABLE verdict_changes (
        id INTEGER PRIMARY KEY,
        invitation_id INTEGER NOT NULL REFERENCES invitations(id),
        at TEXT NOT NULL,
        old_verdict TEXT, new_verdict TEXT NOT NULL,
        cause TEXT NOT NULL
    );

    CREATE TABLE owner (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        profile TEXT NOT NULL
    );

    CREATE TABLE snapshots (
        kind TEXT PRIMARY KEY,
        items TEXT NOT NULL,
        source TEXT NOT NULL
    );

    CREATE TABLE acquaintances (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        profile_url TEXT NOT NULL DEFAULT '',
        emails TEXT NOT NULL DEFAULT '',
        company TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL,
        UNIQUE (kind, name_key, profile_url, emails, at, detail)
    );

    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        kind TEXT,
        outcome TEXT NOT NULL,
        error TEXT,
        at TEXT NOT NULL
    );
    CREATE INDEX imports_by_hash ON imports(sha256);

    CREATE TABLE meetups (
        invitation_id INTEGER PRIMARY KEY REFERENCES invitations(id),
        sent_at TEXT NOT NULL,
        fired_stage INTEGER NOT NULL DEFAULT 0,
        snoozed_until TEXT
    );
    """,
}


#: ``p`` and ``me`` are one person known two ways: the same name key, and at least one of them
#: without a profile URL (an old export). Used wherever "is this inviter a connection?" is asked.
_NAME_TWINS = "(p.name_key = me.name_key AND (p.profile_url IS NULL OR me.profile_url IS NULL))"


class StoreError(Exception):
    """The database cannot be opened or is from a newer version of invite-watcher."""


def iso(moment: datetime | date | None) -> str | None:
    """Stored form of a time: UTC ISO 8601 with seconds, so strings sort like the times."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    return moment.isoformat()


def parse_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def person_key(person: PersonRef) -> str:
    return person.profile_url or f"name:{name_key(person.name)}"


@dataclass
class ApplyCounts:
    """What applying records did, per kind: kind -> (new, updated, unchanged)."""

    new: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    new_invitation_ids: list[int]
    seen_invitation_ids: list[int]
    history_changed: bool = False
    #: earliest sent time in an Invitations.csv listing: an invitation sent since then that the
    #: listing no longer shows was ignored or withdrawn
    listing_since: datetime | None = None

    @classmethod
    def empty(cls) -> ApplyCounts:
        return cls({}, {}, {}, [], [])

    def note_listing(self, sent_at: datetime) -> None:
        if self.listing_since is None or sent_at < self.listing_since:
            self.listing_since = sent_at

    def count(self, kind: str, change: str) -> None:
        table = {"new": self.new, "updated": self.updated, "unchanged": self.unchanged}[change]
        table[kind] = table.get(kind, 0) + 1
        if change != "unchanged" and kind != "invitations":
            self.history_changed = True


class StatusChange(NamedTuple):
    """One lifecycle move to store: the invitation, from and to which status, and when."""

    invitation_id: int
    old: Status
    new: Status
    at: datetime


@dataclass(frozen=True)
class StoredInvitation:
    """An invitation row as the CLI shows it."""

    id: int
    name: str
    profile_url: str | None
    direction: Direction
    sent_at: datetime
    message: str
    headline: str
    mutual_connections: int | None
    status: Status
    verdict: Verdict | None
    score: int | None
    findings: list[Finding]
    person_id: int
    note_fingerprint: str = ""

    def view(self) -> InvitationView:
        return InvitationView(
            id=self.id,
            name=self.name,
            profile_url=self.profile_url,
            direction=self.direction,
            sent_at=self.sent_at,
            message=self.message,
            headline=self.headline,
            mutual_connections=self.mutual_connections,
            status=self.status,
        )


class Store:
    """One SQLite database. Not thread-safe: one Store per thread."""

    def __init__(self, path: Path):
        self.path = path
        #: values derived from the data, cached by their users with a version check
        self.derived: dict[str, object] = {}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Create the file with mode 0600 before SQLite does: notes and names are private.
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
            os.close(fd)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"{path}: cannot open the database: {error}") from None
        self.db.row_factory = sqlite3.Row
        #: key -> (id, name, headline) of people written in the current transaction; an import
        #: names the same person again and again (every message, every invitation), and a dict
        #: lookup is far cheaper than an UPSERT. Cleared with each transaction, so a rollback
        #: can never leave an id behind that the database no longer has.
        self._people: dict[str, tuple[int, str, str]] = {}
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise StoreError(f"{path}: cannot use the database: {error}") from None

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer invite-watcher (schema {version}); upgrade it"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                for statement in _MIGRATIONS[target].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {target}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; rolled back on any exception (and on a dry run by the caller)."""
        self._people.clear()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._people.clear()
            self.derived.clear()  # may describe rows that are now gone
            if self.db.in_transaction:  # SQLite may have rolled back by itself (disk full)
                self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # ----------------------------------------------------------------------------------------
    # Import log
    # ----------------------------------------------------------------------------------------

    def known_import(self, sha256: str) -> sqlite3.Row | None:
        """The latest import of this content, if any."""
        return self.db.execute(  # type: ignore[no-any-return]
            "SELECT * FROM imports WHERE sha256 = ? ORDER BY id DESC LIMIT 1", (sha256,)
        ).fetchone()

    def log_import(
        self,
        sha256: str,
        path: Path,
        *,
        size: int,
        kind: str | None,
        outcome: str,
        error: str | None = None,
    ) -> None:
        self.db.execute(
            "INSERT INTO imports (sha256, path, size, kind, outcome, error, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sha256, str(path), size, kind, outcome, error, iso(datetime.now(UTC))),
        )

    def imports(self, limit: int = 50) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM imports ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()

    # ----------------------------------------------------------------------------------------
    # Applying records
    # ----------------------------------------------------------------------------------------

    def person_id(self, person: PersonRef, headline: str | None = None) -> int:
        """The id of this person, created if new; a name-only reference joins a URL-keyed person."""
        if person.profile_url is None:
            rows = self.db.execute(
                "SELECT id FROM people WHERE name_key = ? LIMIT 2", (name_key(person.name),)
            ).fetchall()
            if len(rows) == 1:
                return int(rows[0]["id"])
        key = person_key(person)
        cached = self._people.get(key)
        if cached is not None and _upsert_changes_nothing(cached, person.name, headline):
            return cached[0]
        row = self.db.execute(
            "INSERT INTO people (key, name, name_key, profile_url, headline) "
            "VALUES (?, ?, ?, ?, COALESCE(?, '')) "
            "ON CONFLICT(key) DO UPDATE SET "
            "name = CASE WHEN excluded.name != '' THEN excluded.name ELSE people.name END, "
            "headline = CASE WHEN excluded.headline != '' THEN excluded.headline "
            "ELSE people.headline END "
            "RETURNING id, name, headline",
            (key, person.name, name_key(person.name), person.profile_url, headline),
        ).fetchone()
        if person.profile_url is not None:
            if len(self._people) >= _PEOPLE_CACHED:
                del self._people[next(iter(self._people))]  # the oldest: memory stays flat
            self._people[key] = (int(row["id"]), row["name"], row["headline"])
        return int(row["id"])

    def apply_invitation(self, record: InvitationRecord, counts: ApplyCounts) -> None:
        pid = self.person_id(record.counterpart, record.headline)
        sent = record.sent_at
        existing = self.db.execute(
            "SELECT id, message, headline, mutual_connections FROM invitations "
            "WHERE person_id = ? AND direction = ? AND sent_at BETWEEN ? AND ? "
            "ORDER BY id LIMIT 1",
            (pid, record.direction.value, iso(sent - TIME_SLACK), iso(sent + TIME_SLACK)),
        ).fetchone()
        if existing is None:
            cursor = self.db.execute(
                "INSERT INTO invitations (person_id, direction, sent_at, message, headline, "
                "mutual_connections, note_fingerprint, first_seen, last_seen_source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    pid,
                    record.direction.value,
                    iso(sent),
                    record.message,
                    record.headline or "",
                    record.mutual_connections,
                    note_fingerprint(record.message),
                    iso(datetime.now(UTC)),
                    record.source,
                ),
            )
            invitation_id = int(cursor.lastrowid or 0)
            counts.count("invitations", "new")
            counts.new_invitation_ids.append(invitation_id)
            counts.seen_invitation_ids.append(invitation_id)
            return
        invitation_id = int(existing["id"])
        counts.seen_invitation_ids.append(invitation_id)
        # A richer export (the invitation JSON) fills what the archive lacks; never erase.
        message = record.message or existing["message"]
        headline = record.headline or existing["headline"]
        mutual = record.mutual_connections
        if mutual is None:
            mutual = existing["mutual_connections"]
        if (message, headline, mutual) == (
            existing["message"],
            existing["headline"],
            existing["mutual_connections"],
        ):
            counts.count("invitations", "unchanged")
            return
        self.db.execute(
            "UPDATE invitations SET message = ?, headline = ?, mutual_connections = ?, "
            "note_fingerprint = ?, last_seen_source = ? WHERE id = ?",
            (message, headline, mutual, note_fingerprint(message), record.source, invitation_id),
        )
        counts.count("invitations", "updated")

    def apply_connection(self, record: ConnectionRecord, counts: ApplyCounts) -> None:
        pid = self.person_id(record.person)
        values = (record.email, record.company, record.position, iso(record.connected_on))
        # Insert first: a new connection (every one, on a first import) costs one statement.
        inserted = self.db.execute(
            "INSERT INTO connections (person_id, email, company, position, connected_on, source) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(person_id) DO NOTHING",
            (pid, *values, record.source),
        ).rowcount
        if inserted:
            counts.count("connections", "new")
            return
        updated = self.db.execute(
            "UPDATE connections SET email = ?, company = ?, position = ?, connected_on = ?, "
            "source = ? WHERE person_id = ? AND NOT (email IS ? AND company IS ? "
            "AND position IS ? AND connected_on IS ?)",
            (*values, record.source, pid, *values),
        ).rowcount
        counts.count("connections", "updated" if updated else "unchanged")

    def apply_messages(self, record: MessageSummary, counts: ApplyCounts) -> None:
        """Merge monotonically (max counts, min firsts, max lasts): overlapping exports agree."""
        pid = self.person_id(record.person)
        old = self.db.execute("SELECT * FROM message_stats WHERE person_id = ?", (pid,)).fetchone()
        merged = _merge_stats(old, record)
        if old is not None and all(old[k] == v for k, v in merged.items()):
            counts.count("messages", "unchanged")
            return
        self.db.execute(
            "INSERT OR REPLACE INTO message_stats (person_id, inbound_count, outbound_count, "
            "first_inbound, last_inbound, first_outbound, last_outbound, source) "
            "VALUES (:person_id, :inbound_count, :outbound_count, :first_inbound, :last_inbound, "
            ":first_outbound, :last_outbound, :source)",
            {"person_id": pid, **merged, "source": record.source},
        )
        counts.count("messages", "new" if old is None else "updated")

    def apply_owner(self, record: OwnerProfile, counts: ApplyCounts) -> None:
        profile = json.dumps(asdict(record), sort_keys=True)
        old = self.db.execute("SELECT profile FROM owner WHERE id = 1").fetchone()
        if old is not None and old["profile"] == profile:
            counts.count("profile", "unchanged")
            return
        self.db.execute("INSERT OR REPLACE INTO owner (id, profile) VALUES (1, ?)", (profile,))
        counts.count("profile", "new" if old is None else "updated")

    def apply_snapshot(self, record: Snapshot, counts: ApplyCounts) -> None:
        """Replace the stored list of this kind; calendars are kept per file (work, personal)."""
        kind = record.kind
        if kind == "calendar-events":
            kind = f"{kind}:{record.source}"
        items = json.dumps(
            [_jsonable(asdict(i)) if not isinstance(i, str) else i for i in record.items],
            sort_keys=True,
        )
        old = self.db.execute("SELECT items FROM snapshots WHERE kind = ?", (kind,)).fetchone()
        if old is not None and old["items"] == items:
            counts.count(record.kind, "unchanged")
            return
        self.db.execute(
            "INSERT OR REPLACE INTO snapshots (kind, items, source) VALUES (?, ?, ?)",
            (kind, items, record.source),
        )
        counts.count(record.kind, "new" if old is None else "updated")

    def apply_acquaintance(self, record: Acquaintance, counts: ApplyCounts) -> None:
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO acquaintances (kind, name, name_key, profile_url, emails, "
            "company, title, at, detail, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.kind.value,
                record.name,
                name_key(record.name),
                record.profile_url or "",
                " ".join(sorted(e.lower() for e in record.emails)),
                record.company,
                record.title,
                iso(record.at) or "",
                record.detail,
                record.source,
            ),
        )
        counts.count(
            "contacts" if record.kind is not HistoryKind.CALENDAR else "meetings",
            "new" if cursor.rowcount else "unchanged",
        )

    # ----------------------------------------------------------------------------------------
    # Reading
    # ----------------------------------------------------------------------------------------

    _INVITATION_SELECT = (
        "SELECT i.*, p.name, p.profile_url, p.headline AS person_headline "
        "FROM invitations i JOIN people p ON p.id = i.person_id "
    )

    def invitation(self, invitation_id: int) -> StoredInvitation | None:
        row = self.db.execute(
            self._INVITATION_SELECT + "WHERE i.id = ?", (invitation_id,)
        ).fetchone()
        return _stored_invitation(row) if row else None

    def invitations(
        self,
        *,
        direction: Direction | None = Direction.INCOMING,
        status: Status | None = None,
        verdict: Verdict | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[StoredInvitation]:
        """Invitations, newest first, filtered."""
        if ids is not None and len(ids) > _CHUNK:
            found = [
                invitation
                for chunk in _chunks(ids)
                for invitation in self.invitations(
                    direction=direction, status=status, verdict=verdict, ids=chunk
                )
            ]
            return sorted(found, key=lambda i: (i.sent_at, i.id), reverse=True)
        where, args = [], []
        if direction is not None:
            where.append("i.direction = ?")
            args.append(direction.value)
        if status is not None:
            where.append("i.status = ?")
            args.append(status.value)
        if verdict is not None:
            where.append("i.verdict = ?")
            args.append(verdict.value)
        if ids is not None:
            where.append(f"i.id IN ({','.join('?' * len(ids))})")
            args.extend(str(i) for i in ids)
        sql = self._INVITATION_SELECT
        if where:
            sql += "WHERE " + " AND ".join(where) + " "
        sql += "ORDER BY i.sent_at DESC, i.id DESC"
        return [_stored_invitation(row) for row in self.db.execute(sql, args)]

    def owner_profile(self) -> OwnerProfile | None:
        row = self.db.execute("SELECT profile FROM owner WHERE id = 1").fetchone()
        return OwnerProfile(**json.loads(row["profile"])) if row else None

    def snapshot(self, kind: str) -> tuple[Any, ...]:
        """The stored list of this kind (all calendars together for "calendar-events")."""
        rows = self.db.execute(
            "SELECT items FROM snapshots WHERE kind = ? OR kind LIKE ? ORDER BY kind",
            (kind, f"{kind}:%"),
        )
        factory = _SNAPSHOT_TYPES.get(kind)
        return tuple(
            _revive(factory, item) if factory else item
            for row in rows
            for item in json.loads(row["items"])
        )

    def acquaintances(self) -> list[Acquaintance]:
        return [
            Acquaintance(
                kind=HistoryKind(row["kind"]),
                name=row["name"],
                profile_url=row["profile_url"] or None,
                emails=tuple(row["emails"].split()),
                company=row["company"],
                title=row["title"],
                at=parse_iso(row["at"]),
                detail=row["detail"],
                source=row["source"],
            )
            for row in self.db.execute("SELECT * FROM acquaintances ORDER BY id")
        ]

    def sharing_notes_with(self, invitation_ids: Sequence[int]) -> set[int]:
        """Open incoming invitations whose note matches one of these (a template sent to many)."""
        found: set[int] = set()
        for chunk in _chunks(invitation_ids):
            rows = self.db.execute(
                "SELECT o.id FROM invitations o WHERE o.direction = 'incoming' "
                "AND o.status IN ('pending', 'meet-requested') AND o.note_fingerprint IN "
                "(SELECT DISTINCT n.note_fingerprint FROM invitations n "
                f"WHERE n.note_fingerprint != '' AND n.id IN ({','.join('?' * len(chunk))}))",
                chunk,
            )
            found.update(int(row[0]) for row in rows)
        return found.difference(invitation_ids)

    def open_incoming_ids(self, ids: Sequence[int] | None = None) -> list[int]:
        """Incoming invitations still awaiting the user (pending, meet-requested), oldest first."""
        sql = (
            "SELECT id FROM invitations WHERE direction = 'incoming' "
            "AND status IN ('pending', 'meet-requested')"
        )
        if ids is None:
            return [int(row[0]) for row in self.db.execute(sql + " ORDER BY id")]
        found: list[int] = []
        for chunk in _chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            found += [int(r[0]) for r in self.db.execute(f"{sql} AND id IN ({marks})", chunk)]
        return sorted(found)

    def connections_of(self, person_ids: Sequence[int]) -> dict[int, sqlite3.Row]:
        """``connection_of`` for many people at once: person id -> connection row."""
        found: dict[int, sqlite3.Row] = {}
        for chunk in _chunks(sorted(set(person_ids))):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                f"SELECT * FROM connections WHERE person_id IN ({marks})", chunk
            ):
                found[int(row["person_id"])] = row
            # A person known by name only (or a URL person whose connection row has no URL)
            # is the same person as the one name-key twin on the other side.
            rest = [pid for pid in chunk if pid not in found]
            if rest:
                found.update(self._name_twin_connections(rest))
        return found

    def _name_twin_connections(self, person_ids: list[int]) -> dict[int, sqlite3.Row]:
        """``connection_of``'s name-key branch for many people, in one query."""
        marks = ",".join("?" * len(person_ids))
        rows = self.db.execute(
            "SELECT me.id AS twin_of, c.* FROM people me JOIN people p "
            f"ON {_NAME_TWINS} "
            f"JOIN connections c ON c.person_id = p.id WHERE me.id IN ({marks}) "
            "ORDER BY me.id, p.id",
            person_ids,
        )
        found: dict[int, sqlite3.Row] = {}
        for row in rows:
            found.setdefault(int(row["twin_of"]), row)
        return found

    def message_stats_of(self, person_ids: Sequence[int]) -> dict[int, MessageSummary]:
        """``message_stats`` for many people at once."""
        found: dict[int, MessageSummary] = {}
        for chunk in _chunks(sorted(set(person_ids))):
            rows = self.db.execute(
                "SELECT m.*, p.name, p.profile_url FROM message_stats m JOIN people p "
                f"ON p.id = m.person_id WHERE m.person_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((int(row["person_id"]), _summary(row)) for row in rows)
        return found

    def note_senders(self, fingerprints: Sequence[str]) -> dict[str, int]:
        """How many distinct people sent an incoming invitation with each of these notes."""
        found: dict[str, int] = {}
        wanted = sorted({f for f in fingerprints if f})
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT note_fingerprint, COUNT(DISTINCT person_id) FROM invitations "
                f"WHERE direction = 'incoming' AND note_fingerprint IN ({marks}) "
                "GROUP BY note_fingerprint",
                chunk,
            )
            found.update((str(row[0]), int(row[1])) for row in rows)
        return found

    def acquaintances_version(self) -> tuple[int, int]:
        """Changes whenever an acquaintance is added (they are never updated or deleted)."""
        row = self.db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM acquaintances").fetchone()
        return int(row[0]), int(row[1])

    def same_note_senders(self, fingerprint: str, person_id: int) -> int:
        if not fingerprint:
            return 0
        row = self.db.execute(
            "SELECT COUNT(DISTINCT person_id) FROM invitations WHERE note_fingerprint = ? "
            "AND person_id != ? AND direction = 'incoming'",
            (fingerprint, person_id),
        ).fetchone()
        return int(row[0])

    # ----------------------------------------------------------------------------------------
    # Evaluations and lifecycle
    # ----------------------------------------------------------------------------------------

    def save_evaluations(
        self,
        evaluated: Sequence[tuple[StoredInvitation, Evaluation]],
        cause: str,
        now: datetime,
    ) -> None:
        """``save_evaluation`` for many invitations whose stored verdict is already known."""
        at = iso(now)
        self.db.executemany(
            "UPDATE invitations SET verdict = ?, score = ?, reasons = ?, evaluated_at = ? "
            "WHERE id = ?",
            (
                (e.verdict.value, e.score, _reasons_json(e), at, invitation.id)
                for invitation, e in evaluated
            ),
        )
        self.db.executemany(
            "INSERT INTO verdict_changes (invitation_id, at, old_verdict, new_verdict, cause) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                (i.id, at, i.verdict.value if i.verdict else None, e.verdict.value, cause)
                for i, e in evaluated
                if i.verdict != e.verdict
            ),
        )

    def verdict_changes(self, invitation_id: int) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM verdict_changes WHERE invitation_id = ? ORDER BY id", (invitation_id,)
        ).fetchall()

    def statuses_of(self, invitation_ids: Sequence[int]) -> dict[int, Status]:
        """The current status of each of these invitations (unknown ids are left out)."""
        found: dict[int, Status] = {}
        for chunk in _chunks(sorted(set(invitation_ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT id, status FROM invitations WHERE id IN ({marks})", chunk
            )
            found.update((int(row[0]), Status(row[1])) for row in rows)
        return found

    def set_statuses(self, changes: Sequence[StatusChange], cause: str) -> None:
        """Apply status changes already decided, in order, each stored as a transition."""
        self.db.executemany(
            "UPDATE invitations SET status = ? WHERE id = ?",
            ((change.new.value, change.invitation_id) for change in changes),
        )
        self.db.executemany(
            "INSERT INTO transitions (invitation_id, at, from_status, to_status, cause) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                (change.invitation_id, iso(change.at), change.old.value, change.new.value, cause)
                for change in changes
            ),
        )

    def transitions(self, invitation_id: int) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM transitions WHERE invitation_id = ? ORDER BY id", (invitation_id,)
        ).fetchall()

    # ----------------------------------------------------------------------------------------
    # What later exports tell about the lifecycle
    # ----------------------------------------------------------------------------------------

    _CONNECTED = (
        "EXISTS (SELECT 1 FROM people me, connections c JOIN people p ON p.id = c.person_id "
        f"WHERE me.id = i.person_id AND (p.id = me.id OR {_NAME_TWINS}))"
    )

    def connected_unsettled(self) -> list[int]:
        """Incoming invitations not yet marked accepted whose inviter is a connection."""
        return [
            int(row[0])
            for row in self.db.execute(
                "SELECT i.id FROM invitations i WHERE i.direction = 'incoming' "
                f"AND i.status != 'accepted' AND {self._CONNECTED}"
            )
        ]

    def vanished(self, since: datetime, listed: set[int]) -> list[int]:
        """Pending incoming invitations sent since ``since`` that a listing no longer shows."""
        rows = self.db.execute(
            "SELECT i.id FROM invitations i WHERE i.direction = 'incoming' "
            f"AND i.status = 'pending' AND i.sent_at >= ? AND NOT {self._CONNECTED}",
            (iso(since),),
        )
        return [int(row[0]) for row in rows if int(row[0]) not in listed]

    def written_to_after_invitation(self) -> list[tuple[int, datetime]]:
        """Pending incoming invitations whose inviter got a message from the user after it."""
        rows = self.db.execute(
            "SELECT i.id, m.first_outbound, m.last_outbound, i.sent_at FROM invitations i "
            "JOIN message_stats m ON m.person_id = i.person_id "
            "WHERE i.direction = 'incoming' AND i.status = 'pending' "
            "AND m.last_outbound > i.sent_at"
        )
        found = []
        for row in rows:
            first = row["first_outbound"]
            sent = first if first and first > row["sent_at"] else row["last_outbound"]
            found.append((int(row["id"]), datetime.fromisoformat(sent)))
        return found

    def answered_meetups(self) -> list[int]:
        """Meet-up requests whose inviter wrote after the request was sent."""
        return [
            int(row[0])
            for row in self.db.execute(
                "SELECT i.id FROM invitations i JOIN meetups u ON u.invitation_id = i.id "
                "JOIN message_stats m ON m.person_id = i.person_id "
                "WHERE i.status = 'meet-requested' AND m.last_inbound > u.sent_at"
            )
        ]

    # ----------------------------------------------------------------------------------------
    # Meet-ups: the one source of truth for reminder due times
    # ----------------------------------------------------------------------------------------

    def start_meetups(self, started: Sequence[tuple[int, datetime]]) -> None:
        """``start_meetup`` for many invitations."""
        self.db.executemany(
            "INSERT INTO meetups (invitation_id, sent_at, fired_stage, snoozed_until) "
            "VALUES (?, ?, 0, NULL) ON CONFLICT(invitation_id) DO UPDATE SET "
            "sent_at = excluded.sent_at, fired_stage = 0, snoozed_until = NULL",
            ((invitation_id, iso(sent_at)) for invitation_id, sent_at in started),
        )

    def meetups(self) -> list[Meetup]:
        """Open meet-up requests (status meet-requested) with the inviter's name."""
        rows = self.db.execute(
            f"{_MEETUP_SELECT} WHERE i.status = 'meet-requested' ORDER BY u.invitation_id"
        ).fetchall()
        return [_meetup(row) for row in rows]

    def meetup(self, invitation_id: int) -> Meetup | None:
        row = self.db.execute(f"{_MEETUP_SELECT} WHERE u.invitation_id = ?", (invitation_id,))
        found = row.fetchone()
        return None if found is None else _meetup(found)

    def update_meetup(
        self,
        invitation_id: int,
        *,
        fired_stage: int | None = None,
        snoozed_until: datetime | bool | None = False,
    ) -> None:
        """Change some fields of a meet-up; ``False`` leaves the snooze as it is."""
        sets: list[str] = []
        args: list[int | str | None] = []
        if fired_stage is not None:
            sets.append("fired_stage = ?")
            args.append(fired_stage)
        if snoozed_until is not False:
            sets.append("snoozed_until = ?")
            args.append(iso(snoozed_until) if isinstance(snoozed_until, datetime) else None)
        if sets:
            self.db.execute(
                f"UPDATE meetups SET {', '.join(sets)} WHERE invitation_id = ?",
                (*args, invitation_id),
            )

    def data_version(self) -> int:
        """Changes when ANOTHER connection commits (SQLite's PRAGMA data_version)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])


#: People remembered per transaction (``Store._people``): an archive names each person in a
#: burst (their invitations, their messages), so a bounded window catches nearly every repeat.
_PEOPLE_CACHED = 1 << 15

_CHUNK = 10_000  # well under SQLite's limit on bound variables


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


_SNAPSHOT_TYPES: dict[str, type] = {
    "positions": Position,
    "schools": School,
    "events": Event,
    "calendar-events": Event,
}

_DATE_FIELDS = {"started", "finished"}
_DATETIME_FIELDS = {"starts_at", "ends_at"}


def _jsonable(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in item.items()}


def _revive(factory: type, item: dict[str, Any]) -> Any:
    values = dict(item)
    for key, value in item.items():
        if value and key in _DATE_FIELDS:
            values[key] = date.fromisoformat(value)
        elif value and key in _DATETIME_FIELDS:
            values[key] = datetime.fromisoformat(value)
    return factory(**values)


def _merge_stats(old: sqlite3.Row | None, new: MessageSummary) -> dict[str, Any]:
    def pick(fn: Any, a: str | None, b: datetime | None) -> str | None:
        values = [v for v in (a, iso(b)) if v]
        return fn(values) if values else None

    return {
        "inbound_count": max(old["inbound_count"] if old else 0, new.inbound_count),
        "outbound_count": max(old["outbound_count"] if old else 0, new.outbound_count),
        "first_inbound": pick(min, old["first_inbound"] if old else None, new.first_inbound),
        "last_inbound": pick(max, old["last_inbound"] if old else None, new.last_inbound),
        "first_outbound": pick(min, old["first_outbound"] if old else None, new.first_outbound),
        "last_outbound": pick(max, old["last_outbound"] if old else None, new.last_outbound),
    }


def _reasons_json(evaluation: Evaluation) -> str:
    return json.dumps([f.model_dump(mode="json") for f in evaluation.findings])


def _summary(row: sqlite3.Row) -> MessageSummary:
    return MessageSummary(
        person=PersonRef(row["name"], row["profile_url"]),
        inbound_count=row["inbound_count"],
        outbound_count=row["outbound_count"],
        first_inbound=parse_iso(row["first_inbound"]),
        last_inbound=parse_iso(row["last_inbound"]),
        first_outbound=parse_iso(row["first_outbound"]),
        last_outbound=parse_iso(row["last_outbound"]),
        source=row["source"],
    )


def _upsert_changes_nothing(cached: tuple[int, str, str], name: str, headline: str | None) -> bool:
    """Whether the people UPSERT would leave this cached row as it is."""
    _, known_name, known_headline = cached
    return name in ("", known_name) and headline in (None, "", known_headline)


def _stored_invitation(row: sqlite3.Row) -> StoredInvitation:
    reasons = json.loads(row["reasons"]) if row["reasons"] else []
    return StoredInvitation(
        id=row["id"],
        name=row["name"],
        profile_url=row["profile_url"],
        direction=Direction(row["direction"]),
        sent_at=datetime.fromisoformat(row["sent_at"]),
        message=row["message"],
        headline=row["headline"] or row["person_headline"] or "",
        mutual_connections=row["mutual_connections"],
        status=Status(row["status"]),
        verdict=Verdict(row["verdict"]) if row["verdict"] else None,
        score=row["score"],
        findings=[Finding.model_validate(r) for r in reasons],
        person_id=row["person_id"],
        note_fingerprint=row["note_fingerprint"],
    )


_MEETUP_SELECT = (
    "SELECT u.*, p.name FROM meetups u JOIN invitations i ON i.id = u.invitation_id "
    "JOIN people p ON p.id = i.person_id"
)


def _meetup(row: sqlite3.Row) -> Meetup:
    return Meetup(
        invitation_id=int(row["invitation_id"]),
        name=str(row["name"]),
        sent_at=parse_iso(row["sent_at"]) or datetime.now(UTC),  # NOT NULL: never taken
        snoozed_until=parse_iso(row["snoozed_until"]),
        fired_stage=int(row["fired_stage"]),
    )
