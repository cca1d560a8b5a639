from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watcher.core.matching import (
    NAME_SCORE_CAP,
    MatchVia,
    NameIndex,
    name_tokens,
    normalise_name,
    score_names,
)
from watcher.models import Acquaintance, HistoryKind


def _index(*names: str) -> NameIndex[str]:
    return NameIndex.from_pairs((name, name) for name in names)


def _found(index: NameIndex[str], name: str) -> list[str]:
    return [match.candidate for match in index.find(name)]


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("Lopez, Maria", ("maria", "lopez")),
        ("Jo Smith, PhD", ("jo", "smith")),
        ("Sam Rauf, ACCA, FMVA®", ("sam", "rauf")),
        ("Dr. Réka  Fekete", ("reka", "fekete")),
        ("Jo Tim, FICS (UK)", ("jo", "tim")),
        (" Kate  Bell", ("kate", "bell")),
        ("Ayşe Yılmaz Kaya", ("ayse", "yilmaz", "kaya")),
        ("Mary-Jane O'Brien 🚀", ("mary", "jane", "obrien")),
        ("Smith, John A., Jr.", ("john", "a", "smith")),
        ("Jean-Pierre Dupont, M.Sc.", ("jean", "pierre", "dupont")),
        ("John Doe Jr", ("john", "doe")),
        ("Yo-Yo Ma", ("yo", "yo", "ma")),
        ("", ()),
        ("🚀 ®", ()),
    ],
)
def test_name_tokens_normalise_variants(raw: str, tokens: tuple[str, ...]) -> None:
    assert name_tokens(raw) == tokens


def test_normalise_name_joins_tokens() -> None:
    assert normalise_name("Lopez,  María (she/her)") == "maria lopez"


@given(st.text(max_size=40))
def test_name_tokens_is_idempotent(raw: str) -> None:
    once = normalise_name(raw)
    assert normalise_name(once) == once


@given(st.text(max_size=30), st.text(max_size=30))
def test_score_names_is_bounded(a: str, b: str) -> None:
    score = score_names(name_tokens(a), name_tokens(b))
    assert 0 <= score <= NAME_SCORE_CAP


@pytest.mark.parametrize(
    ("known", "query"),
    [
        ("Maria Lopez", "Lopez, Maria"),
        ("Maria Lopez", "Lopez Maria"),
        ("María López", "Maria Lopez"),
        ("Jo Smith", "Jo  Smith, PhD"),
        ("William Gates", "Bill Gates"),
        ("Robert Dale", "Bob Dale"),
        ("Elizabeth Warren", "Liz Warren"),
        ("Katherine Bell", "Kate Bell"),
        ("Catherine Bell", "Kate Bell"),
        ("Michael Scott", "Mike Scott"),
        ("James Holden", "Jim Holden"),
        ("Alexandra Ionescu", "Alex Ionescu"),
        ("Alexander Ionescu", "Alex Ionescu"),
        ("John Ronald Tolkien", "John Tolkien"),
        ("John Smith", "J. Smith"),
        ("Daniel Kahn", "Dan Kahn"),
        ("Jonathan Pryce", "Jonathon Pryce"),
        ("Catherine Johnson", "Katherine Jonson"),
        ("Maria Lopez Garcia", "Maria Lopez"),
        ("Sam Rauf, ACCA, FMVA®", "Sam Rauf"),
        ("Madonna", "Madonna"),
    ],
)
def test_name_index_find_matches_variants_of_one_person(known: str, query: str) -> None:
    assert _found(_index(known), query) == [known]


@pytest.mark.parametrize(
    ("known", "query"),
    [
        ("Maria Lopez", "Maria Garcia"),  # first name only
        ("Maria Lopez", "Ana Lopez"),  # surname only
        ("Maria Lopez", "Maria"),  # a lone first name
        ("Maria", "Maria Lopez"),
        ("Christopher Smith", "Christina Smith"),
        ("Daniel Smith", "Danielle Smith"),
        ("John A. Smith", "John B. Smith"),  # different middle names
        ("Marie Curie", "Maria Curie"),
        ("", "Maria Lopez"),
    ],
)
def test_name_index_find_rejects_different_people(known: str, query: str) -> None:
    assert _found(_index(known), query) == []


def test_name_index_find_ranks_url_and_email_above_names() -> None:
    index: NameIndex[str] = NameIndex()
    index.add("by-name", "Maria Lopez")
    index.add("by-email", "M. L.", emails=["Maria@Example.com"])
    index.add("by-url", "Someone Else", profile_url="https://www.linkedin.com/in/maria-lopez")

    found = index.find(
        "Maria Lopez",
        profile_url="https://www.linkedin.com/in/maria-lopez/",
        emails=["maria@example.com "],
    )

    assert [(m.candidate, m.via, m.score) for m in found] == [
        ("by-url", MatchVia.PROFILE_URL, 100.0),
        ("by-email", MatchVia.EMAIL, 100.0),
        ("by-name", MatchVia.NAME, NAME_SCORE_CAP),
    ]


def test_name_index_find_skips_name_twin_with_another_profile_url() -> None:
    index: NameIndex[str] = NameIndex()
    index.add("other", "Maria Lopez", profile_url="https://www.linkedin.com/in/maria-lopez-2")
    index.add("unknown-url", "Maria Lopez")

    found = index.find("Maria Lopez", profile_url="https://www.linkedin.com/in/maria-lopez")

    assert [m.candidate for m in found] == ["unknown-url"]


def test_name_index_find_orders_name_hits_by_score() -> None:
    index = _index("J. Smith", "John Smith", "Johnny Smith")

    found = index.find("John Smith")

    assert [m.candidate for m in found] == ["John Smith", "Johnny Smith", "J. Smith"]
    assert found[0].score > found[1].score > found[2].score


def test_name_index_min_score_filters_weak_hits() -> None:
    strict: NameIndex[str] = NameIndex.from_pairs([("x", "J. Smith")], min_score=90)

    assert strict.find("John Smith") == []
    assert len(strict) == 1


def test_name_index_from_acquaintances_matches_by_email() -> None:
    card = Acquaintance(
        kind=HistoryKind.ADDRESS_BOOK, name="Kate Bell", emails=("kate-bell@mac.com",)
    )
    index = NameIndex.from_acquaintances([card])

    [match] = index.find("K. Bellingham", emails=["KATE-BELL@mac.com"])

    assert match.candidate is card
    assert match.via is MatchVia.EMAIL


def test_name_index_find_returns_each_candidate_once() -> None:
    index: NameIndex[str] = NameIndex()
    index.add("kate", "Kate Bell", emails=["kate@example.com"])

    found = index.find("Kate Bell", emails=["kate@example.com"])

    assert [(m.candidate, m.via) for m in found] == [("kate", MatchVia.EMAIL)]
