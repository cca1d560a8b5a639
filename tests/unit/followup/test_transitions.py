"""The lifecycle's state machine: every legal move, every illegal one with its reason, and what an
inference may undo that a decision may not."""

from __future__ import annotations

import pytest

from watcher.followup.transitions import (
    DECISIONS,
    INFERENCES,
    IllegalTransition,
    LifecycleEvent,
    recorded,
    transition,
)
from watcher.models import Status
from watcher.store.lifecycle import DECISIONS as STORED_DECISIONS

S = Status
E = LifecycleEvent

#: Every legal move of an invitation whose status did not come from an inference.
LEGAL: dict[tuple[Status, LifecycleEvent], Status] = {
    (S.PENDING, E.SENT): S.MEET_REQUESTED,
    (S.MEET_REQUESTED, E.SENT): S.MEET_REQUESTED,
    (S.UNANSWERED, E.SENT): S.MEET_REQUESTED,
    (S.MEET_REQUESTED, E.REPLIED): S.REPLIED,
    (S.UNANSWERED, E.REPLIED): S.REPLIED,
    (S.REPLIED, E.REPLIED): S.REPLIED,
    (S.MEET_REQUESTED, E.GAVE_UP): S.UNANSWERED,
    (S.UNANSWERED, E.GAVE_UP): S.UNANSWERED,
    (S.PENDING, E.VANISHED): S.IGNORED,
    (S.MEET_REQUESTED, E.VANISHED): S.IGNORED,
    (S.REPLIED, E.VANISHED): S.IGNORED,
    (S.UNANSWERED, E.VANISHED): S.IGNORED,
    (S.IGNORED, E.VANISHED): S.IGNORED,
    (S.ACCEPTED, E.VANISHED): S.ACCEPTED,
    # Listed again: nothing changes for what did not vanish.
    (S.PENDING, E.REAPPEARED): S.PENDING,
    (S.MEET_REQUESTED, E.REAPPEARED): S.MEET_REQUESTED,
    (S.REPLIED, E.REAPPEARED): S.REPLIED,
    (S.UNANSWERED, E.REAPPEARED): S.UNANSWERED,
    (S.ACCEPTED, E.REAPPEARED): S.ACCEPTED,
    **{(status, E.CONNECTED): S.ACCEPTED for status in Status},
    **{(status, E.DECIDED_ACCEPT): S.ACCEPTED for status in Status},
    **{(status, E.DECIDED_IGNORE): S.IGNORED for status in Status},
}
ILLEGAL = [(status, event) for status in Status for event in E if (status, event) not in LEGAL]


@pytest.mark.parametrize(("current", "event"), sorted(LEGAL))
def test_transition_legal_move(current: Status, event: LifecycleEvent) -> None:
    assert transition(current, event) is LEGAL[current, event]


@pytest.mark.parametrize(("current", "event"), ILLEGAL)
def test_transition_illegal_move_raises_with_reason(current: Status, event: LifecycleEvent) -> None:
    with pytest.raises(IllegalTransition) as caught:
        transition(current, event)
    assert f"'{event}'" in str(caught.value)
    assert str(current) in str(caught.value)
    assert caught.value.current is current


def test_transition_illegal_set_is_what_we_expect() -> None:
    assert set(ILLEGAL) == {
        (S.PENDING, E.REPLIED),
        (S.PENDING, E.GAVE_UP),
        (S.REPLIED, E.SENT),
        (S.REPLIED, E.GAVE_UP),
        (S.ACCEPTED, E.SENT),
        (S.ACCEPTED, E.REPLIED),
        (S.ACCEPTED, E.GAVE_UP),
        (S.IGNORED, E.SENT),
        (S.IGNORED, E.REPLIED),
        (S.IGNORED, E.GAVE_UP),
        (S.IGNORED, E.REAPPEARED),  # unless only an inference closed it: below
    }


def test_transition_replied_before_sent_tells_what_to_do() -> None:
    with pytest.raises(IllegalTransition, match="run `sent ID` first"):
        transition(S.PENDING, E.REPLIED)


def test_transition_vanished_never_demotes_accepted() -> None:
    assert transition(S.ACCEPTED, E.VANISHED) is S.ACCEPTED


# --------------------------------------------------------------------------------------------
# What an inference closed, newer evidence reopens; what the user decided stays
# --------------------------------------------------------------------------------------------


def test_transition_reappeared_reopens_what_vanishing_closed() -> None:
    assert transition(S.IGNORED, E.REAPPEARED, closed_by=E.VANISHED) is S.PENDING


@pytest.mark.parametrize("before", [S.PENDING, S.MEET_REQUESTED, S.UNANSWERED, S.REPLIED])
def test_transition_reappeared_goes_back_to_where_it_stood(before: Status) -> None:
    # a meet-up request the user sent stays sent: a listing that left it out proved nothing
    reopened = transition(S.IGNORED, E.REAPPEARED, closed_by=E.VANISHED, came_from=before)
    assert reopened is before


def test_transition_reappeared_goes_back_to_pending_from_nowhere_it_could_stand() -> None:
    for before in (S.IGNORED, S.ACCEPTED):  # vanishing never leaves either: not trusted
        reopened = transition(S.IGNORED, E.REAPPEARED, closed_by=E.VANISHED, came_from=before)
        assert reopened is S.PENDING


@pytest.mark.parametrize("closed_by", [E.DECIDED_IGNORE, None])
def test_transition_reappeared_never_undoes_a_decision(closed_by: LifecycleEvent | None) -> None:
    # None: a move from before events were kept; an unknown cause is not taken for an inference.
    with pytest.raises(IllegalTransition, match="does not undo your decision"):
        transition(S.IGNORED, E.REAPPEARED, closed_by=closed_by)


@pytest.mark.parametrize("event", [e for e in E if e is not E.REAPPEARED])
def test_transition_closed_by_matters_only_to_reappearing(event: LifecycleEvent) -> None:
    for status in Status:
        for closed_by in (None, E.VANISHED, E.DECIDED_IGNORE):
            try:
                plain = transition(status, event)
            except IllegalTransition:
                with pytest.raises(IllegalTransition):
                    transition(status, event, closed_by=closed_by)
            else:
                assert transition(status, event, closed_by=closed_by) is plain


def test_recorded_a_move_that_changes_the_status() -> None:
    assert recorded(S.PENDING, S.IGNORED, E.VANISHED, None)
    assert not recorded(S.IGNORED, S.IGNORED, E.VANISHED, E.VANISHED)


def test_recorded_a_decision_on_an_inference_though_the_status_stays() -> None:
    # Ignored because it vanished, then ignored by the user: the same status, but now for good.
    assert recorded(S.IGNORED, S.IGNORED, E.DECIDED_IGNORE, E.VANISHED)
    assert not recorded(S.IGNORED, S.IGNORED, E.DECIDED_IGNORE, E.DECIDED_IGNORE)
    assert not recorded(S.ACCEPTED, S.ACCEPTED, E.DECIDED_ACCEPT, E.CONNECTED)


def test_decisions_are_no_inferences() -> None:
    assert not DECISIONS & INFERENCES
    assert sorted(INFERENCES) == [E.VANISHED]
    assert sorted(DECISIONS) == [E.DECIDED_ACCEPT, E.DECIDED_IGNORE]


def test_decisions_are_the_events_the_store_calls_decisions() -> None:
    # The store reads "settled by the user" from the events it keeps, without importing these.
    assert {e.value for e in DECISIONS} == set(STORED_DECISIONS)
