"""A saved invitation manager page through `invite-watcher import` (the daemon's pipeline):
its invitations arrive with headline and mutual connections; an "HTML only" save is refused in
one line; the ``_files/`` folder beside it is not ours."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.integration.conftest import Run
from tests.support.page_saves import html_only_shell, save_complete, save_mhtml
from tests.support.pages import ADA, CardSpec, Suggestion, live_page

TITLE = "(2) Manage invitations _ LinkedIn"
CAPTURED = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
BO = CardSpec(
    "Bo Lindgren",
    "bo-lindgren",
    headline="Founder at Nordlicht",
    mutual="12 mutual connections",
    time="1 week ago",
)


def saved_complete(folder: Path, dom: str, at: datetime = CAPTURED) -> Path:
    data, files = save_complete(dom, TITLE)
    page = folder / f"{TITLE}.html"
    page.write_bytes(data)
    (folder / f"{TITLE}_files").mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / f"{TITLE}_files" / name).write_bytes(content)
    os.utime(page, (at.timestamp(), at.timestamp()))
    return page


def by_name(run: Run) -> dict[str, Any]:
    return {row["name"]: row for row in run.json()}


def test_import_capture_brings_headline_and_mutual_connections(cli: Any, drop: Path) -> None:
    others = [CardSpec("Jo Follow", "jo-follow", kind="follow")]
    page = saved_complete(drop, live_page([ADA, *others, BO], suggestions=[Suggestion("S", "s")]))

    result = cli("import", page)

    assert result.code == 0, result.out + result.err
    (line,) = result.out.splitlines()
    assert line.startswith(f"imported {page.name} (linkedin-page): 2 new invitations: ")
    rows = by_name(cli("list", "--json"))
    assert sorted(rows) == ["Ada Nwosu", "Bo Lindgren"]
    ada = rows["Ada Nwosu"]
    assert (ada["headline"], ada["mutual_connections"], ada["message"]) == (
        ADA.headline,
        4,
        ADA.note,
    )
    assert ada["profile_url"] == "https://www.linkedin.com/in/ada-nwosu"
    assert datetime.fromisoformat(ada["sent_at"]) == CAPTURED - timedelta(days=2)
    assert ada["verdict"] in ("meet-first", "accept")
    assert (rows["Bo Lindgren"]["headline"], rows["Bo Lindgren"]["mutual_connections"]) == (
        BO.headline,
        12,
    )


def test_import_a_later_capture_of_the_same_invitations_adds_none(
    cli: Any, drop: Path, tmp_path: Path
) -> None:
    first = saved_complete(drop, live_page([ADA]))
    assert cli("import", first).code == 0
    later = tmp_path / "later.mhtml"
    dom = live_page([replace(ADA, time="3 days ago")])
    later.write_bytes(save_mhtml(dom, TITLE, CAPTURED + timedelta(days=1)))

    result = cli("import", later)

    assert result.code == 0, result.out + result.err
    assert "new" not in result.out
    assert list(by_name(cli("list", "--json"))) == ["Ada Nwosu"]


def test_import_html_only_save_exits_1_with_the_one_line_reason(cli: Any, drop: Path) -> None:
    shell = drop / f"{TITLE}.html"
    shell.write_bytes(html_only_shell())

    result = cli("import", shell)

    assert result.code == 1
    failed = [line for line in result.out.splitlines() if line.startswith("failed")]
    assert failed == [
        f"failed {shell.name} (linkedin-page): this is the invitation page saved as “HTML only”: "
        "the server's empty shell, without the invitations you saw; save it as “Webpage, "
        "Complete” or “Single File”"
    ]
    assert "Traceback" not in result.out + result.err
    assert cli("list", "--json").json() == []


def test_import_files_folder_of_a_save_is_not_ours(cli: Any, drop: Path) -> None:
    saved_complete(drop, live_page([ADA]))
    files = sorted((drop / f"{TITLE}_files").iterdir())

    result = cli("import", *files)

    assert result.code == 0
    assert result.out.splitlines() == [
        f"skipped {f.name}: not an export invite-watcher reads" for f in files
    ]
