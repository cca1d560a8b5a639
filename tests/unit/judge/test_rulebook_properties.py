"""Properties of the evaluation: total, deterministic, independent of the order of its inputs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.config.rules import ListsSettings, RulesSettings
from watcher.judge.notes import note_fingerprint
from watcher.judge.rulebook import evaluate
from watcher.models import (
    Acquaintance,
    Direction,
    EvaluationInput,
    Event,
    History,
    HistoryKind,
    InvitationView,
    Owner,
    Position,
    School,
    Verdict,
)

RULES = RulesSettings()
LISTS = ListsSettings()
WORDS = [
    "we",
    "never",
    "met",
    "coffee",
    "PR",
    "Acme",
    "Corp",
    "summit",
    "Lisbon",
    "free",
    "demo",
    "I",
    "help",
    "agencies",
    "growing",
    "network",
    "haven't",
    "William",
    "crypto",
    "LION",
    "https://x.example/",
    "University",
    "of",
    "because",
    "—",
    "’",
    "!",
    "marketers",
]
notes = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join) | st.text(max_size=200)
times = (
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
    )
    | st.none()
)
traces = st.builds(
    Acquaintance,
    kind=st.sampled_from(list(HistoryKind)),
    name=st.sampled_from(["Jane Roe", "J. Roe"]),
    emails=st.lists(st.sampled_from(["j@roe.example", "jane@acme.example"]), max_size=2).map(tuple),
    company=st.sampled_from(["", "Acme", "Brightside"]),
    at=times,
    detail=st.sampled_from(["", "Q3 review", "Media Relations"]),
    source=st.sampled_from(["a.vcf", "b.ics", "Endorsement_Received_Info.csv"]),
)
positions = st.builds(
    Position,
    company=st.sampled_from(["Acme Corp", "Brightwave GmbH", "Freelance", "Lisbon Media"]),
    started=st.dates(min_value=date(2000, 1, 1), max_value=date(2025, 1, 1)) | st.none(),
    finished=st.none() | st.just(date(2025, 6, 1)),
)
events = st.builds(
    Event,
    name=st.sampled_from(["Lisbon PR Summit 2026", "Web Summit", "Weekly sync"]),
    starts_at=times,
    attended=st.booleans(),
)
schools = st.builds(School, name=st.sampled_from(["University of Lisbon", "INSEAD"]))
interests = st.lists(st.sampled_from(["public relations", "PR", "marketing", "AI"]), max_size=3)


@st.composite
def inputs(draw: st.DrawFn) -> EvaluationInput:
    invitation = InvitationView(
        id=1,
        name="Jane Roe",
        profile_url="https://www.linkedin.com/in/jane-roe",
        direction=Direction.INCOMING,
        sent_at=datetime(2026, 4, 1, tzinfo=UTC),
        message=draw(notes),
        headline=draw(notes),
        mutual_connections=draw(st.none() | st.integers(0, 600)),
    )
    owner = Owner(
        first_name="William",
        positions=tuple(draw(st.lists(positions, max_size=3))),
        schools=tuple(draw(st.lists(schools, max_size=2))),
        events=tuple(draw(st.lists(events, max_size=3))),
        interests=tuple(draw(interests)),
    )
    history = History(
        acquaintances=tuple(draw(st.lists(traces, max_size=4))),
        same_note_senders=draw(st.integers(0, 5)),
    )
    return EvaluationInput(invitation, owner, history)


T = TypeVar("T")


def shuffled(values: tuple[T, ...], data: st.DataObject) -> tuple[T, ...]:
    return tuple(data.draw(st.permutations(values)))


def reordered(item: EvaluationInput, data: st.DataObject) -> EvaluationInput:
    owner = item.owner
    return EvaluationInput(
        item.invitation,
        Owner(
            first_name=owner.first_name,
            positions=shuffled(owner.positions, data),
            schools=shuffled(owner.schools, data),
            events=shuffled(owner.events, data),
            interests=shuffled(owner.interests, data),
        ),
        History(
            acquaintances=shuffled(item.history.acquaintances, data),
            same_note_senders=item.history.same_note_senders,
        ),
    )


@settings(max_examples=300, deadline=None)
@given(inputs(), st.data())
def test_evaluate_is_independent_of_input_order(item: EvaluationInput, data: st.DataObject) -> None:
    assert evaluate(reordered(item, data), RULES, LISTS) == evaluate(item, RULES, LISTS)


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_evaluate_is_deterministic_and_scores_its_findings(item: EvaluationInput) -> None:
    first = evaluate(item, RULES, LISTS)
    assert evaluate(item, RULES, LISTS) == first
    assert first.score == sum(f.points for f in first.findings)
    ids = [f.rule for f in first.findings]
    assert len(ids) == len(set(ids))


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_evaluate_verdict_follows_the_thresholds_without_overrides(item: EvaluationInput) -> None:
    evaluation = evaluate(item, RULES, LISTS)
    if any(f.rule.startswith("verdict.") for f in evaluation.findings):
        return
    if evaluation.score >= RULES.accept_at:
        expected = Verdict.ACCEPT
    elif evaluation.score >= RULES.meet_first_at:
        expected = Verdict.MEET_FIRST
    else:
        expected = Verdict.IGNORE
    assert evaluation.verdict is expected


@given(st.text(max_size=300))
def test_note_fingerprint_is_stable_under_apostrophe_style_and_ascii_case(note: str) -> None:
    fingerprint = note_fingerprint(note)
    assert note_fingerprint(note.replace("'", "’")) == fingerprint
    swapped = "".join(c.swapcase() if c.isascii() else c for c in note)
    assert note_fingerprint(swapped) == fingerprint
