"""Where an import's records wait before they are merged: TEMP tables, filled in batches.

A file's records are streamed here as it is read (``Stage.add``), a few thousand rows per
``executemany``; the merge (``watcher.store.merging``) then writes them into the real tables
with one statement per kind. SQLite keeps TEMP tables in the connection's own temp database,
so filling them takes no lock on the main one: the file is read and staged while other
processes still write, and the write lock is held only for the merge.

Each row carries ``seq``, the record's place in the file, so the merge can reproduce what
applying the records one by one in file order would have done. Every invitation, connection
and message summary names a person: that reference is staged in ``stage_people`` under the
same ``seq``, keyed by ``ref_key`` (the profile URL, or ``name:<name key>``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from watcher.core.identity import name_key, name_key_uncached
from watcher.models import (
    Acquaintance,
    ConnectionRecord,
    InvitationRecord,
    MessageSummary,
    PersonRef,
)
from watcher.store.database import iso
from watcher.store.fingerprints import note_fingerprint
from watcher.store.matching import PREMATCH, UNMATCH

#: The TEMP tables, created once per connection, emptied per import.
_TABLES = {
    "stage_people": "seq INTEGER NOT NULL, ref_key TEXT NOT NULL, name TEXT NOT NULL, "
    "name_key TEXT NOT NULL, url TEXT, headline TEXT",
    # each URL person the file names, summed up before the merge: the name key of the first
    # reference (a person's name key is set when they are created), the last non-empty name
    # and headline
    "stage_url_people": "ref_key TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL, "
    "url TEXT NOT NULL, headline TEXT NOT NULL",
    # ref_key -> the person it names, once the people are merged
    "stage_person_ids": "ref_key TEXT PRIMARY KEY, person_id INTEGER NOT NULL",
    # name-only references by name key, and how many people have that key (2: more than one)
    "stage_name_groups": "name_key TEXT PRIMARY KEY, name TEXT NOT NULL, headline TEXT, "
    "known INTEGER NOT NULL",
    "stage_invitations": "seq INTEGER PRIMARY KEY, ref_key TEXT NOT NULL, round INTEGER, "
    " match_id INTEGER, direction TEXT NOT NULL, sent_at TEXT NOT NULL, "
    "sent_earliest TEXT, message TEXT NOT NULL, "
    "headline TEXT, mutual INTEGER, fingerprint TEXT NOT NULL, source TEXT NOT NULL, "
    "pending_only INTEGER NOT NULL, note_truncated INTEGER NOT NULL, "
    # 1: match_id was decided before the merge (``watcher.store.matching.PREMATCH``)
    "prematched INTEGER NOT NULL DEFAULT 0",
    "stage_connections": "seq INTEGER PRIMARY KEY, ref_key TEXT NOT NULL, round INTEGER, "
    "email TEXT, company TEXT, position TEXT, connected_on TEXT, "
    "source TEXT NOT NULL",
    "stage_messages": "seq INTEGER PRIMARY KEY, ref_key TEXT NOT NULL, round INTEGER, "
    "inbound_count INTEGER NOT NULL, outbound_count INTEGER NOT NULL, "
    "first_inbound TEXT, last_inbound TEXT, first_outbound TEXT, last_outbound TEXT, "
    "source TEXT NOT NULL",
    "stage_acquaintances": "seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, "
    "name_key TEXT NOT NULL, profile_url TEXT NOT NULL, emails TEXT NOT NULL, "
    "company TEXT NOT NULL, title TEXT NOT NULL, at TEXT NOT NULL, detail TEXT NOT NULL, "
    "source TEXT NOT NULL",
}
#: Tables only ever looked up by their key: one b-tree, not the key's index and then the row
#: (the merge looks a person up for each of 50,000 invitations and 30,000 connections).
_KEYED_ONLY = {"stage_person_ids"}

#: The kinds merged in rounds, and what one round holds at most one staged row of.
ROUNDS = {
    "stage_invitations": "person_id, direction",
    "stage_connections": "person_id",
    "stage_messages": "person_id",
}

#: A person's references in file order: the people merge groups by it.
_INDEX = "stage_people_by_key ON stage_people(ref_key, seq)"

_INSERTS = {
    "stage_people": "INSERT INTO stage_people VALUES (?, ?, ?, ?, ?, ?)",
    "stage_invitations": "INSERT INTO stage_invitations (seq, ref_key, direction, sent_at, "
    "sent_earliest, message, headline, mutual, fingerprint, source, pending_only, "
    "note_truncated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "stage_connections": "INSERT INTO stage_connections (seq, ref_key, email, company, "
    "position, connected_on, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "stage_messages": "INSERT INTO stage_messages (seq, ref_key, inbound_count, "
    "outbound_count, first_inbound, last_inbound, first_outbound, last_outbound, source) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "stage_acquaintances": "INSERT INTO stage_acquaintances VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}

#: Rows buffered per table before one ``executemany``: few round trips, little memory.
BATCH = 5000

#: The page caches (KiB) of the main and the temp database while a large stage is merged
#: (``flush`` to ``clear`` for the temp one, to ``release`` for the main one). SQLite's
#: default 2 MB each holds a few hundred pages: a merge inserting 50,000 invitations into
#: b-trees in an order none of them sorts by, and looking up the person of each staged row,
#: spilled and re-read pages all along (interleaved 1x: 363,000 read and write calls). The
#: pages come back from the OS's cache, though: 16 MiB and 8 MiB cut the calls to 122,000 but
#: not the lock time measurably (bench_write_lock, ±15% run to run), and cost 20 MB of the
#: import's peak RSS (interleaved 1x 139 -> 159 MB, target 150). So a little more than the
#: default, for the main database only.
MERGE_CACHE_KIB = 4 * 1024
MERGE_TEMP_CACHE_KIB = 2 * 1024
#: Staged rows from which the merge gets that cache (a one-invitation drop keeps the default).
LARGE_STAGE = 20_000

Staged = InvitationRecord | ConnectionRecord | MessageSummary | Acquaintance


def last_given(column: str) -> str:
    """SQL aggregate: the last non-empty ``column`` in file order ('' if none): the latest
    ``seq``, zero-padded so it sorts as text, glued to the value and cut off again."""
    return (
        f"COALESCE(substr(MAX(CASE WHEN {column} != '' "
        f"THEN printf('%012d', seq) || {column} END), 13), '')"
    )


_URL_PEOPLE = (
    "INSERT INTO stage_url_people (ref_key, name, name_key, url, headline) "
    f"SELECT ref_key, {last_given('name')}, substr(MIN(printf('%012d', seq) || name_key), 13), "
    f"url, {last_given('headline')} FROM stage_people WHERE url IS NOT NULL GROUP BY ref_key"
)


def number_rounds(db: sqlite3.Connection, table: str, partition: str) -> None:
    """Give each staged row of ``table`` (or of its ``staged_`` view, for ``person_id``) its
    round: its place in file order among the rows with the same ``partition`` columns."""
    source = f"staged_{table.removeprefix('stage_')}" if "person_id" in partition else table
    db.execute(
        f"UPDATE {table} SET round = w.k FROM (SELECT seq, ROW_NUMBER() OVER "
        f"(PARTITION BY {partition} ORDER BY seq) AS k FROM {source}) w "
        f"WHERE w.seq = {table}.seq"
    )


def person_key(person: PersonRef, key_of: Callable[[str], str] = name_key) -> str:
    """The natural key of the person a reference names (see ``watcher.store.schema``);
    ``key_of`` gives a name's key (a stage passes its own memory of them)."""
    return person.profile_url or f"name:{key_of(person.name)}"


