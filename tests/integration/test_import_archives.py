"""`invite-watcher import` end to end (issue "Foundation"): real files, real SQLite, the CLI.

Every test runs the command in-process through ``watcher.cli.app.main`` against the database in the
per-test XDG data dir, then reads the result back through ``list --json`` / ``show --json`` or
straight from SQLite.
"""

from __future__ import annotations

import sqlite3
import stat
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.exports import (
    OWNER,
    Connection,
    Invite,
    Msg,
    Person,
    build_archive,
    connections_csv,
    invitations_csv,
    invitations_json,
    messages_csv,
)
from watcher.config.settings import Settings
from watcher.store.schema import SCHEMA_VERSION

YAZ = Person("Yaz Moreno", "https://www.linkedin.com/in/yaz-moreno")
ANA = Person("Ana Reyes", "https://www.linkedin.com/in/ana-reyes")
BO = Person("Bo Lindqvist", "https://www.linkedin.com/in/bo-lindqvist")
JOSE = Person("José Núñez", "https://www.linkedin.com/in/josé-núñez")
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

YEARS = (2018, 2020, 2022, 2023, 2024, 2025, 2026)


def database() -> Path:
    return Settings().storage.database_path()


def rows(sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database()) as db:
        return [tuple(row) for row in db.execute(sql, args)]


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def incoming(cli: Any, *extra: str) -> list[dict[str, Any]]:
    result = cli("list", "--json", *extra)
    assert result.code == 0, result.err
    return result.json()  # type: ignore[no-any-return]


def by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in items}


# --------------------------------------------------------------------------------------------
# What an import reads
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_import_archive_of_every_year(cli: Any, tmp_path: Path, year: int) -> None:
    archive = build_archive(
        invitations=[Invite(YAZ, T0, "Hi Eve, we've never met; coffee?"), Invite(BO, T0, "")],
        connections=[Connection("Ana", "Reyes", ANA.url)],
        messages=[Msg(ANA, (OWNER,), T0 - timedelta(days=30), "hello")],
        year=year,
    )
    path = write(tmp_path, f"Basic_LinkedInDataExport_{year}.zip", archive)

    result = cli("import", path)

    assert result.code == 0, result.out + result.err
    assert f"imported {path.name}" in result.out
    found = by_name(incoming(cli))
    assert set(found) == {"Yaz Moreno", "Bo Lindqvist"}
    assert found["Yaz Moreno"]["message"] == "Hi Eve, we've never met; coffee?"
    assert found["Yaz Moreno"]["verdict"] in {"accept", "meet-first", "ignore"}
    assert rows("SELECT COUNT(*) FROM connections") == [(1,)]


def test_import_basic_then_complete_overlapping_keeps_one_of_each(cli: Any, tmp_path: Path) -> None:
    invites = [Invite(YAZ, T0, "Hello"), Invite(BO, T0 + timedelta(hours=2), "")]
    basic = write(
        tmp_path,
        "Basic_LinkedInDataExport_03-05-2026.zip",
        build_archive(invitations=invites, connections=[Connection("Ana", "Reyes", ANA.url)]),
    )
    complete = write(
        tmp_path,
        "Complete_LinkedInDataExport_03-06-2026.zip",
        build_archive(
            invitations=invites,
            connections=[Connection("Ana", "Reyes", ANA.url)],
            messages=[Msg(YAZ, (OWNER,), T0 - timedelta(days=3), "hi")],
            folder="Complete_LinkedInDataExport_03-06-2026/",
        ),
    )

    assert cli("import", basic).code == 0
    before = {item["name"]: item["id"] for item in incoming(cli)}
    assert cli("import", complete).code == 0

    after = {item["name"]: item["id"] for item in incoming(cli)}
    assert after == before
    assert rows("SELECT COUNT(*) FROM invitations") == [(2,)]
    assert rows("SELECT COUNT(*) FROM people WHERE key = ?", YAZ.url) == [(1,)]


