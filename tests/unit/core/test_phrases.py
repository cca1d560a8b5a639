"""Phrase normalisation folds text the way names are folded (``watcher.core.folding``)."""

from __future__ import annotations

import pytest

from watcher.core.identity import name_key
from watcher.core.matching import normalise_name
from watcher.core.phrases import STEM_LANGUAGES, find, normalise, stems, stems_by_language


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


@pytest.mark.parametrize(
    ("language", "one", "other"),
    [
        ("german", "Datenplattformen", "Datenplattform"),
        ("french", "recherches utilisateurs", "recherche utilisateur"),
        ("spanish", "investigadora de usuarios", "investigación de usuarios"),
        ("italian", "piattaforme dati", "piattaforma dati"),
        ("portuguese", "plataformas de dados", "plataforma de dados"),
        ("dutch", "dataplatformen", "dataplatform"),
        ("english", "marketers", "marketing"),
    ],
)
def test_stems_join_the_forms_of_a_word_in_its_language(
    language: str, one: str, other: str
) -> None:
    assert stems(one, language) == stems(other, language)


@pytest.mark.parametrize(
    ("language", "one", "other"),
    [
        ("german", "Datenplattformen", "Datenplattform"),
        ("spanish", "investigadora de usuarios", "investigación de usuarios"),
        ("italian", "piattaforme dati", "piattaforma dati"),
        ("dutch", "dataplatformen", "dataplatform"),
    ],
)
def test_stems_english_alone_would_miss_these(language: str, one: str, other: str) -> None:
    assert stems(one) != stems(other)
    assert stems(one, language) == stems(other, language)


def test_stems_by_language_one_tuple_per_language_and_numbers_as_they_are() -> None:
    by_language = stems_by_language(("datenplattformen", "2026", "10k"))
    assert len(by_language) == len(STEM_LANGUAGES)
    german = by_language[STEM_LANGUAGES.index("german")]
    assert german == ("datenplattform", "2026", "10k")
    assert stems_by_language(()) == tuple(() for _ in STEM_LANGUAGES)
