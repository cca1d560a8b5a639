"""Normalised profile URLs and name keys: how one person is recognised across files."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watcher.core.identity import name_key, normalise_url

CANONICAL = "https://www.linkedin.com/in/jo-smith"


@pytest.mark.parametrize(
    "text",
    [
        "https://www.linkedin.com/in/jo-smith",
        "http://www.linkedin.com/in/jo-smith/",
        "https://linkedin.com/in/Jo-Smith?trk=abc",
        "www.linkedin.com/in/jo-smith",
        "linkedin.com/in/jo-smith#about",
        "  HTTPS://WWW.LINKEDIN.COM/IN/JO-SMITH/  ",
        "https://uk.linkedin.com/in/jo-smith/details/experience/",
        "https://www.linkedin.com/in/%6Ao-smith",
    ],
)
def test_normalise_url_reduces_every_form_to_one(text: str) -> None:
    assert normalise_url(text) == CANONICAL


def test_normalise_url_percent_decodes_unicode_slugs() -> None:
    encoded = normalise_url("https://www.linkedin.com/in/r%C3%A9ka-fekete-b60542b9")
    raw = normalise_url("https://www.linkedin.com/in/réka-fekete-b60542b9")
    assert encoded == raw == "https://www.linkedin.com/in/réka-fekete-b60542b9"


def test_normalise_url_keeps_symbols_in_slugs() -> None:
    url = "https://www.linkedin.com/in/sam-rauf-acca-fmva®-0b69998b"
    assert normalise_url(url) == url


@pytest.mark.parametrize(
    "text",
    [
        "",
        "urn:li:member:12345",
        "https://www.linkedin.com/company/acme",
        "https://www.linkedin.com/in/",
        "https://example.com/in/jo-smith",
        "https://www.linkedin.com.evil.example/in/jo",
        "jo@example.com",
        "meet.google.com/abc-defg-hij",
    ],
)
def test_normalise_url_is_none_for_non_profiles(text: str) -> None:
    assert normalise_url(text) is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Jo Smith", "jo smith"),
        ("  Jo   Smith ", "jo smith"),
        ("Jo Smith, PhD", "jo smith"),
        ("Sam Rauf, ACCA, FMVA®", "sam rauf"),
        ("Réka Fekete", "reka fekete"),
        ("Ayşe Yılmaz Kaya", "ayse yilmaz kaya"),
        ("Jo Smith 🚀", "jo smith"),
        ("Jo (Joanna) Smith", "jo smith"),
        ("O'Brien", "obrien"),
        ("Jean-Luc Picard", "jean luc picard"),
        ("STRASSE", "strasse"),
        ("Łukasz Bjørn", "lukasz bjorn"),
        ("🚀", ""),
    ],
)
def test_name_key_folds_what_varies_across_files(name: str, key: str) -> None:
    assert name_key(name) == key


@given(st.text(max_size=60))
def test_name_key_is_idempotent(name: str) -> None:
    assert name_key(name_key(name)) == name_key(name)


@given(st.text(max_size=60))
def test_normalise_url_is_idempotent_on_anything(text: str) -> None:
    once = normalise_url(text)
    if once is not None:
        assert normalise_url(once) == once


slugs = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda s: not any(c in s for c in "/?#%"))


@given(
    slugs,
    st.sampled_from(["https://www.", "http://", "", "www."]),
    st.sampled_from(["", "/", "?x=1"]),
)
def test_normalise_url_ignores_scheme_www_and_tail(slug: str, prefix: str, tail: str) -> None:
    expected = normalise_url(f"https://www.linkedin.com/in/{slug}")
    assert normalise_url(f"{prefix}linkedin.com/in/{slug}{tail}") == expected


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_name_key_ascii_fast_path_agrees_with_the_unicode_fold(name: str) -> None:
    # A zero-width space vanishes from any key but sends the name down the Unicode path.
    assert name_key(name) == name_key("\u200b" + name)