def test_import_archive_with_copy_name_and_nested_folder(cli: Any, tmp_path: Path) -> None:
    data = build_archive(invitations=[Invite(YAZ, T0, "Hi")], folder="export/inner/")
    path = write(tmp_path, "Basic_LinkedInDataExport_03-05-2026 (1).zip", data)

    result = cli("import", path)

    assert result.code == 0, result.out
    assert [i["name"] for i in incoming(cli)] == ["Yaz Moreno"]


def test_import_renamed_archive_is_recognised_by_content(cli: Any, tmp_path: Path) -> None:
    path = write(tmp_path, "stuff.bin", build_archive(invitations=[Invite(YAZ, T0, "Hi")]))

    assert cli("import", path).code == 0
    assert [i["name"] for i in incoming(cli)] == ["Yaz Moreno"]


def test_import_loose_csvs_and_renamed_csv(cli: Any, tmp_path: Path) -> None:
    connections = write(
        tmp_path, "Connections (1).csv", connections_csv([Connection("Ana", "Reyes", ANA.url)])
    )
    invitations = write(
        tmp_path, "my invites.csv", invitations_csv([Invite(YAZ, T0, "Hi"), Invite(ANA, T0)])
    )
    messages = write(tmp_path, "messages.csv", messages_csv([Msg(YAZ, (OWNER,), T0, "hi")]))

    result = cli("import", connections, invitations, messages)

    assert result.code == 0, result.out
    assert result.out.count("imported ") == 3
    found = by_name(incoming(cli, "--status", "pending"))
    assert set(found) == {"Yaz Moreno"}  # Ana is a connection: accepted, never pending


def test_import_invitation_json(cli: Any, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "invitations.json",
        invitations_json(
            [
                {
                    "name": "Yaz Moreno",
                    "profile_url": YAZ.url,
                    "headline": "Climate founder",
                    "note": "Hi Eve",
                    "sent_at": "2026-03-02T09:30:00Z",
                    "mutual_connections": 4,
                },
            ]
        ),
    )

    assert cli("import", path).code == 0

    [item] = incoming(cli)
    assert (item["name"], item["headline"], item["mutual_connections"]) == (
        "Yaz Moreno",
        "Climate founder",
        4,
    )
    assert item["sent_at"] == "2026-03-02T09:30:00+00:00"


def test_import_json_output_is_one_object_per_file(cli: Any, tmp_path: Path) -> None:
    archive = write(tmp_path, "a.zip", build_archive(invitations=[Invite(YAZ, T0, "Hi")]))
    other = write(tmp_path, "notes.txt", b"shopping list: milk\n")

    result = cli("import", "--json", archive, other, archive)

    assert result.code == 0
    first, second, third = result.json()
    assert first["outcome"] == "imported"
    assert first["kind"] == "linkedin-archive"
    assert first["changes"]["new"]["invitations"] == 1
    assert first["changes"]["new_invitation_ids"] == [incoming(cli)[0]["id"]]
    assert second == {"outcome": "not-ours", "path": str(other)}
    assert third["outcome"] == "already-imported"


