"""The LinkedIn archive: sniffed by content, read in memory, guarded against bad ZIPs."""

from __future__ import annotations

import random
import string
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.support.exports import (
    OWNER,
    Connection,
    Invite,
    Msg,
    Person,
    archive_members,
    build_archive,
    deflate_ratio,
    invitations_csv,
    messages_compressing,
    table,
    write_big_archive,
    zip_bytes,
)
from watcher.config.settings import LimitsSettings
from watcher.models import (
    AsOf,
    ConnectionRecord,
    InvitationRecord,
    MessageSummary,
    OwnerProfile,
    ReadProgress,
    Record,
    Snapshot,
)
from watcher.sources.base import HEAD_BYTES, SourceError
from watcher.sources.linkedin import loose
from watcher.sources.linkedin import messages as linkedin_messages
from watcher.sources.linkedin.archive import ArchiveSource, member_names_in

YAZ = Person("Yaz M", "https://www.linkedin.com/in/yaz-m")
ANA = Connection(
    "Ana", "Reyes", "https://www.linkedin.com/in/ana-reyes", connected_on=date(2024, 11, 2)
)
SENT = datetime(2024, 10, 22, 8, 38, tzinfo=UTC)


def write(
    tmp_path: Path, data: bytes, name: str = "Complete_LinkedInDataExport_09-12-2024.zip"
) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path: Path, **limits: int) -> list[Record]:
    """The tables' records; the archive's as-of time is tests/unit/sources/test_asof.py's, its
    progress reports are the test at the end of this module's."""
    records = ArchiveSource().read(path, LimitsSettings(**limits))
    return [record for record in records if not isinstance(record, AsOf | ReadProgress)]


def sample(year: int = 2024, **options: object) -> bytes:
    return build_archive(
        invitations=[Invite(YAZ, SENT, "Let's connect")],
        connections=[ANA],
        messages=[
            Msg(YAZ, (OWNER,), datetime(2024, 12, 1, tzinfo=UTC)),
            Msg(OWNER, (YAZ,), datetime(2024, 12, 2, tzinfo=UTC)),
        ],
        year=year,
        **options,  # type: ignore[arg-type]
    )


def kinds(records: Sequence[Record]) -> list[str]:
    return [type(record).__name__ for record in records]


@pytest.mark.parametrize("year", [2018, 2022, 2023, 2024, 2025, 2026])
def test_archive_reads_every_years_archive_in_store_order(tmp_path: Path, year: int) -> None:
    records = read(write(tmp_path, sample(year), "download (1).zip"))
    assert kinds(records) == [
        "OwnerProfile",
        "ConnectionRecord",
        "InvitationRecord",
        "MessageSummary",
    ]
    invitation = records[2]
    assert isinstance(invitation, InvitationRecord) and invitation.counterpart.name == "Yaz M"
    summary = records[3]
    assert isinstance(summary, MessageSummary)
    assert (summary.inbound_count, summary.outbound_count) == (1, 1)
    assert records[1].source == "download (1).zip/Connections.csv"


def test_archive_reads_members_at_any_depth(tmp_path: Path) -> None:
    records = read(write(tmp_path, sample(folder="Complete_LinkedInDataExport_09-12-2024/")))
    assert isinstance(records[0], OwnerProfile)
    assert any(isinstance(r, ConnectionRecord) for r in records)


def test_archive_reads_snapshots_before_connections(tmp_path: Path) -> None:
    extra = {
        "Positions.csv": table(
            "Company Name,Title,Description,Location,Started On,Finished On",
            [["Acme", "Lead", "", "", "2020", ""]],
        )
    }
    records = read(write(tmp_path, sample(extra=extra)))
    assert kinds(records)[:3] == ["OwnerProfile", "Snapshot", "ConnectionRecord"]
    assert isinstance(records[1], Snapshot) and records[1].kind == "positions"


def test_archive_sniff_by_member_names_under_any_file_name() -> None:
    head = sample()[:HEAD_BYTES]
    assert ArchiveSource().sniff("random.bin", head)
    assert "Profile.csv" in list(member_names_in(head))


