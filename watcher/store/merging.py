"""Merging staged records (``watcher.store.staging``) into the real tables, a statement per kind.

The result is what applying the records one by one in file order gave, but without a statement
per record:

* **people** first, all at once: a person's name and headline are the last non-empty ones the
  file gives (a richer source fills, never erases); a name-only reference joins the one person
  with that name key, else the ``name:`` person (see ``watcher.store.people``).
* then each kind in **rounds**: round ``k`` holds every person's ``k``-th record of that kind
  (``ROW_NUMBER`` in file order). A person's records depend on each other (the second
  connection row updates what the first inserted); different people's never do. So one
  statement per round does what the sequential loop did, and a file names most people once:
  one round, a few statements, whatever the file's size.
"""

from __future__ import annotations

import sqlite3

from watcher.models import HistoryKind
from watcher.store.matching import UNMATCH
from watcher.store.records import ApplyCounts
from watcher.store.staging import ROUNDS, last_given, number_rounds

#: What an UPSERT of one person does with what a file gives: fills, never erases.
_UPSERT_TAIL = (
    "ON CONFLICT(key) DO UPDATE SET "
    "name = CASE WHEN excluded.name != '' THEN excluded.name ELSE people.name END, "
    "headline = CASE WHEN excluded.headline != '' THEN excluded.headline "
    "ELSE people.headline END "
    "WHERE excluded.name NOT IN ('', people.name) OR excluded.headline NOT IN ('', people.headline)"
)

#: Each URL person, as the stage summed them up (``stage_url_people``).
_URL_PEOPLE = (
    "INSERT INTO people (key, name, name_key, profile_url, headline) "
    "SELECT ref_key, name, name_key, url, headline FROM stage_url_people WHERE true " + _UPSERT_TAIL
)

#: Name-only references by name key: the first one's name and headline, and how many people
#: (0, 1, 2 = more than one) already have that name key once the URL people are in.
_NAME_GROUPS = (
    "INSERT INTO stage_name_groups (name_key, name, headline, known) "
    "SELECT g.name_key, g.name, g.headline, "
    "MIN((SELECT COUNT(*) FROM people p WHERE p.name_key = g.name_key), 2) "
    "FROM (SELECT name_key, name, headline, MIN(seq) FROM stage_people WHERE url IS NULL "
    "GROUP BY name_key) g"
)

#: Nobody has the name key: the first reference makes the ``name:`` person, and the later ones
#: (which then find exactly that one person) leave it as it is.
_NEW_NAME_PEOPLE = (
    "INSERT INTO people (key, name, name_key, profile_url, headline) "
    "SELECT 'name:' || name_key, name, name_key, NULL, COALESCE(headline, '') "
    "FROM stage_name_groups WHERE known = 0 "
    "ON CONFLICT(key) DO NOTHING"
)

#: Several people have it: the reference is ambiguous, so it is the ``name:`` person's, whom
#: every reference updates.
_AMBIGUOUS_NAME_PEOPLE = (
    "INSERT INTO people (key, name, name_key, profile_url, headline) "
    f"SELECT 'name:' || s.name_key, {last_given('s.name')}, s.name_key, NULL, "
    f"{last_given('s.headline')} FROM stage_people s JOIN stage_name_groups g "
    "ON g.name_key = s.name_key AND g.known = 2 WHERE s.url IS NULL GROUP BY s.name_key "
    + _UPSERT_TAIL
)

_PERSON_IDS = (
    "INSERT INTO stage_person_ids (ref_key, person_id) "
    "SELECT p.key, p.id FROM stage_url_people s JOIN people p ON p.key = s.ref_key "
    "UNION ALL "
    "SELECT 'name:' || g.name_key, CASE WHEN g.known = 1 "
    "THEN (SELECT p.id FROM people p WHERE p.name_key = g.name_key) "
    "ELSE (SELECT p.id FROM people p WHERE p.key = 'name:' || g.name_key) END "
    "FROM stage_name_groups g"
)


def merge_people(db: sqlite3.Connection) -> None:
    """Write every person the staged records name, and who each reference is; where two
    references turned out to be one person, number that kind's rounds by person."""
    for statement in (_URL_PEOPLE, _NAME_GROUPS, _NEW_NAME_PEOPLE, _AMBIGUOUS_NAME_PEOPLE):
        db.execute(statement)
    db.execute(_PERSON_IDS)
    shared = db.execute(
        "SELECT 1 FROM stage_person_ids GROUP BY person_id HAVING COUNT(*) > 1 LIMIT 1"
    ).fetchone()
    if shared is not None:
        # rounds move, so an invitation matched as a first-round one may be a second now
        db.execute(UNMATCH)
        for table, partition in ROUNDS.items():
            number_rounds(db, table, partition)


def rounds(db: sqlite3.Connection, table: str) -> int:
    """How many rounds the staged rows of ``table`` take."""
    return int(db.execute(f"SELECT COALESCE(MAX(round), 0) FROM {table}").fetchone()[0])


