"""People and the user's history with them: connections, message stats, the owner's profile,
snapshots (positions, schools, events, calendars) and acquaintances (address books, meetings).

A person is keyed by the normalised profile URL, or by ``name:<name key>`` where an old export
has no URL; a name-only reference joins the one URL-keyed person with that name key.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from watcher.core.identity import name_key
from watcher.models import (
    Acquaintance,
    Event,
    HistoryKind,
    MessageSummary,
    OwnerProfile,
    PersonRef,
    Position,
    School,
    Snapshot,
)
from watcher.store.database import Database, iso, parse_iso
from watcher.store.ids import among
from watcher.store.records import ApplyCounts
from watcher.store.staging import person_key

#: ``p`` and ``me`` are one person known two ways: the same name key, and at least one of them
#: without a profile URL (an old export). Used wherever "is this inviter a connection?" is asked.
#: Two join conditions, to be UNIONed: ``me`` is the name-only one, or ``p`` is (a lookup in the
#: partial index of name-only people). One condition with an OR scanned every person sharing
#: the name key, about 8 each in a big archive, for every row.
NAME_TWIN_JOINS = (
    "p.name_key = me.name_key AND me.profile_url IS NULL",
    "p.name_key = me.name_key AND p.profile_url IS NULL",
)

#: What a snapshot holds: a model for the kinds below, a plain string (an e-mail) otherwise.
SnapshotItem = Position | School | Event | str


class People(Database):
    # ----------------------------------------------------------------------------------------
    # Applying records
    # ----------------------------------------------------------------------------------------

    def person_id(self, person: PersonRef, headline: str | None = None) -> int:
        """The id of this person, created if new; a name-only reference joins a URL-keyed person.

        For one reference (a command, a test); an import's many are merged at once
        (``watcher.store.merging.merge_people``), with the same rules."""
        if person.profile_url is None:
            rows = self.db.execute(
                "SELECT id FROM people WHERE name_key = ? LIMIT 2", (name_key(person.name),)
            ).fetchall()
            if len(rows) == 1:
                return int(rows[0]["id"])
        row = self.db.execute(
            "INSERT INTO people (key, name, name_key, profile_url, headline) "
            "VALUES (?, ?, ?, ?, COALESCE(?, '')) "
            "ON CONFLICT(key) DO UPDATE SET "
            "name = CASE WHEN excluded.name != '' THEN excluded.name ELSE people.name END, "
            "headline = CASE WHEN excluded.headline != '' THEN excluded.headline "
            "ELSE people.headline END "
            "RETURNING id",
            (person_key(person), person.name, name_key(person.name), person.profile_url, headline),
        ).fetchone()
        return int(row["id"])

    def apply_owner(
        self, record: OwnerProfile, counts: ApplyCounts, as_of: datetime | None = None
    ) -> None:
        """Who the user is, as the newest file says (``_newer``)."""
        profile = json.dumps(asdict(record), sort_keys=True)
        old = self.db.execute("SELECT profile, as_of FROM owner WHERE id = 1").fetchone()
        if old is not None and (other := _other_owner(record, old["profile"])):
            counts.warnings.append(
                f"this archive belongs to {_owner_name(record)}, but earlier files were "
                f"{other}'s: the newest one's employer and school count as yours"
            )
        if old is not None and not _newer(as_of, profile, old["as_of"], old["profile"]):
            counts.count("profile", "unchanged")
            return
        self.db.execute(
            "INSERT OR REPLACE INTO owner (id, profile, as_of) VALUES (1, ?, ?)",
            (profile, iso(as_of)),
        )
        if old is not None and old["profile"] == profile:
            counts.count("profile", "unchanged")  # the same profile, now known as of later
            return
        counts.count("profile", "new" if old is None else "updated")

    def apply_snapshot(
        self, record: Snapshot, counts: ApplyCounts, as_of: datetime | None = None
    ) -> None:
        """Replace the stored list of this kind with the newest file's (``_newer``); calendars
        are kept per file (work, personal)."""
        kind = record.kind
        if kind == "calendar-events":
            kind = f"{kind}:{record.source}"
        items = json.dumps(
            [_jsonable(asdict(i)) if not isinstance(i, str) else i for i in record.items],
            sort_keys=True,
        )
        old = self.db.execute(
            "SELECT items, as_of FROM snapshots WHERE kind = ?", (kind,)
        ).fetchone()
        if old is not None and not _newer(as_of, items, old["as_of"], old["items"]):
            counts.count(record.kind, "unchanged")
            return
        self.db.execute(
            "INSERT OR REPLACE INTO snapshots (kind, items, source, as_of) VALUES (?, ?, ?, ?)",
            (kind, items, record.source, iso(as_of)),
        )
        if old is not None and old["items"] == items:
            counts.count(record.kind, "unchanged")  # the same list, now known as of later
            return
        counts.count(record.kind, "new" if old is None else "updated")

    # ----------------------------------------------------------------------------------------
    # Reading
    # ----------------------------------------------------------------------------------------

    def owner_profile(self) -> OwnerProfile | None:
        row = self.db.execute("SELECT profile FROM owner WHERE id = 1").fetchone()
        return OwnerProfile(**json.loads(row["profile"])) if row else None

    def snapshot(self, kind: str) -> tuple[SnapshotItem, ...]:
        """The stored list of this kind (all calendars together for "calendar-events")."""
        rows = self.db.execute(
            "SELECT items FROM snapshots WHERE kind = ? OR kind LIKE ? ORDER BY kind",
            (kind, f"{kind}:%"),
        )
        factory = _SNAPSHOT_TYPES.get(kind)
        return tuple(
            _revive(factory, item) if factory else str(item)
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

    def acquaintances_version(self) -> tuple[int, int]:
        """Changes whenever an acquaintance is added (they are never updated or deleted)."""
        row = self.db.execute("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM acquaintances").fetchone()
        return int(row[0]), int(row[1])

    def message_stats_of(self, person_ids: Sequence[int]) -> dict[int, MessageSummary]:
        """Each of these people's message stats, if any: person id -> summary."""
        sql, args = among("m.person_id", set(person_ids))
        rows = self.db.execute(
            "SELECT m.*, p.name, p.profile_url FROM message_stats m JOIN people p "
            f"ON p.id = m.person_id WHERE {sql}",
            args,
        )
        return {int(row["person_id"]): _summary(row) for row in rows}


