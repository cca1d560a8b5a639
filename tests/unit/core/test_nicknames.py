"""Given names that may be one person's: the nicknames dataset, one step at a time, and the
hand-written groups of the other languages."""

from __future__ import annotations

import pytest

from watcher.core.matching import NameIndex
from watcher.core.nicknames import may_be_one_name, nickname_groups


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("peggy", "margaret"),  # the dataset, not the old hand-written table
        ("bess", "elizabeth"),
        ("will", "bill"),  # two short forms of william
        ("kathi", "katharina"),  # German, not in the dataset
        ("beppe", "giuseppe"),  # Italian
        ("paco", "francisco"),  # Spanish
        ("dima", "dmitry"),
        ("catherine", "katherine"),  # spellings of one name
    ],
)
def test_may_be_one_name_for_a_short_form_and_its_name(a: str, b: str) -> None:
    assert may_be_one_name(a, b)
    assert may_be_one_name(b, a)
    assert not nickname_groups(a).isdisjoint(nickname_groups(b))  # blocking keeps the pair


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("marie", "maria"),  # both shorten "marietta" in the dataset: names in their own right
        ("bill", "bob"),  # both robert's, but bill is also william's: too far
        ("jonas", "johannes"),
    ],
)
def test_may_be_one_name_not_for_names_of_their_own(a: str, b: str) -> None:
    assert not may_be_one_name(a, b)


def test_name_index_finds_a_nickname_from_the_dataset() -> None:
    index: NameIndex[str] = NameIndex()
    index.add("address book", "Margaret Hollis")
    assert [match.candidate for match in index.find("Peggy Hollis")] == ["address book"]
    assert index.find("Peggy Holt") == []
