"""``invite-watcher list`` pages on a terminal and gives scripts everything.

In-process runs (``cli``) write to a pipe-like capture: every row unless ``--limit``. The
terminal case runs the real command in a subprocess on a pseudo-terminal of a known height.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tests.support.exports import Invite, Person, build_archive
from tests.support.terminal import on_terminal

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
COUNT = 60


def import_people(cli: Any, tmp_path: Path, count: int) -> None:
    """``count`` incoming invitations a minute apart, the newest "Person {count - 1}"."""
    people = [Person(f"Person {n}", f"https://www.linkedin.com/in/p-{n}") for n in range(count)]
    archive = tmp_path / "a.zip"
    archive.write_bytes(
        build_archive(
            invitations=[
                Invite(p, T0 + timedelta(minutes=n), f"Hello from {n}")
                for n, p in enumerate(people)
            ]
        )
    )
    assert cli("import", archive).code == 0


@pytest.fixture
def sixty(cli: Any, tmp_path: Path) -> None:
    import_people(cli, tmp_path, COUNT)


def test_cli_list_piped_gives_every_row_and_limit_gives_the_newest(cli: Any, sixty: None) -> None:
    everything = cli("list")
    newest = cli("list", "--limit", "5")

    assert len(everything.out.splitlines()) == 1 + COUNT
    assert "more" not in everything.err
    lines = newest.out.splitlines()
    assert lines[0].split() == ["id", "sent", "name", "verdict", "score", "status", "note"]
    assert [line.split("  ")[2].strip() for line in lines[1:]] == [
        f"Person {n}" for n in range(59, 54, -1)
    ]
    # the hint is for a person: on stderr, so a script reading stdout gets rows only
    assert (
        newest.err.strip() == "… and 55 more: invite-watcher list --all (or --limit N) shows them"
    )


def test_cli_list_json_streams_the_same_array_and_honours_limit(cli: Any, sixty: None) -> None:
    streamed = cli("list", "--json")
    three = cli("list", "--json", "--limit", "3").json()

    listed = json.loads(streamed.out)
    assert streamed.out == json.dumps(listed, indent=2, ensure_ascii=False) + "\n"
    assert [i["name"] for i in listed] == [f"Person {n}" for n in range(59, -1, -1)]
    assert {"id", "reasons", "seen_in", "confidence", "missing"} <= set(listed[0])
    assert listed[0]["seen_in"][0]["file"] == "a.zip"
    assert three == listed[:3]


def test_cli_list_refuses_limit_with_all_and_says_when_filters_match_nothing(
    cli: Any, sixty: None
) -> None:
    both = cli("list", "--limit", "3", "--all")

    assert both.code == 2
    assert "--limit and --all" in both.err
    assert cli("list", "--status", "replied").out.strip() == "No invitations match."
    assert cli("list", "--json", "--status", "replied").json() == []


def test_cli_list_on_a_terminal_shows_one_screenful_then_how_to_see_more(sixty: None) -> None:
    code, text = on_terminal("list", rows=15, columns=70)
    shown = text.splitlines()

    assert code == 0

    rows = [line for line in shown if line.strip().split()[:1] != ["id"] and "Person" in line]
    assert len(rows) == 15 - 3  # the header, the "more" line and the prompt keep their lines
    assert "Person 59" in rows[0]
    assert max(cell_len(line) for line in shown) <= 70  # cut to fit: no row wraps onto two
    assert shown[-1] == "… and 48 more: invite-watcher list --all (or --limit N) shows them"


def test_cli_list_json_ends_quietly_when_the_reader_leaves(cli: Any, tmp_path: Path) -> None:
    import_people(cli, tmp_path, 200)
    everything = cli("list", "--json").out
    child = subprocess.Popen(
        [sys.executable, "-m", "watcher", "list", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.read(10) == everything.encode()[:10]
    child.stdout.close()  # `| head -c 10`: more than a pipe holds is still to come

    assert child.wait(timeout=60) == 0
    with child.stderr:
        assert child.stderr.read() == b""
    assert len(everything.encode()) > 2 * 65536  # so the child did meet the closed pipe
