"""The command line's own manners: --version, every option described with its choices, and
flags shown as flags (not ``<bool>``). Run in-process like test_cli_commands.py."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.core import TyperOption

from tests.integration.test_cli_commands import GOOD_NOTE, PITCH, person
from tests.support.exports import Connection, Invite, build_archive
from watcher import __version__
from watcher.cli.app import app
from watcher.cli.help import _display_type_rich

#: every command and group, as typed
COMMANDS = [
    [],
    *[[name] for name in ("import", "list", "show", "draft", "sent", "replied", "decide")],
    *[[name] for name in ("reminders", "review", "run", "demo", "bookmarklet")],
    ["config"],
    ["service"],
]


def test_cli_version(cli: Any) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out == f"invite-watcher {__version__}\n"


@pytest.mark.parametrize("words", COMMANDS, ids=lambda w: " ".join(w) or "top")
def test_cli_help_shows_no_bool_metavar(cli: Any, words: list[str]) -> None:
    result = cli(*words, "--help")
    assert result.code == 0, result.err
    assert "<bool>" not in result.out


def _options() -> list[tuple[str, Any]]:
    """Every option of every command (groups' subcommands too), as click sees it."""
    group = typer.main.get_command(app)
    found: list[tuple[str, Any]] = []

    def walk(command: Any, path: str) -> None:
        for param in command.params:
            if isinstance(param, TyperOption):
                found.append((f"{path} {param.opts[0]}", param))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(group, "")
    return found


def test_cli_every_option_is_described() -> None:
    undescribed = [name for name, option in _options() if not (option.help or "").strip()]
    assert undescribed == []


def test_cli_list_direction_shows_its_choices(cli: Any) -> None:
    result = cli("list", "--help")
    assert re.search(r"--direction\s+<incoming\|outgoing\|all>", result.out)
    assert cli("list", "--direction", "all").code == 0


def test_cli_flag_help_patch_is_in_place() -> None:
    # A Typer that renamed display_type_rich would leave the patch unused: fail here instead.
    assert TyperOption.display_type_rich is _display_type_rich


def test_cli_import_summary_in_words_with_raw_counts_in_json(cli: Any, tmp_path: Path) -> None:
    t0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    archive = tmp_path / "a.zip"
    archive.write_bytes(
        build_archive(
            invitations=[
                Invite(person("Ada Young"), t0, GOOD_NOTE),
                Invite(person("Pat Pitch"), t0 + timedelta(days=1), PITCH),
                Invite(person("Cy Known"), t0 + timedelta(days=2), ""),
            ],
            connections=[Connection("Cy", "Known", "https://www.linkedin.com/in/cy-known")],
        )
    )

    dry = cli("import", "--json", "--dry-run", archive).json()
    result = cli("import", archive)

    assert result.code == 0, result.err
    (line,) = result.out.splitlines()
    assert line.startswith(
        "imported a.zip (linkedin-archive): 3 new invitations: "
        "1 to accept, 1 to ignore, 1 already connected; also 1 new connection"
    ), line
    # the raw counts stay in --json, as they were
    assert dry[0]["changes"]["new"]["invitations"] == 3
    assert dry[0]["changes"]["new"]["connections"] == 1
