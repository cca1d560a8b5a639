"""The labelled set (``tests.support.labelled``): every verdict agrees with a careful reader."""

from __future__ import annotations

import pytest

from tests.support.labelled import CASES, Case, agreement, verdict

#: kinds the rules do not judge like a person yet (issue 15, parts 3 and 4)
PENDING = {"field", "school", "event"}


def _marked(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason="issue 15")] if case.kind in PENDING else []
    return pytest.param(case, marks=marks, id=f"{case.language}-{case.kind}")


@pytest.mark.parametrize("case", [_marked(case) for case in CASES])
def test_labelled_invitation_gets_the_careful_readers_verdict(case: Case) -> None:
    assert verdict(case) is case.expected, case.note or case.headline


def test_labelled_agreement_is_complete_in_every_language_and_kind() -> None:
    table = agreement(tuple(case for case in CASES if case.kind not in PENDING))
    assert {key: f"{a}/{t}" for key, (a, t) in table.items() if a < t} == {}
