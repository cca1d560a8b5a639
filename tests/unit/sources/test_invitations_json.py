"""invite-watcher's own invitation JSON: validated, every problem naming its entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.support.exports import invitations_json
from watcher.config.settings import LimitsSettings
from watcher.models import AsOf, Direction, InvitationRecord, ReadProgress
from watcher.sources.base import SourceError
from watcher.sources.invitations_json import InvitationsJsonSource

ENTRY: dict[str, Any] = {
    "name": "Yaz Moreno",
    "profile_url": "https://www.linkedin.com/in/Yaz-Moreno/",
    "headline": "Climate tech founder",
    "note": "We met at Open Campus. Coffee?",
    "sent_at": "2026-04-01T18:03:00+02:00",
    "mutual_connections": 4,
}


def read(tmp_path: Path, data: bytes) -> list[InvitationRecord]:
    path = tmp_path / "invitations.json"
    path.write_bytes(data)
    records = InvitationsJsonSource().read(path, LimitsSettings())
    return [record for record in records if isinstance(record, InvitationRecord)]


def test_invitations_json_reports_the_whole_file_read_after_its_records(tmp_path: Path) -> None:
    path = tmp_path / "invitations.json"
    path.write_bytes(invitations_json([ENTRY, ENTRY]))
    size = path.stat().st_size

    records = list(InvitationsJsonSource().read(path, LimitsSettings()))

    assert [type(r) for r in records[:-1]] == [AsOf, InvitationRecord, InvitationRecord]
    assert records[-1] == ReadProgress("invitations.json", size, size)


def test_invitations_json_reads_a_full_entry(tmp_path: Path) -> None:
    [record] = read(tmp_path, invitations_json([ENTRY]))
    assert record == InvitationRecord(
        counterpart=record.counterpart,
        direction=Direction.INCOMING,
        sent_at=datetime(2026, 4, 1, 18, 3, tzinfo=timezone(timedelta(hours=2))),
        message="We met at Open Campus. Coffee?",
        headline="Climate tech founder",
        mutual_connections=4,
        pending_only=True,
        source="invitations.json",
    )
    assert record.counterpart.profile_url == "https://www.linkedin.com/in/yaz-moreno"
    assert record.counterpart.name == "Yaz Moreno"


def test_invitations_json_minimal_entry_defaults(tmp_path: Path) -> None:
    [record] = read(tmp_path, invitations_json([{"name": "Jo", "sent_at": "2026-04-01T18:03:00"}]))
    assert record.sent_at == datetime(2026, 4, 1, 18, 3, tzinfo=UTC)
    assert record.direction is Direction.INCOMING
    assert record.counterpart.profile_url is None
    assert record.headline is None and record.mutual_connections is None and record.message == ""


def test_invitations_json_outgoing_and_unknown_keys(tmp_path: Path) -> None:
    entry = {
        "name": "Jo",
        "sent_at": "2026-04-01T18:03:00Z",
        "direction": "outgoing",
        "new_field": 1,
    }
    [record] = read(tmp_path, invitations_json([entry]))
    assert record.direction is Direction.OUTGOING


def test_invitations_json_null_optional_fields_are_absent(tmp_path: Path) -> None:
    optional = ("profile_url", "headline", "note", "mutual_connections", "direction")
    entry = {"name": "Jo", "sent_at": "2026-04-01T18:03:00Z", **dict.fromkeys(optional)}
    [record] = read(tmp_path, invitations_json([ENTRY, entry], exported_at=None))[1:]
    assert record.message == "" and record.direction is Direction.INCOMING
    assert record.counterpart.profile_url is None
    assert record.headline is None and record.mutual_connections is None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({**ENTRY, "sent_at": "last tuesday"}, r"invitations\[1\] \(Yaz Moreno\): sent_at: "),
        (
            {k: v for k, v in ENTRY.items() if k != "sent_at"},
            r"invitations\[1\] \(Yaz Moreno\): sent_at: Field required",
        ),
        ({**ENTRY, "name": ""}, r"invitations\[1\]: name: "),
        ({**ENTRY, "name": None}, r"invitations\[1\]: name: Input should be a valid string"),
        ({**ENTRY, "sent_at": None}, r"invitations\[1\] \(Yaz Moreno\): sent_at: "),
        (
            {**ENTRY, "note": 5},
            r"invitations\[1\] \(Yaz Moreno\): note: Input should be a valid string",
        ),
        (
            {**ENTRY, "profile_url": "https://example.com/jo"},
            r"invitations\[1\] \(Yaz Moreno\): profile_url: 'https://example.com/jo' is not a "
            r"LinkedIn profile URL",
        ),
        ({**ENTRY, "mutual_connections": -1}, r"mutual_connections: "),
        ({**ENTRY, "direction": "sideways"}, r"direction: "),
        ("not an object", r"invitations\[1\]: "),
    ],
)
def test_invitations_json_bad_entry_is_named(tmp_path: Path, entry: Any, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        read(tmp_path, invitations_json([ENTRY, entry]))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"format": "invite-watcher/invitations@1", "invitations": [', "not valid JSON"),
        (b'{"format": "invite-watcher/invitations@1"}', "invitations: Field required"),
        (b'{"format": "invite-watcher/invitations@1", "invitations": null}', "invitations: "),
        (b'{"format": "invite-watcher/invitations@2", "invitations": []}', "version 2 is newer"),
        (b'{"format": "invite-watcher/invitations@1", "invitations": {}}', "invitations: "),
        (b'{"format": "invite-watcher/invitations@1", "invitations": []}\xff', "not UTF-8"),
    ],
)
def test_invitations_json_bad_documents(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        read(tmp_path, data)


def test_invitations_json_sniff() -> None:
    source = InvitationsJsonSource()
    assert source.sniff("x.json", invitations_json([ENTRY]))
    assert source.sniff("x.txt", b"\xef\xbb\xbf" + invitations_json([]))
    assert not source.sniff("x.json", b'{"format": "something-else"}')
    assert not source.sniff("x.json", b'["invite-watcher/invitations@1"]')


def test_invitations_json_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot read"):
        list(InvitationsJsonSource().read(tmp_path / "gone.json", LimitsSettings()))
