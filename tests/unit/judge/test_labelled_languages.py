"""The labelled set (``tests.support.labelled``): every verdict agrees with a careful reader."""

from __future__ import annotations

import pytest

from tests.support.labelled import CASES, Case, agreement, verdict


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case.language}-{case.kind}")
def test_labelled_invitation_gets_the_careful_readers_verdict(case: Case) -> None:
    assert verdict(case) is case.expected, case.note or case.headline


def test_labelled_agreement_is_complete_in_every_language_and_kind() -> None:
    table = agreement()
    assert {key: f"{a}/{t}" for key, (a, t) in table.items() if a < t} == {}
