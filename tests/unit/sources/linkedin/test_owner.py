"""The archive's owner, known from Profile.csv, Invitations.csv and Connections.csv before
messages.csv is read, whatever the member order in the ZIP; the vote over rows as last resort."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.exports import (
    OWNER,
    Connection,
    Invite,
    Msg,
    Person,
    archive_members,
    messages_csv,
    profile_csv,
    zip_bytes,
)
from watcher.config.settings import LimitsSettings
from watcher.models import MessageSummary, Record
from watcher.sources.linkedin.archive import ArchiveSource
from watcher.sources.linkedin.loose import read_table
from watcher.sources.linkedin.owner import OwnerClues

#: The other person of the one conversation: their key sorts before the owner's, so a vote that
#: cannot tell the two apart (both take part in every row) would take Ana for the owner.
ANA = Person("Ana Reyes", "https://www.linkedin.com/in/ana-reyes")
EVE_URL = "https://www.linkedin.com/in/eve-kovacs"
assert ANA.url is not None and ANA.url < EVE_URL and OWNER.url == EVE_URL


def at(day: int) -> datetime:
    return datetime(2024, 12, day, 9, tzinfo=UTC)


#: One conversation, newest first as LinkedIn writes it: Ana wrote twice, the owner once.
CONVERSATION = [
    Msg(ANA, (OWNER,), at(5), "Sure, Tuesday?"),
    Msg(OWNER, (ANA,), at(3), "Coffee first?"),
    Msg(ANA, (OWNER,), at(1), "Hi Eve"),
]


def summaries(records: list[Record]) -> dict[str, MessageSummary]:
    return {r.person.name: r for r in records if isinstance(r, MessageSummary)}


def archive(tmp_path: Path, members: dict[str, bytes], *, messages_first: bool) -> Path:
    """The members as one ZIP, messages.csv first or last among them."""
    order = sorted(members, key=lambda name: (name != "messages.csv") == messages_first)
    path = tmp_path / "Basic_LinkedInDataExport_12-09-2024.zip"
    path.write_bytes(zip_bytes({name: members[name] for name in order}))
    return path


def read(path: Path) -> list[Record]:
    return list(ArchiveSource().read(path, LimitsSettings()))


def assert_history_with_ana(found: dict[str, MessageSummary]) -> None:
    assert set(found) == {"Ana Reyes"}
    ana = found["Ana Reyes"]
    assert ana.person.profile_url == ANA.url
    assert (ana.inbound_count, ana.outbound_count) == (2, 1)
    assert (ana.first_inbound, ana.last_inbound, ana.last_outbound) == (at(1), at(5), at(3))


@pytest.mark.parametrize("messages_first", [True, False], ids=["messages-first", "messages-last"])
def test_owner_of_a_one_conversation_archive_whatever_the_member_order(
    tmp_path: Path, messages_first: bool
) -> None:
    members = archive_members(
        invitations=[Invite(ANA, at(1), "Let's connect")], messages=CONVERSATION
    )
    found = summaries(read(archive(tmp_path, members, messages_first=messages_first)))
    assert_history_with_ana(found)


@pytest.mark.parametrize("messages_first", [True, False], ids=["messages-first", "messages-last"])
def test_owner_from_the_profile_name_alone(tmp_path: Path, messages_first: bool) -> None:
    # no invitation names the owner: Profile.csv's name does
    members = archive_members(messages=CONVERSATION)
    found = summaries(read(archive(tmp_path, members, messages_first=messages_first)))
    assert_history_with_ana(found)


def test_owner_from_the_invitations_url_when_the_profile_name_differs(tmp_path: Path) -> None:
    members = archive_members(
        invitations=[Invite(Person("Jo Lee", "https://www.linkedin.com/in/jo-lee"), at(1))],
        messages=CONVERSATION,
        profile=profile_csv("Evelyn", "K."),
    )
    assert_history_with_ana(summaries(read(archive(tmp_path, members, messages_first=True))))


def test_owner_is_not_one_of_the_connections(tmp_path: Path) -> None:
    members = archive_members(
        connections=[Connection("Ana", "Reyes", ANA.url)],
        messages=CONVERSATION,
        profile=profile_csv("Evelyn", "K."),
    )
    assert_history_with_ana(summaries(read(archive(tmp_path, members, messages_first=True))))


def test_owner_by_name_in_the_2022_shapes_without_urls(tmp_path: Path) -> None:
    members = archive_members(invitations=[Invite(ANA, at(1))], messages=CONVERSATION, year=2022)
    found = summaries(read(archive(tmp_path, members, messages_first=True)))
    assert (found["Ana Reyes"].inbound_count, found["Ana Reyes"].outbound_count) == (2, 1)
    assert set(found) == {"Ana Reyes"}


def loose(data: bytes) -> dict[str, MessageSummary]:
    records = read_table(io.BytesIO(data), "messages.csv", "messages.csv", LimitsSettings())
    return summaries(list(records))


def test_owner_of_a_loose_tie_is_a_guess_that_does_not_follow_the_row_order() -> None:
    # messages.csv alone names no owner and both take part in every row: the vote guesses,
    # the same way for any row order
    ana_first = loose(messages_csv(CONVERSATION))
    owner_first = loose(messages_csv(CONVERSATION[1:] + CONVERSATION[:1]))
    assert ana_first == owner_first and len(ana_first) == 1


def test_owner_clues_choose_url_then_name_then_not_a_connection() -> None:
    rows = Counter({"a": 3, "b": 3, "name:eve kovacs": 1})
    names = {"a": "Ana Reyes", "b": "Eve Kovacs"}
    clues = OwnerClues()
    assert clues.choose(rows, names) is None
    clues.saw_connection("Ana Reyes", "a")
    assert clues.choose(rows, names) == "b"  # the most active one who is not a connection
    clues.saw_owner("Eve Kovacs")
    assert clues.choose(rows, names) == "b"  # the name: the busier of "b" and name:eve kovacs
    clues.saw_owner("", "https://www.linkedin.com/in/Eve-Kovacs/")
    url_rows = Counter({**rows, EVE_URL: 1})
    assert clues.choose(url_rows, names) == EVE_URL  # the URL beats any name
