"""messages.csv reduced to one summary per counterpart, for every header shape."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime

import pytest

from tests.support.exports import MESSAGE_HEADERS, OWNER, Msg, Person, messages_csv, table
from watcher.config.settings import LimitsSettings
from watcher.core import identity
from watcher.models import MessageSummary, ReadProgress
from watcher.sources.linkedin import messages as linkedin_messages
from watcher.sources.linkedin.loose import read_table

RICK = Person("Rick Mabe", "https://www.linkedin.com/in/rickm")
JO = Person("Jo Tim, FICS (UK)", "https://www.linkedin.com/in/jotim")
LUK = Person("Luk Jo", "https://www.linkedin.com/in/lukjo")
AD = Person("LinkedIn Member", None)


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 12, day, hour, tzinfo=UTC)


def summaries(data: bytes) -> dict[str, MessageSummary]:
    read = read_table(io.BytesIO(data), "messages.csv", "messages.csv", LimitsSettings())
    records = [r for r in read if not isinstance(r, ReadProgress)]
    assert all(isinstance(r, MessageSummary) for r in records)
    return {r.person.name: r for r in records if isinstance(r, MessageSummary)}


CONVERSATION = [
    Msg(RICK, (OWNER,), at(1), "hi Eve"),
    Msg(OWNER, (RICK,), at(2), "hi Rick"),
    Msg(RICK, (OWNER,), at(5), "sure, would love to"),
    Msg(LUK, (OWNER,), at(3), "hello"),
]


@pytest.mark.parametrize("variant", sorted(MESSAGE_HEADERS))
def test_read_messages_counts_both_directions_in_every_shape(variant: str) -> None:
    found = summaries(messages_csv(CONVERSATION, variant=variant))
    assert set(found) == {"Rick Mabe", "Luk Jo"}
    rick = found["Rick Mabe"]
    assert (rick.inbound_count, rick.outbound_count) == (2, 1)
    assert (rick.first_inbound, rick.last_inbound) == (at(1), at(5))
    assert rick.first_outbound == rick.last_outbound == at(2)
    with_urls = variant not in ("2018", "2020")
    assert (rick.person.profile_url is not None) == with_urls
    assert found["Luk Jo"].outbound_count == 0


def test_read_messages_skips_drafts_sponsored_and_system_bodies() -> None:
    rows = [
        *CONVERSATION,
        Msg(OWNER, (RICK,), at(9), "draft", draft=True),
        Msg(
            AD, (OWNER,), at(9), '<p class="x">Hi %FIRSTNAME%,</p>', title="Sponsored Conversation"
        ),
        Msg(RICK, (OWNER,), at(10), "Message request accepted"),
        Msg(LUK, (OWNER,), at(10), "A LinkedIn member left the conversation."),
    ]
    found = summaries(messages_csv(rows, variant="2024-12"))
    assert set(found) == {"Rick Mabe", "Luk Jo"}
    assert found["Rick Mabe"].outbound_count == 1
    assert found["Rick Mabe"].last_inbound == at(5)
    assert found["Luk Jo"].inbound_count == 1


@pytest.mark.parametrize("separator", [",", ";"])
def test_read_messages_group_chat_uses_recipient_urls(separator: str) -> None:
    al = Person("Al Bo", "https://www.linkedin.com/in/albo")
    rows = [*CONVERSATION, Msg(al, (JO, LUK, OWNER), at(10), "Hi all", title="Sweden Team")]
    found = summaries(messages_csv(rows, variant="2023", url_separator=separator))
    assert found["Al Bo"].inbound_count == 1
    assert "Jo Tim, FICS (UK)" not in found  # Jo never wrote to the owner
    assert found["Luk Jo"].inbound_count == 1


def test_read_messages_owner_writing_to_a_group_counts_for_each_member() -> None:
    rows = [*CONVERSATION, Msg(OWNER, (JO, LUK), at(11), "Hi both")]
    found = summaries(messages_csv(rows, variant="2024-12"))
    assert found["Jo Tim, FICS (UK)"].outbound_count == 1
    assert found["Jo Tim, FICS (UK)"].person.profile_url == "https://www.linkedin.com/in/jotim"
    assert found["Luk Jo"].outbound_count == 1


def test_read_messages_without_urls_splits_to_on_bare_commas_only() -> None:
    rows = [*CONVERSATION, Msg(OWNER, (JO, LUK), at(11), "Hi both")]
    found = summaries(messages_csv(rows, variant="2022"))
    assert found["Jo Tim, FICS (UK)"].outbound_count == 1
    assert found["Luk Jo"].outbound_count == 1


def test_read_messages_2018_owner_from_direction_even_when_outnumbered() -> None:
    # Rick writes in more rows than the owner takes part in? Impossible in 1:1 chats, so make
    # the owner silent in the participation count by giving only outgoing rows a say.
    rows = [Msg(OWNER, (RICK,), at(1), "hi"), Msg(RICK, (OWNER,), at(2), "yo")]
    found = summaries(messages_csv(rows, variant="2018"))
    assert set(found) == {"Rick Mabe"}
    assert (found["Rick Mabe"].inbound_count, found["Rick Mabe"].outbound_count) == (1, 1)


def test_read_messages_2026_keeps_multiline_content_out_of_the_way() -> None:
    rows = [
        Msg(RICK, (OWNER,), at(1), "line one\nline two, with comma"),
        Msg(OWNER, (RICK,), at(2)),
        Msg(LUK, (OWNER,), at(3)),  # the owner takes part in the most rows: no tie to guess
    ]
    data = messages_csv(rows, variant="2026-04")
    assert b'"line one\nline two, with comma"' in data
    assert summaries(data)["Rick Mabe"].inbound_count == 1


def test_read_messages_skips_rows_without_sender_and_recipient_or_date() -> None:
    header = MESSAGE_HEADERS["2023"]
    rows = [
        [
            "c1",
            "",
            "Rick Mabe",
            RICK.url or "",
            "Eve Kovacs",
            OWNER.url or "",
            "2024-12-01 09:00:00 UTC",
            "",
            "hi",
            "INBOX",
        ],
        [
            "c1",
            "",
            "Eve Kovacs",
            OWNER.url or "",
            "Rick Mabe",
            RICK.url or "",
            "2024-12-02 09:00:00 UTC",
            "",
            "yo",
            "INBOX",
        ],
        ["c2", "", "", "", "", "", "2024-12-03 09:00:00 UTC", "", "ghost", "INBOX"],
        [
            "c1",
            "",
            "Rick Mabe",
            RICK.url or "",
            "Eve Kovacs",
            OWNER.url or "",
            "",
            "",
            "no date",
            "INBOX",
        ],
        ["c1", "", "Rick Mabe", RICK.url or ""],  # short row
        [
            "c3",
            "",
            "Luk Jo",
            LUK.url or "",
            "Eve Kovacs",
            OWNER.url or "",
            "2024-12-04 09:00:00 UTC",
            "",
            "hey",
            "INBOX",
        ],
    ]
    found = summaries(table(header, rows))
    assert set(found) == {"Rick Mabe", "Luk Jo"}
    assert found["Rick Mabe"].inbound_count == 1


def test_read_messages_of_an_empty_table_yields_nothing() -> None:
    assert summaries(messages_csv([], variant="2024-12")) == {}


def test_read_messages_same_summaries_whatever_the_row_order() -> None:
    # real exports interleave conversations: every order of the rows tallies the same
    al = Person("Al Bo", "https://www.linkedin.com/in/albo")
    rows = [
        *CONVERSATION,
        Msg(al, (JO, LUK, OWNER), at(10), "Hi all"),
        Msg(OWNER, (RICK,), at(12), "ok"),
        Msg(OWNER, (JO, LUK), at(13), "Hi both"),
        Msg(LUK, (OWNER,), at(14, 8), "later"),
    ]
    expected = summaries(messages_csv(rows, variant="2024-12"))
    assert expected["Luk Jo"].inbound_count == 2
    shuffler = random.Random(7)
    for _ in range(5):
        shuffled = shuffler.sample(rows, len(rows))
        assert summaries(messages_csv(shuffled, variant="2024-12")) == expected


def test_read_messages_reports_progress_while_the_rows_are_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # messages.csv yields its summaries only at the end: the reports come from the row loop
    monkeypatch.setattr(linkedin_messages, "ROWS_PER_REPORT", 2)
    data = messages_csv(CONVERSATION * 3, variant="2024-12")
    records = list(read_table(io.BytesIO(data), "messages.csv", "m", LimitsSettings()))
    first_summary = next(
        i for i, record in enumerate(records) if isinstance(record, MessageSummary)
    )
    reports = [r for r in records[:first_summary] if isinstance(r, ReadProgress)]
    assert len(reports) >= 1 + len(CONVERSATION) * 3 // 2
    assert all(report.member == "messages.csv" for report in reports)


def test_read_messages_keeps_a_name_holding_the_key_separator() -> None:
    # the hot loop joins a row's cells with KEY_SEPARATOR: a cell holding it keeps its cells
    odd = Person(f"Rick{linkedin_messages.KEY_SEPARATOR}Mabe", RICK.url)
    rows = [Msg(odd, (OWNER,), at(1)), Msg(OWNER, (odd,), at(2)), Msg(LUK, (OWNER,), at(3))]
    found = summaries(messages_csv(rows, variant="2024-12"))
    assert found[odd.name].inbound_count == found[odd.name].outbound_count == 1


@pytest.mark.parametrize("variant", ["2018", "2024-12"])
def test_read_messages_leaves_the_process_wide_identity_caches_alone(variant: str) -> None:
    # the tally keeps its own keys for the file; an entry in identity's caches made while it
    # runs would outlive it among its freed objects and keep its memory from going back
    encoded = Person("Réka Fekete", "https://www.linkedin.com/in/r%C3%A9ka-fekete")
    rows = [*CONVERSATION, Msg(encoded, (OWNER,), at(7)), Msg(OWNER, (encoded, JO), at(8))]
    data = messages_csv(rows, variant=variant)
    before = (identity.name_key.cache_info(), identity.normalise_url.cache_info())
    found = summaries(data)
    assert (identity.name_key.cache_info(), identity.normalise_url.cache_info()) == before
    assert found["Réka Fekete"].inbound_count == found["Réka Fekete"].outbound_count == 1


def test_read_messages_keeps_names_holding_the_url_mark() -> None:
    # group keys write the URL prefix as URL_CODE: cells holding the mark (or the code, or the
    # prefix itself) still come back as written
    mark, code = linkedin_messages.URL_MARK, linkedin_messages.URL_CODE
    odd = [
        Person(f"Rick{code}Mabe", RICK.url),
        Person(f"Jo{mark}{mark}Tim", JO.url),
        Person(f"Luk {code}{mark}https://www.linkedin.com/in/ Jo", LUK.url),
    ]
    rows = [
        row
        for person in odd
        for row in (Msg(person, (OWNER,), at(1)), Msg(OWNER, (person,), at(2)))
    ]
    found = summaries(messages_csv(rows, variant="2024-12"))
    assert set(found) == {person.name for person in odd}
    assert all(found[p.name].inbound_count == found[p.name].outbound_count == 1 for p in odd)
    assert {found[p.name].person.profile_url for p in odd} == {RICK.url, JO.url, LUK.url}
