"""Bad input through `invite-watcher import`: one clear line naming the file, no traceback, and
the database exactly as before (issue "Foundation", DESIGN.md "Reliability and safety rules").

"Exactly as before" is checked on a dump of every table. The one row a failure may add is its
entry in the import log (``imports``), which is how the daemon reports a broken file once instead
of on every rescan; the tests assert that row separately.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import struct
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import Run
from tests.support.exports import (
    Invite,
    Person,
    build_archive,
    invitations_csv,
    messages_compressing,
    table,
)
from watcher.config.settings import Settings

YAZ = Person("Yaz Moreno", "https://www.linkedin.com/in/yaz-moreno")
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"


def dump() -> list[str]:
    """Every row of every table except the import log."""
    with sqlite3.connect(Settings().storage.database_path()) as db:
        return [line for line in db.iterdump() if not line.startswith('INSERT INTO "imports"')]


def import_log() -> list[tuple[str, str | None]]:
    with sqlite3.connect(Settings().storage.database_path()) as db:
        return list(db.execute("SELECT outcome, error FROM imports ORDER BY id"))


@pytest.fixture
def populated(cli: Any, tmp_path: Path) -> list[str]:
    """A database holding one earlier, good import; returns its dump."""
    good = tmp_path / "good.zip"
    good.write_bytes(build_archive(invitations=[Invite(YAZ, T0, "Hi")]))
    assert cli("import", good).code == 0
    return dump()


def assert_failed_cleanly(result: Run, path: Path, *words: str) -> str:
    """Exit 1, one `failed NAME…` line with the reason, no traceback; returns the line."""
    assert result.code == 1, result.out + result.err
    failed = [line for line in result.out.splitlines() if line.startswith("failed")]
    assert len(failed) == 1, result.out
    line = failed[0]
    assert path.name in line
    for word in words:
        assert word.lower() in line.lower(), line
    assert "Traceback" not in result.err
    assert "Traceback" not in result.out
    return line


# --------------------------------------------------------------------------------------------
# Broken archives
# --------------------------------------------------------------------------------------------


def test_import_truncated_zip(cli: Any, tmp_path: Path, populated: list[str]) -> None:
    data = build_archive(invitations=[Invite(YAZ, T0, "Hi")], extra={"big.bin": os.urandom(9000)})
    path = tmp_path / "Basic_LinkedInDataExport_03-05-2026.zip"
    path.write_bytes(data[: len(data) // 2])

    assert_failed_cleanly(cli("import", path), path, "truncated")

    assert dump() == populated
    assert import_log()[-1][0] == "failed"


def test_import_corrupt_zip_member(cli: Any, tmp_path: Path, populated: list[str]) -> None:
    rows = [
        Invite(Person(f"P{i}", f"https://www.linkedin.com/in/p{i}"), T0, f"note {i}" * 20)
        for i in range(200)
    ]
    data = bytearray(build_archive(invitations=rows))
    start = data.index(b"Invitations.csv") + 100  # inside the compressed member
    data[start : start + 64] = bytes(64)
    path = tmp_path / "corrupt.zip"
    path.write_bytes(bytes(data))

    assert_failed_cleanly(cli("import", path), path, "Invitations.csv")

    assert dump() == populated


def test_import_encrypted_zip(cli: Any, tmp_path: Path, populated: list[str]) -> None:
    path = tmp_path / "locked.zip"
    path.write_bytes(_encrypted(build_archive(invitations=[Invite(YAZ, T0, "Hi")])))

    assert_failed_cleanly(cli("import", path), path, "encrypted")

    assert dump() == populated


@pytest.mark.parametrize(
    "cap",
    [
        ("INVITE_WATCHER_LIMITS__ZIP_MAX_MEMBERS", "5", ("members", "zip_max_members")),
        ("INVITE_WATCHER_LIMITS__ZIP_MAX_TOTAL_BYTES", "100000", ("zip_max_total_bytes",)),
        ("INVITE_WATCHER_LIMITS__ZIP_MAX_RATIO", "200", ("zip_max_ratio", "bomb")),
    ],
)
def test_import_zip_bomb_caps(
    cli: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    populated: list[str],
    cap: tuple[str, str, tuple[str, ...]],
) -> None:
    env, value, words = cap
    # Members: the archive has more than 5; total: 20 MB of zeros; ratio: zeros inflate ~1000:1,
    # and 20 MB is past limits.zip_ratio_floor_bytes (smaller members are spared the ratio cap).
    data = build_archive(
        invitations=[Invite(YAZ, T0, "Hello again")],
        extra={"Articles/zeros.html": bytes(20_000_000)},
    )
    path = tmp_path / "bomb.zip"
    path.write_bytes(data)
    monkeypatch.setenv(env, value)

    assert_failed_cleanly(cli("import", path), path, *words)

    assert dump() == populated


def test_import_small_member_compressing_past_the_ratio_cap(cli: Any, tmp_path: Path) -> None:
    # a 2 MB messages.csv at 229:1: past limits.zip_max_ratio, under the size floor
    messages = messages_compressing(2_000_000, 229, YAZ)
    path = tmp_path / "Basic_LinkedInDataExport_03-05-2026.zip"
    path.write_bytes(build_archive(extra={"messages.csv": messages}))

    result = cli("import", path)

    assert result.code == 0, result.out + result.err
    assert result.out.startswith("imported"), result.out


# --------------------------------------------------------------------------------------------
# Broken tables
# --------------------------------------------------------------------------------------------


def test_import_binary_file_named_like_a_linkedin_table(
    cli: Any, tmp_path: Path, populated: list[str]
) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4000))

    assert_failed_cleanly(cli("import", path), path, "Invitations", "binary")

    assert dump() == populated


def test_import_binary_file_with_another_csv_name_is_left_alone(
    cli: Any, tmp_path: Path, populated: list[str]
) -> None:
    path = tmp_path / "holiday.csv"
    path.write_bytes(os.urandom(4000))

    result = cli("import", path)

    assert result.code == 0
    assert f"skipped {path.name}" in result.out
    assert dump() == populated


def test_import_undecodable_bytes_inside_archive_member(
    cli: Any, tmp_path: Path, populated: list[str]
) -> None:
    member = INVITATIONS_HEADER.encode() + b"\n" + b"\x00\x9d\x81\xff" * 2000
    path = tmp_path / "odd.zip"
    path.write_bytes(build_archive(extra={"Invitations.csv": member}))

    assert_failed_cleanly(cli("import", path), path, "Invitations.csv")

    assert dump() == populated


def test_import_right_name_wrong_columns(cli: Any, tmp_path: Path, populated: list[str]) -> None:
    loose = tmp_path / "Invitations.csv"
    loose.write_bytes(table("Name,When,Text", [["Yaz", "today", "hi"]]))
    zipped = tmp_path / "changed.zip"
    zipped.write_bytes(build_archive(extra={"Invitations.csv": loose.read_bytes()}))

    line = assert_failed_cleanly(cli("import", loose), loose, "Invitations", "format")
    assert "Name, When, Text" in line
    assert_failed_cleanly(cli("import", zipped), zipped, "Invitations.csv", "format")

    assert dump() == populated


def test_import_rows_without_usable_dates(cli: Any, tmp_path: Path, populated: list[str]) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_bytes(table(INVITATIONS_HEADER, [["A", "B", "someday", "hi", "INCOMING", "", ""]]))

    assert_failed_cleanly(cli("import", path), path, "Sent At")

    assert dump() == populated


def test_import_empty_file(cli: Any, tmp_path: Path, populated: list[str]) -> None:
    path = tmp_path / "Invitations.csv"
    path.touch()

    assert_failed_cleanly(cli("import", path), path, "empty")

    assert dump() == populated


def test_import_huge_single_field(cli: Any, tmp_path: Path, populated: list[str]) -> None:
    path = tmp_path / "Invitations.csv"
    with path.open("wb") as out:
        out.write(invitations_csv([Invite(YAZ, T0, "Hi")]))
        out.write(b'Bo,Eve Kovacs,"3/2/26, 9:30 AM","')
        out.write(b"x" * 50_000_000)
        out.write(b'",INCOMING,,\n')

    assert_failed_cleanly(cli("import", path), path, "field")

    assert dump() == populated


def test_import_missing_path(cli: Any, tmp_path: Path, populated: list[str]) -> None:
    path = tmp_path / "nowhere.zip"

    assert_failed_cleanly(cli("import", path), path, "no such file")

    assert dump() == populated


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_import_unreadable_file(cli: Any, tmp_path: Path, populated: list[str]) -> None:
    path = tmp_path / "secret.zip"
    path.write_bytes(build_archive(invitations=[Invite(YAZ, T0, "Hi")]))
    path.chmod(0)

    assert_failed_cleanly(cli("import", path), path, "permission denied")

    assert dump() == populated


def test_import_directory(cli: Any, tmp_path: Path, populated: list[str]) -> None:
    path = tmp_path / "export"
    path.mkdir()

    assert_failed_cleanly(cli("import", path), path, "directory")

    assert dump() == populated


def test_import_broken_invitation_json_names_the_entry(
    cli: Any, tmp_path: Path, populated: list[str]
) -> None:
    document = {
        "format": "invite-watcher/invitations@1",
        "invitations": [
            {"name": "Ok", "sent_at": "2026-03-02T09:30:00Z"},
            {"name": "Jo Lee", "sent_at": "yesterday"},
        ],
    }
    path = tmp_path / "inv.json"
    path.write_text(json.dumps(document))

    assert_failed_cleanly(cli("import", path), path, "invitations[1]", "Jo Lee", "sent_at")

    assert dump() == populated


def test_import_failure_is_logged_once_with_its_reason(
    cli: Any, tmp_path: Path, populated: list[str]
) -> None:
    path = tmp_path / "Invitations.csv"
    path.write_bytes(table("Name,When", [["a", "b"]]))

    cli("import", path)

    outcome, error = import_log()[-1]
    assert outcome == "failed"
    assert error is not None
    assert "invitations" in error.lower()


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _encrypted(data: bytes) -> bytes:
    """The same ZIP with the "encrypted" flag set on every entry (what a password ZIP shows)."""
    out = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            (flags,) = struct.unpack_from("<H", out, start + flag_at)
            struct.pack_into("<H", out, start + flag_at, flags | 0x1)
            start += 4
    with zipfile.ZipFile(io.BytesIO(bytes(out))) as check:
        assert all(info.flag_bits & 0x1 for info in check.infolist())
    return bytes(out)