def _newer(as_of: datetime | None, value: str, stored_as_of: str | None, stored: str) -> bool:
    """Whether a list known as of ``as_of`` replaces the stored one: it is newer, so the newest
    file wins whatever the order files came in; on the same as-of time the greater text wins,
    for the same reason. A list of unknown age (a caller without a time, or one stored before
    times were kept) neither outranks nor is outranked: the later one replaces it."""
    if as_of is None or stored_as_of is None:
        return value != stored or as_of is not None
    return (iso(as_of) or "", value) > (stored_as_of, stored)


_SNAPSHOT_TYPES: dict[str, type[Position] | type[School] | type[Event]] = {
    "positions": Position,
    "schools": School,
    "events": Event,
    "calendar-events": Event,
}

_DATE_FIELDS = {"started", "finished"}
_DATETIME_FIELDS = {"starts_at", "ends_at"}


def _jsonable(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in item.items()}


def _revive(
    factory: type[Position] | type[School] | type[Event], item: dict[str, Any]
) -> Position | School | Event:
    values = dict(item)
    for key, value in item.items():
        if value and key in _DATE_FIELDS:
            values[key] = date.fromisoformat(value)
        elif value and key in _DATETIME_FIELDS:
            values[key] = datetime.fromisoformat(value)
    return factory(**values)


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


def _owner_name(record: OwnerProfile) -> str:
    return f"{record.first_name} {record.last_name}".strip() or "someone unnamed"


def _other_owner(record: OwnerProfile, stored: str) -> str | None:
    """The stored owner's name when it is another person than the record's (a demo's sample
    owner, a colleague's archive), else None. Names compare folded: a changed headline or
    capitalisation or accents are the same person."""
    try:
        data = json.loads(stored)
        first, last = str(data.get("first_name", "")), str(data.get("last_name", ""))
    except (ValueError, AttributeError):
        return None
    before = f"{first} {last}".strip()
    if not before or name_key(before) == name_key(_owner_name(record)):
        return None
    return before