class Stage:
    """One import's staged records on one connection; ``add`` them, then merge (and ``clear``)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._rows: dict[str, list[tuple[object, ...]]] = {table: [] for table in _INSERTS}
        self._seq = 0
        #: how many records of each table were staged
        self.staged: dict[str, int] = dict.fromkeys(_INSERTS, 0)
        #: earliest sent time in a complete listing (``ApplyCounts.listing_since``)
        self.listing_since: datetime | None = None
        #: the latest time the file's invitations say it saw them (``ApplyCounts.seen_at``)
        self.seen_at: datetime | None = None
        #: name -> name key, while records are added (``_name_key``)
        self._name_keys: dict[str, str] = {}
        for table, columns in _TABLES.items():
            shape = " WITHOUT ROWID" if table in _KEYED_ONLY else ""
            db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({columns}){shape}")
        db.execute(f"CREATE INDEX IF NOT EXISTS temp.{_INDEX}")
        for table in ROUNDS:
            # each staged row with the person its reference turned out to be, once merged
            db.execute(
                f"CREATE TEMP VIEW IF NOT EXISTS staged_{table.removeprefix('stage_')} AS "
                f"SELECT s.*, r.person_id FROM {table} s JOIN stage_person_ids r USING (ref_key)"
            )
        self._prepared = True
        #: (data_version, total_changes) when the first round was matched (``_prematch``)
        self._matched_as_of: tuple[int, int] | None = None
        #: the connection's own page cache sizes (main, temp), while a merge has larger ones
        self._cache_size: tuple[int, int] | None = None
        self.clear()

    def clear(self) -> None:
        """Empty every staging table (a new import, or the last one merged); the temp
        database's larger cache is given back with them."""
        for table in _TABLES:
            self.db.execute(f"DELETE FROM {table}")
        if self._cache_size is not None:
            self.db.execute(f"PRAGMA temp.cache_size = {self._cache_size[1]}")

    def release(self) -> None:
        """After the import's write transaction: empty the stage (if the merge did not) and
        give back the main database's larger cache, which served the lifecycle steps after the
        merge too (they look up 50,000 invitations, their people and connections in no order
        those tables are stored in)."""
        self.clear()
        if self._cache_size is not None:
            self.db.execute(f"PRAGMA main.cache_size = {self._cache_size[0]}")
            self._cache_size = None

    def add(self, record: Staged) -> None:
        self._seq += 1
        match record:
            case InvitationRecord():
                self._add_invitation(record)
            case ConnectionRecord():
                self._add_person(record.person)
                self._buffer(
                    "stage_connections",
                    (
                        self._seq,
                        person_key(record.person, self._name_key),
                        record.email,
                        record.company,
                        record.position,
                        iso(record.connected_on),
                        record.source,
                    ),
                )
            case MessageSummary():
                self._add_person(record.person)
                self._buffer(
                    "stage_messages",
                    (
                        self._seq,
                        person_key(record.person, self._name_key),
                        record.inbound_count,
                        record.outbound_count,
                        iso(record.first_inbound),
                        iso(record.last_inbound),
                        iso(record.first_outbound),
                        iso(record.last_outbound),
                        record.source,
                    ),
                )
            case Acquaintance():
                self._add_acquaintance(record)

    def flush(self) -> None:
        """Write what is buffered, sum up the URL people, number the rounds and match what can
        be matched (before a merge, outside the lock; the merge flushes again inside it, which
        redoes only what is out of date)."""
        for table, rows in self._rows.items():
            if rows:
                self._write(table, rows)
        self._name_keys.clear()  # every record is added: the names are not asked again
        if not self._prepared:
            self.db.execute("DELETE FROM stage_url_people")
            self.db.execute(_URL_PEOPLE)
            for table, partition in ROUNDS.items():
                # by reference: the person each one is is known only at the merge, which
                # numbers again in the rare file where two references are one person
                number_rounds(self.db, table, partition.replace("person_id", "ref_key"))
            self._prepared = True
            self._matched_as_of = None
        self._prematch()
        if self._cache_size is None and sum(self.staged.values()) >= LARGE_STAGE:
            self._cache_size = (self._cache("main"), self._cache("temp"))
            self.db.execute(f"PRAGMA main.cache_size = -{MERGE_CACHE_KIB}")
            self.db.execute(f"PRAGMA temp.cache_size = -{MERGE_TEMP_CACHE_KIB}")

    def _prematch(self) -> None:
        """Match the first round's invitations to the stored ones, unless done already with
        the database as it is now: nothing committed by another connection since (``PRAGMA
        data_version``) and nothing changed by this one (``total_changes``, which the match's
        own writes are counted into)."""
        before = self._data_version()
        if (before, self.db.total_changes) == self._matched_as_of:
            return
        with self._own_transaction():
            self.db.execute(UNMATCH)
            self.db.execute(PREMATCH)
        # the version read BEFORE matching: a commit while it ran makes the merge match again
        self._matched_as_of = (before, self.db.total_changes)

    @contextmanager
    def _own_transaction(self) -> Iterator[None]:
        """A transaction of the stage's own unless the caller has one (outside one, every row
        written would be one). It writes the temp database only, so it takes no write lock on
        the main one (and reads it as of one moment)."""
        own = not self.db.in_transaction
        if own:
            self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            if own and self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        if own:
            self.db.execute("COMMIT")

    def _cache(self, schema: str) -> int:
        return int(self.db.execute(f"PRAGMA {schema}.cache_size").fetchone()[0])

    def _data_version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def _buffer(self, table: str, row: tuple[object, ...]) -> None:
        rows = self._rows[table]
        rows.append(row)
        if len(rows) >= BATCH:
            self._write(table, rows)

    def _write(self, table: str, rows: list[tuple[object, ...]]) -> None:
        with self._own_transaction():
            self.db.executemany(_INSERTS[table], rows)
        self.staged[table] += len(rows)
        self._prepared = False
        rows.clear()

    def _name_key(self, name: str) -> str:
        """``identity.name_key``, remembered for this stage only (a person's records come
        several times): the process-wide cache would keep a whole archive's worth of names
        among the reader's freed memory, which could then not go back to the system."""
        key = self._name_keys.get(name)
        if key is None:
            key = self._name_keys[name] = name_key_uncached(name)
        return key

    def _add_person(self, person: PersonRef, headline: str | None = None) -> None:
        key = self._name_key(person.name)
        ref_key = person.profile_url or f"name:{key}"
        row = (self._seq, ref_key, person.name, key, person.profile_url, headline)
        self._buffer("stage_people", row)

    def _add_invitation(self, record: InvitationRecord) -> None:
        self._add_person(record.counterpart, record.headline)
        self._buffer(
            "stage_invitations",
            (
                self._seq,
                person_key(record.counterpart, self._name_key),
                record.direction.value,
                iso(record.sent_at),
                iso(record.sent_window_start),
                record.message,
                record.headline,
                record.mutual_connections,
                note_fingerprint(record.message),
                record.source,
                record.pending_only,
                record.note_truncated,
            ),
        )
        complete = not record.pending_only
        if complete and (self.listing_since is None or record.sent_at < self.listing_since):
            self.listing_since = record.sent_at
        if record.as_of is not None and (self.seen_at is None or record.as_of > self.seen_at):
            self.seen_at = record.as_of

    def _add_acquaintance(self, record: Acquaintance) -> None:
        self._buffer(
            "stage_acquaintances",
            (
                self._seq,
                record.kind.value,
                record.name,
                self._name_key(record.name),
                record.profile_url or "",
                " ".join(sorted(e.lower() for e in record.emails)),
                record.company,
                record.title,
                iso(record.at) or "",
                record.detail,
                record.source,
            ),
        )
