"""Evidence over time through `import` (issue 10, items 1, 2 and 4): every file is weighed as of
when it was true, absence proves something only from a complete, newer listing, and an
invitation closed only by inference reopens when newer evidence lists it.

The order-independence property over a realistic set of files is test_import_order_property.py.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.exports import Invite, Person, build_archive, invitations_json
from tests.support.pages import MANAGER_URL, CardSpec, live_page

YAZ = Person("Yaz Moreno", "https://www.linkedin.com/in/yaz-moreno")
JANE = Person("Jane Roe", "https://www.linkedin.com/in/jane-roe")
ZED = Person("Zed Quinn", "https://www.linkedin.com/in/zed-quinn")
WIM = Person("Wim Berg", "https://www.linkedin.com/in/wim-berg")
BO = Person("Bo Lindqvist", "https://www.linkedin.com/in/bo-lindqvist")
ANA = Person("Ana Reyes", "https://www.linkedin.com/in/ana-reyes")
UMA = Person("Uma Tal", "https://www.linkedin.com/in/uma-tal")

JANE_VCF = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Roe\r\nN:Roe;Jane;;;\r\n"
    b"EMAIL;TYPE=INTERNET:jane@roe.example\r\n"
    b"item1.URL:https\\://www.linkedin.com/in/jane-roe\r\nitem1.X-ABLabel:LinkedIn\r\n"
    b"END:VCARD\r\n"
)


def nov(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def entry(person: Person, sent: datetime, note: str = "") -> dict[str, Any]:
    return {
        "name": person.name,
        "profile_url": person.url,
        "note": note,
        "sent_at": sent.isoformat(),
    }


def capture(at: datetime, *cards: CardSpec) -> bytes:
    """The invitation manager as our bookmarklet saves it: its mark (the page's address and
    the capture time), then the live DOM."""
    mark = json.dumps({"url": MANAGER_URL, "captured_at": at.isoformat()})
    return f"<!-- invite-watcher/capture@1 {mark} -->\n{live_page(list(cards))}".encode()


def archive_name(day: int) -> str:
    return f"Basic_LinkedInDataExport_11-{day:02d}-2026.zip"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def by_name(cli: Any) -> dict[str, dict[str, Any]]:
    result = cli("list", "--json")
    assert result.code == 0, result.err
    return {item["name"]: item for item in result.json()}


def show(cli: Any, invitation_id: int) -> dict[str, Any]:
    result = cli("show", "--json", str(invitation_id))
    assert result.code == 0, result.err
    return result.json()  # type: ignore[no-any-return]


def imported(cli: Any, *paths: Path) -> None:
    for path in paths:
        result = cli("import", path)
        assert result.code == 0, result.out + result.err


# --------------------------------------------------------------------------------------------
# The bug as a new user hit it
# --------------------------------------------------------------------------------------------


@pytest.fixture
def late_json_early_archive(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An invitation JSON exported on 25 November, an archive exported on 20 November, and an
    address book with Jane in it. Jane's invitation was sent on the 22nd, after the archive."""
    page = write(
        tmp_path,
        "invitations.json",
        invitations_json(
            [entry(JANE, nov(22)), entry(YAZ, nov(10), "Hi Eve"), entry(ZED, nov(12))],
            exported_at="2026-11-25T18:00:00+01:00",
        ),
    )
    archive = write(
        tmp_path,
        archive_name(20),
        build_archive(invitations=[Invite(YAZ, nov(10), "Hi Eve"), Invite(WIM, nov(5))]),
    )
    book = write(tmp_path, "contacts.vcf", JANE_VCF)
    return page, archive, book


@pytest.mark.parametrize(
    "json_first", [True, False], ids=["json-then-archive", "archive-then-json"]
)
def test_import_an_older_archive_closes_nothing_a_newer_json_lists(
    cli: Any, late_json_early_archive: tuple[Path, Path, Path], json_first: bool
) -> None:
    page, archive, book = late_json_early_archive
    imported(cli, *((page, archive) if json_first else (archive, page)), book)

    found = by_name(cli)
    assert {name: item["status"] for name, item in found.items()} == {
        "Jane Roe": "pending",  # sent after the archive was made: it cannot know
        "Zed Quinn": "pending",  # in its window, but the JSON saw it waiting later
        "Yaz Moreno": "pending",
        "Wim Berg": "pending",
    }
    jane = show(cli, found["Jane Roe"]["id"])
    assert jane["verdict"] == "accept"  # the address book that came last re-judged her
    assert "history.address-book" in {reason["rule"] for reason in jane["reasons"]}
    assert jane["transitions"] == []


def test_import_a_newer_archive_without_an_invitation_closes_it_until_a_newer_json_lists_it(
    cli: Any, tmp_path: Path
) -> None:
    early = write(
        tmp_path,
        archive_name(20),
        build_archive(invitations=[Invite(BO, nov(10), "Hey"), Invite(ANA, nov(3))]),
    )
    late = write(
        tmp_path,
        archive_name(28),
        build_archive(invitations=[Invite(ANA, nov(3)), Invite(UMA, nov(25))]),
    )
    page = write(
        tmp_path,
        "invitations.json",
        invitations_json([entry(BO, nov(10), "Hey")], exported_at="2026-11-30T09:00:00Z"),
    )
    imported(cli, early)
    bo = by_name(cli)["Bo Lindqvist"]["id"]

    imported(cli, late)
    assert show(cli, bo)["status"] == "ignored"

    imported(cli, page)
    shown = show(cli, bo)
    assert shown["status"] == "pending"
    closed, reopened = shown["transitions"]
    assert (closed["from"], closed["to"], closed["event"]) == ("pending", "ignored", "vanished")
    assert archive_name(28) in closed["cause"]
    assert (reopened["from"], reopened["to"], reopened["event"]) == (
        "ignored",
        "pending",
        "reappeared",
    )
    assert reopened["cause"] == "import of invitations.json"
    assert shown["verdict"] is not None
    assert [(s["file"], s["as_of"], s["listing"]) for s in shown["seen_in"]] == [
        (archive_name(20), "2026-11-20T00:00:00+00:00", "complete"),
        ("invitations.json", "2026-11-30T09:00:00+00:00", "partial"),
    ]


