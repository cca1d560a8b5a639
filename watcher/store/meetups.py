"""Meet-up requests: the one source of truth for reminder due times.

A meet-up starts when the request is sent; the reminder stage fired and any snooze are kept
here, so the scheduler's jobs can be rebuilt from the database at every start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from watcher.models import Meetup
from watcher.store.database import Database, iso, parse_iso

_MEETUP_SELECT = (
    "SELECT u.*, p.name FROM meetups u JOIN invitations i ON i.id = u.invitation_id "
    "JOIN people p ON p.id = i.person_id"
)


class Meetups(Database):
    def start_meetups(self, started: Sequence[tuple[int, datetime]]) -> None:
        """Start (or restart) the meet-up of each invitation, sent at the given time."""
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


def _meetup(row: sqlite3.Row) -> Meetup:
    return Meetup(
        invitation_id=int(row["invitation_id"]),
        name=str(row["name"]),
        sent_at=datetime.fromisoformat(row["sent_at"]),
        snoozed_until=parse_iso(row["snoozed_until"]),
        fired_stage=int(row["fired_stage"]),
    )
