"""When a file's contents were true: reading a file's "as of" time. Pure.

DESIGN.md, "Evidence over time": a LinkedIn archive is as of the export date in its name
(``Basic_LinkedInDataExport_11-20-2026.zip``), else as of its newest dated entry; the invitation
JSON as of its ``exported_at``. Sources yield the ``AsOf`` record these functions make; files
that carry no such time (address books, calendars, loose CSVs) yield none, and the pipeline
takes the file's modification time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time

from watcher.models import (
    Acquaintance,
    AsOf,
    ConnectionRecord,
    InvitationRecord,
    MessageSummary,
    Record,
)

FROM_NAME = "the export date in its name"
FROM_NEWEST_ENTRY = "its newest entry (no export date in its name)"
FROM_EXPORTED_AT = "its exported_at"
NO_EXPORTED_AT = "it has no exported_at"
NO_DATE = "no export date in its name and no dated entry in it"

#: ``…_MM-DD-YYYY`` as LinkedIn names its archives, before an extension or a browser's `` (1)``.
_NAME_DATE = re.compile(r"_(\d{1,2})-(\d{1,2})-(\d{4})(?!\d)")


def date_in_name(name: str) -> datetime | None:
    """The export date in an archive's file name, at midnight UTC (LinkedIn's dates carry no
    zone and are read as UTC everywhere); None when the name has none."""
    for month, day, year in reversed(_NAME_DATE.findall(name)):
        try:
            return datetime.combine(date(int(year), int(month), int(day)), time(), UTC)
        except ValueError:  # 13-45-2026: not a date, look further left
            continue
    return None


def exported_at(value: datetime | None) -> AsOf:
    """The invitation JSON's as-of time; a time without a zone is UTC, like ``sent_at``."""
    if value is None:
        return AsOf(None, NO_EXPORTED_AT)
    return AsOf(value if value.tzinfo is not None else value.replace(tzinfo=UTC), FROM_EXPORTED_AT)


def entry_time(record: Record) -> datetime | None:
    """When a record's entry happened, for the entries an export can only hold once they have
    happened (an event in Events.csv may lie ahead, so snapshots do not count)."""
    match record:
        case InvitationRecord(sent_at=sent):
            return sent
        case ConnectionRecord(connected_on=on) if on is not None:
            return datetime.combine(on, time(), UTC)
        case MessageSummary(last_inbound=inbound, last_outbound=outbound):
            times = [moment for moment in (inbound, outbound) if moment is not None]
            return max(times) if times else None
        case Acquaintance(at=at):
            return at
    return None


def dated_archive(name: str, records: Iterable[Record]) -> Iterator[Record]:
    """An archive's records with its ``AsOf``: first when its name carries the export date;
    otherwise last, from its newest dated entry, or saying that neither could be read."""
    named = date_in_name(name)
    if named is not None:
        yield AsOf(named, FROM_NAME)
        yield from records
        return
    newest: datetime | None = None
    for record in records:
        moment = entry_time(record)
        if moment is not None and (newest is None or moment > newest):
            newest = moment
        yield record
    yield AsOf(newest, FROM_NEWEST_ENTRY) if newest is not None else AsOf(None, NO_DATE)
