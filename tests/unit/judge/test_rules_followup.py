"""The ``meetup.*`` rules: an unanswered meet-up request counts against, and means ignore."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.support.judging import PLAIN_OWNER, SENT, rules_of, run, trace
from watcher.config.rules import ListsSettings, PeopleList, RulesSettings
from watcher.models import Evaluation, FollowUp, History, HistoryKind, Status, Verdict

#: a note the score alone accepts
GOOD_NOTE = (
    "Hi William — we've never met, but I'd like to. I'm growing a network of young "
    "marketers and you look like someone to have coffee with. Interested?"
)
REQUEST = FollowUp(requested_at=SENT + timedelta(days=1), waited=timedelta(days=14))


def with_points(points: int) -> RulesSettings:
    return RulesSettings(points=RulesSettings().points | {"meetup.unanswered": points})


def unanswered(
    note: str = GOOD_NOTE,
    *,
    rules: RulesSettings | None = None,
    history: History | None = None,
    lists: ListsSettings | None = None,
) -> Evaluation:
    return run(
        note,
        owner=PLAIN_OWNER,
        status=Status.UNANSWERED,
        followup=REQUEST,
        rules=rules,
        history=history,
        lists=lists,
    )


@pytest.mark.parametrize("status", list(Status))
def test_unanswered_fires_only_for_an_unanswered_invitation(status: Status) -> None:
    evaluation = run(GOOD_NOTE, owner=PLAIN_OWNER, status=status, followup=REQUEST)
    assert ("meetup.unanswered" in rules_of(evaluation)) is (status is Status.UNANSWERED)


def test_unanswered_names_the_wait_and_when_it_ran_out() -> None:
    found = next(f for f in unanswered().findings if f.rule == "meetup.unanswered")
    assert found.detail == "no answer to the meet-up request after 14 days"
    assert found.at == REQUEST.requested_at + REQUEST.waited
    assert found.source == "meet-up request"


@pytest.mark.parametrize(
    ("waited", "detail"),
    [
        (timedelta(days=1), "no answer to the meet-up request after 1 day"),
        (timedelta(seconds=90), "no answer to the meet-up request in time"),
    ],
)
def test_unanswered_says_days_only_when_there_are_some(waited: timedelta, detail: str) -> None:
    request = FollowUp(SENT, waited)
    evaluation = run(status=Status.UNANSWERED, followup=request)
    assert next(f.detail for f in evaluation.findings if f.rule == "meetup.unanswered") == detail


def test_unanswered_without_the_request_still_fires() -> None:
    evaluation = run(status=Status.UNANSWERED)
    found = next(f for f in evaluation.findings if f.rule == "meetup.unanswered")
    assert found.detail == "no answer to the meet-up request in time"
    assert evaluation.verdict is Verdict.IGNORE


@pytest.mark.parametrize("points", [-10, -3, 4])
def test_unanswered_scores_its_configured_points(points: int) -> None:
    pending = run(GOOD_NOTE, owner=PLAIN_OWNER)
    evaluation = unanswered(rules=with_points(points))
    found = next(f for f in evaluation.findings if f.rule == "meetup.unanswered")
    assert found.points == points
    assert evaluation.score == pending.score + points


def test_unanswered_means_ignore_whatever_the_score() -> None:
    history = History(acquaintances=(trace(HistoryKind.ADDRESS_BOOK),))
    assert run(GOOD_NOTE, owner=PLAIN_OWNER, history=history).verdict is Verdict.ACCEPT
    evaluation = unanswered(history=history, rules=with_points(-1))
    assert evaluation.score >= RulesSettings().accept_at  # the score alone would still accept
    assert evaluation.verdict is Verdict.IGNORE
    assert evaluation.findings[0].rule == "verdict.unanswered"


def test_unanswered_ignores_even_with_points_that_would_accept() -> None:
    evaluation = unanswered(rules=with_points(4))
    assert evaluation.verdict is Verdict.IGNORE
    assert evaluation.findings[0].rule == "verdict.unanswered"


def test_unanswered_outranks_a_pitch_from_someone_known() -> None:
    card = trace(HistoryKind.ADDRESS_BOOK)
    note = "Hi William, we help companies like yours cut costs — free demo?"
    known = run(note, history=History(acquaintances=(card,)))
    assert known.findings[0].rule == "verdict.pitch-known"
    evaluation = unanswered(note, history=History(acquaintances=(card,)))
    assert evaluation.verdict is Verdict.IGNORE
    assert evaluation.findings[0].rule == "verdict.unanswered"


def test_unanswered_zero_points_turn_the_rule_and_its_override_off() -> None:
    evaluation = unanswered(rules=with_points(0))
    assert "meetup.unanswered" not in rules_of(evaluation)
    assert "verdict.unanswered" not in rules_of(evaluation)
    assert evaluation.verdict is Verdict.ACCEPT  # the score's verdict, as for a pending one
    assert evaluation.score == run(GOOD_NOTE, owner=PLAIN_OWNER).score


def test_unanswered_welcome_list_still_settles_the_verdict() -> None:
    # The user's own lists outrank every inference, this one too.
    lists = ListsSettings(welcome=PeopleList(names=["Jane Roe"]))
    evaluation = unanswered(lists=lists)
    assert evaluation.verdict is Verdict.ACCEPT
    assert evaluation.decided_by_list
    assert "meetup.unanswered" in rules_of(evaluation)
