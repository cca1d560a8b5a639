"""The note fingerprint in the core: text folding the store uses without the rules."""

from __future__ import annotations

from watcher.core.fingerprint import is_stock, note_fingerprint
from watcher.core.phrases import normalise
from watcher.judge import notes

STOCK = ("i would like to add you to my professional network on? linkedin?",)
TEMPLATE = "Hello, I help founders scale their sales pipeline with proven outreach systems."


def test_fingerprint_drops_a_trailing_sign_off_and_folds_case() -> None:
    one = note_fingerprint("Hi William, I'd love to connect about PR trends! Best, John", STOCK)
    other = note_fingerprint("hi william — I’d love to connect about pr trends. Cheers, Ann", STOCK)

    assert one == other != ""


def test_fingerprint_is_empty_for_stock_text_only_with_those_patterns() -> None:
    stock = "I would like to add you to my professional network on LinkedIn, thanks"

    assert note_fingerprint(stock, STOCK) == ""
    assert note_fingerprint(stock, ()) != ""


def test_fingerprint_of_the_rules_uses_the_shipped_stock_text() -> None:
    for note in (TEMPLATE, "", "I'd like to add you to my professional network on LinkedIn."):
        assert notes.note_fingerprint(note) == note_fingerprint(note, notes._STOCK)


def test_is_stock_allows_a_few_words_around_the_stock_text() -> None:
    assert is_stock(normalise("Hi Ana, I would like to add you to my professional network"), STOCK)
    assert not is_stock(normalise(TEMPLATE), STOCK)
