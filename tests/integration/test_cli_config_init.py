"""``config init`` proposes interests from the owner's own profile when a database holds one."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tests.support.exports import build_archive, positions_csv, profile_csv
from watcher.config.settings import load_settings, user_config_path


def _uncommented(text: str, key: str) -> str:
    """The commented ``key = ...`` proposal, uncommented as the user would keep it."""
    lines = text.splitlines()
    start = lines.index(f"# {key} = [")
    end = next(i for i in range(start, len(lines)) if lines[i] == "# ]")
    return "[you]\n" + "\n".join(line.removeprefix("# ") for line in lines[start : end + 1]) + "\n"


def test_cli_config_init_proposes_interests_from_headline_and_positions(
    cli: Any, tmp_path: Path
) -> None:
    archive = tmp_path / "archive.zip"
    archive.write_bytes(
        build_archive(
            profile=profile_csv("Greta", "Lindqvist", "Leiterin Nutzerforschung | Service Design"),
            extra={
                "Positions.csv": positions_csv(
                    [
                        ("Bahnwerk AG", "Senior UX-Forscherin", "Mar 2022", ""),
                        ("Kartenhaus GmbH", "Produktdesignerin", "Jan 2017", "Feb 2022"),
                    ]
                )
            },
        )
    )
    assert cli("import", archive).code == 0

    run = cli("config", "init")
    text = user_config_path().read_text(encoding="utf-8")

    assert run.code == 0
    assert "proposed interests" in run.out
    assert tomllib.loads(text)["you"] == {}  # still a proposal: the file changes nothing yet
    kept = tmp_path / "kept.toml"
    kept.write_text(_uncommented(text, "interests"), encoding="utf-8")
    assert load_settings(kept).you.interests == [
        "Nutzerforschung",
        "Service Design",
        "UX-Forscherin",
        "Produktdesignerin",
    ]


def test_cli_config_init_without_a_database_proposes_nothing_and_creates_none(cli: Any) -> None:
    run = cli("config", "init")
    text = user_config_path().read_text(encoding="utf-8")

    assert run.code == 0
    assert "Proposed from your LinkedIn" not in text
    assert "proposed" not in run.out
    assert not load_settings().storage.database_path().exists()