def test_import_an_older_json_after_a_newer_archive_lacking_its_invitation(
    cli: Any, tmp_path: Path
) -> None:
    # The archive of the 28th covers the 12th and does not list Zed: the JSON of the 15th saw
    # the invitation waiting, but the archive is newer. Either order gives the same answer.
    late = write(
        tmp_path,
        archive_name(28),
        build_archive(invitations=[Invite(ANA, nov(3)), Invite(UMA, nov(25))]),
    )
    page = write(
        tmp_path,
        "invitations.json",
        invitations_json([entry(ZED, nov(12))], exported_at="2026-11-15T09:00:00Z"),
    )
    imported(cli, late, page)

    zed = by_name(cli)["Zed Quinn"]
    assert zed["status"] == "ignored"
    assert zed["verdict"] is not None


def test_import_a_json_never_proves_an_invitation_gone(cli: Any, tmp_path: Path) -> None:
    first = write(
        tmp_path,
        "first.json",
        invitations_json([entry(ZED, nov(12)), entry(YAZ, nov(13))], exported_at="2026-11-15"),
    )
    second = write(
        tmp_path, "second.json", invitations_json([entry(YAZ, nov(13))], exported_at="2026-11-30")
    )
    imported(cli, first, second)

    assert by_name(cli)["Zed Quinn"]["status"] == "pending"


def test_import_listing_again_never_undoes_the_users_ignore(cli: Any, tmp_path: Path) -> None:
    early = write(tmp_path, archive_name(20), build_archive(invitations=[Invite(BO, nov(10))]))
    late = write(tmp_path, archive_name(28), build_archive(invitations=[Invite(ANA, nov(3))]))
    page = write(
        tmp_path, "inv.json", invitations_json([entry(BO, nov(10))], exported_at="2026-11-30")
    )
    imported(cli, early, late)
    bo = by_name(cli)["Bo Lindqvist"]["id"]
    assert cli("decide", str(bo), "ignore").code == 0  # ignored by inference, now for good

    imported(cli, page)

    shown = show(cli, bo)
    assert shown["status"] == "ignored"
    assert [t["event"] for t in shown["transitions"]] == ["vanished", "decided-ignore"]


# --------------------------------------------------------------------------------------------
# As-of times: where each comes from, and what `show` says
# --------------------------------------------------------------------------------------------


def test_show_lists_the_files_that_saw_an_invitation_and_as_of_when(
    cli: Any, tmp_path: Path
) -> None:
    undated = write(tmp_path, "export.zip", build_archive(invitations=[Invite(YAZ, nov(10))]))
    page = write(tmp_path, "page.json", invitations_json([entry(YAZ, nov(10))], exported_at=None))
    os.utime(page, (nov(26).timestamp(), nov(26).timestamp()))
    imported(cli, undated, page)
    yaz = by_name(cli)["Yaz Moreno"]["id"]

    seen = show(cli, yaz)["seen_in"]

    assert seen == [
        {
            "file": "export.zip",
            "as_of": "2026-11-10T10:00:00+00:00",
            "listing": "complete",
            "as_of_from": "its newest entry (no export date in its name)",
        },
        {
            "file": "page.json",
            "as_of": "2026-11-26T10:00:00+00:00",
            "listing": "partial",
            "as_of_from": "the file's modification time (it has no exported_at)",
        },
    ]
    report = cli("show", str(yaz)).out
    assert "seen in" in report
    assert "page.json  (partial listing; as of the file's modification time" in report
    assert "it has no exported_at" in report


# --------------------------------------------------------------------------------------------
# A page capture's "1 week ago" and the archive's exact time are one invitation
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("capture_first", [True, False], ids=["capture-first", "archive-first"])
def test_import_capture_window_and_archive_row_are_one_invitation(
    cli: Any, tmp_path: Path, capture_first: bool
) -> None:
    card = CardSpec("Bo Lindqvist", "bo-lindqvist", time="1 week ago")  # 12 to 19 Nov
    page = write(tmp_path, "linkedin-invitations.html", capture(nov(26), card))
    archive = write(
        tmp_path, archive_name(28), build_archive(invitations=[Invite(BO, nov(15), "Hey")])
    )
    imported(cli, *((page, archive) if capture_first else (archive, page)))

    [bo] = by_name(cli).values()
    assert (bo["status"], bo["sent_at"]) == ("pending", nov(15).isoformat())
    seen = show(cli, bo["id"])["seen_in"]
    assert [(s["file"], s["listing"], s["as_of_from"]) for s in seen] == [
        (page.name, "partial", "its capture time"),
        (archive.name, "complete", "the export date in its name"),
    ]
