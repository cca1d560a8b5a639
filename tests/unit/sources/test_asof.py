"""As-of times: read from an archive's name or its newest entry, from the JSON's exported_at."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.support.exports import (
    OWNER,
    Connection,
    Invite,
    Msg,
    Person,
    build_archive,
    invitations_json,
)
from watcher.config.settings import LimitsSettings
from watcher.models import (
    Acquaintance,
    AsOf,
    ConnectionRecord,
    Direction,
    Event,
    HistoryKind,
    InvitationRecord,
    MessageSummary,
    PersonRef,
    Record,
    Snapshot,
)
from watcher.sources import asof
from watcher.sources.invitations_json import InvitationsJsonSource
from watcher.sources.linkedin.archive import ArchiveSource

YAZ = Person("Yaz M", "https://www.linkedin.com/in/yaz-m")


def midnight(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


# --------------------------------------------------------------------------------------------
# The export date in a name
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Basic_LinkedInDataExport_11-20-2026.zip", midnight(2026, 11, 20)),
        ("Complete_LinkedInDataExport_09-12-2022 (1).zip", midnight(2022, 9, 12)),  # 12 Sep
        ("Initial_LinkedInDataExport_1-5-2017.zip", midnight(2017, 1, 5)),
        ("Basic_LinkedInDataExport_12-05-2022", midnight(2022, 12, 5)),
        ("copy_03-04-2020_of_Basic_LinkedInDataExport_11-20-2026.zip", midnight(2026, 11, 20)),
        ("Basic_LinkedInDataExport_11-20-2026_13-45-2026.zip", midnight(2026, 11, 20)),
    ],
)
def test_date_in_name_reads_month_day_year(name: str, expected: datetime) -> None:
    assert asof.date_in_name(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "export.zip",
        "Basic_LinkedInDataExport.zip",
        "Basic_LinkedInDataExport_2026-11-20.zip",  # not LinkedIn's order
        "Basic_LinkedInDataExport_13-45-2026.zip",  # no such day
        "Basic_LinkedInDataExport_11-20-20261.zip",
        "LinkedInDataExport 11-20-2026.zip",  # no underscore before it
    ],
)
def test_date_in_name_none_without_a_date(name: str) -> None:
    assert asof.date_in_name(name) is None


# --------------------------------------------------------------------------------------------
# exported_at and entries
# --------------------------------------------------------------------------------------------


def test_exported_at_keeps_its_zone_and_reads_a_naive_time_as_utc() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert asof.exported_at(datetime(2026, 11, 25, 9, tzinfo=plus_two)).at == datetime(
        2026, 11, 25, 7, tzinfo=UTC
    )
    naive = asof.exported_at(datetime(2026, 11, 25, 9))
    assert naive == AsOf(datetime(2026, 11, 25, 9, tzinfo=UTC), asof.FROM_EXPORTED_AT)


def test_exported_at_missing_says_so_and_falls_back_to_the_modification_time() -> None:
    missing = asof.exported_at(None)
    assert missing == AsOf(None, asof.NO_EXPORTED_AT)
    modified = midnight(2026, 11, 26)
    assert missing.or_modified(modified) == AsOf(
        modified, "the file's modification time (it has no exported_at)"
    )
    kept = AsOf(midnight(2026, 11, 1), asof.FROM_NAME)
    assert kept.or_modified(modified) is kept


def test_entry_time_only_for_what_has_happened() -> None:
    person = PersonRef("Jo")
    sent = midnight(2026, 11, 3)
    assert asof.entry_time(InvitationRecord(person, Direction.INCOMING, sent)) == sent
    connection = ConnectionRecord(person, connected_on=date(2026, 11, 4))
    assert asof.entry_time(connection) == midnight(2026, 11, 4)
    summary = MessageSummary(person, last_inbound=sent, last_outbound=sent + timedelta(hours=1))
    assert asof.entry_time(summary) == sent + timedelta(hours=1)
    endorsed = Acquaintance(HistoryKind.ENDORSEMENT, "Jo", at=sent)
    assert asof.entry_time(endorsed) == sent
    ahead = Snapshot("events", (Event("Next year's summit", midnight(2027, 6, 1)),))
    assert asof.entry_time(ahead) is None
    assert asof.entry_time(ConnectionRecord(person)) is None
    assert asof.entry_time(MessageSummary(person)) is None


def test_dated_archive_name_first_else_newest_entry_last() -> None:
    person = PersonRef("Jo")
    records: list[Record] = [
        InvitationRecord(person, Direction.INCOMING, midnight(2026, 11, 3)),
        MessageSummary(person, last_inbound=midnight(2026, 11, 9)),
        ConnectionRecord(person, connected_on=date(2026, 11, 5)),
    ]
    named = list(asof.dated_archive("Basic_LinkedInDataExport_11-20-2026.zip", records))
    assert named == [AsOf(midnight(2026, 11, 20), asof.FROM_NAME), *records]
    unnamed = list(asof.dated_archive("download.zip", records))
    assert unnamed == [*records, AsOf(midnight(2026, 11, 9), asof.FROM_NEWEST_ENTRY)]
    assert list(asof.dated_archive("download.zip", [])) == [AsOf(None, asof.NO_DATE)]


# --------------------------------------------------------------------------------------------
# The sources
# --------------------------------------------------------------------------------------------


def test_archive_source_yields_its_as_of_time(tmp_path: Path) -> None:
    data = build_archive(
        invitations=[Invite(YAZ, datetime(2024, 10, 22, 8, 38, tzinfo=UTC))],
        connections=[Connection("Ana", "Reyes", connected_on=date(2024, 11, 2))],
        messages=[Msg(YAZ, (OWNER,), datetime(2024, 12, 1, 9, tzinfo=UTC))],
    )
    named = tmp_path / "Complete_LinkedInDataExport_12-05-2024.zip"
    named.write_bytes(data)
    unnamed = tmp_path / "archive.zip"
    unnamed.write_bytes(data)

    first = next(iter(ArchiveSource().read(named, LimitsSettings())))
    last = list(ArchiveSource().read(unnamed, LimitsSettings()))[-1]

    assert first == AsOf(midnight(2024, 12, 5), asof.FROM_NAME)
    assert last == AsOf(datetime(2024, 12, 1, 9, tzinfo=UTC), asof.FROM_NEWEST_ENTRY)


@pytest.mark.parametrize(
    ("exported_at", "expected"),
    [
        (
            "2026-11-25T18:00:00+01:00",
            AsOf(datetime(2026, 11, 25, 17, tzinfo=UTC), asof.FROM_EXPORTED_AT),
        ),
        (None, AsOf(None, asof.NO_EXPORTED_AT)),
    ],
)
def test_invitations_json_yields_its_exported_at_first(
    tmp_path: Path, exported_at: str | None, expected: AsOf
) -> None:
    path = tmp_path / "invitations.json"
    entry = {"name": "Jo", "sent_at": "2026-11-20T10:00:00Z"}
    path.write_bytes(invitations_json([entry], exported_at=exported_at))

    first, record, _progress = InvitationsJsonSource().read(path, LimitsSettings())

    assert first == expected
    assert isinstance(record, InvitationRecord)
