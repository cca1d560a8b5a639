"""Captures complete the archive (issue 11, items 3 and 4), through `import`, `list` and `show`.

A card of the invitation manager page and the archive's row for the same open invitation are
one invitation: the capture brings the headline, the mutual connections and the note as the
page showed it; the archive brings the exact time and the full note. A verdict made without a
headline or mutual connections says so (`confidence`, `missing`) and what would fill them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_import_order import archive_name, capture, imported, nov, write
from tests.support.exports import Invite, Person, build_archive
from tests.support.pages import CardSpec

BO = Person("Bo Lindqvist", "https://www.linkedin.com/in/bo-lindqvist")
NOTE = (
    "Hi! We have not met, but I lead the data platform team at Northwind and read your post on "
    "event sourcing. Would you be up for a coffee next week to compare notes?"
)


def card(**options: Any) -> CardSpec:
    values: dict[str, Any] = {
        "headline": "Head of Data Platform at Northwind",
        "mutual": "Jane Roe and 3 other mutual connections",
        "time": "1 week ago",
        "note": NOTE,
        "truncated": True,
    }
    return CardSpec("Bo Lindqvist", "bo-lindqvist", **{**values, **options})


def listed(cli: Any) -> dict[str, Any]:
    result = cli("list", "--json")
    assert result.code == 0, result.err
    [only] = result.json()
    return only  # type: ignore[no-any-return]


@pytest.mark.parametrize("capture_first", [True, False], ids=["capture-first", "archive-first"])
def test_capture_and_archive_complete_each_other(
    cli: Any, tmp_path: Path, capture_first: bool
) -> None:
    page = write(tmp_path, "linkedin-invitations.html", capture(nov(26), card()))
    archive = write(
        tmp_path, archive_name(28), build_archive(invitations=[Invite(BO, nov(15), NOTE)])
    )
    imported(cli, *((page, archive) if capture_first else (archive, page)))
    bo = listed(cli)
    assert bo["headline"] == "Head of Data Platform at Northwind"  # from the capture
    assert bo["mutual_connections"] == 4
    assert bo["sent_at"] == nov(15).isoformat()  # the archive's exact time
    assert bo["message"] == NOTE  # the archive's full note beats the page's cut one
    assert bo["note_truncated"] is False
    assert (bo["confidence"], bo["missing"]) == ("high", [])
    assert [s["file"] for s in bo["seen_in"]] == [page.name, archive.name]  # list, as show


def test_capture_alone_keeps_the_cut_note_and_says_so(cli: Any, tmp_path: Path) -> None:
    imported(cli, write(tmp_path, "linkedin-invitations.html", capture(nov(26), card())))
    bo = listed(cli)
    assert bo["note_truncated"] is True
    assert NOTE.startswith(bo["message"].rstrip(".… "))
    report = cli("show", str(bo["id"])).out
    assert "cut short by the page" in report


def test_a_full_capture_later_replaces_a_cut_note(cli: Any, tmp_path: Path) -> None:
    first = write(tmp_path, "first.html", capture(nov(26), card()))
    later = write(tmp_path, "later.html", capture(nov(27), card(truncated=False)))
    imported(cli, first, later)
    bo = listed(cli)
    assert (bo["message"], bo["note_truncated"]) == (NOTE, False)


def test_archive_only_verdict_says_what_it_lacks(cli: Any, tmp_path: Path) -> None:
    archive = write(
        tmp_path, archive_name(28), build_archive(invitations=[Invite(BO, nov(15), "")])
    )
    imported(cli, archive)
    bo = listed(cli)
    assert bo["confidence"] == "low"
    assert bo["missing"] == ["headline", "mutual_connections"]
    report = cli("show", str(bo["id"])).out
    assert "confidence low" in report
    assert "capture the invitation page to judge value" in report
