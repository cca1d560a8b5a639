"""The batch judge: the rulebook's very verdicts, each distinct input judged once."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.judging import OWNER, SENT, trace
from watcher.config.rules import ListsSettings, PeopleList, RulesSettings
from watcher.judge import batch
from watcher.judge.batch import KEYED_FIELDS, UNREAD_FIELDS, BatchJudge
from watcher.judge.rulebook import TEXT_RULES, Rulebook
from watcher.models import (
    Direction,
    EvaluationInput,
    FollowUp,
    History,
    HistoryKind,
    InvitationView,
    Status,
)

RULES = RulesSettings()
NAMES = ("Jane Roe", "Jane Smith", "Omar Roe", "Ana Reyes")
NOTES = (
    "",
    "I'd like to add you to my professional network on LinkedIn.",
    "Hi Jane here",  # a greeting only: "Jane" is not content when Jane sends it
    "Hi William, Jane Roe here, coffee?",
    "Hello from Omar Roe",
    "We have never met, but I admire your PR work at Acme Corp. Coffee in Lisbon?",
    "I help agencies triple their leads: https://bit.ly/x",
)
HEADLINES = ("", "PR manager at Brightside", "Finance at Acme Corp", "LION | open networker")
HISTORIES = (
    History(),
    History(same_note_senders=4),
    History(acquaintances=(trace(HistoryKind.ADDRESS_BOOK, emails=("jane@roe.example",)),)),
    History(connected_source="Connections.csv"),
)
LISTS = (
    ListsSettings(),
    ListsSettings(block=PeopleList(names=["Omar Roe"])),
    ListsSettings(welcome=PeopleList(profile_urls=["https://www.linkedin.com/in/p-1"])),
    ListsSettings(block=PeopleList(companies=["Brightside"], email_domains=["roe.example"])),
)


def item(
    index: int,
    name: str = "Jane Roe",
    note: str = "",
    headline: str = "",
    *,
    history: History | None = None,
    status: Status = Status.PENDING,
    mutual: int | None = None,
) -> EvaluationInput:
    invitation = InvitationView(
        id=index,
        name=name,
        profile_url=f"https://www.linkedin.com/in/p-{index % 3}",
        direction=Direction.INCOMING,
        sent_at=SENT + timedelta(minutes=index),
        message=note,
        headline=headline,
        mutual_connections=mutual,
        status=status,
    )
    followup = None
    if status is Status.UNANSWERED:
        followup = FollowUp(datetime(2026, 4, 2, tzinfo=UTC), timedelta(days=14))
    return EvaluationInput(invitation, OWNER, history or History(), followup)


def every_input() -> list[EvaluationInput]:
    """Every combination of the values above: many pairs differ in one field only."""
    combinations = itertools.product(
        NAMES[:3], NOTES, HEADLINES[:2], HISTORIES, (Status.PENDING, Status.UNANSWERED), (None, 40)
    )
    return [
        item(index, name, note, headline, history=history, status=status, mutual=mutual)
        for index, (name, note, headline, history, status, mutual) in enumerate(combinations)
    ]


@pytest.mark.parametrize("lists", LISTS, ids=("no lists", "names", "urls", "companies"))
def test_batch_judge_gives_the_rulebooks_evaluation_for_every_input(lists: ListsSettings) -> None:
    rulebook = Rulebook.of(RULES, lists)
    judge = BatchJudge.of(rulebook, OWNER)
    items = every_input()
    expected = [rulebook.evaluate(one) for one in items]
    # One judge for all, twice over: most are answered from memory.
    assert [judge.evaluate(one) for one in items] == expected
    assert [judge.evaluate(one) for one in reversed(items)] == expected[::-1]


def test_batch_judge_judges_identical_inputs_once() -> None:
    judge = BatchJudge.of(Rulebook.of(RULES, ListsSettings()), OWNER)
    first = judge.evaluate(item(1, "Jane Roe", "Hi William, coffee soon?", "PR manager"))
    # Another inviter, another time and id: nothing the rules read.
    again = judge.evaluate(item(2, "Ana Reyes", "Hi William, coffee soon?", "PR manager"))
    assert again is first
    other = judge.evaluate(item(3, "Ana Reyes", "Hi William, coffee soon?", "Founder"))
    assert other is not first


def test_batch_judge_tells_a_note_naming_its_sender_apart() -> None:
    judge = BatchJudge.of(Rulebook.of(RULES, ListsSettings()), OWNER)
    # From Jane, "Jane" is her name and no content: a greeting; from Omar, the note says more.
    from_jane = judge.evaluate(item(1, "Jane Roe", "Hi, Jane Roe here, William"))
    from_omar = judge.evaluate(item(2, "Omar Reyes", "Hi, Jane Roe here, William"))
    assert "note.missing" in {f.rule for f in from_jane.findings}
    assert "note.missing" not in {f.rule for f in from_omar.findings}


def test_batch_judge_keys_the_inviter_when_the_lists_name_people() -> None:
    lists = ListsSettings(block=PeopleList(names=["Omar Roe"]))
    judge = BatchJudge.of(Rulebook.of(RULES, lists), OWNER)
    assert not judge.evaluate(item(1, "Jane Roe")).decided_by_list
    assert judge.evaluate(item(2, "Omar Roe")).decided_by_list


def test_batch_judge_keys_every_field_the_rules_read() -> None:
    # A field added to InvitationView must be keyed (batch._evaluation_key) or said unread.
    fields = {f.name for f in dataclasses.fields(InvitationView)}
    assert fields == KEYED_FIELDS | UNREAD_FIELDS | {"profile_url"}


def test_text_rules_read_nothing_but_the_text() -> None:
    # The batch judge answers TEXT_RULES once per note, headline and mutual connections: the
    # history, status, follow-up and the note's other senders must not change what they find.
    rulebook = Rulebook.of(RULES, ListsSettings())
    assert {rulebook.active[place][0].id for place in rulebook.text_rules} <= TEXT_RULES
    rich = History(
        connected_source="Connections.csv",
        same_note_senders=9,
        acquaintances=(trace(HistoryKind.CALENDAR, detail="Acme Corp offsite"),),
    )
    for note, headline in itertools.product(NOTES, HEADLINES):
        plain = rulebook.context(item(1, "Jane Roe", note, headline, mutual=40))
        varied = rulebook.context(
            item(2, "Jane Roe", note, headline, history=rich, status=Status.UNANSWERED, mutual=40)
        )
        assert rulebook.text_findings(varied) == rulebook.text_findings(plain)


def test_batch_judge_memory_is_bounded_and_answers_stay_right(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past REMEMBERED distinct inputs each table starts afresh: an import of all-distinct
    notes keeps its memory flat, and an input judged before and forgotten is judged again."""
    monkeypatch.setattr(batch, "REMEMBERED", 8)
    rulebook = Rulebook.of(RULES, ListsSettings())
    judge = BatchJudge.of(rulebook, OWNER)
    items = [item(i, note=f"Hello, I work on topic number {i}") for i in range(30)]
    assert [judge.evaluate(one) for one in items + items] == [
        rulebook.evaluate(one) for one in items + items
    ]
    for table in (judge._evaluations, judge._notes, judge._text_findings, judge._words):
        assert 0 < len(table) <= 8
