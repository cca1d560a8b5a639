"""The ``value.*`` rules one by one: the field, mutual connections, collectors."""

from __future__ import annotations

import pytest

from tests.support.judging import rules_of, run
from watcher.models import Verdict


@pytest.mark.parametrize(
    "headline",
    [
        "PR manager at Brightside",
        "Public Relations Officer",
        "Marketer",
        "Content marketers lead",
        "Head of Communications",
    ],
)
def test_evaluate_field_matches_stems_and_synonyms(headline: str) -> None:
    assert "value.field" in rules_of(run(headline=headline))


@pytest.mark.parametrize("headline", ["Forklift operator", "Nurse", "Supermarket cashier"])
def test_evaluate_field_silent_outside_interests(headline: str) -> None:
    assert "value.field" not in rules_of(run(headline=headline))


def test_evaluate_mutual_connections_scale_with_a_cap() -> None:
    def points(count: int) -> int:
        found = run(mutual=count).findings
        return next((f.points for f in found if f.rule == "value.mutual-connections"), 0)

    assert [points(n) for n in (0, 1, 10, 11, 500)] == [0, 1, 1, 2, 2]


def test_evaluate_collector_counts_against() -> None:
    evaluation = run(headline="PR | LION | I accept all invites")
    assert "value.collector" in rules_of(evaluation)
    assert evaluation.verdict is Verdict.IGNORE
