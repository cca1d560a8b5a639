"""The database's faults as a user meets them: through the real command line and the real
daemon process, on real files (a corrupt one, an empty one, one locked by another import)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from tests.support.daemon import daemon_environment
from tests.support.damaged import FILLER, damaged_store
from tests.support.exports import invitations_json
from watcher.cli.common import WAITING_LINE, open_store
from watcher.config.settings import Settings
from watcher.store import Store
from watcher.store.faults import CorruptDatabase
from watcher.system.service import UNUSABLE_DATABASE_EXIT

pytestmark = pytest.mark.timeout(60)

GARBAGE = b"this is not a database file at all, " * 200


def config_for(tmp_path: Path, database: Path) -> Path:
    config = tmp_path / "c.toml"
    config.write_text(f'[storage]\ndatabase = "{database}"\n', encoding="utf-8")
    return config


@pytest.mark.parametrize(
    ("content", "said"), [(GARBAGE, "corrupt"), (b"", "empty (0 bytes)")], ids=["corrupt", "empty"]
)
def test_cli_unusable_database_is_one_line_with_the_move(
    cli: Any, tmp_path: Path, content: bytes, said: str
) -> None:
    database = tmp_path / "invite-watcher.db"
    database.write_bytes(content)

    run = cli("--config", config_for(tmp_path, database), "list")

    assert run.code == UNUSABLE_DATABASE_EXIT
    [line] = run.err.strip().splitlines()
    assert line.startswith(f"invite-watcher: {database}: ")
    assert said in line
    assert f"`mv {database} {database}." in line
    assert database.read_bytes() == content


def test_daemon_process_stops_on_a_corrupt_database_with_the_status_systemd_keeps_down(
    tmp_path: Path,
) -> None:
    """The daemon exits at once with the status the unit lists in RestartPreventExitStatus=,
    one line saying why and what to do, the file as it was; no restart loop, no traceback."""
    database, folder = tmp_path / "invite-watcher.db", tmp_path / "Downloads"
    database.write_bytes(GARBAGE)
    folder.mkdir()
    settings = {"storage.database": str(database), "notifications.backend": "none"}

    done = subprocess.run(
        [sys.executable, "-m", "watcher", "run", "--folder", str(folder)],
        env=daemon_environment(settings=settings),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert done.returncode == UNUSABLE_DATABASE_EXIT, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"invite-watcher: {database}: the database is corrupt")
    assert f"`mv {database} {database}.corrupt`" in line
    assert database.read_bytes() == GARBAGE


def test_daemon_stops_on_an_empty_database_file(cli: Any, tmp_path: Path) -> None:
    """In-process (the subprocess above shows the status reaches systemd): an empty file is
    refused at the daemon's start the same way, not made into a new store."""
    database, folder = tmp_path / "invite-watcher.db", tmp_path / "Downloads"
    database.touch()
    folder.mkdir()
    config = config_for(tmp_path, database)
    with config.open("a", encoding="utf-8") as more:
        more.write('[notifications]\nbackend = "none"\n')

    run = cli("--config", config, "run", "--folder", folder)

    assert run.code == UNUSABLE_DATABASE_EXIT
    assert (
        run.err.strip()
        .splitlines()[-1]
        .startswith(f"invite-watcher: {database}: the database file is empty (0 bytes)")
    )
    assert database.stat().st_size == 0


def test_cli_store_names_damage_met_in_the_middle_of_a_command(tmp_path: Path) -> None:
    """The schema is sound, so the store opens; a read then meets a damaged page."""
    path = damaged_store(tmp_path / "invite-watcher.db")
    settings = Settings(storage={"database": str(path)})

    with pytest.raises(CorruptDatabase) as corrupt, open_store(settings) as store:
        store.db.execute(f"SELECT * FROM {FILLER}").fetchall()

    assert str(corrupt.value).startswith(f"{path}: the database is corrupt (database disk image")


# -- a command meets another's import -------------------------------------------------------


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[tuple[Path, sqlite3.Connection]]:
    """A store in the middle of another process's long import (its write lock held)."""
    database = tmp_path / "invite-watcher.db"
    Store(database).close()
    other = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    yield database, other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def _lines_until(stream: IO[str], wanted: str, seen: list[str], found: threading.Event) -> None:
    for line in stream:
        seen.append(line.rstrip("\n"))
        if line.strip() == wanted:
            found.set()


def test_cli_waits_for_an_import_with_one_line_then_writes(
    tmp_path: Path, locked: tuple[Path, sqlite3.Connection]
) -> None:
    database, other = locked
    export = tmp_path / "invitations.json"
    entry = {
        "name": "Jane Roe",
        "profile_url": "https://www.linkedin.com/in/jane-roe",
        "headline": "PR manager",
        "note": "",
        "sent_at": "2026-03-02T09:30:00+00:00",
    }
    export.write_bytes(invitations_json([entry]))
    config = config_for(tmp_path, database)

    command = subprocess.Popen(
        [sys.executable, "-m", "watcher", "--config", str(config), "import", str(export)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[str] = []
    waiting = threading.Event()
    reader = threading.Thread(
        target=_lines_until, args=(command.stderr, WAITING_LINE, seen, waiting)
    )
    reader.start()
    try:
        assert waiting.wait(30), f"no waiting line; stderr so far: {seen}"
        assert command.poll() is None  # still waiting, not failed
        other.execute("COMMIT")  # the other import is done
        command.wait(timeout=30)
    finally:
        if command.poll() is None:
            command.kill()
        command.wait()
        reader.join(10)
        if command.stderr is not None:
            command.stderr.close()

    assert command.returncode == 0, seen
    assert seen.count(WAITING_LINE) == 1
    store = Store(database)
    try:
        assert [i.name for i in store.invitations()] == ["Jane Roe"]
    finally:
        store.close()
