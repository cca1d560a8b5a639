"""An archive of another owner than the stored one is flagged: the import's summary line and
its ``--json`` say so (the daemon logs it as a warning), and the newer owner counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.exports import build_archive, profile_csv

WARNING = (
    "  warning: this archive belongs to Sam Lee, but earlier files were Eve Kovacs's: "
    "the newest one's employer and school count as yours"
)


def archive(tmp_path: Path, name: str, first: str, last: str, year: int) -> Path:
    path = tmp_path / name
    path.write_bytes(
        build_archive(profile=profile_csv(first, last, "Data Lead at Acme"), year=year)
    )
    return path


def test_import_of_another_owners_archive_warns(cli: Any, tmp_path: Path) -> None:
    assert cli("import", archive(tmp_path, "eve.zip", "Eve", "Kovacs", 2024)).code == 0

    result = cli("import", archive(tmp_path, "sam.zip", "Sam", "Lee", 2025))

    assert result.code == 0, result.err
    assert result.out.splitlines()[1:] == [WARNING]


def test_import_of_another_owners_archive_warns_in_json(cli: Any, tmp_path: Path) -> None:
    assert cli("import", archive(tmp_path, "eve.zip", "Eve", "Kovacs", 2024)).code == 0

    (outcome,) = cli("import", "--json", archive(tmp_path, "sam.zip", "Sam", "Lee", 2025)).json()

    assert outcome["changes"]["warnings"] == [WARNING.removeprefix("  warning: ")]


def test_import_of_the_same_owner_again_does_not_warn(cli: Any, tmp_path: Path) -> None:
    assert cli("import", archive(tmp_path, "a.zip", "Eve", "Kovacs", 2024)).code == 0

    result = cli("import", archive(tmp_path, "b.zip", "EVE", "Kovács", 2025))

    assert result.code == 0, result.err
    assert "warning" not in result.out