# ----------------------------------------------------------------------------------------------
# Connections: the latest row wins; a row equal to the stored one changes nothing
# ----------------------------------------------------------------------------------------------

_CONNECTION_FIELDS = ("email", "company", "position", "connected_on")

#: One UPSERT a round: a new person's row is inserted, a stored one updated where it differs.
#: (An INSERT then an UPDATE a round visited every row twice.)
_UPSERT_CONNECTIONS = (
    "INSERT INTO connections (person_id, email, company, position, connected_on, source) "
    "SELECT person_id, email, company, position, connected_on, source FROM staged_connections "
    "WHERE round = ? ORDER BY person_id ON CONFLICT(person_id) DO UPDATE SET "
    + ", ".join(f"{f} = excluded.{f}" for f in (*_CONNECTION_FIELDS, "source"))
    + " WHERE NOT ("
    + " AND ".join(f"connections.{f} IS excluded.{f}" for f in _CONNECTION_FIELDS)
    + ") RETURNING person_id"
)


def merge_connections(db: sqlite3.Connection, counts: ApplyCounts) -> None:
    _merge_rounds(db, counts, "connections", "connections", _UPSERT_CONNECTIONS)


# ----------------------------------------------------------------------------------------------
# Message stats: merged monotonically (max counts, min firsts, max lasts), so overlapping
# exports agree whatever their order
# ----------------------------------------------------------------------------------------------

_STATS = (
    "inbound_count",
    "outbound_count",
    "first_inbound",
    "last_inbound",
    "first_outbound",
    "last_outbound",
)


def _merged(column: str) -> str:
    """SQL for the merged value of ``column`` in an UPSERT (SQLite's two-argument MIN/MAX give
    NULL when either side is NULL: then the other side)."""
    stored, given = f"message_stats.{column}", f"excluded.{column}"
    if column.endswith("_count"):
        return f"MAX({stored}, {given})"
    pick = "MIN" if column.startswith("first") else "MAX"
    return f"COALESCE({pick}({stored}, {given}), {stored}, {given})"


_UPSERT_MESSAGES = (
    f"INSERT INTO message_stats (person_id, {', '.join(_STATS)}, source) "
    f"SELECT person_id, {', '.join(_STATS)}, source FROM staged_messages "
    "WHERE round = ? ORDER BY person_id ON CONFLICT(person_id) DO UPDATE SET "
    + ", ".join(f"{c} = {_merged(c)}" for c in _STATS)
    + ", source = excluded.source WHERE NOT ("
    + " AND ".join(f"message_stats.{c} IS {_merged(c)}" for c in _STATS)
    + ") RETURNING person_id"
)


def merge_messages(db: sqlite3.Connection, counts: ApplyCounts) -> None:
    _merge_rounds(db, counts, "messages", "message_stats", _UPSERT_MESSAGES)


def _merge_rounds(
    db: sqlite3.Connection, counts: ApplyCounts, kind: str, target: str, upsert: str
) -> None:
    """Upsert each round's rows; the counts and the people changed, as the one-by-one loop kept
    them. The UPSERT returns the rows it inserted and those it updated alike: how many rows
    the table gained tells the new ones (a round names each person once)."""
    table = f"stage_{kind}"
    size = f"SELECT COUNT(*) FROM {target}"
    for k in range(1, rounds(db, table) + 1):
        rows = int(db.execute(f"SELECT COUNT(*) FROM {table} WHERE round = ?", (k,)).fetchone()[0])
        before = int(db.execute(size).fetchone()[0])
        changed = {int(row[0]) for row in db.execute(upsert, (k,)).fetchall()}
        new = int(db.execute(size).fetchone()[0]) - before
        counts.count(kind, "new", new)
        counts.count(kind, "updated", len(changed) - new)
        counts.count(kind, "unchanged", rows - len(changed))
        counts.people_changed |= changed


# ----------------------------------------------------------------------------------------------
# Acquaintances: only ever added; the same one twice is one
# ----------------------------------------------------------------------------------------------

_ACQUAINTANCE_COLUMNS = (
    "kind, name, name_key, profile_url, emails, company, title, at, detail, source"
)


def merge_acquaintances(db: sqlite3.Connection, counts: ApplyCounts) -> None:
    calendar = HistoryKind.CALENDAR.value
    for kind, where in (("contacts", "kind != ?"), ("meetings", "kind = ?")):
        staged = int(
            db.execute(
                f"SELECT COUNT(*) FROM stage_acquaintances WHERE {where}", (calendar,)
            ).fetchone()[0]
        )
        if not staged:
            continue
        added = db.execute(
            f"INSERT OR IGNORE INTO acquaintances ({_ACQUAINTANCE_COLUMNS}) "
            f"SELECT {_ACQUAINTANCE_COLUMNS} FROM stage_acquaintances WHERE {where} ORDER BY seq",
            (calendar,),
        ).rowcount
        counts.count(kind, "new", added)
        counts.count(kind, "unchanged", staged - added)
