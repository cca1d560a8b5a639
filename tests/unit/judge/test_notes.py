"""Fingerprints of template notes: equal for one template, empty for no note."""

from __future__ import annotations

from watcher.judge.notes import note_fingerprint


def test_note_fingerprint_ignores_case_punctuation_and_signature() -> None:
    one = note_fingerprint("Hi William, I'd love to connect about PR trends! Best, John")
    other = note_fingerprint("hi william — I’d love to connect about pr trends. Best regards, Ann")
    assert one == other != ""


def test_note_fingerprint_is_empty_for_no_note_stock_text_and_short_notes() -> None:
    assert note_fingerprint("") == ""
    assert note_fingerprint("I'd like to add you to my professional network on LinkedIn.") == ""
    assert note_fingerprint("Hi William!") == ""


def test_note_fingerprint_differs_for_different_notes() -> None:
    assert note_fingerprint("We met at the summit, great talk") != note_fingerprint(
        "We met at the party, great talk"
    )
