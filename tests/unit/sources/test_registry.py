"""recognise(): the best source for some content, or None (leave the file alone)."""

from __future__ import annotations

import pytest

from tests.support.exports import build_archive, connections_csv, invitations_json, table, zip_bytes
from watcher.sources.base import HEAD_BYTES
from watcher.sources.registry import REGISTRY, recognise


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("Complete_LinkedInDataExport_09-12-2022 (1).zip", build_archive(), "linkedin-archive"),
        ("anything.bin", build_archive(), "linkedin-archive"),
        ("Connections.csv", connections_csv([]), "linkedin-csv"),
        ("renamed.txt", connections_csv([]), "linkedin-csv"),
        ("invites.json", invitations_json([]), "invitations-json"),
    ],
)
def test_recognise_picks_the_source_by_content(name: str, data: bytes, expected: str) -> None:
    source = recognise(name, data[:HEAD_BYTES])
    assert source is not None and source.name == expected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.csv", b""),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        ("garbage.csv", b"\x81\x8d\x8f\x90\x9d" * 100),
        ("Invitations.csv", table("Name,Email", [["a", "b"]])),
        ("other.zip", zip_bytes({"a.txt": b"hello"})),
        ("notes.json", b'{"hello": "world"}'),
        ("readme.txt", b"Just some text.\nNothing tabular here.\n"),
    ],
)
def test_recognise_leaves_other_files_alone(name: str, data: bytes) -> None:
    assert recognise(name, data) is None


def test_registry_names_are_unique() -> None:
    names = [source.name for source in REGISTRY]
    assert len(names) == len(set(names))