def test_import_unrelated_files_are_skipped_with_exit_0(cli: Any, tmp_path: Path) -> None:
    files = [
        write(tmp_path, "holiday.zip", _zip_of({"photo.jpg": b"\xff\xd8\xff" + b"x" * 100})),
        write(tmp_path, "budget.csv", b"Month,Amount\nJan,3\n"),
        write(tmp_path, "readme.json", b'{"name": "something else"}'),
        write(tmp_path, "cat.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
    ]

    result = cli("import", *files)

    assert result.code == 0, result.out
    assert result.out.count("skipped") == 4
    assert rows("SELECT COUNT(*) FROM imports") == [(0,)]


def test_import_failed_file_sets_exit_1_and_names_file_and_reason(cli: Any, tmp_path: Path) -> None:
    good = write(tmp_path, "good.zip", build_archive(invitations=[Invite(YAZ, T0, "Hi")]))
    bad = write(tmp_path, "Invitations.csv", b"From,To,Sent At,Message,Direction\nA,B,never,x,up\n")

    result = cli("import", good, bad)

    assert result.code == 1
    [line] = [line for line in result.out.splitlines() if line.startswith("failed")]
    assert "Invitations.csv" in line
    assert "Sent At" in line
    assert "Traceback" not in result.err
    assert [i["name"] for i in incoming(cli)] == ["Yaz Moreno"]  # the good one went in


# --------------------------------------------------------------------------------------------
# Idempotence
# --------------------------------------------------------------------------------------------


def test_import_same_archive_twice_is_already_imported_quickly(cli: Any, tmp_path: Path) -> None:
    many = [
        Invite(
            Person(f"P{i} Q", f"https://www.linkedin.com/in/p{i}"), T0 + timedelta(minutes=i), "Hi"
        )
        for i in range(300)
    ]
    path = write(tmp_path, "a.zip", build_archive(invitations=many))
    assert cli("import", path).code == 0
    dump = _dump(skip_imports=False)

    started = time.perf_counter()
    result = cli("import", path)
    elapsed = time.perf_counter() - started

    assert result.code == 0
    assert "already imported" in result.out
    assert elapsed < 1.0
    assert _dump(skip_imports=False) == dump


def test_import_archives_a_month_apart_keep_people_and_ids(cli: Any, tmp_path: Path) -> None:
    march = [Invite(YAZ, T0, "Hi"), Invite(BO, T0 + timedelta(days=1), "Coffee?")]
    april = [*march, Invite(JOSE, T0 + timedelta(days=30), "Olá")]
    first = write(tmp_path, "march.zip", build_archive(invitations=march))
    second = write(tmp_path, "april.zip", build_archive(invitations=april))
    cli("import", first)
    ids = {i["name"]: i["id"] for i in incoming(cli)}

    assert cli("import", second).code == 0

    now = {i["name"]: i["id"] for i in incoming(cli)}
    assert {name: now[name] for name in ids} == ids
    assert set(now) == {"Yaz Moreno", "Bo Lindqvist", "José Núñez"}
    assert rows("SELECT COUNT(*) FROM people") == [(3,)]


def test_import_json_and_csv_of_one_invitation_merge(cli: Any, tmp_path: Path) -> None:
    csv_path = write(tmp_path, "Invitations.csv", invitations_csv([Invite(YAZ, T0, "Hi Eve")]))
    json_path = write(
        tmp_path,
        "inv.json",
        invitations_json(
            [
                {
                    "name": "Yaz Moreno",
                    "profile_url": "https://de.linkedin.com/in/Yaz-Moreno/",
                    "headline": "Climate founder",
                    "note": "Hi Eve",
                    "sent_at": (T0 + timedelta(hours=5)).isoformat(),
                },
            ]
        ),
    )

    assert cli("import", csv_path, json_path).code == 0

    [item] = incoming(cli)
    assert item["headline"] == "Climate founder"
    assert item["message"] == "Hi Eve"


# --------------------------------------------------------------------------------------------
# Invitations.csv semantics
# --------------------------------------------------------------------------------------------


def test_import_inviter_in_connections_is_accepted_never_pending(cli: Any, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.zip",
        build_archive(
            invitations=[Invite(ANA, T0, "Hi"), Invite(YAZ, T0, "Hi")],
            connections=[Connection("Ana", "Reyes", ANA.url, connected_on=date(2026, 3, 3))],
        ),
    )

    assert cli("import", path).code == 0

    found = by_name(incoming(cli))
    assert found["Ana Reyes"]["status"] == "accepted"
    assert found["Yaz Moreno"]["status"] == "pending"
    assert [i["name"] for i in incoming(cli, "--status", "pending")] == ["Yaz Moreno"]


def test_import_percent_encoded_and_raw_urls_are_one_person(cli: Any, tmp_path: Path) -> None:
    # Connections.csv (2024) percent-encodes URLs; Invitations.csv writes them raw.
    path = write(
        tmp_path,
        "a.zip",
        build_archive(
            invitations=[Invite(JOSE, T0, "Olá")],
            connections=[Connection("José", "Núñez", JOSE.url)],
        ),
    )

    assert cli("import", path).code == 0

    assert rows("SELECT COUNT(*) FROM people") == [(1,)]
    assert incoming(cli)[0]["status"] == "accepted"


def test_import_invitation_no_longer_listed_becomes_ignored(cli: Any, tmp_path: Path) -> None:
    first = write(
        tmp_path,
        "march.zip",
        build_archive(
            invitations=[Invite(YAZ, T0, "Hi"), Invite(BO, T0 + timedelta(days=2), "Hey")]
        ),
    )
    second = write(
        tmp_path,
        "april.zip",
        build_archive(
            invitations=[Invite(YAZ, T0, "Hi"), Invite(JOSE, T0 + timedelta(days=20), "Olá")]
        ),
    )
    cli("import", first)
    bo = by_name(incoming(cli))["Bo Lindqvist"]["id"]

    assert cli("import", second).code == 0

    found = by_name(incoming(cli))
    assert found["Bo Lindqvist"]["status"] == "ignored"
    assert found["Yaz Moreno"]["status"] == "pending"
    shown = cli("show", "--json", str(bo)).json()
    [move] = shown["transitions"]
    assert (move["from"], move["to"]) == ("pending", "ignored")
    assert "april.zip" in move["cause"]
    assert datetime.fromisoformat(move["at"]).tzinfo is not None


def test_import_unlisted_but_connected_is_accepted_not_ignored(cli: Any, tmp_path: Path) -> None:
    first = write(tmp_path, "march.zip", build_archive(invitations=[Invite(BO, T0, "Hey")]))
    second = write(
        tmp_path,
        "april.zip",
        build_archive(
            invitations=[Invite(YAZ, T0 + timedelta(days=1), "Hi")],
            connections=[Connection("Bo", "Lindqvist", BO.url)],
        ),
    )
    cli("import", first)

    cli("import", second)

    assert by_name(incoming(cli))["Bo Lindqvist"]["status"] == "accepted"


# --------------------------------------------------------------------------------------------
# Dry run, atomicity, the database file
# --------------------------------------------------------------------------------------------


def test_import_dry_run_shows_counts_and_writes_nothing(cli: Any, tmp_path: Path) -> None:
    path = write(tmp_path, "a.zip", build_archive(invitations=[Invite(YAZ, T0, "Hi")]))
    cli("list")  # creates the empty database
    before = _dump(skip_imports=False)

    result = cli("import", "--dry-run", path)

    assert result.code == 0
    assert "would import a.zip" in result.out
    assert "would import a.zip (linkedin-archive): 1 new invitation" in result.out
    assert _dump(skip_imports=False) == before
    assert cli("import", path).code == 0  # not remembered as imported


def test_import_crash_mid_import_leaves_database_as_before(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("import", write(tmp_path, "a.zip", build_archive(invitations=[Invite(YAZ, T0, "Hi")])))
    before = _dump(skip_imports=False)
    from watcher import pipeline

    real = pipeline.stage_records

    def crashing(store: Any, records: Any, progress: Any = None, **options: Any) -> Any:
        def some_then_crash() -> Any:
            for n, record in enumerate(records):
                if n == 3:
                    raise KeyboardInterrupt  # like a kill: not an error the pipeline handles
                yield record

        return real(store, some_then_crash(), progress, **options)

    monkeypatch.setattr(pipeline, "stage_records", crashing)
    second = write(
        tmp_path,
        "b.zip",
        build_archive(
            invitations=[Invite(BO, T0, "Hey"), Invite(JOSE, T0, "Olá")],
            connections=[Connection("Ana", "Reyes", ANA.url)],
        ),
    )

    result = cli("import", second)

    assert result.code == 130  # interrupted, as after Ctrl-C
    assert _dump(skip_imports=False) == before


def test_store_database_file_is_private_wal_and_versioned(cli: Any) -> None:
    cli("list")

    assert stat.S_IMODE(database().stat().st_mode) == 0o600
    assert rows("PRAGMA journal_mode") == [("wal",)]
    assert rows("PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_store_newer_schema_is_refused_with_a_clear_message(cli: Any) -> None:
    cli("list")
    with sqlite3.connect(database()) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")

    result = cli("list")

    assert result.code == 1
    assert "newer invite-watcher" in result.err
    assert str(database()) in result.err
    assert "Traceback" not in result.err


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _zip_of(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _dump(*, skip_imports: bool = True) -> list[str]:
    """Every row of every table, as SQL; optionally without the import log."""
    with sqlite3.connect(database()) as db:
        lines = list(db.iterdump())
    if skip_imports:
        lines = [line for line in lines if not line.startswith('INSERT INTO "imports"')]
    return lines


def test_import_killed_mid_import_leaves_database_before_or_after(cli: Any, tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    from tests.support.exports import write_big_archive

    archive = write_big_archive(
        tmp_path / "Complete_LinkedInDataExport_big.zip",
        invitations=20_000,
        connections=5_000,
        messages=50_000,
    )
    cli("import", write(tmp_path, "small.zip", build_archive(invitations=[Invite(YAZ, T0, "Hi")])))
    before = _dump(skip_imports=False)
    child = subprocess.Popen(
        [sys.executable, "-m", "watcher", "import", str(archive)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    wal = Path(f"{database()}-wal")
    size = wal.stat().st_size
    deadline = time.monotonic() + 30
    while wal.stat().st_size <= size + 200_000 and child.poll() is None:  # writing has begun
        assert time.monotonic() < deadline
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()

    assert rows("PRAGMA integrity_check") == [("ok",)]
    assert rows("SELECT COUNT(*) FROM invitations") == [(1,)]
    assert _dump(skip_imports=False) == before
    assert cli("import", archive).code == 0  # the next run finishes the job
    assert rows("SELECT COUNT(*) FROM invitations") == [(20_001,)]


def test_import_killed_between_merge_and_verdicts_is_finished_by_the_next_run(
    cli: Any, tmp_path: Path
) -> None:
    import os
    import signal
    import subprocess
    import sys

    from tests.support.exports import write_big_archive
    from watcher.judge import gather
    from watcher.store import Store

    archive = write_big_archive(
        tmp_path / "Complete_LinkedInDataExport_big.zip",
        invitations=8_000,
        connections=2_000,
        messages=10_000,
    )
    cli("list")  # the store exists, so the child and this test open the same file
    child = subprocess.Popen(
        [sys.executable, "-m", "watcher", "import", str(archive)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    other = sqlite3.connect(database(), isolation_level=None)
    deadline = time.monotonic() + 60
    # The merge has committed once its note is visible; the judging takes seconds from there.
    while other.execute("SELECT 1 FROM pending_judgings").fetchone() is None:
        assert child.poll() is None and time.monotonic() < deadline
        time.sleep(0.005)
    other.execute("BEGIN IMMEDIATE")  # its verdicts can no longer be written: kill it there
    child.send_signal(signal.SIGKILL)
    child.wait()
    other.execute("ROLLBACK")
    other.close()

    assert rows("SELECT COUNT(*) FROM invitations") == [(8_000,)]  # merged
    assert rows("SELECT COUNT(*) FROM pending_judgings") == [(1,)]
    [(unjudged,)] = rows("SELECT COUNT(*) FROM invitations WHERE verdict IS NULL")
    assert unjudged > 0

    again = cli("import", archive)

    assert again.code == 0, again.err
    assert "already imported" in again.out
    assert rows("SELECT COUNT(*) FROM pending_judgings") == [(0,)]
    store = Store(database())
    try:  # every open invitation judged, as a clean import would have: judging again changes none
        open_ids = store.open_incoming_ids()
        assert len(open_ids) > 1000
        assert gather.judge_chosen(store, Settings(), open_ids) == 0  # nothing would change
        assert not rows(
            "SELECT id FROM invitations WHERE verdict IS NULL AND direction = 'incoming'"
        )
    finally:
        store.close()