def test_archive_sniff_refuses_other_zips_and_non_zips() -> None:
    other = zip_bytes({"report.docx": b"x" * 100, "word/document.xml": b"<w/>"})
    assert not ArchiveSource().sniff("report.zip", other[:HEAD_BYTES])
    assert not ArchiveSource().sniff("Basic_LinkedInDataExport_01-01-2024.zip", b"not a zip")


def test_archive_sniff_accepts_linkedin_file_name_when_the_head_shows_no_member() -> None:
    head = zip_bytes({"Unknown_Thing.csv": b"a,b\n"})
    assert ArchiveSource().sniff("Basic_LinkedInDataExport_12-05-2022.zip", head)


def test_archive_ignores_unknown_members_but_needs_one_table(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        zip_bytes({"Registration.csv": table("Registered At,Registration Ip", [["x", "y"]])}),
    )
    with pytest.raises(SourceError, match="no LinkedIn table"):
        read(path)


def test_archive_truncated_is_a_clear_error(tmp_path: Path) -> None:
    data = sample()
    with pytest.raises(SourceError, match="truncated or corrupt"):
        read(write(tmp_path, data[: len(data) // 2]))


def test_archive_corrupt_member_names_the_member(tmp_path: Path) -> None:
    big = invitations_csv([Invite(YAZ, SENT, f"note {i}") for i in range(2000)])
    data = bytearray(zip_bytes({"Invitations.csv": big}))
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    with pytest.raises(SourceError, match=r"Invitations\.csv: .*corrupt"):
        read(write(tmp_path, bytes(data)))


def _mark_encrypted(data: bytes) -> bytes:
    patched = bytearray(data)
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := patched.find(signature, start)) != -1:
            patched[start + flag_offset] |= 0x1
            start += 4
    return bytes(patched)


def test_archive_encrypted_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="encrypted"):
        read(write(tmp_path, _mark_encrypted(sample())))


def test_archive_too_many_members(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"zip_max_members \(3\)"):
        read(write(tmp_path, sample()), zip_max_members=3)


def test_archive_too_big_when_unpacked(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="zip_max_total_bytes"):
        read(write(tmp_path, sample()), zip_max_total_bytes=1000)


def test_archive_compression_ratio_bomb(tmp_path: Path) -> None:
    data = build_archive(extra={"Shares.csv": b"a,b\n" + b"," * 20_000_000})
    with pytest.raises(SourceError, match=r"Shares\.csv: compressed .*limits\.zip_max_ratio"):
        read(write(tmp_path, data))


def test_archive_small_member_past_the_ratio_cap_imports(tmp_path: Path) -> None:
    messages = messages_compressing(2_000_000, 229, YAZ)
    assert 220 < deflate_ratio(messages) < 240 and len(messages) < 2_100_000
    records = read(write(tmp_path, build_archive(extra={"messages.csv": messages})))
    [summary] = [r for r in records if isinstance(r, MessageSummary)]
    assert summary.person.profile_url == YAZ.url
    assert (summary.inbound_count, summary.outbound_count) == (5, 5)


def test_archive_ratio_floor_is_configurable(tmp_path: Path) -> None:
    path = write(
        tmp_path, build_archive(extra={"messages.csv": messages_compressing(2_000_000, 229, YAZ)})
    )
    with pytest.raises(SourceError, match=r"messages\.csv: compressed 2\d\d to 1"):
        read(path, zip_ratio_floor_bytes=1_000_000)


def test_archive_large_member_past_the_ratio_cap_is_refused(tmp_path: Path) -> None:
    messages = messages_compressing(20_000_000, 300, YAZ)
    assert 290 < deflate_ratio(messages) < 330 and len(messages) > 20_000_000
    path = write(tmp_path, build_archive(extra={"messages.csv": messages}))
    with pytest.raises(SourceError, match=r"messages\.csv: compressed 3\d\d to 1, .*a ZIP bomb"):
        read(path)


def _declare_sizes(data: bytes, size: int) -> bytes:
    """The archive with every member's uncompressed size in the central directory set to
    ``size``: what zipfile trusts, and what the caps are checked against."""
    patched = bytearray(data)
    start = 0
    while (start := patched.find(b"PK\x01\x02", start)) != -1:
        patched[start + 24 : start + 28] = size.to_bytes(4, "little")
        start += 4
    return bytes(patched)


def test_archive_huge_total_of_small_members_is_refused(tmp_path: Path) -> None:
    members = {f"Articles/Articles/{i}.html": b"<html></html>" for i in range(500)}
    # 500 members of 9 MiB each: every one under the ratio floor, 4.7 GB together
    data = _declare_sizes(zip_bytes({**archive_members(), **members}), 9 * 1024 * 1024)
    with pytest.raises(SourceError, match=r"unpack to 4,7\d\d,\d{3},\d{3} bytes.*zip_max_total"):
        read(write(tmp_path, data))


def test_archive_member_with_binary_content_under_a_core_name(tmp_path: Path) -> None:
    data = build_archive(extra={"Connections.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10})
    with pytest.raises(SourceError, match=r"Connections\.csv: not the LinkedIn connections table"):
        read(write(tmp_path, data))


def test_archive_core_member_with_wrong_columns(tmp_path: Path) -> None:
    data = build_archive(extra={"Invitations.csv": table("Name,Email", [["a", "b"]])})
    with pytest.raises(SourceError, match=r"Invitations\.csv: .*did the format change"):
        read(write(tmp_path, data))


def test_archive_empty_core_member_is_no_data(tmp_path: Path) -> None:
    records = read(
        write(tmp_path, build_archive(connections=[ANA], extra={"Invitations.csv": b""}))
    )
    assert not any(isinstance(r, InvitationRecord) for r in records)


def test_archive_member_with_a_huge_field_names_member_and_limit(tmp_path: Path) -> None:
    noise = "".join(random.Random(1).choices(string.ascii_letters, k=300_000))
    data = build_archive(invitations=[Invite(YAZ, SENT, noise)])
    with pytest.raises(SourceError, match=r"Invitations\.csv: line 2: .*max_field_bytes"):
        read(write(tmp_path, data), max_field_bytes=100_000)


def test_archive_unreadable_path(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="cannot open"):
        read(tmp_path / "missing.zip")


def test_archive_never_extracts_to_disk(tmp_path: Path) -> None:
    path = write(tmp_path, sample())
    read(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_write_big_archive_streams_a_valid_archive(tmp_path: Path) -> None:
    path = write_big_archive(
        tmp_path / "big.zip", invitations=30, connections=20, messages=200, people=10
    )
    with zipfile.ZipFile(path) as archive:
        assert {"Invitations.csv", "Connections.csv", "messages.csv"} <= set(archive.namelist())
    records = read(path)
    assert sum(isinstance(r, InvitationRecord) for r in records) == 30
    assert sum(isinstance(r, ConnectionRecord) for r in records) == 20
    summaries = [r for r in records if isinstance(r, MessageSummary)]
    assert sum(s.inbound_count + s.outbound_count for s in summaries) == 200


def test_archive_read_reports_progress_in_uncompressed_bytes_up_to_the_total(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loose, "RECORDS_PER_REPORT", 100)
    monkeypatch.setattr(linkedin_messages, "ROWS_PER_REPORT", 500)
    path = tmp_path / "Complete_LinkedInDataExport_09-12-2024.zip"
    write_big_archive(path, invitations=300, connections=200, messages=3_000, people=100)
    read_members = ("Profile.csv", "Connections.csv", "Invitations.csv", "messages.csv")
    with zipfile.ZipFile(path) as zipped:
        total = sum(zipped.getinfo(name).file_size for name in read_members)

    records = list(ArchiveSource().read(path, LimitsSettings()))

    reports = [record for record in records if isinstance(record, ReadProgress)]
    assert all(report.total == total for report in reports)
    done = [report.done for report in reports]
    assert done == sorted(done)
    assert done[-1] == total
    # a report at each member and every few thousand records or rows, not just at the ends
    assert {report.member for report in reports} == set(read_members)
    assert len([r for r in reports if r.member == "Invitations.csv"]) >= 4
    messages_reports = [r for r in reports if r.member == "messages.csv"]
    assert len(messages_reports) >= 4
    assert len({r.done for r in messages_reports}) >= 4
