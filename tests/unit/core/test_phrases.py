"""Phrase normalisation folds text the way names are folded (``watcher.core.folding``)."""

from __future__ import annotations

import pytest

from watcher.core.identity import name_key
from watcher.core.matching import normalise_name
from watcher.core.phrases import find, normalise


@pytest.mark.parametrize(
    ("note", "normalised"),
    [
        ("𝐖𝐞 𝐡𝐚𝐯𝐞𝐧’𝐭 𝐦𝐞𝐭 — 𝐜𝐨𝐟𝐟𝐞𝐞?", "we have not met coffee"),
        ("Ｌｅｔ’ｓ ｃｏｎｎｅｃｔ", "let us connect"),
        ("Wir haben uns in Zürich getroffen", "wir haben uns in zurich getroffen"),
        ("Hej fra København og Tromsø", "hej fra kobenhavn og tromso"),
    ],
)
def test_normalise_folds_styled_letters_accents_and_apostrophes(note: str, normalised: str) -> None:
    assert normalise(note) == normalised


@pytest.mark.parametrize("name", ["Søren Ødegård", "Łukasz Żółć", "𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡", "Seán O’Brien"])
def test_normalise_names_a_person_as_names_and_matching_do(name: str) -> None:
    # one folding: a name in a note, a name key and a matched name agree letter for letter
    assert normalise(name).replace(" ", "") == name_key(name).replace(" ", "")
    assert normalise(name).replace(" ", "") == normalise_name(name).replace(" ", "")


def test_patterns_match_a_styled_note() -> None:
    assert find(["not ... met"], normalise("𝐖𝐞 𝐡𝐚𝐯𝐞 𝐧𝐨𝐭 𝐲𝐞𝐭 𝐦𝐞𝐭")) == "not yet met"
