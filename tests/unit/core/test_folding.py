"""The one text folding: styled letters, case, accents and apostrophes, for comparing only."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from watcher.core.folding import fold, plain, unify_quotes


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡", "john smith"),  # styled letters: NFKC before case folding
        ("𝑱𝒐𝒉𝒏 𝑺𝒎𝒊𝒕𝒉", "john smith"),
        ("Ｊｏｈｎ ＳＭＩＴＨ", "john smith"),
        ("ℂ𝕒𝕗é", "cafe"),
        ("Réka Fekete", "reka fekete"),
        ("Łukasz Żółć", "lukasz zolc"),
        ("Søren Ødegård Æsir", "soren odegard aesir"),
        ("Straße", "strasse"),
        ("we’ve ‘met’ at O´Brien`s", "we've 'met' at o'brien's"),
        ("“Quoted” „low“", '"quoted" "low"'),
        ("مُحَمَّد", "محمد"),  # Arabic vowel marks go
        ("محمـــد", "محمد"),  # and the tatweel that stretches a word
        ("שָׁלוֹם", "שלום"),  # Hebrew points go
        ("plain ascii, kept: 42!", "plain ascii, kept: 42!"),
    ],
)
def test_fold_makes_text_comparable(text: str, folded: str) -> None:
    assert fold(text) == folded


@example("𝜜")
@example("ᾳ")
@example("ǰ")
@example("´")
@given(st.text(max_size=30))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_plain_keeps_case_and_accents() -> None:
    assert plain("𝐀𝐂𝐂𝐀 Réka’s") == "ACCA Réka's"


def test_unify_quotes_touches_nothing_else() -> None:
    assert unify_quotes("It’s “Ünïcode”") == 'It\'s "Ünïcode"'
